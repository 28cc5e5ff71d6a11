/**
 * Photo-like test pictures made from a seed, and the copies a dataset collects of one: a diagonal
 * gradient between two colours, a dozen shaded discs and rectangles, a wave texture and grain
 * (not flat colour: JPEG and the hashes work on real structure). The palette (the colours) and the
 * layout (where the shapes go, the texture) have seeds of their own, so distinct photos can share a
 * palette. The copies: re-encoded at another quality, resized, cropped, with an EXIF block added.
 * RGBA pixels; JPEG through jpeg-js's encoder, PNG through pngjs.
 */
import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { seededRandom } from '../../../src/sandbox/entries/seeded-random';

export interface Rgba {
  width: number;
  height: number;
  data: Uint8Array;
}

export function photo(opts: { palette: number; layout: number; width: number; height: number }): Rgba {
  const { width: w, height: h } = opts;
  const pr = seededRandom(opts.palette);
  const lr = seededRandom(opts.layout);
  const colour = () => [pr() * 255, pr() * 255, pr() * 255];
  const c0 = colour();
  const c1 = colour();
  const palette = Array.from({ length: 12 }, colour);
  const shapes = palette.map((col) => ({ x: lr() * w, y: lr() * h, r: (0.06 + lr() * 0.18) * Math.min(w, h), col, square: lr() < 0.5 }));
  const fx = ((1 + lr() * 6) / w) * Math.PI * 2;
  const fy = ((1 + lr() * 6) / h) * Math.PI * 2;
  const data = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const t = (x / w + y / h) / 2;
      let c = [c0[0]! + (c1[0]! - c0[0]!) * t, c0[1]! + (c1[1]! - c0[1]!) * t, c0[2]! + (c1[2]! - c0[2]!) * t];
      for (const s of shapes) {
        const dx = x - s.x;
        const dy = y - s.y;
        const inside = s.square ? Math.abs(dx) < s.r && Math.abs(dy) < s.r * 0.7 : dx * dx + dy * dy < s.r * s.r;
        if (inside) {
          const k = 0.6 + 0.4 * (1 - (Math.abs(dx) + Math.abs(dy)) / (2 * s.r));
          c = [s.col[0]! * k, s.col[1]! * k, s.col[2]! * k];
        }
      }
      const tex = 20 * Math.sin(x * fx) * Math.cos(y * fy) + (lr() - 0.5) * 24;
      const i = (y * w + x) * 4;
      data[i] = c[0]! + tex;
      data[i + 1] = c[1]! + tex;
      data[i + 2] = c[2]! + tex;
      data[i + 3] = 255;
    }
  }
  return { width: w, height: h, data };
}

export function toJpeg(p: Rgba, quality: number): Buffer {
  return jpeg.encode({ width: p.width, height: p.height, data: Buffer.from(p.data) }, quality).data;
}

export function toPng(p: Rgba): Buffer {
  const png = new PNG({ width: p.width, height: p.height });
  Buffer.from(p.data).copy(png.data);
  return PNG.sync.write(png);
}

/** Bilinear resize (the way an image editor's "resize" would). */
export function resized(p: Rgba, width: number, height: number): Rgba {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(p.height - 1, ((y + 0.5) * p.height) / height - 0.5);
    const y0 = Math.max(0, Math.floor(sy));
    const y1 = Math.min(p.height - 1, y0 + 1);
    const fy = Math.max(0, sy - y0);
    for (let x = 0; x < width; x++) {
      const sx = Math.min(p.width - 1, ((x + 0.5) * p.width) / width - 0.5);
      const x0 = Math.max(0, Math.floor(sx));
      const x1 = Math.min(p.width - 1, x0 + 1);
      const fx = Math.max(0, sx - x0);
      for (let c = 0; c < 4; c++) {
        const at = (xx: number, yy: number) => p.data[(yy * p.width + xx) * 4 + c]!;
        const top = at(x0, y0) * (1 - fx) + at(x1, y0) * fx;
        const bottom = at(x0, y1) * (1 - fx) + at(x1, y1) * fx;
        data[(y * width + x) * 4 + c] = Math.round(top * (1 - fy) + bottom * fy);
      }
    }
  }
  return { width, height, data };
}

/** The part of `p` from (left, top), width x height. */
export function cropped(p: Rgba, left: number, top: number, width: number, height: number): Rgba {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) data.set(p.data.subarray(((top + y) * p.width + left) * 4, ((top + y) * p.width + left + width) * 4), y * width * 4);
  return { width, height, data };
}

/** The JPEG with an APP1 Exif block (camera make and model) put after its SOI marker: other bytes, the same pixels. */
export function withExif(jpegBytes: Buffer, make: string): Buffer {
  const ascii = Buffer.from(`${make}\0`, 'latin1');
  // TIFF header (little endian), one IFD with one entry: Make (0x010f), ASCII, at offset 26.
  const tiff = Buffer.alloc(26 + ascii.length);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  tiff.writeUInt16LE(1, 8);
  tiff.writeUInt16LE(0x010f, 10);
  tiff.writeUInt16LE(2, 12);
  tiff.writeUInt32LE(ascii.length, 14);
  tiff.writeUInt32LE(26, 18);
  tiff.writeUInt32LE(0, 22);
  ascii.copy(tiff, 26);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const seg = Buffer.alloc(4);
  seg.writeUInt16BE(0xffe1, 0);
  seg.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([jpegBytes.subarray(0, 2), seg, body, jpegBytes.subarray(2)]);
}
