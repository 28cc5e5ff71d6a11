/**
 * What the editor publishes of a file with very many problems: at most what VS Code's extension
 * host forwards (1,000 per file), errors first, and how many more there are; and a whole text
 * validated in steps equals one validated at once.
 */
import * as assert from 'assert';
import { ManifestDocument } from '../../../../src/manifest/document/document';
import { MAX_SHOWN_PER_FILE, hiddenTotal, noteSeverity, selectShown } from '../../../../src/manifest/document/shown-problems';
import type { Problem } from '../../../../src/manifest/types';
import { cls } from '../helpers';

/** A line with one error (an unparsable line) and a line with one warning (image_size as a bare object). */
const ERROR_LINE = '{broken';
function warningLine(i: number): string {
  return JSON.stringify({
    'source-ref': `s3://my-bucket/${i}.png`,
    'bounding-box': { image_size: { width: 100, height: 100, depth: 3 }, annotations: [{ class_id: 0, top: 1, left: 1, width: 5, height: 5 }] },
    'bounding-box-metadata': {
      objects: [{ confidence: 1 }],
      'class-map': { '0': 'cat' },
      type: 'groundtruth/object-detection',
      'human-annotated': 'yes',
      'creation-date': '2024-03-06T17:46:39Z',
      'job-name': 'j',
    },
  });
}

const rank = (p: Problem): number => (p.severity === 'error' ? 0 : p.severity === 'warning' ? 1 : 2);

