/**
 * One image's fingerprint (src/health/fingerprint.ts): the JPEG decoded straight at a DCT scale,
 * in gray; the PNG decoded whole; the SHA-256 of the bytes; the dHash. Pictures made here
 * (synthetic-photo.ts); expected values from how they were made.
 */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { DecodeError, decodeJpegGray, fingerprintBytes, hamming, hashOfHex } from '../../../src/health';
import { photo, toJpeg, toPng } from './synthetic-photo';

const flat = (w: number, h: number, v: number) => ({ width: w, height: h, data: new Uint8Array(w * h * 4).map((_, i) => (i % 4 === 3 ? 255 : v)) });

describe('health: fingerprint of one image', () => {
  it('a 1024x768 JPEG is decoded at 1/4 (256x192: the smallest DCT scale whose longest side is still 256 or more)', () => {
    const d = decodeJpegGray(toJpeg(flat(1024, 768, 90), 85), 256);
    assert.deepEqual([d.width, d.height, d.stored.width, d.stored.height], [256, 192, 1024, 768]);
  });

  it('a 2048x1000 JPEG is decoded at 1/8 (256x125), its stored size said as it is', () => {
    const d = decodeJpegGray(toJpeg(flat(2048, 1000, 90), 90), 256);
    assert.deepEqual([d.width, d.height, d.stored.width, d.stored.height], [256, 125, 2048, 1000]);
  });

  it('gray is the luma: a flat mid-grey JPEG and PNG read 128, a flat red one 76 (0.299 x 255)', () => {
    const grey = fingerprintBytes(toJpeg(flat(64, 64, 128), 95)).thumbnail.data;
    assert.ok(grey.every((v) => Math.abs(v - 128) <= 1), `JPEG grey: ${grey[0]}`);
    const red = { width: 64, height: 64, data: new Uint8Array(64 * 64 * 4).map((_, i) => (i % 4 === 0 || i % 4 === 3 ? 255 : 0)) };
    const png = fingerprintBytes(toPng(red)).thumbnail.data;
    assert.ok(png.every((v) => v === 76), `PNG red: ${png[0]}`);
  });

  it('the SHA-256 of the bytes, the format, the stored size and a thumbnail of at most 256 px', () => {
    const bytes = toPng(photo({ palette: 2, layout: 2, width: 640, height: 320 }));
    const f = fingerprintBytes(bytes);
    assert.equal(f.sha256, createHash('sha256').update(bytes).digest('hex'));
    assert.deepEqual([f.format, f.width, f.height, f.bytes, f.thumbnail.width, f.thumbnail.height], ['png', 640, 320, bytes.length, 256, 128]);
  });

  it('the same photo as PNG and as JPEG has (nearly) the same dHash', () => {
    const p = photo({ palette: 3, layout: 3, width: 640, height: 480 });
    const a = hashOfHex(fingerprintBytes(toPng(p)).dhash)!;
    const b = hashOfHex(fingerprintBytes(toJpeg(p, 80)).dhash)!;
    assert.ok(hamming(a, b) <= 2, `${hamming(a, b)} bits apart`);
  });

  it('a truncated or corrupt JPEG is a DecodeError, and the decoder works on afterwards', () => {
    const good = toJpeg(photo({ palette: 4, layout: 4, width: 320, height: 240 }), 85);
    assert.throws(() => fingerprintBytes(good.subarray(0, 200)), DecodeError);
    const corrupt = Buffer.from(good);
    corrupt.fill(0xff, 100, 400);
    assert.throws(() => fingerprintBytes(corrupt), DecodeError);
    assert.throws(() => fingerprintBytes(Buffer.from('GIF89a........')), /neither PNG nor JPEG/);
    assert.deepEqual([fingerprintBytes(good).width, fingerprintBytes(good).height], [320, 240]);
  });
});
