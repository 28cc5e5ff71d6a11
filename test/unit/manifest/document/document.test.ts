/** ManifestDocument and validateText / validateLines: the whole-file rules and the statistics. */
import * as assert from 'assert';
import { Limits } from '../../../../src/manifest/codes';
import { ManifestDocument } from '../../../../src/manifest/document/document';
import { FileIndex } from '../../../../src/manifest/document/file-index';
import { fileProblems } from '../../../../src/manifest/rules/file-rules';
import { validateLines, validateText } from '../../../../src/manifest/validate';
import type { Problem } from '../../../../src/manifest/types';
import { GUIDE, cls, det, fixture } from '../helpers';

function brief(problems: Problem[], lines: string[]): [number, string, string, string][] {
  return problems.map((p) => [p.line, p.code, p.severity, lines[p.line].slice(p.start, p.end)]);
}

describe('whole-file rules', () => {
  it('accepts the valid mixed fixture: classification, multi-label and detection in one file', () => {
    const { problems, stats } = validateText(fixture('valid-mixed.manifest'));
    assert.deepStrictEqual(problems, []);
    assert.strictEqual(stats.lines, 5);
    assert.strictEqual(stats.entries, 5);
    assert.strictEqual(stats.invalidLines, 0);
    assert.deepStrictEqual([...stats.buckets], [['my-bucket', 5]]);
    assert.deepStrictEqual(Object.fromEntries(stats.labels), { Echo: 2, 'Echo Dot': 2, ball: 1, cat: 1, dog: 1, football: 1 });
  });

  it('CL_DUPLICATE_SOURCE_REF on each later occurrence, related to the first; the first gets a related note', () => {
    const a = cls({ ref: 's3://my-bucket/a.jpg' });
    const b = cls({ ref: 's3://my-bucket/b.jpg' });
    const lines = [a, b, a.replace('"cat"', '"dog"'), a];
    const { problems, stats } = validateText(lines.join('\n'));
    const dups = problems.filter((p) => p.code === 'CL_DUPLICATE_SOURCE_REF');
    assert.deepStrictEqual(brief(dups, lines), [
      [0, 'CL_DUPLICATE_SOURCE_REF', 'information', '"s3://my-bucket/a.jpg"'],
      [2, 'CL_DUPLICATE_SOURCE_REF', 'error', '"s3://my-bucket/a.jpg"'],
      [3, 'CL_DUPLICATE_SOURCE_REF', 'error', '"s3://my-bucket/a.jpg"'],
    ]);
    assert.deepStrictEqual(dups[1].related?.map((r) => [r.line, lines[r.line].slice(r.start, r.end)]), [[0, '"s3://my-bucket/a.jpg"']]);
    assert.deepStrictEqual(dups[0].related?.map((r) => r.line), [2, 3]);
    assert.strictEqual(dups[2].data?.firstLine, 0);
    assert.strictEqual(dups[2].scope, 'file');
    assert.strictEqual(stats.invalidLines, 2);
  });

  it('the streaming validator points each duplicate at its source-ref as written, escapes included, as the document does', async () => {
    // Each ref on two lines; [the line, the value's literal as the line spells it].
    const plain = cls({ ref: 's3://my-bucket/a.jpg' });
    const quoted = cls({ ref: 's3://my-bucket/say "hi".jpg' });
    const backslashed = cls({ ref: 's3://my-bucket/a\\b.jpg' });
    const unicode = cls({ ref: 's3://my-bucket/c.jpg' }).replace('my-bucket/c.jpg', 'my-bucket/\\u0063.jpg');
    // Parsed, 22 characters; as written, an escaped quote at the 23rd: only the ref's own characters tell.
    const tricky = cls({ ref: 's3://my-bucket/e"x.jpg' }).replace('my-bucket/e\\"', 'my-bucket/\\u0065\\"');
    const slashes = cls({ ref: 's3://my-bucket/d.jpg' }).replace('"s3://my-bucket/d.jpg"', '"s3:\\/\\/my-bucket\\/d.jpg"');
    const cases: [string, string][] = [
      [plain, '"s3://my-bucket/a.jpg"'],
      [quoted, '"s3://my-bucket/say \\"hi\\".jpg"'],
      [backslashed, '"s3://my-bucket/a\\\\b.jpg"'],
      [unicode, '"s3://my-bucket/\\u0063.jpg"'],
      [cls({ ref: 's3://my-bucket/c.jpg' }), '"s3://my-bucket/c.jpg"'],
      [slashes, '"s3:\\/\\/my-bucket\\/d.jpg"'],
      [cls({ ref: 's3://my-bucket/d.jpg' }), '"s3://my-bucket/d.jpg"'],
      [tricky, '"s3://my-bucket/\\u0065\\"x.jpg"'],
      [cls({ ref: 's3://my-bucket/e"x.jpg' }), '"s3://my-bucket/e\\"x.jpg"'],
    ];
    const lines = [...cases.map(([l]) => l), plain, quoted, backslashed];
    const literals = [...cases.map(([, w]) => w), cases[0][1], cases[1][1], cases[2][1]];
    const streamed = (await validateLines(lines)).problems.filter((p) => p.code === 'CL_DUPLICATE_SOURCE_REF');
    assert.deepStrictEqual(
      streamed.map((p) => [p.line, lines[p.line].slice(p.start, p.end)]),
      literals.map((w, i) => [i, w]),
    );
    const whole = validateText(lines.join('\n')).problems.filter((p) => p.code === 'CL_DUPLICATE_SOURCE_REF');
    assert.deepStrictEqual(streamed.map((p) => [p.line, p.start, p.end]), whole.map((p) => [p.line, p.start, p.end]));
  });

  it('CL_BLANK_LINE for blank lines, but not for the newline that ends the file', () => {
    const a = cls({ ref: 's3://my-bucket/a.jpg' });
    const b = cls({ ref: 's3://my-bucket/b.jpg' });
    assert.deepStrictEqual(validateText(`${a}\n${b}\n`).problems, []);
    assert.strictEqual(validateText(`${a}\n${b}\n`).stats.lines, 2);
    const text = `${a}\n\n  \n${b}\n\n`;
    const { problems, stats } = validateText(text);
    const blanks = problems.filter((p) => p.code === 'CL_BLANK_LINE');
    assert.deepStrictEqual(blanks.map((p) => [p.line, p.severity, p.start, p.end]), [
      [1, 'warning', 0, 0],
      [2, 'warning', 0, 2],
      [4, 'warning', 0, 0],
    ]);
    assert.strictEqual(stats.lines, 5);
    assert.strictEqual(stats.entries, 2);
    // Counted as lines, in neither share (the sandbox counts them the same way).
    assert.deepStrictEqual([stats.terminalLines, stats.nonTerminalLines, stats.errors], [0, 0, 0]);
    assert.strictEqual(problems.some((p) => p.code === 'CL_RECORDS_IN_ERROR'), false);
    assert.deepStrictEqual(validateText('').stats.lines, 0);
  });

  it('CL_EMPTY_MANIFEST, an error, for a file without a single line ("The manifest file is empty")', () => {
    for (const text of ['', '\n', '\n\n  \n']) {
      const { problems, stats } = validateText(text);
      const empty = problems.filter((p) => p.code === 'CL_EMPTY_MANIFEST');
      assert.deepStrictEqual(empty.map((p) => [p.line, p.start, p.severity, p.scope]), [[0, 0, 'error', 'file']], JSON.stringify(text));
      assert.match(empty[0].message, /^The manifest file is empty/);
      assert.ok(stats.errors >= 1);
      // Blank lines are their own problem; no share of "dropped" lines on top of "empty".
      assert.strictEqual(problems.some((p) => p.code === 'ERROR_TOO_MANY_RECORDS_IN_ERROR'), false);
    }
    assert.deepStrictEqual(validateText(GUIDE[0]).problems, []);
  });

  it('ERROR_IMAGES_IN_MULTIPLE_S3_BUCKETS (the service\'s own code) on the lines outside the majority bucket', () => {
    const lines = [cls({ ref: 's3://main-bucket/1.jpg' }), cls({ ref: 's3://stray-bucket/2.jpg' }), cls({ ref: 's3://main-bucket/3.jpg' })];
    const { problems, stats } = validateText(lines.join('\n'));
    assert.deepStrictEqual(brief(problems, lines), [[1, 'ERROR_IMAGES_IN_MULTIPLE_S3_BUCKETS', 'error', '"s3://stray-bucket/2.jpg"']]);
    assert.match(problems[0].message, /training fails/);
    assert.match(problems[0].message, /"stray-bucket".*"main-bucket"/);
    assert.deepStrictEqual(problems[0].data, { path: ['source-ref'], bucket: 'stray-bucket', majorityBucket: 'main-bucket' });
    assert.deepStrictEqual([...stats.buckets].sort(), [['main-bucket', 2], ['stray-bucket', 1]]);
    // Not a line error: the lines are imported, the service fails training.
    assert.deepStrictEqual([stats.terminalLines, stats.nonTerminalLines], [0, 0]);
  });

  it('a severity override written for the former CL_MULTIPLE_BUCKETS still applies', () => {
    const lines = [cls({ ref: 's3://main-bucket/1.jpg' }), cls({ ref: 's3://stray-bucket/2.jpg' })];
    const warn = validateText(lines.join('\n'), { severityOverrides: { CL_MULTIPLE_BUCKETS: 'warning' } });
    assert.deepStrictEqual(warn.problems.map((p) => [p.code, p.severity]), [['ERROR_IMAGES_IN_MULTIPLE_S3_BUCKETS', 'warning']]);
    assert.deepStrictEqual([warn.stats.errors, warn.stats.warnings], [0, 1]);
    assert.deepStrictEqual(validateText(lines.join('\n'), { severityOverrides: { CL_MULTIPLE_BUCKETS: 'off' } }).problems, []);
    // The new code's own override wins over the old one's.
    const both = validateText(lines.join('\n'), { severityOverrides: { CL_MULTIPLE_BUCKETS: 'off', ERROR_IMAGES_IN_MULTIPLE_S3_BUCKETS: 'information' } });
    assert.deepStrictEqual(both.problems.map((p) => p.severity), ['information']);
  });

  it('ERROR_MANIFEST_TOO_MANY_LABELS above 250 labels, on line 0', () => {
    const lines = Array.from({ length: 251 }, (_, i) => cls({ ref: `s3://my-bucket/${i}.jpg`, meta: { 'class-name': `label-${i}` } }));
    const { problems, stats } = validateText(lines.join('\n'));
    assert.deepStrictEqual(brief(problems, lines), [[0, 'ERROR_MANIFEST_TOO_MANY_LABELS', 'error', '']]);
    assert.match(problems[0].message, /251 labels/);
    assert.strictEqual(stats.labels.size, 251);
    assert.deepStrictEqual(validateText(lines.slice(1).join('\n')).problems, []);
  });

  it('the share of invalid lines: a warning with the percentage, an error above 20%', () => {
    const good = Array.from({ length: 9 }, (_, i) => cls({ ref: `s3://my-bucket/${i}.jpg` }));
    const warn = validateText([...good, '{broken'].join('\n'));
    const share = warn.problems.find((p) => p.code === 'CL_RECORDS_IN_ERROR');
    assert.ok(share);
    // On the first line it counts (line 9, '{broken'), not on the healthy line 0.
    assert.deepStrictEqual([share.line, share.start, share.end, share.severity, share.scope], [9, 0, '{broken'.length, 'warning', 'file']);
    assert.match(share.message, /^10\.0% of the lines \(1 of 10\) have terminal content errors .*the service drops these lines/);
    assert.strictEqual(warn.stats.terminalPercent, 10);

    const over = validateText([...good.slice(0, 7), '{broken', 'oops', '{"source-ref": 3}'].join('\n'));
    const err = over.problems.find((p) => p.code === 'ERROR_TOO_MANY_RECORDS_IN_ERROR');
    assert.ok(err);
    assert.strictEqual(err.severity, 'error');
    assert.match(err.message, /^30\.0% of the lines \(3 of 10\)/);
    assert.strictEqual(over.problems.some((p) => p.code === 'CL_RECORDS_IN_ERROR'), false);

    const exactly = validateText([...good.slice(0, 8), '{broken', '{broken'].join('\n'));
    assert.ok(exactly.problems.some((p) => p.code === 'CL_RECORDS_IN_ERROR'), '20% is not above the threshold');
  });

  it('lines with non-terminal errors never count toward the import\'s 20%: their own share, code and stage (training)', () => {
    const good = Array.from({ length: 6 }, (_, i) => cls({ ref: `s3://my-bucket/${i}.jpg` }));
    // 4 of 10 lines with a non-terminal error (a box off the image, a wrong type): imported with
    // their errors, so no ERROR_TOO_MANY_RECORDS_IN_ERROR; too many fail training instead.
    const bad = [
      det({ ref: 's3://my-bucket/d1.jpg', boxes: [{ class_id: 0, top: 0, left: 600, width: 100, height: 10 }] }),
      det({ ref: 's3://my-bucket/d2.jpg', meta: { type: 'groundtruth/wrongtype' } }),
      cls({ ref: 's3://my-bucket/c1.jpg', meta: { confidence: 2 } }),
      cls({ ref: 's3://my-bucket/c2.jpg', value: 1.5 }),
    ];
    const r = validateText([...good, ...bad].join('\n'));
    assert.strictEqual(r.problems.some((p) => p.code === 'ERROR_TOO_MANY_RECORDS_IN_ERROR' || p.code === 'CL_RECORDS_IN_ERROR'), false);
    const training = r.problems.find((p) => p.code === 'ERROR_TOO_MANY_INVALID_ROWS_IN_MANIFEST');
    assert.ok(training, JSON.stringify(r.problems.map((p) => p.code)));
    assert.deepStrictEqual([training.line, training.severity, training.scope, training.data?.stage], [6, 'error', 'file', 'training']); // the first line imported with errors
    assert.match(training.message, /^40\.0% of the lines the service imports \(4 of 10\) have non-terminal errors\. Import: they are stored with their errors .* never fail it\. Training: /);
    assert.deepStrictEqual(
      [r.stats.terminalLines, r.stats.terminalPercent, r.stats.nonTerminalLines, r.stats.nonTerminalPercent, r.stats.invalidLines],
      [0, 0, 4, 40, 4],
    );

    // Both at once, each with its own denominator: 1 line dropped of 10, 1 with errors of the 9 imported.
    const mixed = validateText([...good, good[0], bad[0], cls({ ref: 's3://my-bucket/x.jpg' }), cls({ ref: 's3://my-bucket/y.jpg' })].join('\n'));
    const codes = mixed.problems.filter((p) => p.data?.stage !== undefined).map((p) => [p.code, p.severity, p.data?.stage]);
    assert.deepStrictEqual(codes, [
      ['CL_RECORDS_IN_ERROR', 'warning', 'import'],
      ['CL_INVALID_ROWS', 'information', 'training'],
    ]);
    assert.match(mixed.problems.find((p) => p.code === 'CL_INVALID_ROWS')?.message ?? '', /^11\.1% of the lines the service imports \(1 of 9\)/);
    assert.deepStrictEqual([mixed.stats.terminalLines, mixed.stats.nonTerminalLines], [1, 1]);

    // A later duplicate that also has an error of its own is dropped: terminal, not both.
    const dupBad = bad[0];
    const twice = validateText([good[0], dupBad, dupBad].join('\n'));
    assert.deepStrictEqual([twice.stats.terminalLines, twice.stats.nonTerminalLines], [1, 1]);
  });

  it('ERROR_MANIFEST_ROWS_EXCEEDS_MAXIMUM above 250,000 lines', () => {
    const text = '\n'.repeat(Limits.maxLines + 1);
    const { problems, stats } = validateText(text);
    assert.strictEqual(stats.lines, Limits.maxLines + 1);
    const rows = problems.filter((p) => p.code === 'ERROR_MANIFEST_ROWS_EXCEEDS_MAXIMUM');
    assert.deepStrictEqual(rows.map((p) => [p.line, p.severity]), [[Limits.maxLines, 'error']]); // the first line past the limit
    assert.match(rows[0].message, /250,001 lines/);
  });

  it('ERROR_MANIFEST_SIZE_TOO_LARGE above 1 GB', () => {
    const out: Problem[] = [];
    fileProblems(new FileIndex(), { lines: 10, bytes: Limits.maxManifestBytes + 1, firstLineLength: 5, blanks: 0 }, undefined, out);
    assert.deepStrictEqual(out.map((p) => [p.code, p.line, p.start, p.end]), [['ERROR_MANIFEST_SIZE_TOO_LARGE', 0, 0, 0]]);
    const none: Problem[] = [];
    fileProblems(new FileIndex(), { lines: 10, bytes: Limits.maxManifestBytes, firstLineLength: 5, blanks: 0 }, undefined, none);
    assert.deepStrictEqual(none, []);
  });

  it('severity overrides apply to the whole-file rules too', () => {
    const a = cls({ ref: 's3://my-bucket/a.jpg' });
    const off = validateText(`${a}\n${a}`, { severityOverrides: { CL_DUPLICATE_SOURCE_REF: 'off', CL_RECORDS_IN_ERROR: 'off', ERROR_TOO_MANY_RECORDS_IN_ERROR: 'off' } });
    assert.deepStrictEqual(off.problems, []);
    const warn = validateText(`${a}\n${a}`, { severityOverrides: { CL_DUPLICATE_SOURCE_REF: 'warning' } });
    assert.deepStrictEqual(warn.problems.filter((p) => p.code === 'CL_DUPLICATE_SOURCE_REF').map((p) => p.severity), ['information', 'warning']);
    assert.strictEqual(warn.stats.warnings, 1);
  });

  it('counts errors and warnings in stats, file rules included', () => {
    const a = cls({ ref: 's3://my-bucket/a.jpg' });
    const { stats, problems } = validateText([a, a, det({ size: { width: 640, height: 480, depth: 3 } })].join('\n'));
    assert.strictEqual(stats.errors, problems.filter((p) => p.severity === 'error').length);
    assert.strictEqual(stats.warnings, problems.filter((p) => p.severity === 'warning').length);
    assert.deepStrictEqual([stats.errors, stats.warnings], [2, 1]);
  });
});

