/** `custom-labels lint --check-images`: image problems on the lines, from a folder or the sandbox's S3. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../../src/cli/main';
import { startSandbox } from '../../../src/sandbox';
import { pngBytes, writeImage } from '../images/helpers';
import { boxLine, classLine } from '../sandbox/helpers';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('cli: lint --check-images', () => {
  let dir: string;
  let manifest: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-images-'));
    writeImage(dir, 'bucket', 'good.png', pngBytes(100, 80));
    writeImage(dir, 'bucket', 'small.png', pngBytes(30, 30));
    manifest = path.join(dir, 'm.manifest');
    fs.writeFileSync(
      manifest,
      [
        boxLine('s3://bucket/good.png', [{ label: 'car', left: 1, top: 1, width: 20, height: 20 }], { width: 100, height: 80 }),
        classLine('s3://bucket/small.png', 'cat'),
        boxLine('s3://bucket/good.png', [{ label: 'car', left: 1, top: 1, width: 20, height: 20 }], { width: 640, height: 480 }).replace('good.png', 'good.png?'),
      ].join('\n') + '\n',
    );
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reports the images of a local folder on their lines (--images-dir)', async () => {
    const r = await run(['lint', '--check-images', '--images-dir', dir, manifest]);
    assert.strictEqual(r.code, 1, r.err);
    assert.match(r.out, /m\.manifest:2:\d+ error ERROR_INVALID_IMAGE s3:\/\/bucket\/small\.png is 30 x 30 px/);
    assert.match(r.out, /m\.manifest:3:\d+ error ERROR_INVALID_IMAGE s3:\/\/bucket\/good\.png\? does not exist in the folder/);
    assert.doesNotMatch(r.out, /m\.manifest:1:/);
  });

  it('without --check-images, no image is read', async () => {
    const r = await run(['lint', manifest]);
    assert.strictEqual(r.code, 0, r.out);
  });

  it('reads S3 at AWS_ENDPOINT_URL_S3 (the sandbox)', async () => {
    const sandbox = await startSandbox({ s3Root: dir });
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_ENDPOINT_URL_S3: sandbox.endpoint, AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y', AWS_REGION: 'us-east-1' });
    try {
      const r = await run(['lint', '--check-images', manifest]);
      assert.strictEqual(r.code, 1, r.err);
      assert.match(r.out, /m\.manifest:2:\d+ error ERROR_INVALID_IMAGE/);
      // One ranged GetObject per image (its answer says the size and ETag), no HeadObject: the
      // manifest names 3 images (good.png, small.png, the missing good.png?), each under 16 KiB.
      const sent = sandbox.requests.map((q) => `${q.operation} ${q.range ?? ''}`.trim());
      assert.deepStrictEqual(sent, Array(3).fill('S3.GetObject bytes=0-16383'));
    } finally {
      for (const k of ['AWS_ENDPOINT_URL_S3', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION']) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
      await sandbox.close();
    }
  });

  it('--check-truncation: a truncated image on S3 larger than the first read is found only with it (one more GET for its end)', async () => {
    const bigDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-images-cut-'));
    const sandbox = await startSandbox({ s3Root: bigDir });
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_ENDPOINT_URL_S3: sandbox.endpoint, AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y', AWS_REGION: 'us-east-1' });
    try {
      // A PNG past the first read (16 KiB): noise does not compress. Its last 20 bytes cut off (IEND lost).
      const whole = pngBytes(200, 200, (x, y) => [(x * 7919 + y * 104729) % 251, (x * y) % 253, (x + 3 * y) % 255]);
      assert.ok(whole.length > 16 * 1024, `the test image is ${whole.length} bytes`);
      writeImage(bigDir, 'bucket', 'cut.png', whole.subarray(0, whole.length - 20));
      const m = path.join(bigDir, 'cut.manifest');
      fs.writeFileSync(m, classLine('s3://bucket/cut.png', 'cat') + '\n');
      const plain = await run(['lint', '--check-images', m]);
      assert.strictEqual(plain.code, 0, plain.out + plain.err);
      assert.equal(sandbox.requests.length, 1);
      const withEnds = await run(['lint', '--check-images', '--check-truncation', m]);
      assert.strictEqual(withEnds.code, 1, withEnds.out + withEnds.err);
      assert.match(withEnds.out, /cut\.manifest:1:\d+ error ERROR_INVALID_IMAGE s3:\/\/bucket\/cut\.png is truncated/);
      assert.equal(sandbox.requests.length, 3);
      const usage = await run(['lint', '--check-truncation', m]);
      assert.strictEqual(usage.code, 2);
      assert.match(usage.err, /--check-truncation goes with --check-images/);
    } finally {
      for (const k of ['AWS_ENDPOINT_URL_S3', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION']) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
      await sandbox.close();
      fs.rmSync(bigDir, { recursive: true, force: true });
    }
  });

  it('S3 that does not answer: said once, exit 2, no problem on the lines', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:1', AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y', AWS_REGION: 'us-east-1' });
    try {
      const r = await run(['lint', '--check-images', manifest]);
      assert.strictEqual(r.code, 2, r.out);
      assert.match(r.err, /the images of ".*m\.manifest" cannot be checked: S3 at http:\/\/127\.0\.0\.1:1 did not answer/);
      assert.doesNotMatch(r.out, /CL_IMAGE_UNREADABLE/);
    } finally {
      for (const k of ['AWS_ENDPOINT_URL_S3', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION']) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
    }
  });

  it('--images-dir needs a folder', async () => {
    assert.strictEqual((await run(['lint', '--check-images', '--images-dir'])).code, 2);
  });

  it('--cache: a second run sends S3 no GetObject (HeadObject only), says the same; a changed image is read again', async () => {
    const sandbox = await startSandbox({ s3Root: dir });
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_ENDPOINT_URL_S3: sandbox.endpoint, AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y', AWS_REGION: 'us-east-1' });
    const cacheAt = path.join(dir, 'cache', 'images.json');
    const sent = (from: number) => sandbox.requests.slice(from).map((q) => q.operation);
    try {
      const first = await run(['lint', '--check-images', '--cache', '--cache-location', cacheAt, manifest]);
      assert.strictEqual(first.code, 1, first.err);
      assert.ok(fs.existsSync(cacheAt), 'the cache file is written');
      let from = sandbox.requests.length;
      const second = await run(['lint', '--check-images', '--cache', '--cache-location', cacheAt, manifest]);
      assert.deepStrictEqual([second.code, second.out, second.err], [first.code, first.out, first.err]);
      // 3 images named (good.png, small.png, the missing good.png?): one HeadObject each.
      assert.deepStrictEqual(sent(from), Array(3).fill('S3.HeadObject'));
      // small.png replaced by a good image: its ETag changes, it alone is read, and its problem goes.
      writeImage(dir, 'bucket', 'small.png', pngBytes(100, 80));
      from = sandbox.requests.length;
      const third = await run(['lint', '--check-images', '--cache', '--cache-location', cacheAt, manifest]);
      assert.doesNotMatch(third.out, /m\.manifest:2:/);
      assert.deepStrictEqual(sent(from).filter((o) => o === 'S3.GetObject').length, 1);
    } finally {
      writeImage(dir, 'bucket', 'small.png', pngBytes(30, 30));
      for (const k of ['AWS_ENDPOINT_URL_S3', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION']) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
      await sandbox.close();
    }
  });

  it('--cache goes with --check-images, --cache-location with --cache and a value; a cached entry under another ETag is not used', async () => {
    assert.match((await run(['lint', '--cache', manifest])).err, /--cache goes with --check-images/);
    assert.match((await run(['lint', '--check-images', '--images-dir', dir, '--cache-location', path.join(dir, 'c'), manifest])).err, /--cache-location goes with --cache/);
    assert.strictEqual((await run(['lint', '--check-images', '--cache', '--cache-location'])).code, 2);
    const junk = path.join(dir, 'junk-cache');
    fs.writeFileSync(junk, '{"format":"custom-labels image checks 1","images":[["bucket","small.png","x",{"size":1,"truncated":false,"format":"png","width":100,"height":80}]]}');
    const r = await run(['lint', '--check-images', '--images-dir', dir, '--cache', '--cache-location', junk, manifest]);
    assert.match(r.out, /m\.manifest:2:\d+ error ERROR_INVALID_IMAGE s3:\/\/bucket\/small\.png is 30 x 30 px/);
  });
});

describe('cli: lint --check-images --images-dir never reads outside the folder (#21 item 8)', () => {
  let base: string;
  let dir: string;
  let manifest: string;
  before(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-images-outside-'));
    dir = path.join(base, 'images');
    // DIR/../secret/x.png exists, and is too small: had it been read, its size would be reported.
    writeImage(base, 'secret', 'x.png', pngBytes(30, 30));
    writeImage(dir, 'bucket', 'good.png', pngBytes(100, 80));
    let linked = true;
    try {
      fs.symlinkSync(path.join(base, 'secret', 'x.png'), path.join(dir, 'bucket', 'link.png'));
    } catch {
      linked = false; // no symbolic links here (Windows without the privilege)
    }
    manifest = path.join(base, 'm.manifest');
    fs.writeFileSync(
      manifest,
      [classLine('s3://../secret/x.png', 'cat'), classLine('s3://bucket/good.png', 'cat'), ...(linked ? [classLine('s3://bucket/link.png', 'cat')] : [])].join('\n') + '\n',
    );
  });
  after(() => fs.rmSync(base, { recursive: true, force: true }));

  it("refuses s3://../secret/x.png (the bucket '..') and a link out of the folder, and says so on their lines", async () => {
    const r = await run(['lint', '--check-images', '--images-dir', dir, manifest]);
    assert.doesNotMatch(r.out, /30 x 30/, 'the file outside the folder was read');
    assert.match(r.out, /m\.manifest:1:\d+ \w+ CL_IMAGE_UNREADABLE s3:\/\/\.\.\/secret\/x\.png could not be checked: .*refused/);
    assert.doesNotMatch(r.out, /m\.manifest:2:/);
    if (fs.existsSync(path.join(dir, 'bucket', 'link.png'))) assert.match(r.out, /m\.manifest:3:\d+ \w+ CL_IMAGE_UNREADABLE s3:\/\/bucket\/link\.png could not be checked: .*refused/);
  });
});
