/**
 * The thumbnail's JPEG encoder (src/health/jpeg-encoder.ts), read back by jpeg-js's decoder (not
 * ours): the size as given, sides that are not multiples of 8, the pixels close to the picture
 * (PSNR against it), quality trading bytes for fidelity; and the colour decode's dHash equal to
 * the gray decode's (the gallery's path and health's agree).
 */
import * as assert from 'node:assert/strict';
import * as jpeg from 'jpeg-js';
import { encodeJpeg } from '../../../src/health/jpeg-encoder';
import { decodeImage } from '../../../src/health/fingerprint';
import { photo, toJpeg } from './synthetic-photo';

function psnr(a: Uint8Array, b: Uint8Array): number {
  let se = 0;
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    if (i % 4 === 3) continue;
    se += (a[i]! - b[i]!) ** 2;
    n++;
  }
  return se === 0 ? Infinity : 10 * Math.log10((255 * 255) / (se / n));
}

describe('health: the thumbnail JPEG encoder', () => {
  it('sides not multiples of 8 (13x7, 257x130): the size as given, the pixels close to the picture', () => {
    for (const [w, h] of [[13, 7], [257, 130]] as const) {
      const p = photo({ palette: 4, layout: 9, width: w, height: h });
      const back = jpeg.decode(encodeJpeg(p, 90), { useTArray: true, formatAsRGBA: true });
      assert.deepEqual([back.width, back.height], [w, h]);
      const db = psnr(back.data, p.data);
      assert.ok(db > 28, `${w}x${h}: ${db.toFixed(1)} dB`);
    }
  });

  it('a flat colour comes back as it was (within JPEG rounding)', () => {
    const flat = { width: 32, height: 24, data: new Uint8Array(32 * 24 * 4).map((_, i) => [200, 40, 90, 255][i % 4]!) };
    const back = jpeg.decode(encodeJpeg(flat, 80), { useTArray: true, formatAsRGBA: true });
    for (let i = 0; i < back.data.length; i += 4) assert.ok(Math.abs(back.data[i]! - 200) <= 3 && Math.abs(back.data[i + 1]! - 40) <= 3 && Math.abs(back.data[i + 2]! - 90) <= 3, `pixel ${i / 4}: ${back.data.subarray(i, i + 3).join(',')}`);
  });

  it('a lower quality: fewer bytes, less fidelity', () => {
    const p = photo({ palette: 8, layout: 2, width: 256, height: 192 });
    const hi = encodeJpeg(p, 95);
    const lo = encodeJpeg(p, 40);
    assert.ok(lo.length < hi.length, `${lo.length} < ${hi.length}`);
    const dec = (b: Uint8Array) => jpeg.decode(b, { useTArray: true, formatAsRGBA: true }).data;
    assert.ok(psnr(dec(lo), p.data) < psnr(dec(hi), p.data));
  });

  it('the colour decode (gallery) gives the gray decode’s (health) dHash', () => {
    for (let s = 0; s < 6; s++) {
      const bytes = toJpeg(photo({ palette: s, layout: s + 40, width: 640, height: 480 }), 85);
      assert.equal(decodeImage(bytes, { colour: true }).dhash, decodeImage(bytes, { colour: false }).dhash, `photo ${s}`);
    }
  });
});
