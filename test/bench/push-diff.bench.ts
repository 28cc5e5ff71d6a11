/**
 * Benchmark: the diff before a push (rekognition/push-diff.ts) of a 250,000-line manifest
 * against a 250,000-entry dataset, streamed in ListDatasetEntries pages of 100. `npm run bench`.
 *
 * The dataset's entries are made page by page as the service would return them (its own keys
 * added, keys reordered; 1% changed, 1% only in the dataset, 1% of the local lines missing),
 * so nothing but the diff holds them. Baselines, in the same run:
 * - time: the floor, reading the same pages and JSON.parse-ing each entry (what any diff must do);
 * - memory: a naive diff that keeps every entry's text by source-ref, then compares.
 * Memory is the live heap (after a GC) above what the local manifest already takes, sampled
 * every 10,000 entries: bounded means it does not grow with the dataset.
 * Run with `node --expose-gc --import tsx` (the script does) for the live-heap figures.
 */
import { diffEntries, canonicalEntry } from '../../src/rekognition/push-diff';
import { mixedManifest } from './generate';

const N = Number(process.env.BENCH_DIFF_ENTRIES ?? 250_000);
const PAGE = 100;
const REPS = Number(process.env.BENCH_DIFF_REPS ?? 3);


const gc = (globalThis as { gc?: () => void }).gc;

function sourceRef(line: string): string {
  return (JSON.parse(line) as { 'source-ref': string })['source-ref'];
}

/** The entry as the service stores it: keys reversed, `cl-metadata` added, errors on every 50th. */
function stored(line: string, i: number): string {
  const obj = JSON.parse(line) as Record<string, unknown>;
  const out: Record<string, unknown> = { 'cl-metadata': { is_labeled: true } };
  for (const key of Object.keys(obj).reverse()) out[key] = obj[key];
  if (i % 50 === 0) out['cl-errors'] = [{ code: 'ERROR_X', message: 'recorded by the service' }];
  return JSON.stringify(out);
}

/** The dataset: entries of lines 0..N-1 except every 100th (added locally), every 100th+1 changed, plus N/100 only in the dataset. */
async function* datasetPages(local: readonly string[]): AsyncGenerator<string[]> {
  let page: string[] = [];
  const flush = function* (): Generator<string[]> {
    if (page.length === PAGE) {
      yield page;
      page = [];
    }
  };
  for (let i = 0; i < local.length; i++) {
    if (i % 100 === 0) continue;
    const line = i % 100 === 1 ? local[i]!.replace('"job-name":"labeling-job/bench', '"job-name":"labeling-job/changed') : local[i]!;
    page.push(stored(line, i));
    yield* flush();
  }
  for (let k = 0; k < local.length / 100; k++) {
    page.push(JSON.stringify({ 'source-ref': `s3://bench-bucket/only-in-dataset/${k}.jpg`, 'cl-metadata': { is_labeled: false } }));
    yield* flush();
  }
  if (page.length) yield page;
}

function live(): number {
  gc?.();
  return process.memoryUsage().heapUsed;
}

type Source = () => AsyncIterable<string[]>;
type Sample = () => void;

/** The three ways of reading the dataset, each given its pages and a sampler called after each page. */
const runners: Record<'floor' | 'diff' | 'naive', (pages: Source, planned: Planned[], sample: Sample) => Promise<string>> = {
  async floor(pages, _planned, sample) {
    let refs = 0;
    for await (const page of pages()) {
      for (const e of page) if ((JSON.parse(e) as Record<string, unknown>)['source-ref']) refs++;
      sample();
    }
    return `${refs} entries`;
  },
  async diff(pages, planned, sample) {
    const sampled = (async function* () {
      for await (const page of pages()) {
        yield page;
        sample();
      }
    })();
    const d = await diffEntries(planned, sampled);
    return `${d.added.length} added, ${d.changed.length} changed, ${d.unchanged.length} unchanged, ${d.onlyInDataset.count} only in the dataset`;
  },
  async naive(pages, planned, sample) {
    // Keeps every entry's text by source-ref, then compares: memory grows with the dataset.
    const all = new Map<string, string>();
    for await (const page of pages()) {
      for (const e of page) all.set(sourceRef(e), e);
      sample();
    }
    let same = 0;
    for (const l of planned) {
      const e = all.get(l.sourceRef);
      if (e !== undefined && canonicalEntry(e) === canonicalEntry(l.text)) same++;
    }
    return `${same} unchanged`;
  },
};

interface Planned {
  fileLine: number;
  text: string;
  sourceRef: string;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function main(): Promise<void> {
  const local = mixedManifest(N);
  const planned: Planned[] = local.map((text, fileLine) => ({ fileLine, text, sourceRef: sourceRef(text) }));
  const textMB = local.reduce((s, l) => s + l.length, 0) / 1048576;
  console.log(`diff: ${N.toLocaleString('en-US')} local lines (${textMB.toFixed(0)} MB of text) against ${N.toLocaleString('en-US')} dataset entries in pages of ${PAGE}`);

  // Time: the pages made beforehand (the wire's cost is not the diff's), runs interleaved.
  const made: string[][] = [];
  for await (const page of datasetPages(local)) made.push(page);
  const ready: Source = () =>
    (async function* () {
      for (const page of made) yield page;
    })();
  const times = { floor: [] as number[], diff: [] as number[], naive: [] as number[] };
  let result = '';
  for (let r = 0; r <= REPS; r++) {
    for (const name of ['floor', 'diff', 'naive'] as const) {
      const t0 = process.hrtime.bigint();
      const out = await runners[name](ready, planned, () => undefined);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (name === 'diff') result = out;
      if (r > 0) times[name].push(ms);
    }
  }
  made.length = 0;
  const f = median(times.floor);
  const d = median(times.diff);
  const n = median(times.naive);
  console.log(`result: ${result}`);
  console.log(`floor (JSON.parse each entry): ${f.toFixed(0)} ms median of ${REPS} after a warm-up`);
  console.log(`diff (push-diff.ts):           ${d.toFixed(0)} ms  (${(d / f).toFixed(2)}x the floor)`);
  console.log(`naive (keeps every entry):     ${n.toFixed(0)} ms  (${(n / f).toFixed(2)}x the floor)`);

  // Memory: pages made on the fly (nothing else holds them), live heap sampled every 25,000 entries.
  if (!gc) {
    console.log('memory: run with node --expose-gc for the live-heap figures');
    return;
  }
  const lazy: Source = () => datasetPages(local);
  const peaks: Record<string, number> = {};
  for (const name of ['floor', 'diff', 'naive'] as const) {
    const base = live();
    let peak = 0;
    let pages = 0;
    await runners[name](lazy, planned, () => {
      if (++pages % (25_000 / PAGE) === 0) peak = Math.max(peak, live() - base);
    });
    peaks[name] = peak / 1048576;
  }
  console.log(
    `live heap above the local manifest, peak: floor ${peaks.floor!.toFixed(1)} MB, diff ${peaks.diff!.toFixed(1)} MB, naive ${peaks.naive!.toFixed(1)} MB (diff/naive ${(peaks.diff! / peaks.naive!).toFixed(2)}x)`,
  );
}

void main();
