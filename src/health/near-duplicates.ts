/**
 * Pictures that look the same: pairs of dHashes at most `threshold` bits apart, joined into
 * clusters (union-find). Pairs are found without comparing every two: each hash is cut into four
 * 16-bit quarters; two hashes within `threshold` bits agree within floor(threshold / 4) bits on at
 * least one quarter (pigeonhole), so each quarter is looked up in a table of its neighbours within
 * that many bits, and only those candidates are compared in full. Pure.
 */
import { popcount, type DHash } from './dhash';

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
  const work = nearWork(hashes, threshold);
  while (!work.step(Number.POSITIVE_INFINITY));
  return work.clusters();
}

/**
 * As nearClusters, in steps of about `stepMs` yielding to the event loop between them: 100,000
 * hashes are seconds of comparisons, and an editor's host must not stop for them.
 */
export async function nearClustersInSteps(hashes: readonly DHash[], threshold = NEAR_THRESHOLD, stepMs = 15, signal?: AbortSignal): Promise<NearCluster[]> {
  const work = nearWork(hashes, threshold);
  while (!work.step(performance.now() + stepMs)) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    signal?.throwIfAborted();
  }
  return work.clusters();
}

/** The comparisons as resumable work: `step(until)` runs until that time (performance.now()) or the end (then true). */
function nearWork(hashes: readonly DHash[], threshold: number): { step(until: number): boolean; clusters(): NearCluster[] } {
  const n = hashes.length;
  const hi = Uint32Array.from(hashes, (h) => h.hi >>> 0);
  const lo = Uint32Array.from(hashes, (h) => h.lo >>> 0);
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
  const flips = Int32Array.from(masks16(radius));
  // Where the work is: quarter q, hash i; the quarter's table made when q begins.
  let q = -1;
  let i = n;
  let part = new Uint16Array(0);
  let start = new Int32Array(0);
  let order = new Int32Array(0);
  const begin = (quarter: number) => {
    const words = quarter < 2 ? hi : lo;
    const shift = quarter % 2 === 0 ? 16 : 0;
    part = new Uint16Array(n);
    for (let k = 0; k < n; k++) part[k] = (words[k]! >>> shift) & 0xffff;
    // Counting sort of the indexes by this quarter: start[v]..start[v+1] hold those whose quarter is v.
    start = new Int32Array(65537);
    for (let k = 0; k < n; k++) start[part[k]! + 1]!++;
    for (let v = 0; v < 65536; v++) start[v + 1]! += start[v]!;
    const fill = start.slice(0, 65536);
    order = new Int32Array(n);
    for (let k = 0; k < n; k++) order[fill[part[k]!]!++] = k;
  };
  return {
    step(until: number): boolean {
      for (;;) {
        if (i >= n) {
          if (q === 3) return true;
          begin(++q);
          i = 0;
        }
        while (i < n) {
          const v = part[i]!;
          const hi1 = hi[i]!;
          const lo1 = lo[i]!;
          for (let f = 0; f < flips.length; f++) {
            const u = v ^ flips[f]!;
            for (let k = start[u]!, end = start[u + 1]!; k < end; k++) {
              const j = order[k]!;
              if (j <= i) continue;
              const d = popcount(hi1 ^ hi[j]!) + popcount(lo1 ^ lo[j]!);
              if (d <= threshold) join(i, j, d);
            }
          }
          i++;
          if ((i & 255) === 0 && i < n && performance.now() >= until) return false;
        }
      }
    },
    clusters(): NearCluster[] {
      const groups = new Map<number, number[]>();
      for (let k = 0; k < n; k++) {
        const r = find(k);
        if (r === k && !maxDist.has(r)) continue;
        let g = groups.get(r);
        if (!g) groups.set(r, (g = []));
        g.push(k);
      }
      return [...groups.entries()].filter(([, m]) => m.length > 1).map(([r, members]) => ({ members, maxDistance: maxDist.get(r) ?? 0 }));
    },
  };
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
