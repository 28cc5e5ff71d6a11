/**
 * Upload Images to S3 through the real @aws-sdk/client-s3 against the sandbox's S3: 200 local
 * images, stopped halfway (AbortSignal) and run again: the second run sends only what the first
 * did not leave there (PutObject requests the sandbox saw = 200 - the objects already in its
 * folder), the manifest's source-refs are rewritten to the bucket, and the built linter
 * (dist/cli.js `lint --check-images`, against the sandbox's S3 endpoint) finds nothing.
 */
import * as assert from 'assert';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startSandbox, type Sandbox } from '../../../src/sandbox';
import { planUpload } from '../../../src/upload/plan';
import { applySourceRefEdits, sourceRefEdits } from '../../../src/upload/rewrite';
import { createS3Client, type S3Handle } from '../../../src/images';
import { runUpload } from '../../../src/upload/uploader';
import { jpegBytes, pngBytes, writeImage } from '../images/helpers';
import { classLine } from '../sandbox/helpers';

const CLI = path.join(__dirname, '..', '..', '..', 'dist', 'cli.js');
const COUNT = 200;

/** The built linter in a child process (not spawnSync: the sandbox answering it runs in this one). */
function lint(manifest: string, endpoint: string): Promise<{ status: number | null; out: string; err: string }> {
  const { AWS_PROFILE: _profile, ...env } = process.env;
  const child = spawn(process.execPath, [CLI, 'lint', '--check-images', manifest], {
    env: { ...env, AWS_ENDPOINT_URL_S3: endpoint, AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y', AWS_REGION: 'us-east-1' },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, out, err })));
}

describe('upload: 200 local images to the sandbox S3, stopped halfway and resumed', function () {
  this.timeout(120_000);
  let dir: string;
  let local: string;
  let s3Root: string;
  let sandbox: Sandbox;
  let s3: S3Handle;
  before(async () => {
    assert.ok(fs.existsSync(CLI), 'dist/cli.js is missing: build it first (node esbuild.js)');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upload-resume-'));
    local = path.join(dir, 'local');
    s3Root = path.join(dir, 's3');
    fs.mkdirSync(path.join(s3Root, 'target'), { recursive: true });
    for (let i = 0; i < COUNT; i++) {
      const name = `img-${String(i).padStart(3, '0')}`;
      // Sizes differ per image (so do their bytes); every one is a valid image for the service.
      if (i % 2 === 0) writeImage(local, 'photos', `set/${name}.png`, pngBytes(64 + i, 80));
      else writeImage(local, 'photos', `set/${name}.jpg`, jpegBytes(64 + i, 80));
    }
    sandbox = await startSandbox({ s3Root });
    s3 = await createS3Client({ connection: { region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, endpoint: sandbox.endpoint, maxAttempts: 1 }, s3Endpoint: sandbox.endpoint });
  });
  after(async () => {
    s3?.client.destroy();
    await sandbox?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sends only the rest on the second run, rewrites the source-refs, and the linter reads every image', async () => {
    const names = Array.from({ length: COUNT }, (_, i) => `set/img-${String(i).padStart(3, '0')}.${i % 2 === 0 ? 'png' : 'jpg'}`);
    const lines = names.map((n, i) => classLine(`s3://photos/${n}`, i % 3 === 0 ? 'cat' : 'dog'));
    const manifest = path.join(dir, 'train.manifest');
    fs.writeFileSync(manifest, lines.join('\n') + '\n');
    // Before: the images are not in the sandbox's S3, and the linter says so on every line.

    const before = await lint(manifest, sandbox.endpoint);
    assert.strictEqual(before.status, 1, before.err);
    assert.strictEqual(before.out.match(/ERROR_INVALID_IMAGE/g)?.length, COUNT);

    const plan = planUpload(lines, 'folder', { bucket: 'target', prefix: 'up/' });
    assert.strictEqual(plan.images.length, COUNT);
    const puts = () => sandbox.requests.filter((r) => r.operation === 'S3.PutObject').length;

    const stop = new AbortController();
    const first = await runUpload(plan, {
      s3,
      imagesDir: local,
      signal: stop.signal,
      onProgress: (p) => {
        if (p.finished >= COUNT / 2) stop.abort();
      },
    });
    assert.strictEqual(first.cancelled, true);
    const there = fs.readdirSync(path.join(s3Root, 'target', 'up', 'set')).filter((f) => !f.startsWith('.'));
    assert.ok(there.length >= COUNT / 2 && there.length < COUNT, `${there.length} objects after the stop`);

    const putsBefore = puts();
    const second = await runUpload(plan, { s3, imagesDir: local });
    assert.strictEqual(second.cancelled, false);
    assert.deepStrictEqual(second.failures, []);
    assert.strictEqual(puts() - putsBefore, COUNT - there.length, 'the second run sends only the images not already there');
    for (const n of names) assert.deepStrictEqual(fs.readFileSync(path.join(s3Root, 'target', 'up', ...n.split('/'))), fs.readFileSync(path.join(local, 'photos', ...n.split('/'))));

    const rewritten = applySourceRefEdits(lines, sourceRefEdits(lines, plan.renamed));
    // Only the source-ref's value changed.
    assert.deepStrictEqual(rewritten, lines.map((l, i) => l.replace(`"s3://photos/${names[i]}"`, `"s3://target/up/${names[i]}"`)));
    fs.writeFileSync(manifest, rewritten.join('\n') + '\n');
    const after = await lint(manifest, sandbox.endpoint);
    assert.strictEqual(after.status, 0, after.out + after.err);
    assert.match(after.out.trim(), /^1 file, 200 lines, 0 errors, 0 warnings,/);
  });

  it('an image over 8 MiB goes in a multipart upload of 8 MiB parts, and is skipped on the next run (same size and "-2" ETag)', async () => {
    // A PNG signature and then bytes: the upload reads no image header.
    const big = Buffer.concat([pngBytes(64, 64), Buffer.alloc(11 * 1024 * 1024, 7)]);
    writeImage(local, 'photos', 'big/large.png', big);
    const plan = planUpload([classLine('s3://photos/big/large.png', 'cat')], 'folder', { bucket: 'target', prefix: 'big/' });
    const count = (op: string) => sandbox.requests.filter((r) => r.operation === op).length;
    const parts = count('S3.UploadPart');
    const first = await runUpload(plan, { s3, imagesDir: local });
    assert.deepStrictEqual(first.failures, []);
    assert.strictEqual(count('S3.UploadPart') - parts, 2);
    assert.deepStrictEqual(fs.readFileSync(path.join(s3Root, 'target', 'big', 'big', 'large.png')), big);
    const again = await runUpload(plan, { s3, imagesDir: local });
    assert.deepStrictEqual([again.progress.sent, again.progress.skipped], [0, 1]);
    assert.strictEqual(count('S3.UploadPart') - parts, 2);
  });

  it('images in other buckets are copied (CopyObject), and skipped on the next run (same size and ETag as the source)', async () => {
    for (const b of ['one', 'two']) writeImage(s3Root, b, 'pic.png', pngBytes(b === 'one' ? 70 : 90, 80));
    const lines = [classLine('s3://one/pic.png', 'cat'), classLine('s3://two/pic.png', 'dog'), classLine('s3://target/kept.png', 'cat')];
    const plan = planUpload(lines, 's3', { bucket: 'target', prefix: 'copies/' });
    const count = (op: string) => sandbox.requests.filter((r) => r.operation === op && r.status === 200).length;
    const copies = count('S3.CopyObject');
    const first = await runUpload(plan, { s3 });
    assert.deepStrictEqual(first.failures, []);
    assert.strictEqual(count('S3.CopyObject') - copies, 2);
    // One key from two buckets: each keeps its bucket as a folder.
    for (const b of ['one', 'two']) assert.deepStrictEqual(fs.readFileSync(path.join(s3Root, 'target', 'copies', b, 'pic.png')), fs.readFileSync(path.join(s3Root, b, 'pic.png')));
    const again = await runUpload(plan, { s3 });
    assert.deepStrictEqual([again.progress.sent, again.progress.skipped], [0, 2]);
    assert.strictEqual(count('S3.CopyObject') - copies, 2);
    assert.deepStrictEqual(applySourceRefEdits(lines, sourceRefEdits(lines, plan.renamed)).map((l) => JSON.parse(l)['source-ref']), [
      's3://target/copies/one/pic.png',
      's3://target/copies/two/pic.png',
      's3://target/kept.png',
    ]);
  });
});
