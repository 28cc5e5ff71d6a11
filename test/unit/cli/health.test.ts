/**
 * `custom-labels health`: a train/test leak found over images made for it (a photo in training,
 * its resized copy in test: exit 1, the lines of both files), no leak (exit 0), usage errors
 * (exit 2), JSON Lines, and the images read from the sandbox's S3 as from a folder.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import { startSandbox } from '../../../src/sandbox';
import { cls } from '../health/manifest-lines';
import { photo, resized, toJpeg, toPng } from '../health/synthetic-photo';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('cli: health', () => {
  let dir: string;
  let train: string;
  let test: string;
  let cleanTest: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-health-'));
    fs.mkdirSync(path.join(dir, 'photos', 'img'), { recursive: true });
    const put = (key: string, bytes: Buffer) => fs.writeFileSync(path.join(dir, 'photos', 'img', key), bytes);
    const shop = photo({ palette: 11, layout: 1, width: 400, height: 300 });
    put('shop.jpg', toJpeg(shop, 90));
    put('street.jpg', toJpeg(photo({ palette: 12, layout: 2, width: 400, height: 300 }), 90));
    put('park.png', toPng(photo({ palette: 13, layout: 3, width: 300, height: 300 })));
    put('shop-small.jpg', toJpeg(resized(shop, 200, 150), 80)); // the training photo, resized
    put('beach.jpg', toJpeg(photo({ palette: 14, layout: 4, width: 400, height: 300 }), 90));
    train = path.join(dir, 'train.manifest');
    test = path.join(dir, 'test.manifest');
    cleanTest = path.join(dir, 'clean-test.manifest');
    fs.writeFileSync(train, [cls('s3://photos/img/shop.jpg', ['shop']), cls('s3://photos/img/street.jpg', ['street']), cls('s3://photos/img/park.png', ['park'])].join('\n') + '\n');
    fs.writeFileSync(test, [cls('s3://photos/img/beach.jpg', ['street']), cls('s3://photos/img/shop-small.jpg', ['shop'])].join('\n') + '\n');
    fs.writeFileSync(cleanTest, [cls('s3://photos/img/beach.jpg', ['street'])].join('\n') + '\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a resized copy of a training photo in test is a leak: exit 1, line 1 of TRAIN and line 2 of TEST', async () => {
    const r = await run(['health', train, test, '--images-dir', dir]);
    assert.equal(r.code, 1, r.err + r.out);
    assert.match(r.out, /train\.manifest:1 \+ .*test\.manifest:2: error CL_HEALTH_NEAR_TRAIN_TEST_LEAK 2 images that look the same/);
    assert.match(r.out, /health: training 3 images \(3 read\), test 2 images \(2 read\); 1 error,/);
  });

  it('--json: a finding record with its files and lines, a summary last', async () => {
    const r = await run(['health', train, test, '--images-dir', dir, '--json']);
    assert.equal(r.code, 1, r.err);
    const records = r.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const leak = records.find((x) => x.code === 'CL_HEALTH_NEAR_TRAIN_TEST_LEAK')!;
    assert.deepEqual(leak.files, [
      { file: train, dataset: 'train', lines: [1] },
      { file: test, dataset: 'test', lines: [2] },
    ]);
    assert.equal((leak.numbers as Record<string, number>).images, 2);
    assert.deepEqual(records.at(-1)!.type, 'summary');
    assert.deepEqual(records.at(-1)!.datasets, [
      { file: train, dataset: 'train', images: 3, fingerprinted: 3 },
      { file: test, dataset: 'test', images: 2, fingerprinted: 2 },
    ]);
  });

  it('no image shared: exit 0', async () => {
    const r = await run(['health', train, cleanTest, '--images-dir', dir]);
    assert.equal(r.code, 0, r.out);
    assert.doesNotMatch(r.out, /LEAK/);
  });

  it('usage errors: exit 2', async () => {
    assert.equal((await run(['health'])).code, 2);
    assert.equal((await run(['health', train, test, cleanTest])).code, 2);
    assert.equal((await run(['health', train, '--bogus'])).code, 2);
    assert.equal((await run(['health', train, '--images-dir'])).code, 2);
    const missing = await run(['health', path.join(dir, 'nope.manifest')]);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /cannot read ".*nope\.manifest": no such file/);
  });

  it('--cache: a second run reads no unchanged image (a file changed under the same size, date and inode is answered from the cache)', async () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-health-cache-'));
    try {
      fs.cpSync(path.join(dir, 'photos'), path.join(copy, 'photos'), { recursive: true });
      const small = path.join(copy, 'photos', 'img', 'shop-small.jpg');
      // Whole seconds, so the date can be set back exactly after the bytes change.
      for (const f of fs.readdirSync(path.join(copy, 'photos', 'img'))) fs.utimesSync(path.join(copy, 'photos', 'img', f), 1_000_000_000, 1_000_000_000);
      const args = ['health', train, test, '--images-dir', copy];
      const first = await run([...args, '--cache', '--cache-location', path.join(copy, 'cache') + path.sep]);
      assert.equal(first.code, 1, first.err + first.out);
      const file = path.join(copy, 'cache', '.custom-labels-health-cache');
      // JSON Lines: the format line, then one line per image.
      assert.equal(fs.readFileSync(file, 'utf8').trimEnd().split('\n').length, 1 + 5);
      // Same size, same inode (written in place), same date: the folder's ETag is unchanged, the bytes are not a JPEG any more.
      fs.writeFileSync(small, Buffer.alloc(fs.statSync(small).size));
      fs.utimesSync(small, 1_000_000_000, 1_000_000_000);
      const uncached = await run(args);
      assert.equal(uncached.code, 0, 'without the cache the changed bytes are read: no leak');
      assert.match(uncached.out, /shop-small\.jpg is neither PNG nor JPEG/);
      const cached = await run([...args, '--cache', '--cache-location', path.join(copy, 'cache')]);
      assert.equal(cached.code, 1, 'with the cache nothing was read: the leak of the first run\n' + cached.out);
      assert.match(cached.out, /CL_HEALTH_NEAR_TRAIN_TEST_LEAK/);
      assert.equal((await run([...args, '--cache-location', file])).code, 2, '--cache-location without --cache');
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });

  it('reads the images from S3 at AWS_ENDPOINT_URL_S3 (the sandbox), with the same result', async () => {
    const sandbox = await startSandbox({ s3Root: dir });
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_ENDPOINT_URL_S3: sandbox.endpoint, AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y', AWS_REGION: 'us-east-1' });
    try {
      const r = await run(['health', train, test]);
      assert.equal(r.code, 1, r.err + r.out);
      assert.match(r.out, /CL_HEALTH_NEAR_TRAIN_TEST_LEAK/);
    } finally {
      process.env = saved;
      await sandbox.close();
    }
  });
});
