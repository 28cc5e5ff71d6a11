/**
 * Publishing again after an edit builds only the items (diagnostics) of the problems that
 * changed, and says when nothing changed at all (the editor then sends nothing): counted, on a
 * 100,000-line document with 10,000 and 100,000 problems.
 */
import * as assert from 'assert';
import { ManifestDocument } from '../../../../src/manifest/document/document';
import { PublishedItems } from '../../../../src/manifest/document/published-items';
import type { Problem } from '../../../../src/manifest/types';
import { manifestWithErrors } from '../../../bench/generate';

/** What the editor publishes besides its note (src/language/diagnostics.ts). */
const SHOWN = 999;
const LINES = 100_000;

interface Item {
  line: number;
  message: string;
}

/** Publishes the document's shown problems, counting the items built. */
function publisher(doc: ManifestDocument): () => { items: Item[]; changed: boolean; made: number; shown: Problem[] } {
  const published = new PublishedItems<Item>();
  return () => {
    let made = 0;
    const shown = doc.shownProblems(SHOWN).problems;
    const r = published.update(shown, () => '', (p) => {
      made++;
      return { line: p.line, message: p.message };
    });
    assert.equal(r.built, made, 'built counts the items made');
    return { items: r.items, changed: r.changed, made, shown };
  };
}

/** A line of the generator's file whose own problems are shown (a line with an error of its own). */
function shownLineWithOwnProblem(shown: Problem[]): number {
  const p = shown.find((x) => x.scope !== 'file' && x.line > 0);
  assert.ok(p, 'a shown line problem');
  return p.line;
}

for (const problems of [10_000, 100_000]) {
  describe(`publishing the problems of a ${LINES.toLocaleString('en-US')}-line document with ${problems.toLocaleString('en-US')} problems`, function () {
    this.timeout(60_000);
    const lines = manifestWithErrors(LINES, problems);

    it('an edit of one line with a problem builds only that line\'s items and the file-scope ones', () => {
      const doc = new ManifestDocument(lines.join('\n') + '\n');
      const publish = publisher(doc);
      const first = publish();
      assert.equal(first.made, first.shown.length, 'the first publish builds every item');
      assert.equal(first.shown.length, SHOWN, `${SHOWN} problems shown`);
      const line = shownLineWithOwnProblem(first.shown);
      // Still an error line, with other text: its problem objects are new.
      const text = lines[line]!;
      const at = text.indexOf('"x"');
      assert.ok(at > 0, 'the error line of the generator (its label is "x")');
      doc.applyEdit({ startLine: line, startCharacter: at + 1, endLine: line, endCharacter: at + 1 }, 'y');
      const second = publish();
      const own = second.shown.filter((p) => p.line === line && p.scope !== 'file').length;
      const fileScope = second.shown.filter((p) => p.scope === 'file').length;
      assert.ok(own >= 1, 'the edited line still has its problem');
      assert.ok(second.made <= own + fileScope, `${second.made} items built for an edit of one line (its ${own} problems, ${fileScope} file-scope)`);
      assert.equal(second.changed, true);
    });

    // (With a problem on every line there is no line without problems.)
    if (problems < LINES) it('an edit of a line without problems that changes none builds nothing and is no change', () => {
      const doc = new ManifestDocument(lines.join('\n') + '\n');
      const publish = publisher(doc);
      const first = publish();
      // A valid line (the generator's lines at odd numbers are detection lines without errors): a
      // character typed into its source-ref's key keeps it valid and its ref unique.
      const line = 2 * Math.floor(LINES / 4) + 1;
      assert.ok(!first.shown.some((p) => p.line === line), 'the line has no shown problem');
      const text = lines[line]!;
      assert.ok(text.includes('/boxes/'), 'a detection line');
      const at = text.indexOf('/boxes/') + '/boxes/'.length;
      doc.applyEdit({ startLine: line, startCharacter: at, endLine: line, endCharacter: at }, 'q');
      const second = publish();
      assert.equal(second.made, 0, `${second.made} items built`);
      assert.equal(second.changed, false, 'the same items as the last publish');
      assert.deepEqual(second.items, first.items);
    });

    it('an inserted line moves the lines below: their items are built again at their new line', () => {
      const doc = new ManifestDocument(lines.join('\n') + '\n');
      const publish = publisher(doc);
      const first = publish();
      doc.applyEdit({ startLine: 0, startCharacter: 0, endLine: 0, endCharacter: 0 }, lines[1]!.replace('/boxes/', '/boxes/new-') + '\n');
      const second = publish();
      assert.equal(second.changed, true);
      for (const item of second.items) {
        const p = second.shown.find((x) => x.message === item.message && x.line === item.line);
        assert.ok(p, `an item at line ${item.line} stands for a shown problem there`);
      }
      assert.ok(second.items.every((item, i) => item.line === second.shown[i]!.line), 'each item is at its problem\'s line');
      assert.notEqual(first.items[1], second.items[1]);
    });
  });
}

describe('PublishedItems', () => {
  const problem = (line: number, message: string, scope?: 'file'): Problem =>
    ({ line, start: 0, end: 1, message, code: 'X', severity: 'error', ...(scope ? { scope } : {}) }) as unknown as Problem;

  it('keeps a file-scope problem\'s item while its content is the same (such problems are built anew when read)', () => {
    const published = new PublishedItems<string>();
    let made = 0;
    const make = (p: Problem): string => `${made++}:${p.message}`;
    published.update([problem(0, 'share', 'file')], () => '', make);
    const again = published.update([problem(0, 'share', 'file')], () => '', make);
    assert.equal(again.built, 0);
    assert.equal(again.changed, false);
    const other = published.update([problem(0, 'share 21%', 'file')], () => '', make);
    assert.equal(other.built, 1);
    assert.equal(other.changed, true);
  });

  it('builds an item again when the words added to it change', () => {
    const published = new PublishedItems<string>();
    const p = problem(3, 'bad');
    published.update([p], () => '', (q, w) => q.message + w);
    const r = published.update([p], () => ' Also recorded by A.', (q, w) => q.message + w);
    assert.equal(r.built, 1);
    assert.deepEqual(r.items, ['bad Also recorded by A.']);
  });
});
