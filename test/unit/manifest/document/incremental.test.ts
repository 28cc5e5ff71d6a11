/**
 * Incremental validation: a document edited through applyEdit / replaceLines must report exactly
 * what validating its new text from scratch reports (problems, stats, labels, entries).
 */
import * as assert from 'assert';
import fc from 'fast-check';
import { ManifestDocument, type EditRange } from '../../../../src/manifest/document/document';
import { selectShown } from '../../../../src/manifest/document/shown-problems';
import { cls, det } from '../helpers';

/** The oracle: the same edit applied to a plain string. */
function applyToText(text: string, r: EditRange, insert: string): string {
  const lines = text.split('\n');
  const offset = (line: number, ch: number): number => {
    let o = 0;
    for (let k = 0; k < line; k++) o += lines[k].length + 1;
    return o + Math.min(ch, lines[line].length);
  };
  return text.slice(0, offset(r.startLine, r.startCharacter)) + insert + text.slice(offset(r.endLine, r.endCharacter));
}

function assertSameAsFresh(doc: ManifestDocument, text: string): void {
  const fresh = new ManifestDocument(text);
  assert.strictEqual(doc.lineCount, fresh.lineCount);
  for (let i = 0; i < doc.lineCount; i++) {
    assert.strictEqual(doc.lineText(i), fresh.lineText(i), `line ${i} text`);
    assert.deepStrictEqual(doc.lineResult(i), fresh.lineResult(i), `line ${i} result`);
  }
  const problems = fresh.problems();
  assert.deepStrictEqual(doc.problems(), problems);
  // What an editor shows, chosen incrementally, equals choosing from the whole sorted list.
  for (const limit of [1, 2, 1000]) assert.deepStrictEqual(doc.shownProblems(limit), selectShown(problems, limit), `shown, limit ${limit}`);
  assert.deepStrictEqual(doc.stats, fresh.stats);
  assert.deepStrictEqual(doc.labels().sort(), fresh.labels().sort());
}

class Editor {
  text: string;
  readonly doc: ManifestDocument;
  constructor(text: string) {
    this.text = text;
    this.doc = new ManifestDocument(text);
  }
  edit(range: EditRange, insert: string): void {
    this.text = applyToText(this.text, range, insert);
    this.doc.applyEdit(range, insert);
    assertSameAsFresh(this.doc, this.text);
  }
}

const A = cls({ ref: 's3://my-bucket/a.jpg' });
const B = cls({ ref: 's3://my-bucket/b.jpg', meta: { 'class-name': 'dog' } });
const D = det({ ref: 's3://my-bucket/d.png' });

describe('incremental editing (applyEdit) equals validating from scratch', () => {
  it('typing inside a value, one character at a time', () => {
    const e = new Editor([A, B, D].join('\n') + '\n');
    const at = B.indexOf('"dog"') + 1;
    for (const [k, ch] of [...'bird'].entries()) e.edit({ startLine: 1, startCharacter: at + k, endLine: 1, endCharacter: at + k }, ch);
    assert.ok(e.doc.labels().includes('birddog'));
  });

  it('inserting and deleting whole lines shifts the later problems', () => {
    const e = new Editor([A, '{broken', B, A].join('\n'));
    e.edit({ startLine: 0, startCharacter: 0, endLine: 0, endCharacter: 0 }, `${D}\n\n`);
    assert.deepStrictEqual(e.doc.problems().filter((p) => p.code === 'ERROR_INVALID_JSON_LINE').map((p) => p.line), [3]);
    e.edit({ startLine: 1, startCharacter: 0, endLine: 3, endCharacter: 0 }, '');
    assert.deepStrictEqual(e.doc.problems().filter((p) => p.code === 'ERROR_INVALID_JSON_LINE').map((p) => p.line), [1]);
  });

  it('an edit that creates, then removes, a duplicate source-ref', () => {
    const e = new Editor([A, B].join('\n'));
    const start = B.indexOf('b.jpg');
    e.edit({ startLine: 1, startCharacter: start, endLine: 1, endCharacter: start + 1 }, 'a');
    assert.strictEqual(e.doc.problems().filter((p) => p.code === 'CL_DUPLICATE_SOURCE_REF').length, 2);
    e.edit({ startLine: 1, startCharacter: start, endLine: 1, endCharacter: start + 1 }, 'b');
    assert.deepStrictEqual(e.doc.problems(), []);
  });

  it('a multi-line replacement, CRLF line ends, and the final newline', () => {
    const e = new Editor([A, B, D].join('\r\n'));
    e.edit({ startLine: 0, startCharacter: 5, endLine: 2, endCharacter: 10 }, 'x\r\ny');
    e.edit({ startLine: 0, startCharacter: 0, endLine: 1, endCharacter: 999 }, `${A}\r\n${B}\r\n${D}\r\n`);
    e.edit({ startLine: 3, startCharacter: 0, endLine: 3, endCharacter: 0 }, '\n');
    e.edit({ startLine: 3, startCharacter: 0, endLine: 4, endCharacter: 0 }, '');
  });

  it('deleting everything leaves one empty line and only "The manifest file is empty"', () => {
    const e = new Editor([A, B].join('\n'));
    e.edit({ startLine: 0, startCharacter: 0, endLine: 1, endCharacter: B.length }, '');
    assert.strictEqual(e.doc.lineCount, 1);
    assert.deepStrictEqual(e.doc.problems().map((p) => p.code), ['CL_EMPTY_MANIFEST']);
    assert.strictEqual(e.doc.stats.lines, 0);
  });

  it('replaceLines re-validates only the given lines and keeps the indexes right', () => {
    const doc = new ManifestDocument([A, B, D].join('\n'));
    doc.replaceLines(1, 1, [A, '']);
    const text = [A, A, '', D].join('\n');
    assertSameAsFresh(doc, text);
    doc.replaceLines(0, 4, []);
    assertSameAsFresh(doc, '');
  });

  it('a byte order mark moving off line 0', () => {
    const e = new Editor('\uFEFF' + A);
    e.edit({ startLine: 0, startCharacter: 0, endLine: 0, endCharacter: 0 }, `${B}\n`);
    assert.ok(e.doc.problems().some((p) => p.code === 'ERROR_TOO_MANY_RECORDS_IN_ERROR'));
  });

  it('a byte order mark line moved by replaceLines forgets the labels it had on line 0', () => {
    const doc = new ManifestDocument('\uFEFF' + A);
    doc.replaceLines(0, 0, [B]);
    assertSameAsFresh(doc, `${B}\n\uFEFF${A}`);
    doc.replaceLines(0, 1, []);
    assertSameAsFresh(doc, `\uFEFF${A}`);
  });
});

