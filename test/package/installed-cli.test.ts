/**
 * The linter's npm package as a CI user gets it: the tarball `npm run package:cli` built is
 * installed into a throwaway prefix (`npm install --global --prefix`, offline: it has no
 * dependencies to fetch), then run from outside the repository on the fixtures, by its `bin`
 * link and through `npx`. Run with `npm run test:package:cli` (mocha).
 */
import * as assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../workbench/install-location';

const { version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
const TARBALL = path.join(REPO_ROOT, 'dist', `custom-labels-${version}.tgz`);
const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'manifests');
const VALID = path.join(FIXTURES, 'valid-mixed.manifest');
const INVALID = path.join(FIXTURES, 'invalid-mixed.manifest');

/** Environment without the test runner's loader or module paths: the package must stand alone. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ['NODE_OPTIONS', 'NODE_PATH']) delete env[key];
  return env;
}

describe('the custom-labels npm package, installed from its tarball', function () {
  let root: string;
  let prefix: string;
  let cwd: string;
  let bin: string;

  const run = (command: string, args: string[]): SpawnSyncReturns<string> =>
    spawnSync(command, args, { cwd, env: cleanEnv(), encoding: 'utf8', timeout: 60_000 });
  const lint = (...args: string[]): SpawnSyncReturns<string> => run(bin, args);
  const show = (r: SpawnSyncReturns<string>): string => `exit ${r.status}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;

  before(function () {
    assert.ok(fs.existsSync(TARBALL), `${path.relative(REPO_ROOT, TARBALL)} is missing: run \`npm run package:cli\` first.`);
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-cli-'));
    prefix = path.join(root, 'prefix');
    cwd = path.join(root, 'work');
    fs.mkdirSync(cwd, { recursive: true });
    const installed = run('npm', ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', TARBALL]);
    assert.equal(installed.status, 0, `npm install of the tarball failed:\n${show(installed)}`);
    bin = path.join(prefix, 'bin', 'custom-labels');
  });

  after(function () {
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('installs one command and nothing else: no dependencies, six files', function () {
    assert.ok(fs.existsSync(bin), `${bin} was not created by the package's "bin"`);
    const dir = path.join(prefix, 'lib', 'node_modules', 'custom-labels');
    assert.deepEqual(fs.readdirSync(dir).sort(), ['LICENSE', 'README.md', 'cli.js', 'health-worker.js', 'jpeg-turbo.wasm', 'package.json']);
    assert.deepEqual(fs.readdirSync(path.join(prefix, 'lib', 'node_modules')), ['custom-labels']);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(manifest.version, version);
    assert.equal(manifest.dependencies, undefined);
  });

  it('prints its usage with --help and exits 0', function () {
    const r = lint('--help');
    assert.equal(r.status, 0, show(r));
    assert.match(r.stdout, /Usage: custom-labels lint FILE/);
  });

  it('exits 0 on a valid manifest and prints the summary', function () {
    const r = lint('lint', VALID);
    assert.equal(r.status, 0, show(r));
    assert.match(r.stdout, /\b0 errors\b/);
    assert.equal(r.stderr, '');
  });

  it('exits 1 on a manifest with errors, one file:line:col severity CODE line per problem', function () {
    const r = lint('lint', INVALID);
    assert.equal(r.status, 1, show(r));
    const problems = r.stdout.split('\n').filter((l) => l.startsWith(`${INVALID}:`));
    assert.ok(problems.length > 0, show(r));
    for (const line of problems) assert.match(line, /^.+:\d+:\d+ (error|warning|information) (ERROR|WARNING|CL)_[A-Z0-9_]+ \S/);
    assert.ok(problems.some((l) => / error ERROR_/.test(l)), show(r));
  });

  it('prints JSON Lines with --json (problem, file, summary records), with the same exit code', function () {
    const r = lint('lint', '--json', INVALID, VALID);
    assert.equal(r.status, 1, show(r));
    type Record = { type: string; file?: string; line?: number; column?: number; code?: string; stats?: { errors: number }; files?: number; errors?: number; unreadable?: number };
    const records = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record);
    const problems = records.filter((x) => x.type === 'problem');
    assert.ok(problems.length > 0 && problems.every((p) => p.file === INVALID && p.line! >= 1 && p.column! >= 1 && /^(ERROR|WARNING|CL)_/.test(p.code!)), r.stdout);
    assert.deepEqual(records.filter((x) => x.type === 'file').map((f) => [f.file, f.stats!.errors > 0]), [[INVALID, true], [VALID, false]]);
    const summary = records[records.length - 1];
    assert.equal(summary.type, 'summary');
    assert.equal(summary.files, 2);
    assert.ok(summary.errors! > 0);
    assert.equal(summary.unreadable, 0);
  });

  it('prints one SARIF 2.1.0 log with --format sarif and GitHub annotations with --format github, with the same exit code', function () {
    const sarif = lint('lint', '--format', 'sarif', INVALID, VALID);
    assert.equal(sarif.status, 1, show(sarif));
    const log = JSON.parse(sarif.stdout) as { version: string; runs: { results: { ruleId: string; level: string }[]; tool: { driver: { rules: { id: string }[] } } }[] };
    assert.equal(log.version, '2.1.0');
    const results = log.runs[0].results;
    assert.ok(results.some((x) => x.level === 'error' && x.ruleId.startsWith('ERROR_')), sarif.stdout);
    assert.deepEqual(log.runs[0].tool.driver.rules.map((x) => x.id).sort(), [...new Set(results.map((x) => x.ruleId))].sort());
    assert.match(sarif.stderr, /^2 files, /);
    const github = lint('lint', '--format', 'github', INVALID);
    assert.equal(github.status, 1, show(github));
    const commands = github.stdout.split('\n').filter((l) => l.startsWith('::'));
    assert.ok(commands.length > 0 && commands.every((l) => /^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[A-Z0-9_]+::\S/.test(l)), github.stdout);
  });

  it('reads standard input for the file "-"', function () {
    const r = spawnSync(bin, ['lint', '-'], { cwd, env: cleanEnv(), encoding: 'utf8', input: fs.readFileSync(INVALID), timeout: 60_000 });
    assert.equal(r.status, 1, show(r));
    assert.match(r.stdout, /^<stdin>:\d+:\d+ error /m);
  });

  it('exits 2 on a file that cannot be read, and on a usage error', function () {
    const missing = lint('lint', path.join(cwd, 'no-such.manifest'));
    assert.equal(missing.status, 2, show(missing));
    assert.match(missing.stderr, /no-such\.manifest/);
    const usage = lint('lint');
    assert.equal(usage.status, 2, show(usage));
    const unknown = lint('lint', '--no-such-option', VALID);
    assert.equal(unknown.status, 2, show(unknown));
  });

  it('converts a COCO file to a manifest that its own lint passes', function () {
    const out = path.join(cwd, 'coco.manifest');
    const coco = path.join(REPO_ROOT, 'test', 'fixtures', 'convert', 'coco-guide-example.json');
    const r = lint('convert', 'coco', coco, '--images', 's3://bucket/images/', '-o', out);
    assert.equal(r.status, 0, show(r));
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n');
    assert.ok(lines.length > 0 && lines.every((l) => (JSON.parse(l) as { 'source-ref': string })['source-ref'].startsWith('s3://bucket/images/')), lines.join('\n'));
    const checked = lint('lint', out);
    assert.equal(checked.status, 0, show(checked));
  });

  it('checks training readiness of a manifest', function () {
    const r = lint('check-training', VALID);
    assert.ok(r.status === 0 || r.status === 1, show(r));
    assert.match(r.stdout, /training \d+ lines?/, show(r));
    const usage = lint('check-training');
    assert.equal(usage.status, 2, show(usage));
  });

  it('runs through npx from the tarball, outside any project', function () {
    const r = run('npx', ['--yes', '--offline', `--package=${TARBALL}`, '--', 'custom-labels', 'lint', VALID]);
    assert.equal(r.status, 0, show(r));
    assert.match(r.stdout, /\b0 errors\b/);
  });

  it('health finds a JPEG in both the training and the test manifest (exit 1), decoding it with the packaged decoder', function () {
    // One photo of the demo workspace under two names, one in each manifest: a train/test leak.
    const images = path.join(cwd, 'images');
    const photo = fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'workspace', 'to-label', 'cat-1.jpg'));
    fs.mkdirSync(path.join(images, 'bucket'), { recursive: true });
    fs.writeFileSync(path.join(images, 'bucket', 'train-cat.jpg'), photo);
    fs.writeFileSync(path.join(images, 'bucket', 'test-cat.jpg'), photo);
    const line = (ref: string): string =>
      JSON.stringify({ 'source-ref': ref, cat: 0, 'cat-metadata': { 'class-name': 'cat', confidence: 1, type: 'groundtruth/image-classification', 'human-annotated': 'yes', 'creation-date': '2026-12-07T00:00:00', 'job-name': 'x' } });
    fs.writeFileSync(path.join(cwd, 'train.manifest'), `${line('s3://bucket/train-cat.jpg')}\n`);
    fs.writeFileSync(path.join(cwd, 'test.manifest'), `${line('s3://bucket/test-cat.jpg')}\n`);
    const r = lint('health', 'train.manifest', 'test.manifest', '--images-dir', images, '--json');
    assert.equal(r.status, 1, show(r));
    const records = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { code?: string });
    assert.ok(records.some((x) => /LEAK/.test(x.code ?? '')), show(r));
  });
});
