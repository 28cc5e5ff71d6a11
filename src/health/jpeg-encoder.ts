/**
 * A small baseline JPEG encoder for thumbnails (RGBA in, a JFIF file out): YCbCr 4:4:4, the
 * standard quantization tables of ITU-T T.81 Annex K scaled by quality as libjpeg does, the
 * standard Huffman tables (K.3), a separable floating-point DCT. Made for pictures of a few hundred
 * pixels: its tables are built once per process (jpeg-js's encoder, already a dependency, builds
 * them again on every call: ~100 ms a thumbnail here, more than the decode). Pure.
 */

const DC_LUMA_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_CHROMA_BITS = [0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0];
const DC_VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const AC_LUMA_BITS = [0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d];
const AC_LUMA_VALUES = [
  1, 2, 3, 0, 4, 17, 5, 18, 33, 49, 65, 6, 19, 81, 97, 7, 34, 113, 20, 50, 129, 145, 161, 8, 35, 66, 177, 193, 21, 82, 209, 240, 36, 51, 98, 114, 130, 9, 10, 22, 23, 24, 25, 26, 37, 38, 39, 40, 41, 42, 52, 53, 54,
  55, 56, 57, 58, 67, 68, 69, 70, 71, 72, 73, 74, 83, 84, 85, 86, 87, 88, 89, 90, 99, 100, 101, 102, 103, 104, 105, 106, 115, 116, 117, 118, 119, 120, 121, 122, 131, 132, 133, 134, 135, 136, 137, 138, 146, 147,
  148, 149, 150, 151, 152, 153, 154, 162, 163, 164, 165, 166, 167, 168, 169, 170, 178, 179, 180, 181, 182, 183, 184, 185, 186, 194, 195, 196, 197, 198, 199, 200, 201, 202, 210, 211, 212, 213, 214, 215, 216,
  217, 218, 225, 226, 227, 228, 229, 230, 231, 232, 233, 234, 241, 242, 243, 244, 245, 246, 247, 248, 249, 250,
];
const AC_CHROMA_BITS = [0, 2, 1, 2, 4, 4, 3, 4, 7, 5, 4, 4, 0, 1, 2, 0x77];
const AC_CHROMA_VALUES = [
  0, 1, 2, 3, 17, 4, 5, 33, 49, 6, 18, 65, 81, 7, 97, 113, 19, 34, 50, 129, 8, 20, 66, 145, 161, 177, 193, 9, 35, 51, 82, 240, 21, 98, 114, 209, 10, 22, 36, 52, 225, 37, 241, 23, 24, 25, 26, 38, 39, 40, 41, 42,
  53, 54, 55, 56, 57, 58, 67, 68, 69, 70, 71, 72, 73, 74, 83, 84, 85, 86, 87, 88, 89, 90, 99, 100, 101, 102, 103, 104, 105, 106, 115, 116, 117, 118, 119, 120, 121, 122, 130, 131, 132, 133, 134, 135, 136, 137,
  138, 146, 147, 148, 149, 150, 151, 152, 153, 154, 162, 163, 164, 165, 166, 167, 168, 169, 170, 178, 179, 180, 181, 182, 183, 184, 185, 186, 194, 195, 196, 197, 198, 199, 200, 201, 202, 210, 211, 212, 213,
  214, 215, 216, 217, 218, 226, 227, 228, 229, 230, 231, 232, 233, 234, 242, 243, 244, 245, 246, 247, 248, 249, 250,
];
/** Annex K's tables, in natural (row by row) order. */
const LUMA_Q = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64,
  78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];
const CHROMA_Q = [
  17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
  99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
];

/** ZIGZAG[k]: the natural index of the k-th coefficient in zigzag order. */
const ZIGZAG = (() => {
  const out: number[] = [];
  for (let s = 0; s < 15; s++) {
    const cells: number[] = [];
    for (let y = Math.max(0, s - 7); y <= Math.min(7, s); y++) cells.push(y * 8 + (s - y));
    // Even diagonals run up-right (y falling), odd ones down-left (y rising).
    out.push(...(s % 2 === 0 ? cells.reverse() : cells));
  }
  return out;
})();

