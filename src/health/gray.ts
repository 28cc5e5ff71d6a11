/**
 * A grayscale picture (one byte per pixel, BT.601 luma: the Y a JPEG stores), a colour one (RGBA),
 * and the one way either is made smaller: each output pixel the mean of the input pixels its area
 * covers (fractional edges weighted), so a thumbnail of a photo and of its resized copy agree. Pure.
 */

export interface Gray {
  width: number;
  height: number;
  /** width * height bytes, row by row. */
  data: Uint8Array;
}

/** A colour picture: width * height * 4 bytes, R, G, B, A, row by row. */
export interface Rgba {
  width: number;
  height: number;
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
  const { w, h } = fittedSize(g.width, g.height, maxSide);
  return w === g.width && h === g.height ? g : areaResize(g, w, h);
}

/** `p` shrunk so its longest side is at most `maxSide` (aspect kept); `p` itself when it already fits. */
export function fitRgbaWithin(p: Rgba, maxSide: number): Rgba {
  const { w, h } = fittedSize(p.width, p.height, maxSide);
  return w === p.width && h === p.height ? p : { width: w, height: h, data: resizeChannels(p.data, p.width, p.height, 4, w, h) };
}

/** The size of a width x height picture whose longest side is brought down to `maxSide` (never up). */
export function fittedSize(width: number, height: number, maxSide: number): { w: number; h: number } {
  const longest = Math.max(width, height);
  if (longest <= maxSide) return { w: width, h: height };
  const f = maxSide / longest;
  return { w: Math.max(1, Math.round(width * f)), h: Math.max(1, Math.round(height * f)) };
}

/** `g` resampled to w x h by area averaging (for shrinking; growing repeats pixels). */
export function areaResize(g: Gray, w: number, h: number): Gray {
  return { width: w, height: h, data: resizeChannels(g.data, g.width, g.height, 1, w, h) };
}

/** Interleaved pixels of `channels` bytes each (1: gray, 4: RGBA), `width` x `height`, resampled to w x h by area averaging. */
export function resizeChannels(data: Uint8Array, width: number, height: number, channels: number, w: number, h: number): Uint8Array {
  const xs = spans(width, w);
  const ys = spans(height, h);
  const out = new Uint8Array(w * h * channels);
  const acc = new Float64Array(w * channels);
  for (let oy = 0; oy < h; oy++) {
    const ySpan = ys[oy]!;
    acc.fill(0);
    for (let k = 0; k < ySpan.weights.length; k++) {
      const wy = ySpan.weights[k]!;
      const row = (ySpan.first + k) * width;
      for (let ox = 0; ox < w; ox++) {
        const xSpan = xs[ox]!;
        const base = (row + xSpan.first) * channels;
        for (let c = 0; c < channels; c++) {
          let s = 0;
          for (let j = 0; j < xSpan.weights.length; j++) s += data[base + j * channels + c]! * xSpan.weights[j]!;
          acc[ox * channels + c]! += s * wy;
        }
      }
    }
    for (let ox = 0; ox < w; ox++) {
      const area = ySpan.total * xs[ox]!.total;
      for (let c = 0; c < channels; c++) out[(oy * w + ox) * channels + c] = Math.round(acc[ox * channels + c]! / area);
    }
  }
  return out;
}

interface Span {
  /** The first input covered. */
  first: number;
  /** Each covered input's covered fraction, from `first` on. */
  weights: Float64Array;
  total: number;
}

/** For each of `n` output cells over `size` inputs: the inputs it covers and how much of each. */
function spans(size: number, n: number): Span[] {
  const out: Span[] = [];
  const step = size / n;
  for (let k = 0; k < n; k++) {
    const a = k * step;
    const b = Math.min(size, (k + 1) * step);
    const first = Math.min(size - 1, Math.floor(a));
    const last = Math.min(size, Math.max(first + 1, Math.ceil(b)));
    const weights = new Float64Array(last - first);
    let total = 0;
    for (let i = first; i < last; i++) {
      // Growing (step < 1): the one input under the cell, whole.
      const wgt = step < 1 ? 1 : Math.max(0, Math.min(b, i + 1) - Math.max(a, i));
      weights[i - first] = wgt;
      total += wgt;
    }
    out.push({ first, weights, total });
  }
  return out;
}
