/** The command-line linter: output, exit codes, --json; and its bundle loads no AWS SDK. */
import * as assert from 'assert';
import { spawn } from 'child_process';
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { main } from '../../../src/cli/main';
import { FIXTURES } from '../manifest/helpers';

async function run(args: string[], stdin?: string | Uint8Array): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  async function* input(): AsyncGenerator<Uint8Array> {
    if (stdin !== undefined) yield typeof stdin === 'string' ? Buffer.from(stdin) : stdin;
  }
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t), stdin: input() });
  return { code, out, err };
}

function tempFile(name: string, content: string | Uint8Array): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cl-lint-'));
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

/** The JSON Lines of --json, parsed. */
function records(out: string): Record<string, unknown>[] {
  assert.ok(out.endsWith('\n'), 'JSON Lines end with a newline');
  return out
    .slice(0, -1)
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** The linter's bundle as esbuild.js builds it: load-aws.ts's require('./aws-sdk') and require('./aws-s3') stay requires of the layer's bundles. */
function bundleCli(minify: boolean): ReturnType<typeof build<{ write: false; metafile: true }>> {
  const awsLayer = {
    name: 'aws-layer',
    setup(b: { onResolve(o: { filter: RegExp }, cb: (a: { path: string; importer: string }) => { path: string; external: boolean } | undefined): void }) {
      b.onResolve({ filter: /^\.\/aws-(sdk|s3)$/ }, (a) => (/[\\/]rekognition[\\/]load-aws\.ts$/.test(a.importer) ? { path: `${a.path}.js`, external: true } : undefined));
    },
  };
  return build({
    plugins: [awsLayer as never],
    entryPoints: [path.join(__dirname, '..', '..', '..', 'src', 'cli', 'main.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    mainFields: ['module', 'main'],
    write: false,
    metafile: true,
    minify,
    logLevel: 'silent',
  });
}

const INVALID = path.join(FIXTURES, 'invalid-mixed.manifest');
const VALID = path.join(FIXTURES, 'valid-mixed.manifest');

describe('custom-labels lint', () => {
  it('prints file:line:col severity code message for each problem as it goes, the whole-file ones after, then a summary; exits 1 on errors', async () => {
    const { code, out, err } = await run(['lint', INVALID]);
    assert.strictEqual(err, '');
    assert.strictEqual(code, 1);
    const lines = out.trimEnd().split('\n');
    const heads = lines.slice(0, -1).map((l) => l.slice(INVALID.length + 1).split(' ').slice(0, 3).join(' '));
    assert.deepStrictEqual(heads, [
      '4:16 error ERROR_INVALID_SOURCE_REF_FORMAT',
      '5:1 warning CL_BLANK_LINE',
      '6:46 error ERROR_INVALID_JSON_LINE',
      '7:258 error ERROR_INVALID_BOUNDING_BOX',
      '9:78 warning CL_IMAGE_SIZE_NOT_ARRAY',
      '10:192 error ERROR_UNSUPPORTED_USE_CASE_TYPE',
      '10:2 error ERROR_NO_VALID_LABEL_ATTRIBUTES',
      '1:16 information CL_DUPLICATE_SOURCE_REF',
      '3:16 error CL_DUPLICATE_SOURCE_REF',
      '8:16 error ERROR_IMAGES_IN_MULTIPLE_S3_BUCKETS',
      '3:1 error ERROR_TOO_MANY_RECORDS_IN_ERROR', // on the first line it counts (3: a repeated source-ref), not on line 1
      '7:1 error ERROR_TOO_MANY_INVALID_ROWS_IN_MANIFEST', // the first line imported with errors
    ]);
    // The two shares, each of what its stage sees: 3 of 10 lines dropped at import (the blank line
    // is counted, in neither share); 2 of the 7 others imported with errors.
    const shares = lines.filter((l) => / error ERROR_TOO_MANY_(RECORDS_IN_ERROR|INVALID_ROWS_IN_MANIFEST) /.test(l));
    assert.match(shares[0], /ERROR_TOO_MANY_RECORDS_IN_ERROR 30\.0% of the lines \(3 of 10\) have terminal content errors .* Import: above 20% CreateDataset or UpdateDatasetEntries fails/);
    assert.match(shares[1], /ERROR_TOO_MANY_INVALID_ROWS_IN_MANIFEST 28\.6% of the lines the service imports \(2 of 7\) have non-terminal errors\. Import: .* never fail it\. Training: /);
    assert.ok(lines.every((l, i) => i === lines.length - 1 || l.startsWith(`${INVALID}:`)));
    assert.match(lines[0], /http\(s\) URL: the service only accepts "s3:\/\/bucket\/key"\. Here that is "s3:\/\/my-bucket\/images\/4\.jpg"/);
    assert.strictEqual(lines[lines.length - 1], '1 file, 10 lines, 9 errors, 2 warnings, 30.0% dropped at import, 28.6% imported with errors');
  });

  it('exits 0 on a clean file and sums several files', async () => {
    assert.deepStrictEqual(await run(['lint', VALID]), { code: 0, out: '1 file, 5 lines, 0 errors, 0 warnings, 0% dropped at import, 0% imported with errors\n', err: '' });
    const both = await run(['lint', VALID, INVALID]);
    assert.strictEqual(both.code, 1);
    assert.match(both.out, /\n2 files, 15 lines, 9 errors, 2 warnings, 20\.0% dropped at import, 16\.7% imported with errors\n$/);
  });

  it('exits 0 with warnings only', async () => {
    const file = tempFile('warn.manifest', '{"source-ref": "s3://my-bucket/a.jpg"}\r\n');
    const r = await run(['lint', file]);
    assert.strictEqual(r.code, 0);
    assert.match(r.out, /warn\.manifest:1:2 warning WARNING_UNANNOTATED_RECORD /);
    assert.match(r.out, /1 file, 1 line, 0 errors, 1 warning, 0% dropped at import, 0% imported with errors\n$/);
  });

  it('exits 1 on an empty (0-byte) file: "The manifest file is empty"', async () => {
    const r = await run(['lint', tempFile('empty.manifest', '')]);
    assert.strictEqual(r.code, 1);
    assert.strictEqual(r.err, '');
    assert.match(r.out, /empty\.manifest:1:1 error CL_EMPTY_MANIFEST The manifest file is empty/);
    assert.match(r.out, /1 file, 0 lines, 1 error, 0 warnings/);
  });

  it('--json prints JSON Lines: a problem per line with 1-based positions, a file record, a summary', async () => {
    const { code, out } = await run(['lint', '--json', INVALID]);
    assert.strictEqual(code, 1);
    const recs = records(out);
    assert.deepStrictEqual([...new Set(recs.map((r) => r.type))], ['problem', 'file', 'summary']);
    const problems = recs.filter((r) => r.type === 'problem') as { file: string; line: number; column: number; code: string }[];
    assert.ok(problems.every((p) => p.file === INVALID));
    assert.deepStrictEqual(problems[0], { ...problems[0], line: 4, column: 16, code: 'ERROR_INVALID_SOURCE_REF_FORMAT' });
    const file = recs.find((r) => r.type === 'file') as { file: string; stats: { lines: number; labels: Record<string, number> } };
    assert.strictEqual(file.file, INVALID);
    assert.strictEqual(file.stats.lines, 10);
    assert.deepStrictEqual(file.stats.labels, { cat: 3, dog: 1, Echo: 3, 'Echo Dot': 3 });
    const summary = recs[recs.length - 1] as { type: string; errors: number; warnings: number; invalidPercent: number; terminalLines: number; terminalPercent: number; nonTerminalLines: number };
    assert.deepStrictEqual([summary.type, summary.errors, summary.warnings, summary.invalidPercent], ['summary', 9, 2, 50]);
    assert.deepStrictEqual([summary.terminalLines, summary.terminalPercent, summary.nonTerminalLines], [3, 30, 2]);
  });

  it('--json gives every line number 1-based: the problem, related[].line, data.firstLine, data.duplicateLines', async () => {
    const { out } = await run(['lint', '--json', INVALID]);
    type P = { code: string; line: number; severity: string; related?: { line: number }[]; data?: { firstLine?: number; duplicateLines?: number[] } };
    const dups = records(out).filter((r) => r.code === 'CL_DUPLICATE_SOURCE_REF') as P[];
    const first = dups.find((p) => p.severity === 'information') as P;
    const later = dups.find((p) => p.severity === 'error') as P;
    // The source-ref of line 1 is repeated on line 3 (1-based, as the text output and an editor say).
    assert.deepStrictEqual([first.line, first.related?.map((r) => r.line), first.data?.firstLine, first.data?.duplicateLines], [1, [3], 1, [3]]);
    assert.deepStrictEqual([later.line, later.related?.map((r) => r.line), later.data?.firstLine], [3, [1], 1]);
  });

  it('reads standard input for "-"', async () => {
    const text = readFileSync(INVALID, 'utf8');
    const r = await run(['lint', '-'], text);
    assert.strictEqual(r.code, 1);
    assert.match(r.out, /^<stdin>:4:16 error ERROR_INVALID_SOURCE_REF_FORMAT /);
    assert.match(r.out, /\n1 file, 10 lines, 9 errors, 2 warnings, 30\.0% dropped at import, 28\.6% imported with errors\n$/);
    const clean = await run(['lint', '--json', '-'], readFileSync(VALID));
    assert.strictEqual(clean.code, 0);
    assert.deepStrictEqual(records(clean.out).map((x) => [x.type, x.file]), [['file', '<stdin>'], ['summary', undefined]]);
  });

  it('escapes control characters from the manifest: no forged summary line, no terminal escapes', async () => {
    const forged = '\n1 file, 1 line, 0 errors, 0 warnings, 0% invalid\u001b[2J\u009b31m\u2028';
    const file = tempFile('evil\u001b]0;x\u0007.manifest', JSON.stringify({ 'source-ref': `x${forged}` }) + '\n');
    for (const args of [['lint', file], ['lint', '--json', file]]) {
      const { out, code } = await run(args);
      assert.strictEqual(code, 1);
      // Nothing below U+0020 but the newlines that end each printed line; no C1 controls, no line separators.
      assert.doesNotMatch(out, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/, args.join(' '));
      assert.strictEqual(out.split('\n').filter((l) => /^1 file, 1 line/.test(l)).length, args.includes('--json') ? 0 : 1);
    }
    const text = (await run(['lint', file])).out;
    assert.match(text, /evil\\u001b\]0;x\\u0007\.manifest:1:1[45] error ERROR_INVALID_SOURCE_REF_FORMAT .*x\\n1 file, 1 line, 0 errors.*\\u001b\[2J\\u009b31m\\u2028/);
    // The JSON record still carries the manifest's text exactly.
    const json = records((await run(['lint', '--json', file])).out);
    assert.strictEqual((json[0] as { message: string }).message.includes(`x${forged}`.slice(0, 80)), true);
  });

  it('reports bytes that are not UTF-8 as an error at their column instead of validating U+FFFD', async () => {
    const good = Buffer.from(JSON.stringify({ 'source-ref': 's3://my-bucket/a.jpg', label: 0, 'label-metadata': { confidence: 1, 'class-name': 'cat', 'human-annotated': 'yes', 'creation-date': '2024-05-01T12:00:00Z', type: 'groundtruth/image-classification', 'job-name': 'j' } }));
    const at = good.indexOf('cat');
    const bad = Buffer.concat([good.subarray(0, at), Buffer.from([0xff]), good.subarray(at + 1), Buffer.from('\n')]);
    const real = Buffer.from(good.toString().replace('cat', 'c\uFFFDt') + '\n'); // a real U+FFFD is valid UTF-8
    const file = tempFile('bytes.manifest', Buffer.concat([bad, real]));
    const { out, code } = await run(['lint', file]);
    assert.strictEqual(code, 1);
    assert.match(out, new RegExp(`bytes\\.manifest:1:${at + 1} error ERROR_INVALID_JSON_LINE .*not valid UTF-8`, 'i'));
    assert.doesNotMatch(out, /bytes\.manifest:2:/);
  });

  it('reads a lone CR as part of its line, as the service does: one invalid line, not two valid ones', async () => {
    const a = JSON.stringify({ 'source-ref': 's3://my-bucket/a.jpg' });
    const b = JSON.stringify({ 'source-ref': 's3://my-bucket/b.jpg' });
    const { out } = await run(['lint', tempFile('cr.manifest', `${a}\r${b}\n`)]);
    assert.match(out, /cr\.manifest:1:\d+ error ERROR_INVALID_JSON_LINE .*carriage return \(CR\) that is not followed by a newline/);
    assert.match(out, /\n1 file, 1 line, 2 errors, 0 warnings, 100\.0% dropped at import, 0% imported with errors\n$/);
  });

  it('exits 2 with a clear message for an unreadable file or a directory', async () => {
    const missing = path.join(FIXTURES, 'no-such.manifest');
    const r = await run(['lint', missing, VALID]);
    assert.strictEqual(r.code, 2);
    assert.strictEqual(r.err, `custom-labels: cannot read "${missing}": no such file; check the path.\n`);
    assert.match(r.out, /1 file, 5 lines, 0 errors, 0 warnings, 0% dropped at import, 0% imported with errors \(1 file could not be read\)\n$/);
    const dir = await run(['lint', FIXTURES]);
    assert.strictEqual(dir.code, 2);
    assert.match(dir.err, /not a file/);
  });

  it('exits 2 on usage errors and prints help on --help', async () => {
    for (const args of [[], ['check', VALID], ['lint'], ['lint', '--fix', VALID]]) {
      const r = await run(args);
      assert.strictEqual(r.code, 2, args.join(' '));
      assert.match(r.err, /Usage: custom-labels lint FILE\.\.\. \[--format FORMAT\]/);
    }
    const help = await run(['--help']);
    assert.strictEqual(help.code, 0);
    assert.match(help.out, /^Usage: custom-labels lint/);
  });

  it('reads a 300 MB line without a newline from standard input in bounded memory and reports it CL_LINE_TOO_LONG (issue #21)', async function () {
    this.timeout(120_000);
    const dir = mkdtempSync(path.join(tmpdir(), 'cl-long-'));
    try {
      const cli = path.join(dir, 'cli.js');
      const result = await bundleCli(true);
      writeFileSync(cli, result.outputFiles[0]!.contents);
      const peak = path.join(dir, 'peak.js');
      writeFileSync(peak, "process.on('exit', () => process.stderr.write(`max-rss-kb ${process.resourceUsage().maxRSS}\\n`));\n");
      const child = spawn(process.execPath, ['--require', peak, cli, 'lint', '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      // Generated as it is written: the test process never holds the line either.
      const opening = '{"source-ref":"s3://my-bucket/a.jpg","note":"';
      // 'é€😀x': 10 bytes, 5 characters as the validator counts them (UTF-16 code units).
      const block = Buffer.alloc(10 * 104_858, 'é€😀x');
      const blocks = 300;
      child.stdin.on('error', () => undefined);
      child.stdin.write(opening);
      for (let i = 0; i < blocks; i++) if (!child.stdin.write(block)) await new Promise((resolve) => child.stdin.once('drain', resolve));
      child.stdin.end();
      const code = await exited;
      const chars = opening.length + (blocks * block.length) / 2;
      assert.strictEqual(out.split('\n')[0], `<stdin>:1:100001 error CL_LINE_TOO_LONG This line has ${chars.toLocaleString('en-US')} characters; the service silently drops lines over 100,000. Shorten it (fewer boxes or shorter values).`);
      assert.strictEqual(code, 1, err);
      const kb = Number(/max-rss-kb (\d+)/.exec(err)?.[1]);
      assert.ok(kb > 0 && kb < 200 * 1024, `peak memory ${(kb / 1024).toFixed(0)} MB for a 300 MB line (under 200 MB expected)`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('bundles without the AWS SDK or vscode (--check-images loads the AWS layer beside it, dist/aws-s3.js)', async () => {
    const result = await bundleCli(false);
    const inputs = Object.keys(result.metafile.inputs);
    assert.ok(inputs.some((i) => i.includes('src/manifest/rules/check-line.ts')));
    assert.deepStrictEqual(inputs.filter((i) => /@aws-sdk|@smithy|vscode/.test(i)), []);
    assert.ok(new TextDecoder().decode(result.outputFiles[0]!.contents).includes('require("./aws-s3.js")'));
  });
});
