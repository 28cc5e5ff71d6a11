/**
 * The file a gallery card shows (src/gallery/card-images.ts): a large photo's thumbnail, made once
 * and then found in the cache; a small image, an undecodable one, and every image without a pool
 * shown in full; from S3 (a fake source counting reads) the photo read once. Pictures made here;
 * the thumbnail's size from the photo's (its long side brought to 256), read by image-size. The
 * decode's fingerprint of an image, from S3 or a local folder, goes to Check Dataset Health's
 * cache by the ETag health reads by: a health read of it then reads nothing.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { imageSize } from 'image-size';
import { cardImage, THUMB_MIN_BYTES, type CardImageOptions } from '../../../src/gallery/card-images';
import { DecodePool, fingerprintBytes, KeptFingerprints, readImages } from '../../../src/health';
import { createFolderSource, type ImageSource } from '../../../src/images';
import { photo, toJpeg } from '../health/synthetic-photo';

describe('gallery: the image a card shows', function () {
  this.timeout(60_000);
  let root: string;
  let pool: DecodePool;
  const big = toJpeg(photo({ palette: 12, layout: 13, width: 1200, height: 900 }), 92);
  const small = toJpeg(photo({ palette: 12, layout: 13, width: 120, height: 90 }), 80);
  // A JPEG's start and then nothing the decoder can read (the webview may still show something).
  const broken = Buffer.concat([big.subarray(0, 2000), Buffer.alloc(THUMB_MIN_BYTES, 0x55)]);

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'card-images-'));
    fs.mkdirSync(path.join(root, 'photos', 'b'), { recursive: true });
    fs.writeFileSync(path.join(root, 'photos', 'b', 'big.jpg'), big);
    fs.writeFileSync(path.join(root, 'photos', 'b', 'small.jpg'), small);
    fs.writeFileSync(path.join(root, 'photos', 'b', 'broken.jpg'), broken);
    pool = new DecodePool({ size: 1 });
  });
  after(() => {
    pool.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const options = (over: Partial<CardImageOptions> = {}): CardImageOptions => ({
    source: createFolderSource(path.join(root, 'photos')),
    imagesDir: path.join(root, 'photos'),
    cacheDir: path.join(root, 'cache'),
    thumbDir: path.join(root, 'thumbs'),
    pool,
    ...over,
  });

  it('a large photo: its thumbnail, 256x192 for 1200x900, made once and then found in the cache', async () => {
    assert.ok(big.length > THUMB_MIN_BYTES, `the photo is ${big.length} bytes`);
    const o = options();
    const first = await cardImage('s3://b/big.jpg', o, new AbortController().signal);
    assert.ok(first?.thumbnail, JSON.stringify(first));
    const bytes = fs.readFileSync(first.file);
    const size = imageSize(bytes);
    assert.deepEqual([size.type, size.width, size.height], ['jpg', 256, 192]);
    assert.ok(bytes.length * 5 < big.length, `${bytes.length} of ${big.length} bytes`);
    assert.ok(first.file.startsWith(path.join(root, 'thumbs')), first.file);
    const decodes = pool.started;
    const again = await cardImage('s3://b/big.jpg', o, new AbortController().signal);
    assert.deepEqual(again, first);
    assert.equal(pool.started, decodes);
  });

  it('a small image and, without a pool, every image: the image as it is', async () => {
    assert.deepEqual(await cardImage('s3://b/small.jpg', options(), new AbortController().signal), { file: path.join(root, 'photos', 'b', 'small.jpg'), thumbnail: false });
    const { pool: _, ...noPool } = options();
    assert.deepEqual(await cardImage('s3://b/big.jpg', noPool, new AbortController().signal), { file: path.join(root, 'photos', 'b', 'big.jpg'), thumbnail: false });
  });

  it('an image that cannot be decoded here: the full image, and why', async () => {
    const got = await cardImage('s3://b/broken.jpg', options(), new AbortController().signal);
    assert.equal(got?.file, path.join(root, 'photos', 'b', 'broken.jpg'));
    assert.equal(got?.thumbnail, false);
    assert.match(got?.problem ?? '', /JPEG/);
  });

  it('no image there, or not an S3 URI: nothing', async () => {
    assert.equal(await cardImage('s3://b/none.jpg', options(), new AbortController().signal), undefined);
    assert.equal(await cardImage('https://example.com/x.jpg', options(), new AbortController().signal), undefined);
  });

  it('from S3: the photo read once into the image cache, its thumbnail keyed by the ETag', async () => {
    let reads = 0;
    let etag = '"v1"';
    const s3: ImageSource = {
      where: 'fake S3',
      head: async () => ({ size: big.length, etag }),
      read: async () => {
        reads++;
        return big;
      },
      dispose: () => undefined,
    };
    const { imagesDir: _, ...o } = options({ source: s3 });
    const first = await cardImage('s3://b/s3.jpg', o, new AbortController().signal);
    assert.ok(first?.thumbnail);
    assert.equal(imageSize(fs.readFileSync(first.file)).width, 256);
    assert.equal(reads, 1);
    assert.deepEqual(await cardImage('s3://b/s3.jpg', o, new AbortController().signal), first);
    assert.equal(reads, 1, 'read once');
    // The image cache emptied (trimmed): the thumbnail is found without reading the photo again.
    fs.rmSync(o.cacheDir, { recursive: true, force: true });
    assert.deepEqual(await cardImage('s3://b/s3.jpg', o, new AbortController().signal), first);
    assert.equal(reads, 1, 'a thumbnail made before needs no read');
    etag = '"v2"';
    const changed = await cardImage('s3://b/s3.jpg', o, new AbortController().signal);
    assert.ok(changed?.thumbnail && changed.file !== first.file, 'a new ETag: a new thumbnail');
    assert.equal(reads, 2);
  });

  it("a thumbnail decode puts its fingerprint in health's cache by the ETag health reads by (S3's, a folder's): health then reads the image no more", async () => {
    let reads = 0;
    const s3: ImageSource = {
      where: 'fake S3',
      head: async () => ({ size: big.length, etag: '"fp1"' }),
      read: async () => {
        reads++;
        return big;
      },
      dispose: () => undefined,
    };
    const kept = new KeptFingerprints(path.join(root, 'fingerprints.json'), 100);
    const { imagesDir: _, ...o } = options({ source: s3, fingerprints: kept, thumbDir: path.join(root, 'thumbs-fp'), cacheDir: path.join(root, 'cache-fp') });
    assert.ok((await cardImage('s3://b/fp.jpg', o, new AbortController().signal))?.thumbnail);
    assert.equal(reads, 1);
    const { thumbnail: _t, ...expected } = fingerprintBytes(big);
    const cache = await kept.cache();
    assert.deepEqual(cache.get({ bucket: 'b', key: 'fp.jpg' }), { etag: '"fp1"', fingerprint: expected });
    const health = await readImages([{ bucket: 'b', key: 'fp.jpg' }], s3, { cache, pool });
    assert.deepEqual(health.get('b\u0000fp.jpg'), { fingerprint: expected, etag: '"fp1"' });
    assert.equal(reads, 1, 'health read no image');
    await kept.save();
    assert.equal((await new KeptFingerprints(kept.file, 100).cache()).size, 1, 'saved for the next window');
    // A folder's card: kept by the folder source's ETag, so health reading that folder reads nothing either.
    assert.ok((await cardImage('s3://b/big.jpg', options({ fingerprints: kept, thumbDir: path.join(root, 'thumbs-fp2') }), new AbortController().signal))?.thumbnail);
    assert.equal(cache.size, 2);
    const folder = createFolderSource(path.join(root, 'photos'));
    let folderReads = 0;
    const counted: ImageSource = { ...folder, read: (...args: Parameters<ImageSource['read']>) => (folderReads++, folder.read(...args)) };
    const local = await readImages([{ bucket: 'b', key: 'big.jpg' }], counted, { cache, pool });
    assert.deepEqual(local.get('b\u0000big.jpg'), { fingerprint: (({ thumbnail: _x, ...f }) => f)(fingerprintBytes(big)), etag: (await folder.head('b', 'big.jpg'))!.etag });
    assert.equal(folderReads, 0, 'health read no image of the folder');
  });
});