describe('the problems an editor shows of a file with very many', () => {
  // 1,500 warning lines first, then 800 error lines: errors must come first although they are later in the file.
  const lines = [...Array.from({ length: 1500 }, (_, i) => warningLine(i)), ...Array.from({ length: 800 }, () => ERROR_LINE)];
  const doc = new ManifestDocument(lines.join('\n'));

  it('at most 1,000, errors first, by line within a severity, with the count of the rest', () => {
    const all = doc.problems();
    assert.ok(all.length > 2000, `the file has ${all.length} problems`);
    const shown = doc.shownProblems(MAX_SHOWN_PER_FILE - 1);
    assert.strictEqual(shown.problems.length, MAX_SHOWN_PER_FILE - 1);
    const errors = all.filter((p) => p.severity === 'error').length;
    assert.ok(shown.problems.slice(0, errors).every((p) => p.severity === 'error'), 'every error before any warning');
    for (let k = 1; k < shown.problems.length; k++) {
      const a = shown.problems[k - 1];
      const b = shown.problems[k];
      assert.ok(rank(a) < rank(b) || (rank(a) === rank(b) && a.line <= b.line), `order at ${k}`);
    }
    assert.strictEqual(shown.problems.length + hiddenTotal(shown.hidden), all.length, 'shown + hidden = all');
    assert.strictEqual(shown.hidden.errors, 0);
    assert.strictEqual(shown.hidden.warnings, all.filter((p) => p.severity === 'warning').length - (MAX_SHOWN_PER_FILE - 1 - errors));
    assert.deepStrictEqual(shown, selectShown(all, MAX_SHOWN_PER_FILE - 1));
  });

  it('inserting lines keeps the shown problems on their (new) lines', () => {
    const d = new ManifestDocument(lines.join('\n'));
    d.replaceLines(0, 0, [cls({ ref: 's3://my-bucket/x.jpg' }), cls({ ref: 's3://my-bucket/y.jpg' })]);
    const shown = d.shownProblems(10).problems;
    assert.strictEqual(shown[0].code, 'ERROR_TOO_MANY_RECORDS_IN_ERROR', 'the file-scope error at line 0 first');
    assert.strictEqual(shown[1].line, 1502, 'the first error line moved down by two');
    assert.deepStrictEqual(shown, selectShown(d.problems(), 10).problems);
  });

  it('a text validated in steps equals the same text validated at once', () => {
    const text = [...lines.slice(1490, 1510), cls({ ref: 's3://my-bucket/1.png' }), cls({ ref: 's3://my-bucket/1.png' }), ''].join('\r\n') + '\n';
    let steps = 0;
    const stepped = new ManifestDocument(text, undefined, true);
    assert.ok(stepped.validating);
    while (!stepped.continueText(() => true)) steps++;
    assert.ok(!stepped.validating);
    const whole = new ManifestDocument(text);
    assert.strictEqual(stepped.lineCount, whole.lineCount);
    assert.deepStrictEqual(stepped.problems(), whole.problems());
    assert.deepStrictEqual(stepped.stats, whole.stats);
    for (const t of ['', '\n', 'x', `${ERROR_LINE}\n${ERROR_LINE}`]) {
      const s = new ManifestDocument(t, undefined, true);
      while (!s.continueText(() => true));
      assert.deepStrictEqual(s.problems(), new ManifestDocument(t).problems(), JSON.stringify(t));
      assert.strictEqual(s.lineCount, new ManifestDocument(t).lineCount);
    }
    // 25 lines at 64 per look at the clock: one step; a long text takes several.
    const long = new ManifestDocument(lines.join('\n'), undefined, true);
    let longSteps = 1;
    while (!long.continueText(() => true)) longSteps++;
    assert.ok(longSteps >= Math.floor(lines.length / 64), `${longSteps} steps`);
    assert.deepStrictEqual(long.problems(), doc.problems());
    assert.strictEqual(steps, 0);
  });

  it('a large text validated in steps ends with the whole-file index in steps of its own, with the same problems', () => {
    // 12,000 lines (every 1,000th source-ref repeated three lines later: duplicate groups), one step per 64 lines.
    const many = Array.from({ length: 12_000 }, (_, i) => cls({ ref: `s3://my-bucket/${i % 1000 === 3 ? i - 3 : i}.jpg` }));
    const text = many.join('\n') + '\n';
    const stepped = new ManifestDocument(text, undefined, true);
    let calls = 0;
    let done = false;
    while (!done) {
      done = stepped.continueText(() => true);
      calls++;
    }
    // 12,001 lines (the empty one after the last newline) at 64 per step: 188 steps of lines, then
    // the source-ref hashes counted, then the duplicates grouped: 2 more.
    assert.strictEqual(calls, Math.ceil(12_001 / 64) + 2);
    const whole = new ManifestDocument(text);
    assert.deepStrictEqual(stepped.problems(), whole.problems());
    assert.deepStrictEqual(stepped.stats, whole.stats);
    assert.strictEqual(stepped.problems().filter((p) => p.code === 'CL_DUPLICATE_SOURCE_REF').length, 2 * 12, 'each of the 12 repeated refs on its two lines');
  });

  it('the note counting what is not shown takes the most severe of the file\'s problems, so the Problems view lists it first', () => {
    const p = (line: number, severity: Problem['severity']): Problem => ({ line, start: 0, end: 1, code: 'ERROR_INVALID_JSON_LINE', message: 'x', severity, scope: 'line' }) as Problem;
    // 999 errors shown, warnings left out: the view lists errors before warnings, so the note is an error.
    const errorsShown = selectShown([...Array.from({ length: 1200 }, (_, i) => p(i, 'error')), ...Array.from({ length: 10 }, (_, i) => p(2000 + i, 'warning'))], 999);
    assert.equal(errorsShown.hidden.errors, 201);
    assert.equal(noteSeverity(errorsShown), 'error');
    const warningsHidden = selectShown([p(0, 'error'), ...Array.from({ length: 1200 }, (_, i) => p(1 + i, 'warning'))], 999);
    assert.equal(warningsHidden.hidden.errors, 0);
    assert.equal(noteSeverity(warningsHidden), 'error', 'an error shown still sorts above a warning note');
    assert.equal(noteSeverity(selectShown(Array.from({ length: 1200 }, (_, i) => p(i, 'warning')), 999)), 'warning');
    assert.equal(noteSeverity(selectShown(Array.from({ length: 1200 }, (_, i) => p(i, 'information')), 999)), 'information');
  });
});