/** COS[u * 8 + x] = C(u)/2 cos((2x+1)uπ/16). */
const COS = new Float64Array(64);
for (let u = 0; u < 8; u++) for (let x = 0; x < 8; x++) COS[u * 8 + x] = (u === 0 ? Math.SQRT1_2 : 1) * 0.5 * Math.cos(((2 * x + 1) * u * Math.PI) / 16);

interface Huffman {
  code: Uint16Array;
  size: Uint8Array;
}

function huffman(bits: number[], values: number[]): Huffman {
  const code = new Uint16Array(256);
  const size = new Uint8Array(256);
  let c = 0;
  let k = 0;
  for (let len = 1; len <= 16; len++) {
    for (let i = 0; i < bits[len - 1]!; i++) {
      code[values[k]!] = c++;
      size[values[k++]!] = len;
    }
    c <<= 1;
  }
  return { code, size };
}

const TABLES = {
  dcLuma: huffman(DC_LUMA_BITS, DC_VALUES),
  acLuma: huffman(AC_LUMA_BITS, AC_LUMA_VALUES),
  dcChroma: huffman(DC_CHROMA_BITS, DC_VALUES),
  acChroma: huffman(AC_CHROMA_BITS, AC_CHROMA_VALUES),
};

/** libjpeg's quality scaling of a base table (natural order), each value 1..255. */
function scaled(base: number[], quality: number): Uint8Array {
  const q = Math.min(100, Math.max(1, Math.round(quality)));
  const f = q < 50 ? 5000 / q : 200 - 2 * q;
  return Uint8Array.from(base, (v) => Math.min(255, Math.max(1, Math.floor((v * f + 50) / 100))));
}

