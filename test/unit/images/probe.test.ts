/**
 * The image reader: size and ETag from HeadObject, format and dimensions from a ranged read of the
 * header, truncation from the last bytes; through the real @aws-sdk/client-s3 against the sandbox,
 * and from a local folder.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { HEADER_BYTES, createFolderSource, createS3Source, probeImage, type ImageSource } from '../../../src/images';
import { startSandbox, type Sandbox } from '../../../src/sandbox';
import { jpegBytes, pngBytes, writeImage } from './helpers';

describe('images: probeImage', () => {
  let root: string;
  let sandbox: Sandbox;
  let s3: ImageSource;
  let big: Buffer;
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
        assert.deepStrictEqual({ ...a, etag: undefined, size: undefined }, { kind: 'image', format: 'png', width: 320, height: 200, truncated: false, etag: undefined, size: undefined });
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

  it('reads only the size, the header and the tail of a large image from S3', async () => {
    assert.ok(big.length > HEADER_BYTES + 32, `${big.length} bytes`);
    const before = sandbox.requests.length;
    const p = await probeImage(s3, 'bucket', 'big.png');
    assert.strictEqual(p.kind === 'image' && `${p.size} ${p.width}x${p.height} ${p.truncated}`, `${big.length} 400x400 false`);
    const seen = sandbox.requests.slice(before).map((r) => `${r.operation} ${r.range ?? ''}`.trim());
    assert.deepStrictEqual(seen, ['S3.HeadObject', `S3.GetObject bytes=0-${HEADER_BYTES - 1}`, `S3.GetObject bytes=${big.length - 32}-${big.length - 1}`]);
  });
});
