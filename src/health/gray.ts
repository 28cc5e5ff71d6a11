/**
 * A grayscale picture (one byte per pixel, BT.601 luma: the Y a JPEG stores) and the one way it
 * is made smaller: each output pixel the mean of the input pixels its area covers (fractional
 * edges weighted), so a thumbnail of a photo and of its resized copy agree. Pure.
 */

export interface Gray {
  width: number;
  height: number;
  /** width * height bytes, row by row. */
  data: Uint8Array;
}

/** Luma of RGBA pixels (alpha ignored: the service sees the stored colours). */
export function grayOfRgba(rgba: Uint8Array, width: number, height: number): Gray {
  const data = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < data.length; i++, j += 4) {
    data[i] = (rgba[j]! * 299 + rgba[j + 1]! * 587 + rgba[j + 2]! * 114 + 500) / 1000;
  }
  return { width, height, data };
}

/** `g` shrunk so its longest side is at most `maxSide` (aspect kept); `g` itself when it already fits. */
export function fitWithin(g: Gray, maxSide: number): Gray {
  const longest = Math.max(g.width, g.height);
  if (longest <= maxSide) return g;
  const f = maxSide / longest;
  return areaResize(g, Math.max(1, Math.round(g.width * f)), Math.max(1, Math.round(g.height * f)));
}

/** `g` resampled to w x h by area averaging (for shrinking; growing repeats pixels). */
export function areaResize(g: Gray, w: number, h: number): Gray {
  const xs = spans(g.width, w);
  const ys = spans(g.height, h);
  const out = new Uint8Array(w * h);
  // Rows first: each output column's weighted sum over the input row, then the rows weighted.
  const rowSums = new Float64Array(w);
  for (let oy = 0; oy < h; oy++) {
    const [y0, y1, yw] = ys[oy]!;
    const acc = new Float64Array(w);
    let weight = 0;
    for (let y = y0; y < y1; y++) {
      const wy = yw(y);
      if (wy <= 0) continue;
      const row = y * g.width;
      for (let ox = 0; ox < w; ox++) {
        const [x0, x1, xw] = xs[ox]!;
        let s = 0;
        for (let x = x0; x < x1; x++) s += g.data[row + x]! * xw(x);
        rowSums[ox] = s;
      }
      for (let ox = 0; ox < w; ox++) acc[ox]! += rowSums[ox]! * wy;
      weight += wy;
    }
    for (let ox = 0; ox < w; ox++) {
      const [x0, x1, xw] = xs[ox]!;
      let wx = 0;
      for (let x = x0; x < x1; x++) wx += xw(x);
      out[oy * w + ox] = Math.round(acc[ox]! / (weight * wx));
    }
  }
  return { width: w, height: h, data: out };
}

/** For each of `n` output cells over `size` inputs: the first and past-last input and each input's covered fraction. */
function spans(size: number, n: number): Array<[number, number, (i: number) => number]> {
  const out: Array<[number, number, (i: number) => number]> = [];
  const step = size / n;
  for (let k = 0; k < n; k++) {
    const a = k * step;
    const b = Math.min(size, (k + 1) * step);
    const first = Math.floor(a);
    const last = Math.max(first + 1, Math.ceil(b));
    out.push([first, Math.min(size, last), (i) => Math.max(0, Math.min(b, i + 1) - Math.max(a, i)) || (step < 1 && i === first ? 1 : 0)]);
  }
  return out;
}
