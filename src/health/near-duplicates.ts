/**
 * Pictures that look the same: pairs of dHashes at most `threshold` bits apart, joined into
 * clusters (union-find). Pairs are found without comparing every two: each hash is cut into four
 * 16-bit quarters; two hashes within `threshold` bits agree within floor(threshold / 4) bits on at
 * least one quarter (pigeonhole), so each quarter is looked up in a table of its neighbours within
 * that many bits, and only those candidates are compared in full. Pure.
 */
import { hamming, type DHash } from './dhash';

/**
 * Bits apart at which two pictures count as the same: the test photos' own copies (re-encoded,
 * resized, 3% cropped each side, another EXIF block) come within 8; distinct photos sharing one
 * palette stay 20 or more apart (test/unit/health/near-duplicates.test.ts).
 */
export const NEAR_THRESHOLD = 10;

export interface NearCluster {
  /** Indexes into the hashes given, ascending. */
  members: number[];
  /** The largest distance of a pair that joined the cluster. */
  maxDistance: number;
}

export function nearClusters(hashes: readonly DHash[], threshold = NEAR_THRESHOLD): NearCluster[] {
  const n = hashes.length;
  const parent = new Int32Array(n).map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const maxDist = new Map<number, number>();
  const join = (a: number, b: number, d: number) => {
    const ra = find(a);
    const rb = find(b);
    const m = Math.max(d, maxDist.get(ra) ?? 0, maxDist.get(rb) ?? 0);
    if (ra !== rb) {
      parent[rb] = ra;
      maxDist.delete(rb);
    }
    maxDist.set(ra, m);
  };
  const radius = Math.floor(threshold / 4);
  const flips = masks16(radius);
  for (let q = 0; q < 4; q++) {
    const part = (h: DHash) => (q < 2 ? h.hi >>> (16 * (1 - q)) : h.lo >>> (16 * (3 - q))) & 0xffff;
    // Counting sort of the indexes by this quarter: start[v]..start[v+1] hold those whose quarter is v.
    const start = new Int32Array(65537);
    for (const h of hashes) start[part(h) + 1]!++;
    for (let v = 0; v < 65536; v++) start[v + 1]! += start[v]!;
    const fill = start.slice(0, 65536);
    const order = new Int32Array(n);
    hashes.forEach((h, i) => (order[fill[part(h)]!++] = i));
    for (let i = 0; i < n; i++) {
      const v = part(hashes[i]!);
      for (const f of flips) {
        const u = v ^ f;
        for (let k = start[u]!; k < start[u + 1]!; k++) {
          const j = order[k]!;
          if (j <= i) continue;
          const d = hamming(hashes[i]!, hashes[j]!);
          if (d <= threshold) join(i, j, d);
        }
      }
    }
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    if (r === i && !maxDist.has(r)) continue;
    let g = groups.get(r);
    if (!g) groups.set(r, (g = []));
    g.push(i);
  }
  return [...groups.entries()].filter(([, m]) => m.length > 1).map(([r, members]) => ({ members, maxDistance: maxDist.get(r) ?? 0 }));
}

/** Every 16-bit mask with at most `r` bits set. */
function masks16(r: number): number[] {
  const out = [0];
  let frontier = [0];
  for (let k = 1; k <= r; k++) {
    const next = new Set<number>();
    for (const m of frontier) for (let b = 0; b < 16; b++) if (!(m & (1 << b))) next.add(m | (1 << b));
    frontier = [...next];
    out.push(...frontier);
  }
  return out;
}
