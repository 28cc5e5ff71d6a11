/** The command-line linter: output, exit codes, --json; and its bundle loads no AWS SDK. */
import * as assert from 'assert';
import { buildSync } from 'esbuild';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { main } from '../../../src/cli/main';
import { FIXTURES } from '../manifest/helpers';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const INVALID = path.join(FIXTURES, 'invalid-mixed.manifest');
const VALID = path.join(FIXTURES, 'valid-mixed.manifest');

describe('custom-labels lint', () => {
  it('prints file:line:col code message for each problem, then a summary, and exits 1 on errors', async () => {
    const { code, out, err } = await run(['lint', INVALID]);
    assert.strictEqual(err, '');
    assert.strictEqual(code, 1);
    const lines = out.trimEnd().split('\n');
    const heads = lines.slice(0, -1).map((l) => l.slice(INVALID.length + 1).split(' ').slice(0, 2).join(' '));
    assert.deepStrictEqual(heads, [
      '1:16 CL_DUPLICATE_SOURCE_REF',
      '3:16 CL_DUPLICATE_SOURCE_REF',
      '4:1 ERROR_TOO_MANY_RECORDS_IN_ERROR',
      '4:16 ERROR_INVALID_SOURCE_REF_FORMAT',
      '5:1 CL_BLANK_LINE',
      '6:46 ERROR_INVALID_JSON_LINE',
      '7:258 ERROR_INVALID_BOUNDING_BOX',
      '8:16 CL_MULTIPLE_BUCKETS',
      '9:78 CL_IMAGE_SIZE_NOT_ARRAY',
      '10:192 ERROR_UNSUPPORTED_USE_CASE_TYPE',
    ]);
    assert.ok(lines.every((l, i) => i === lines.length - 1 || l.startsWith(`${INVALID}:`)));
    assert.match(lines[3], /http\(s\) URL: the service only accepts "s3:\/\/bucket\/key"\. Here that is "s3:\/\/my-bucket\/images\/4\.jpg"/);
    assert.strictEqual(lines[lines.length - 1], '1 file, 10 lines, 8 errors, 1 warning, 60.0% invalid');
  });

  it('exits 0 on a clean file and sums several files', async () => {
    assert.deepStrictEqual(await run(['lint', VALID]), { code: 0, out: '1 file, 5 lines, 0 errors, 0 warnings, 0% invalid\n', err: '' });
    const both = await run(['lint', VALID, INVALID]);
    assert.strictEqual(both.code, 1);
    assert.match(both.out, /\n2 files, 15 lines, 8 errors, 1 warning, 40\.0% invalid\n$/);
  });

  it('exits 0 with warnings only', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cl-lint-'));
    const file = path.join(dir, 'warn.manifest');
    writeFileSync(file, '{"source-ref": "s3://my-bucket/a.jpg"}\r\n');
    const r = await run(['lint', file]);
    assert.strictEqual(r.code, 0);
    assert.match(r.out, /warn\.manifest:1:2 WARNING_UNANNOTATED_RECORD /);
    assert.match(r.out, /1 file, 1 line, 0 errors, 1 warning, 0% invalid\n$/);
  });

  it('--json prints one JSON document with 1-based positions', async () => {
    const { code, out } = await run(['lint', '--json', INVALID]);
    assert.strictEqual(code, 1);
    const doc = JSON.parse(out) as {
      files: { file: string; stats: { lines: number; labels: Record<string, number> }; problems: { line: number; column: number; code: string }[] }[];
      summary: { errors: number; warnings: number; invalidPercent: number };
    };
    assert.strictEqual(doc.files[0].file, INVALID);
    assert.strictEqual(doc.files[0].stats.lines, 10);
    assert.deepStrictEqual(doc.files[0].stats.labels, { cat: 3, dog: 1, Echo: 3, 'Echo Dot': 3 });
    assert.deepStrictEqual(doc.files[0].problems[3], { ...doc.files[0].problems[3], line: 4, column: 16, code: 'ERROR_INVALID_SOURCE_REF_FORMAT' });
    assert.deepStrictEqual([doc.summary.errors, doc.summary.warnings, doc.summary.invalidPercent], [8, 1, 60]);
  });

  it('exits 2 with a clear message for an unreadable file or a directory', async () => {
    const missing = path.join(FIXTURES, 'no-such.manifest');
    const r = await run(['lint', missing, VALID]);
    assert.strictEqual(r.code, 2);
    assert.strictEqual(r.err, `custom-labels: cannot read "${missing}": no such file; check the path.\n`);
    assert.match(r.out, /1 file, 5 lines, 0 errors, 0 warnings, 0% invalid \(1 file could not be read\)\n$/);
    const dir = await run(['lint', FIXTURES]);
    assert.strictEqual(dir.code, 2);
    assert.match(dir.err, /not a file/);
  });

  it('exits 2 on usage errors and prints help on --help', async () => {
    for (const args of [[], ['check', VALID], ['lint'], ['lint', '--fix', VALID]]) {
      const r = await run(args);
      assert.strictEqual(r.code, 2, args.join(' '));
      assert.match(r.err, /Usage: custom-labels lint FILE\.\.\. \[--json\]/);
    }
    const help = await run(['--help']);
    assert.strictEqual(help.code, 0);
    assert.match(help.out, /^Usage: custom-labels lint/);
  });

  it('bundles without the AWS SDK or vscode', () => {
    const result = buildSync({
      entryPoints: [path.join(__dirname, '..', '..', '..', 'src', 'cli', 'main.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      mainFields: ['module', 'main'],
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    assert.ok(inputs.some((i) => i.includes('src/manifest/rules/check-line.ts')));
    assert.deepStrictEqual(inputs.filter((i) => /@aws-sdk|@smithy|vscode/.test(i)), []);
  });
});