class BitWriter {
  private buf = new Uint8Array(16384);
  length = 0;
  private acc = 0;
  private n = 0;
  byte(b: number): void {
    if (this.length === this.buf.length) {
      const bigger = new Uint8Array(this.buf.length * 2);
      bigger.set(this.buf);
      this.buf = bigger;
    }
    this.buf[this.length++] = b;
  }
  bytes(bs: ArrayLike<number>): void {
    for (let i = 0; i < bs.length; i++) this.byte(bs[i]!);
  }
  word(w: number): void {
    this.byte(w >> 8);
    this.byte(w & 255);
  }
  /** `size` low bits of `value`, most significant first; 0xFF in the entropy-coded data is followed by 0x00. */
  bits(value: number, size: number): void {
    // At most 7 bits wait in `acc`, and a code is at most 16: 23 bits fit an int.
    this.acc = (this.acc << size) | (value & ((1 << size) - 1));
    this.n += size;
    while (this.n >= 8) {
      const b = (this.acc >>> (this.n - 8)) & 255;
      this.byte(b);
      if (b === 0xff) this.byte(0);
      this.n -= 8;
    }
    this.acc &= (1 << this.n) - 1;
  }
  /** Pads the last byte with 1 bits. */
  flush(): void {
    if (this.n > 0) this.bits((1 << (8 - this.n)) - 1, 8 - this.n);
  }
  result(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

/** Bits needed for |v| (JPEG's magnitude category). */
function category(v: number): number {
  let a = v < 0 ? -v : v;
  let n = 0;
  while (a) {
    n++;
    a >>= 1;
  }
  return n;
}

/** The JPEG file of `width` x `height` RGBA pixels (alpha ignored) at `quality` (1..100). */
export function encodeJpeg(image: { width: number; height: number; data: Uint8Array }, quality: number): Uint8Array {
  const { width, height, data } = image;
  if (width < 1 || height < 1 || width > 65535 || height > 65535 || data.length < width * height * 4) throw new Error(`encodeJpeg: ${width}x${height} with ${data.length} bytes is not an RGBA picture`);
  const lq = scaled(LUMA_Q, quality);
  const cq = scaled(CHROMA_Q, quality);
  const w = new BitWriter();
  w.word(0xffd8);
  w.word(0xffe0);
  w.word(16);
  w.bytes([0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  w.word(0xffdb);
  w.word(2 + 65 * 2);
  w.byte(0);
  for (let k = 0; k < 64; k++) w.byte(lq[ZIGZAG[k]!]!);
  w.byte(1);
  for (let k = 0; k < 64; k++) w.byte(cq[ZIGZAG[k]!]!);
  w.word(0xffc0);
  w.word(17);
  w.byte(8);
  w.word(height);
  w.word(width);
  w.bytes([3, 1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1]);
  w.word(0xffc4);
  const tables: Array<[number, number[], number[]]> = [
    [0x00, DC_LUMA_BITS, DC_VALUES],
    [0x10, AC_LUMA_BITS, AC_LUMA_VALUES],
    [0x01, DC_CHROMA_BITS, DC_VALUES],
    [0x11, AC_CHROMA_BITS, AC_CHROMA_VALUES],
  ];
  w.word(2 + tables.reduce((s, [, , v]) => s + 17 + v.length, 0));
  for (const [id, bits, values] of tables) {
    w.byte(id);
    w.bytes(bits);
    w.bytes(values);
  }
  w.word(0xffda);
  w.word(12);
  w.bytes([3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0]);

  const y = new Float64Array(64);
  const cb = new Float64Array(64);
  const cr = new Float64Array(64);
  const tmp = new Float64Array(64);
  const coef = new Int32Array(64);
  const prev = [0, 0, 0];
  const block = (px: Float64Array, q: Uint8Array, comp: number, dc: Huffman, ac: Huffman): void => {
    // Rows, then columns: F = C · f · Cᵀ.
    for (let r = 0; r < 8; r++) {
      for (let u = 0; u < 8; u++) {
        let s = 0;
        for (let x = 0; x < 8; x++) s += COS[u * 8 + x]! * px[r * 8 + x]!;
        tmp[r * 8 + u] = s;
      }
    }
    for (let u = 0; u < 8; u++) {
      for (let v = 0; v < 8; v++) {
        let s = 0;
        for (let r = 0; r < 8; r++) s += COS[v * 8 + r]! * tmp[r * 8 + u]!;
        coef[v * 8 + u] = Math.round(s / q[v * 8 + u]!);
      }
    }
    const diff = coef[0]! - prev[comp]!;
    prev[comp] = coef[0]!;
    const dcCat = category(diff);
    w.bits(dc.code[dcCat]!, dc.size[dcCat]!);
    if (dcCat) w.bits(diff < 0 ? diff + (1 << dcCat) - 1 : diff, dcCat);
    let run = 0;
    for (let k = 1; k < 64; k++) {
      const v = coef[ZIGZAG[k]!]!;
      if (v === 0) {
        run++;
        continue;
      }
      while (run > 15) {
        w.bits(ac.code[0xf0]!, ac.size[0xf0]!);
        run -= 16;
      }
      const cat = category(v);
      const sym = (run << 4) | cat;
      w.bits(ac.code[sym]!, ac.size[sym]!);
      w.bits(v < 0 ? v + (1 << cat) - 1 : v, cat);
      run = 0;
    }
    if (run > 0) w.bits(ac.code[0]!, ac.size[0]!);
  };
  for (let by = 0; by < height; by += 8) {
    for (let bx = 0; bx < width; bx += 8) {
      for (let r = 0; r < 8; r++) {
        const sy = Math.min(height - 1, by + r);
        for (let c = 0; c < 8; c++) {
          const o = (sy * width + Math.min(width - 1, bx + c)) * 4;
          const R = data[o]!;
          const G = data[o + 1]!;
          const B = data[o + 2]!;
          const i = r * 8 + c;
          y[i] = 0.299 * R + 0.587 * G + 0.114 * B - 128;
          cb[i] = -0.168736 * R - 0.331264 * G + 0.5 * B;
          cr[i] = 0.5 * R - 0.418688 * G - 0.081312 * B;
        }
      }
      block(y, lq, 0, TABLES.dcLuma, TABLES.acLuma);
      block(cb, cq, 1, TABLES.dcChroma, TABLES.acChroma);
      block(cr, cq, 2, TABLES.dcChroma, TABLES.acChroma);
    }
  }
  w.flush();
  w.word(0xffd9);
  return w.result();
}
