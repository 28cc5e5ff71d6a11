/**
 * Benchmark of dataset health on an editor's host (issue #25): how long the host is held at once.
 * 1. checkHealth over N training lines (100,000; BENCH_LINES to change) and N/5 test lines, every
 *    image fingerprinted (so the near-duplicate search compares them all): its total time and its
 *    longest block of the event loop (a 1 ms timer's largest gap), against the baseline in the same
 *    run: the same work in one synchronous call (nearClusters at once, the lines parsed at once),
 *    whose block is its whole time.
 * 2. The fingerprint file of 50,000 entries (the editor's bound) loaded and saved: the longest
 *    block, against the baseline of one JSON.parse of a document of the same entries (the first
 *    format) and one JSON.stringify.
 * `npm run bench`.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkHealth, FingerprintCache, healthLines, loadFingerprintCache, nearClusters, saveFingerprintCache, hashOfHex, type Fingerprint } from '../../src/health';
import { locationKey } from '../../src/health/read-images';
import { od } from '../unit/health/manifest-lines';

const N = Number(process.env.BENCH_LINES ?? 100_000);

/** Runs `work`, measuring its time and the event loop's longest gap meanwhile. */
async function held<T>(work: () => Promise<T> | T): Promise<{ ms: number; longestMs: number; value: T }> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  const t0 = performance.now();
  last = t0;
  const value = await work();
  const ms = performance.now() - t0;
  // The gap up to the end counts too (a synchronous call is one gap).
  longest = Math.max(longest, performance.now() - last);
  clearInterval(timer);
  return { ms, longestMs: longest, value };
}

function fingerprintOf(i: number): Fingerprint {
  const sha256 = crypto.createHash('sha256').update(`image ${i}`).digest('hex');
  const dhash = crypto.createHash('md5').update(`look ${i}`).digest('hex').slice(0, 16);
  return { sha256, dhash, bytes: 100_000 + i, format: 'jpeg', width: 800, height: 600 };
}

async function main(): Promise<void> {
  const train: string[] = [];
  const images = new Map<string, { fingerprint: Fingerprint; etag: string }>();
  for (let i = 0; i < N; i++) {
    const ref = `s3://bench/img/${i}.jpg`;
    train.push(od(ref, { width: 800, height: 600 }, [{ label: `label-${i % 20}`, left: 10, top: 10, width: 100, height: 100 }]));
    images.set(locationKey({ bucket: 'bench', key: `img/${i}.jpg` }), { fingerprint: fingerprintOf(i), etag: `"${i}"` });
  }
  const test: string[] = [];
  for (let i = 0; i < N / 5; i++) {
    test.push(od(`s3://bench/test/${i}.jpg`, { width: 800, height: 600 }, [{ label: `label-${i % 20}`, left: 10, top: 10, width: 100, height: 100 }]));
    images.set(locationKey({ bucket: 'bench', key: `test/${i}.jpg` }), { fingerprint: fingerprintOf(N + i), etag: `"t${i}"` });
  }
  const base = await held(() => {
    const lines = [...healthLines(train), ...healthLines(test)];
    const hashes = [...images.values()].map((r) => hashOfHex(r.fingerprint.dhash)!);
    return nearClusters(hashes).length + lines.length;
  });
  const ours = await held(() => checkHealth({ train, test, images }));
  console.log(`checkHealth, ${N.toLocaleString('en-US')} training + ${(N / 5).toLocaleString('en-US')} test lines, all fingerprinted (${ours.value.findings.length} findings):`);
  console.log(`  baseline (lines parsed and near clusters at once): ${base.ms.toFixed(0)} ms, the host held ${base.longestMs.toFixed(0)} ms at once`);
  console.log(`  checkHealth in steps:                             ${ours.ms.toFixed(0)} ms, the host held ${ours.longestMs.toFixed(1)} ms at once`);
  console.log(`  longest hold: ${(ours.longestMs / base.longestMs).toFixed(3)}x the baseline's; total time ${(ours.ms / base.ms).toFixed(2)}x`);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-health-steps-'));
  try {
    const cache = new FingerprintCache(50_000);
    for (let i = 0; i < 50_000; i++) cache.set({ bucket: 'bench-bucket', key: `some/prefix/photo-${i}.jpg` }, `"${crypto.createHash('md5').update(String(i)).digest('hex')}"`, fingerprintOf(i));
    const file = path.join(dir, 'fingerprints.json');
    const entries = [...cache.entries()].map(([k, v]) => [...k.split('\u0000'), v.etag, v.fingerprint]);
    const oldSave = await held(() => JSON.stringify({ format: 'custom-labels fingerprints 1', images: entries }));
    const oldLoad = await held(() => (JSON.parse(oldSave.value) as { images: unknown[] }).images.length);
    const save = await held(() => saveFingerprintCache(file, cache));
    const load = await held(() => loadFingerprintCache(file, 50_000));
    if (load.value.size !== 50_000) throw new Error(`loaded ${load.value.size} of 50,000`);
    console.log(`fingerprint file, 50,000 entries (${(fs.statSync(file).size / 2 ** 20).toFixed(1)} MiB):`);
    console.log(`  baseline, one document: JSON.stringify held ${oldSave.longestMs.toFixed(0)} ms, JSON.parse ${oldLoad.longestMs.toFixed(0)} ms`);
    console.log(`  JSON Lines in steps: save ${save.ms.toFixed(0)} ms holding ${save.longestMs.toFixed(1)} ms at most, load ${load.ms.toFixed(0)} ms holding ${load.longestMs.toFixed(1)} ms at most`);
    console.log(`  longest hold: save ${(save.longestMs / oldSave.longestMs).toFixed(2)}x, load ${(load.longestMs / oldLoad.longestMs).toFixed(2)}x the baseline's`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