describe('incremental editing: related locations move with their line', () => {
  it('the causes of a line-level companion follow the line when lines are inserted above it', () => {
    const bad = cls({ ref: 's3://my-bucket/bad.jpg', meta: { confidence: 7 } });
    const doc = new ManifestDocument([A, bad].join('\n'));
    doc.replaceLines(0, 0, [B]);
    const companion = doc.problems().find((p) => p.code === 'ERROR_NO_VALID_LABEL_ATTRIBUTES');
    assert.ok(companion);
    assert.deepStrictEqual([companion.line, companion.related?.map((r) => r.line)], [2, [2]]);
    assertSameAsFresh(doc, [B, A, bad].join('\n'));
  });
});

describe('incremental editing: property over random edit sequences', () => {
  const pool = [
    A,
    B,
    D,
    cls({ ref: 's3://other-bucket/c.jpg', meta: { 'class-name': 'fish' } }),
    cls({ ref: 'https://my-bucket/x.jpg' }),
    det({ ref: 's3://my-bucket/d.png', size: { width: 640, height: 480, depth: 3 } }),
    '{"source-ref": "s3://my-bucket/a.jpg"}',
    '{broken',
    '',
    '  ',
    '\uFEFF' + B,
  ];
  const fragments = ['', '\n', '\r\n', 'x', '"', '}', '{', ',', 's3://other-bucket/', 'a.jpg', ...pool.map((l) => l + '\n')];
  const lineArb = fc.constantFrom(...pool);
  const textArb = fc
    .tuple(fc.array(lineArb, { maxLength: 8 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
    .map(([lines, eol, final]) => lines.join(eol) + (final && lines.length > 0 ? eol : ''));
  const editArb = fc.record({
    a: fc.nat(),
    b: fc.nat(),
    ca: fc.nat({ max: 400 }),
    cb: fc.nat({ max: 400 }),
    text: fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 6 })),
  });

  it('after every replaceLines, the document equals a fresh validation of its lines', () => {
    // Lines moved to and from line 0 with a byte order mark, duplicates, and two refs with equal hashes.
    const lines = [...pool, A + '\r', '\uFEFF' + A, cls({ ref: 's3://my-bucket/2756.jpg' }), cls({ ref: 's3://my-bucket/5095.jpg' })];
    const opArb = fc.tuple(fc.nat(12), fc.nat(4), fc.array(fc.constantFrom(...lines), { maxLength: 4 }));
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...lines), { maxLength: 10 }), fc.array(opArb, { minLength: 1, maxLength: 8 }), (initial, ops) => {
        let current = initial.join('\n').split('\n');
        const doc = new ManifestDocument(current.join('\n'));
        for (const [s, d, added] of ops) {
          const start = Math.min(s, current.length);
          const count = Math.min(d, current.length - start);
          doc.replaceLines(start, count, added);
          current = [...current.slice(0, start), ...added, ...current.slice(start + count)];
          if (current.length === 0) current = [''];
          assertSameAsFresh(doc, current.join('\n'));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('after every edit, the document equals a fresh validation of its text', () => {
    fc.assert(
      fc.property(textArb, fc.array(editArb, { minLength: 1, maxLength: 8 }), (text, edits) => {
        const e = new Editor(text);
        for (const ed of edits) {
          const n = e.doc.lineCount;
          let sl = ed.a % n;
          let el = ed.b % n;
          let sc = ed.ca;
          let ec = ed.cb;
          if (el < sl || (el === sl && ec < sc)) [sl, sc, el, ec] = [el, ec, sl, sc];
          const lines = e.text.split('\n');
          // Positions as an editor gives them: inside the line (a CR may be split off, as in any editor).
          sc = Math.min(sc, lines[sl].length);
          ec = Math.min(ec, lines[el].length);
          e.edit({ startLine: sl, startCharacter: sc, endLine: el, endCharacter: ec }, ed.text);
        }
      }),
      { numRuns: 150 },
    );
  });
});
