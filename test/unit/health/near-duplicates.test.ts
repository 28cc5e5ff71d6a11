/**
 * Near-duplicates (src/health/near-duplicates.ts) on pictures made for it: one seeded photo and the
 * copies a dataset collects (re-encoded at another quality, resized, 3% cropped each side, another
 * EXIF header) are found as one cluster; distinct photos that share its palette are not. And the
 * quarter-table search finds what comparing every two hashes finds.
 */
import * as assert from 'node:assert/strict';
import { fingerprintBytes, hamming, hashOfHex, nearClusters, nearClustersInSteps, NEAR_THRESHOLD, type DHash } from '../../../src/health';
import { seededRandom } from '../../../src/sandbox/entries/seeded-random';
import { cropped, photo, resized, toJpeg, withExif } from './synthetic-photo';

const W = 480;
const H = 360;

describe('health: near-duplicates', () => {
  const base = photo({ palette: 7, layout: 1, width: W, height: H });
  const original = toJpeg(base, 90);
  const copies: Record<string, Buffer> = {
    'quality 50': toJpeg(base, 50),
    'resized to 70%': toJpeg(resized(base, Math.round(W * 0.7), Math.round(H * 0.7)), 85),
    'cropped 3% each side': toJpeg(cropped(base, Math.round(W * 0.03), Math.round(H * 0.03), W - 2 * Math.round(W * 0.03), H - 2 * Math.round(H * 0.03)), 90),
    'another EXIF header': withExif(original, 'Example Camera Co.'),
  };
  // Same palette (seed 7): the same colours in other places.
  const distinct = [2, 3, 4, 5, 6, 8].map((layout) => toJpeg(photo({ palette: 7, layout, width: W, height: H }), 90));
  const hashOf = (b: Buffer) => hashOfHex(fingerprintBytes(b).dhash)!;
  const h0 = hashOf(original);

  for (const [name, bytes] of Object.entries(copies)) {
    it(`the photo ${name} is within ${NEAR_THRESHOLD} bits of the original`, () => {
      const d = hamming(h0, hashOf(bytes));
      assert.ok(d <= NEAR_THRESHOLD, `${d} bits apart`);
    });
  }

  it('another EXIF header: other bytes (another SHA-256), the same pixels', () => {
    const a = fingerprintBytes(original);
    const b = fingerprintBytes(copies['another EXIF header']!);
    assert.notEqual(a.sha256, b.sha256);
    assert.equal(a.dhash, b.dhash);
  });

  it('distinct photos sharing the palette are more than the threshold apart, from it and from each other', () => {
    const hs = [h0, ...distinct.map(hashOf)];
    for (let i = 0; i < hs.length; i++) for (let j = i + 1; j < hs.length; j++) assert.ok(hamming(hs[i]!, hs[j]!) > NEAR_THRESHOLD, `${i}, ${j}: ${hamming(hs[i]!, hs[j]!)} bits apart`);
  });

  it('one cluster: the original and its four copies, none of the distinct photos', () => {
    const all = [original, ...Object.values(copies), ...distinct].map(hashOf);
    const clusters = nearClusters(all);
    assert.deepEqual(clusters.map((c) => c.members), [[0, 1, 2, 3, 4]]);
  });

  it('the quarter tables find every pair comparing all pairs finds (threshold 10, and 3, 7, 15), at once and in steps', async () => {
    const random = seededRandom(25);
    const u32 = () => Math.floor(random() * 2 ** 32) >>> 0;
    const hashes: DHash[] = [];
    for (let i = 0; i < 300; i++) {
      const h = { hi: u32(), lo: u32() };
      hashes.push(h);
      // A copy with 1..16 bits flipped, so pairs near every threshold exist.
      let { hi, lo } = h;
      const flips = 1 + Math.floor(random() * 16);
      for (let k = 0; k < flips; k++) {
        const b = Math.floor(random() * 64);
        if (b < 32) hi = (hi ^ (1 << b)) >>> 0;
        else lo = (lo ^ (1 << (b - 32))) >>> 0;
      }
      hashes.push({ hi, lo });
    }
    for (const t of [3, 7, 10, 15]) {
      // Every pair compared, joined by a plain union-find.
      const parent = hashes.map((_, i) => i);
      const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
      for (let i = 0; i < hashes.length; i++) for (let j = i + 1; j < hashes.length; j++) if (hamming(hashes[i]!, hashes[j]!) <= t) parent[root(j)] = root(i);
      const expected = new Map<number, number[]>();
      hashes.forEach((_, i) => {
        const r = root(i);
        expected.set(r, [...(expected.get(r) ?? []), i]);
      });
      const want = [...expected.values()].filter((m) => m.length > 1).map((m) => m.join(',')).sort();
      const got = nearClusters(hashes, t).map((c) => c.members.join(',')).sort();
      assert.ok(want.length > 10, `threshold ${t}: ${want.length} clusters`);
      assert.deepEqual(got, want, `threshold ${t}`);
      // In steps (an editor's host): the same clusters, and the event loop ran between the steps.
      let turns = 0;
      let on = true;
      const tick = () => {
        turns++;
        if (on) setImmediate(tick);
      };
      setImmediate(tick);
      const stepped = await nearClustersInSteps(hashes, t, 0);
      on = false;
      assert.deepEqual(stepped.map((c) => c.members.join(',')).sort(), want, `threshold ${t}, in steps`);
      assert.ok(turns >= 2, `the event loop turned ${turns} times during the steps`);
    }
  });
});
