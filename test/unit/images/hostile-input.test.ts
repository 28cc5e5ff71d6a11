/**
 * The image reader on hostile input (issue #21, item 11): a huge file that is not an image, an
 * image one byte over the limit, a directory or a FIFO where an image should be, a JPEG whose
 * EXIF orientation turns it.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { HEADER_BYTES, checkImages, createFolderSource, probeImage, type ImageSource } from '../../../src/images';
import { boxLine } from '../sandbox/helpers';
import { jpegBytes, writeImage } from './helpers';

/** A JPEG with an EXIF APP1 segment (big-endian TIFF, one IFD entry: Orientation = `orientation`) right after its SOI. */
function withOrientation(jpeg: Buffer, orientation: number): Buffer {
  const tiff = Buffer.from([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0]);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const length = Buffer.alloc(2);
  length.writeUInt16BE(body.length + 2);
  return Buffer.concat([jpeg.subarray(0, 2), Buffer.from([0xff, 0xe1]), length, body, jpeg.subarray(2)]);
}

/** `source`, counting the bytes its reads return. */
function counting(source: ImageSource): { source: ImageSource; bytes: () => number } {
  let bytes = 0;
  return {
    source: {
      where: source.where,
      head: (b, k, s) => source.head(b, k, s),
      read: async (b, k, start, end, s) => {
        const out = await source.read(b, k, start, end, s);
        bytes += out.length;
        return out;
      },
      readRange: async (b, k, range, s) => {
        const out = await source.readRange!(b, k, range, s);
        bytes += out?.bytes.length ?? 0;
        return out;
      },
      dispose: () => source.dispose(),
    },
    bytes: () => bytes,
  };
}

describe('images: hostile input (issue #21)', () => {
  let root: string;
  const MB15 = 15 * 1024 * 1024;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'images-hostile-'));
    fs.mkdirSync(path.join(root, 'bucket', 'a-directory.jpg'), { recursive: true });
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('reads only the header of a 600 MB file that is not an image (text, or a JPEG start and then nothing)', async () => {
    for (const [key, start] of [
      ['huge.jpg', Buffer.from('this is a log file, not an image\n')],
      ['huge-soi.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xfe, 0x00, 0x04, 0x41, 0x41])],
    ] as [string, Buffer][]) {
      writeImage(root, 'bucket', key, start);
      // Sparse: 600 MB on paper, nothing on disk.
      fs.truncateSync(path.join(root, 'bucket', key), 600 * 1024 * 1024);
      const { source, bytes } = counting(createFolderSource(root));
      const probe = await probeImage(source, 'bucket', key);
      assert.strictEqual(probe.kind === 'image' && probe.format, undefined, key);
      // The first header read, and for a JPEG start one more of at most 1 MB for a large EXIF block.
      assert.ok(bytes() <= HEADER_BYTES + 1024 * 1024, `${key}: ${bytes().toLocaleString('en-US')} bytes read`);
    }
  });

  it('says by how much an image is over 15 MB, in bytes: one byte over is not "15.0 MB"', async () => {
    // A PNG signature and IHDR, then padding: 15 MiB + 1 byte, the limit as this check counts 15 MB.
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000001000000010008020000000000000049454e44ae426082', 'hex');
    const file = path.join(root, 'bucket', 'over.png');
    writeImage(root, 'bucket', 'over.png', png);
    fs.truncateSync(file, MB15 + 1);
    const r = await checkImages([boxLine('s3://bucket/over.png', [], { width: 256, height: 256 })], createFolderSource(root));
    const messages = r.problems.map((p) => p.message).filter((m) => /15 MB/.test(m));
    assert.deepStrictEqual(messages, [
      's3://bucket/over.png is 15,728,641 bytes; the most Custom Labels takes is 15 MB (15,728,640 bytes). Compress or scale it down.',
    ]);
  });

  it('says a directory is a directory, not that it does not exist', async () => {
    const r = await checkImages([boxLine('s3://bucket/a-directory.jpg', [], { width: 256, height: 256 })], createFolderSource(root));
    assert.deepStrictEqual(
      r.problems.map((p) => `${p.code} ${p.message}`),
      [`ERROR_INVALID_IMAGE s3://bucket/a-directory.jpg is not an image file: ${path.join(root, 'bucket', 'a-directory.jpg')} is a directory, not an image file. Point source-ref at a PNG or JPEG file.`],
    );
  });

  it('never waits on a FIFO: says what it is, and a read of it fails at once', async function () {
    if (process.platform === 'win32') this.skip();
    const fifo = path.join(root, 'bucket', 'pipe.jpg');
    execFileSync('mkfifo', [fifo]);
    const source = createFolderSource(root);
    const within = <T>(p: Promise<T>, what: string): Promise<T> =>
      Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} still waiting after 2 s`)), 2000))]);
    try {
      // A read as the image cache makes it (the gallery, the preview).
      await assert.rejects(within(source.read('bucket', 'pipe.jpg', 0, 99), 'the read'), /is a FIFO \(named pipe\), not an image file/);
      const r = await within(checkImages([boxLine('s3://bucket/pipe.jpg', [], { width: 256, height: 256 })], source), 'the check');
      assert.deepStrictEqual(r.problems.map((p) => p.message), [`s3://bucket/pipe.jpg is not an image file: ${fifo} is a FIFO (named pipe), not an image file. Point source-ref at a PNG or JPEG file.`]);
    } finally {
      // A reader still blocked on the FIFO (the old code) is let go by a writer opening it.
      try {
        fs.closeSync(fs.openSync(fifo, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK));
      } catch {
        // No reader waiting: nothing to let go.
      }
    }
  });

  it('takes a JPEG as stored whatever its EXIF orientation (the frame Ground Truth annotates in), and says so in a mismatch', async () => {
    // Stored 640 x 480; orientation 6 shows it turned, 480 x 640.
    writeImage(root, 'bucket', 'turned.jpg', withOrientation(jpegBytes(640, 480), 6));
    const source = createFolderSource(root);
    const probe = await probeImage(source, 'bucket', 'turned.jpg');
    assert.strictEqual(probe.kind === 'image' && `${probe.format} ${probe.width} x ${probe.height} orientation ${probe.orientation}`, 'jpg 640 x 480 orientation 6');
    const box = [{ label: 'car', left: 500, top: 100, width: 100, height: 50 }];
    const stored = await checkImages([boxLine('s3://bucket/turned.jpg', box, { width: 640, height: 480 })], source);
    assert.deepStrictEqual(stored.problems, [], 'image_size as stored: no mismatch, and the box (500 + 100 <= 640) is inside');
    const shown = await checkImages([boxLine('s3://bucket/turned.jpg', [], { width: 480, height: 640 })], source);
    assert.deepStrictEqual(
      shown.problems.map((p) => `${p.code} ${p.message}`),
      [
        'CL_IMAGE_SIZE_MISMATCH "boxes" declares image_size 480 x 640, but s3://bucket/turned.jpg is 640 x 480 px as stored (its EXIF orientation 6 shows it turned, 480 x 640; image_size and boxes are in the stored frame, as Ground Truth gives them): the boxes are scaled to the wrong size. Set image_size to the real size (and check the boxes).',
      ],
    );
  });
});
