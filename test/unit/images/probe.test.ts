/**
 * The image reader: format and dimensions from a ranged read of the header, whose answer says the
 * size and ETag (no HeadObject), truncation from the last bytes; a JPEG whose frame header lies
 * past the first read followed along its segments; through the real @aws-sdk/client-s3 against
 * the sandbox, and from a local folder.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { HEADER_BYTES, checkImages, createFolderSource, createS3Source, probeImage, type ImageSource } from '../../../src/images';
import { startSandbox, type Sandbox } from '../../../src/sandbox';
import { jpegBytes, pngBytes, writeImage } from './helpers';

describe('images: probeImage', () => {
  let root: string;
  let sandbox: Sandbox;
  let s3: ImageSource;
  let big: Buffer;
  /** A JPEG of 300 x 200 with an EXIF block (orientation 6) of 65,000 bytes and an ICC block of 60,000 bytes before its frame header. */
  let deep: { bytes: Buffer; exifEnd: number; iccEnd: number };
  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'images-probe-'));
    writeImage(root, 'bucket', 'a.png', pngBytes(320, 200));
    writeImage(root, 'bucket', 'b.jpg', jpegBytes(100, 70));
    // Noise does not compress: a PNG well over the header read.
    const { PNG } = await import('pngjs');
    const png = new PNG({ width: 400, height: 400 });
    for (let i = 0; i < png.data.length; i++) png.data[i] = (i * 2654435761) >>> 24;
    big = PNG.sync.write(png);
    writeImage(root, 'bucket', 'big.png', big);
    writeImage(root, 'bucket', 'cut.png', big.subarray(0, big.length - 1000));
    writeImage(root, 'bucket', 'text.jpg', 'not an image at all');
    const plain = jpegBytes(300, 200);
    const segment = (marker: number, body: Buffer) => {
      const head = Buffer.from([0xff, marker, 0, 0]);
      head.writeUInt16BE(body.length + 2, 2);
      return Buffer.concat([head, body]);
    };
    // Big-endian TIFF, one IFD entry: Orientation (0x0112) = 6; then padding, as a thumbnail would be.
    const tiff = Buffer.from([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0]);
    const exif = segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff, Buffer.alloc(65_000 - 6 - tiff.length - 4, 0x55)]));
    const icc = segment(0xe2, Buffer.concat([Buffer.from('ICC_PROFILE\0', 'latin1'), Buffer.alloc(60_000 - 12 - 4, 0x66)]));
    const bytes = Buffer.concat([plain.subarray(0, 2), exif, icc, plain.subarray(2)]);
    deep = { bytes, exifEnd: 2 + exif.length, iccEnd: 2 + exif.length + icc.length };
    writeImage(root, 'bucket', 'deep.jpg', bytes);
    for (let i = 0; i < 12; i++) writeImage(root, 'bucket', `large/${i}.png`, big);
    writeImage(root, 'bucket', 'large/cut.png', big.subarray(0, big.length - 20));
    sandbox = await startSandbox({ s3Root: root });
    s3 = createS3Source({ connection: { region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 1 }, s3Endpoint: sandbox.endpoint });
  });
  after(async () => {
    s3.dispose();
    await sandbox.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  for (const via of ['S3 (the sandbox)', 'a local folder']) {
    const source = () => (via === 'a local folder' ? createFolderSource(root) : s3);
    describe(`from ${via}`, () => {
      it('reads PNG and JPEG format and dimensions', async () => {
        const a = await probeImage(source(), 'bucket', 'a.png');
        assert.deepStrictEqual({ ...a, etag: undefined, size: undefined }, { kind: 'image', format: 'png', width: 320, height: 200, truncated: false, endChecked: true, etag: undefined, size: undefined });
        const b = await probeImage(source(), 'bucket', 'b.jpg');
        assert.strictEqual(b.kind === 'image' && `${b.format} ${b.width}x${b.height} ${b.truncated}`, 'jpg 100x70 false');
      });
      it('tells a truncated PNG, a file that is not an image and a missing one', async () => {
        const cut = await probeImage(source(), 'bucket', 'cut.png');
        assert.strictEqual(cut.kind === 'image' && `${cut.format} ${cut.truncated}`, 'png true');
        const text = await probeImage(source(), 'bucket', 'text.jpg');
        assert.strictEqual(text.kind === 'image' && text.format, undefined);
        assert.deepStrictEqual(await probeImage(source(), 'bucket', 'none.png'), { kind: 'missing' });
        assert.deepStrictEqual(await probeImage(source(), 'nobucket', 'none.png'), { kind: 'missing' });
      });
    });
  }

  it('reads a large image with a ranged GET whose answer says its size (no HeadObject), then its last bytes', async () => {
    assert.ok(big.length > HEADER_BYTES + 32, `${big.length} bytes`);
    const before = sandbox.requests.length;
    const p = await probeImage(s3, 'bucket', 'big.png');
    assert.strictEqual(p.kind === 'image' && `${p.size} ${p.width}x${p.height} ${p.truncated}`, `${big.length} 400x400 false`);
    const seen = sandbox.requests.slice(before).map((r) => `${r.operation} ${r.range ?? ''}`.trim());
    assert.deepStrictEqual(seen, [`S3.GetObject bytes=0-${HEADER_BYTES - 1}`, `S3.GetObject bytes=${big.length - 32}-${big.length - 1}`]);
  });

  it('follows a JPEG past a 65 KB EXIF block and a 60 KB ICC block to its frame header: one read from where each next segment starts', async () => {
    const before = sandbox.requests.length;
    const p = await probeImage(s3, 'bucket', 'deep.jpg');
    assert.deepStrictEqual(p.kind === 'image' && [p.format, p.width, p.height, p.orientation, p.truncated, p.size], ['jpg', 300, 200, 6, false, deep.bytes.length]);
    const seen = sandbox.requests.slice(before).map((r) => `${r.operation} ${r.range ?? ''}`.trim());
    const n = deep.bytes.length;
    assert.deepStrictEqual(seen, [
      `S3.GetObject bytes=0-${HEADER_BYTES - 1}`,
      `S3.GetObject bytes=${deep.exifEnd}-${deep.exifEnd + HEADER_BYTES - 1}`,
      `S3.GetObject bytes=${deep.iccEnd}-${Math.min(n, deep.iccEnd + HEADER_BYTES) - 1}`,
      `S3.GetObject bytes=${n - 32}-${n - 1}`,
    ]);
    // The same from a local folder.
    const f = await probeImage(createFolderSource(root), 'bucket', 'deep.jpg');
    assert.deepStrictEqual(f.kind === 'image' && [f.format, f.width, f.height, f.orientation], ['jpg', 300, 200, 6]);
  });

  it('a run of large images costs one GET each (no HeadObject, no read of the end), and after 8 headers only as much as they need', async () => {
    const keys = Array.from({ length: 12 }, (_, i) => `large/${i}.png`);
    const before = sandbox.requests.length;
    const r = await checkImages(
      keys.map((k) => JSON.stringify({ 'source-ref': `s3://bucket/${k}` })),
      s3,
      { concurrency: 1 },
    );
    assert.deepStrictEqual(r.problems, []);
    const seen = sandbox.requests.slice(before).map((q) => `${q.operation} ${q.range ?? ''}`.trim());
    // A PNG's header ends at byte 33 (signature 8, IHDR 25): after 8 of them, twice that rounded up to 4 KiB (the least) is read first.
    assert.deepStrictEqual(seen, [...Array(8).fill(`S3.GetObject bytes=0-${HEADER_BYTES - 1}`), ...Array(4).fill('S3.GetObject bytes=0-4095')]);
  });

  it('a truncated large image on S3 is found when the ends are asked for (readEnds), and said nothing of otherwise', async () => {
    const lines = [JSON.stringify({ 'source-ref': 's3://bucket/large/cut.png' })];
    const without = await checkImages(lines, s3, { concurrency: 1 });
    assert.deepStrictEqual(without.problems, []);
    const withEnds = await checkImages(lines, s3, { concurrency: 1, readEnds: true });
    assert.deepStrictEqual(withEnds.problems.map((p) => p.code), ['ERROR_INVALID_IMAGE']);
    assert.match(withEnds.problems[0]!.message, /truncated/);
  });

  it('with readEnds, a run of large images reads each one\'s last bytes alongside its header (two GETs per image, no HeadObject), and after 8 headers only as much as they need', async () => {
    const keys = Array.from({ length: 12 }, (_, i) => `large/${i}.png`);
    const before = sandbox.requests.length;
    const r = await checkImages(
      keys.map((k) => JSON.stringify({ 'source-ref': `s3://bucket/${k}` })),
      s3,
      { concurrency: 1, readEnds: true },
    );
    assert.deepStrictEqual(r.problems, []);
    const seen = sandbox.requests.slice(before).map((q) => `${q.operation} ${q.range ?? ''}`.trim());
    assert.strictEqual(seen.length, 2 * keys.length, seen.join('\n'));
    assert.ok(seen.every((s) => s.startsWith('S3.GetObject ')), seen.join('\n'));
    // The first image tells the run its images are large: the others' tails are suffix ranges sent with the header.
    assert.strictEqual(seen.filter((s) => s === 'S3.GetObject bytes=-32').length, keys.length - 1, seen.join('\n'));
    // A PNG's header ends at byte 33 (signature 8, IHDR 25): after 8 of them, twice that rounded up to 4 KiB (the least) is read first.
    const headers = seen.filter((s) => s.startsWith('S3.GetObject bytes=0-'));
    assert.deepStrictEqual(headers, [...Array(8).fill(`S3.GetObject bytes=0-${HEADER_BYTES - 1}`), ...Array(4).fill('S3.GetObject bytes=0-4095')]);
  });
});