describe('ManifestDocument accessors', () => {
  it('exposes lines, per-line results, entries and labels', () => {
    const text = `${GUIDE[0]}\r\n${GUIDE[3]}\r\n`;
    const doc = new ManifestDocument(text);
    assert.strictEqual(doc.lineCount, 3);
    assert.strictEqual(doc.lineText(0), GUIDE[0]);
    assert.strictEqual(doc.lineText(2), '');
    assert.deepStrictEqual(doc.lineResult(1).problems, []);
    assert.deepStrictEqual({ ...doc.entry(1)?.boxLabels }, { 'Echo Dot': 1, Echo: 1 });
    assert.strictEqual(doc.entry(2), undefined);
    assert.deepStrictEqual(doc.labels().sort(), ['Echo', 'Echo Dot']);
    assert.strictEqual(doc.stats.lines, 2);
    assert.deepStrictEqual(doc.problems().map((p) => p.code), ['ERROR_IMAGES_IN_MULTIPLE_S3_BUCKETS']);
  });

  it('returns problems sorted by line, with ranges inside their lines', () => {
    const text = fixture('invalid-mixed.manifest');
    const doc = new ManifestDocument(text);
    const problems = doc.problems();
    for (let i = 1; i < problems.length; i++) assert.ok(problems[i - 1].line <= problems[i].line);
    for (const p of problems) {
      assert.ok(p.start >= 0 && p.start <= p.end && p.end <= doc.lineText(p.line).length, JSON.stringify(p));
    }
  });

  it('setOptions re-validates with the new severities', () => {
    const doc = new ManifestDocument(det({ size: { width: 640, height: 480, depth: 3 } }));
    assert.deepStrictEqual(doc.problems().map((p) => p.severity), ['warning']);
    doc.setOptions({ severityOverrides: { CL_IMAGE_SIZE_NOT_ARRAY: 'information' } });
    assert.deepStrictEqual(doc.problems().map((p) => p.severity), ['information']);
    doc.setText(GUIDE[0]);
    assert.deepStrictEqual(doc.problems(), []);
  });
});

describe('validateLines (streaming)', () => {
  it('gives the same problems and stats as validateText', async () => {
    const text = fixture('invalid-mixed.manifest');
    async function* lines(): AsyncGenerator<string> {
      for (const l of text.split('\n').slice(0, -1)) yield l;
    }
    const streamed = await validateLines(lines());
    const whole = validateText(text);
    assert.deepStrictEqual(streamed.problems, whole.problems);
    assert.deepStrictEqual({ ...streamed.stats }, { ...whole.stats });
  });

  it('accepts a plain iterable', async () => {
    const r = await validateLines([GUIDE[0], GUIDE[0]]);
    assert.deepStrictEqual(r.problems.map((p) => [p.line, p.code]), [
      [0, 'CL_DUPLICATE_SOURCE_REF'],
      [1, 'ERROR_TOO_MANY_RECORDS_IN_ERROR'],
      [1, 'CL_DUPLICATE_SOURCE_REF'],
    ]);
    assert.strictEqual(r.stats.terminalPercent, 50);
  });
});
