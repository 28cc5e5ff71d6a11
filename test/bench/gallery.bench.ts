/**
 * Benchmark of the gallery's data for 250,000 lines (src/gallery/entries.ts), each figure
 * with its baseline in the same run, as ratios of paired rounds (median of the per-round ratios):
 *  1. building every entry (validator problems, labels, boxes) in steps that yield vs the
 *     validator alone over the same lines (`validateLine` per line, no steps): the gallery's own
 *     cost on top of the diagnostics the editor computes anyway (target <= 2.5x: the validator, one JSON.parse more, the entry);
 *  2. the time to the first entries the page can draw (the first step) vs building them all:
 *     the first cards do not wait for the file (target: a small fraction).
 * Also printed: the steps and the longest one (how long the extension host is held at a time).
 * Times are CPU time of this process.
 *  3. the cards' images with 3 MB photos (BENCH_GALLERY_PHOTOS, 40: a screenful and a half), each
 *     way the gallery can give them, in the same run over the same files: full images (before
 *     thumbnails: the baseline; `cardImage` without a decode pool) and thumbnails made cold (an
 *     empty thumbnail cache) and warm (found in it); from a local folder and from an image source
 *     copied into the image cache as S3's are (a folder source standing in for S3). Per way: the
 *     bytes a visible card costs the page (the file it loads), the time to the first 40 images
 *     (the gallery's queue, 8 at a time, all 40 wanted at once), and the calling thread's own
 *     work (its event-loop utilization; the decodes run in worker threads) and how late its event
 *     loop ran at worst (which includes waiting for a core on a loaded machine).
 * `npm run bench`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { monitorEventLoopDelay, performance as perf } from 'perf_hooks';
import { cardImage, type CardImageOptions } from '../../src/gallery/card-images';
import { ImageQueue } from '../../src/gallery/image-queue';
import { DecodePool } from '../../src/health';
import { createFolderSource } from '../../src/images';
import { photo, toJpeg, withExif } from '../unit/health/synthetic-photo';
import { buildEntries } from '../../src/gallery/entries';
import { validateLine } from '../../src/manifest';
import { mixedManifest } from './generate';

const LINES = Number(process.env.BENCH_GALLERY_LINES ?? 250_000);
const ROUNDS = Number(process.env.BENCH_REPS ?? 5);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function main(): Promise<void> {
  const lines = mixedManifest(LINES);
  console.log(`gallery data: ${LINES.toLocaleString('en-US')} lines, ${ROUNDS} paired rounds after a warm-up`);
  const base: number[] = [];
  const full: number[] = [];
  const first: number[] = [];
  let steps = 0;
  let longest = 0;
  let longestCpu = 0;
  let sink = 0;
  for (let r = 0; r <= ROUNDS; r++) {
    let t = cpu();
    for (let i = 0; i < lines.length; i++) sink += validateLine(lines[i]!, i).problems.length;
    base.push(cpu() - t);
    t = cpu();
    let firstAt = -1;
    const result = await buildEntries(lines, {
      stepMs: 8,
      onEntries: (batch) => {
        if (firstAt < 0) firstAt = cpu() - t;
        sink += batch.length;
      },
    });
    full.push(cpu() - t);
    first.push(firstAt);
    steps = result.steps;
    if (r > 0) longest = Math.max(longest, result.longestStepMs);
    if (r > 0) longestCpu = Math.max(longestCpu, result.longestStepCpuMs);
  }
  const ratios = base.slice(1).map((b, i) => full[i + 1]! / b);
  const firstShare = first.slice(1).map((f, i) => f / full[i + 1]!);
  console.log(`1. entries in steps vs the validator alone: ${median(ratios).toFixed(2)}x (target <= 2.5x: the validator, one JSON.parse more, the entry); ratios ${ratios.map((x) => x.toFixed(2)).join(', ')}; validator ${median(base.slice(1)).toFixed(0)} ms, gallery data ${median(full.slice(1)).toFixed(0)} ms`);
  console.log(`2. the first entries after ${median(first.slice(1)).toFixed(1)} ms, ${(median(firstShare) * 100).toFixed(2)}% of building them all`);
  console.log(`   ${steps} steps of ~8 ms, the longest ${longestCpu.toFixed(1)} ms CPU, ${longest.toFixed(1)} ms wall clock (after the warm-up round; the wall clock includes GC and waiting for a core)`);
  if (sink < 0) console.log(sink);
}

const PHOTOS = Number(process.env.BENCH_GALLERY_PHOTOS ?? 40);
/** The gallery's images at once (src/gallery/command.ts IMAGE_CONCURRENCY, which imports vscode). */
const IMAGE_CONCURRENCY = 8;

/** The first `n` cards' images through the gallery's queue: ms until all are answered, their files, the longest event-loop delay. */
async function firstImages(n: number, options: CardImageOptions): Promise<{ ms: number; files: string[]; thumbnails: number; maxDelayMs: number; busyMs: number }> {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  const files: string[] = [];
  let thumbnails = 0;
  const t = performance.now();
  const elu = perf.eventLoopUtilization();
  delay.enable();
  await new Promise<void>((done) => {
    let answered = 0;
    const queue = new ImageQueue<{ file: string; thumbnail: boolean }>({
      concurrency: IMAGE_CONCURRENCY,
      fetch: (id, signal) => cardImage(`s3://photos/p${id}.jpg`, options, signal),
      onImage: (_id, image) => {
        if (image) files.push(image.file);
        if (image?.thumbnail) thumbnails++;
        if (++answered === n) done();
      },
    });
    queue.want(Array.from({ length: n }, (_, i) => i));
  });
  const ms = performance.now() - t;
  delay.disable();
  // This thread's own work (event-loop utilization: not the workers', not waiting for a core).
  const busyMs = perf.eventLoopUtilization(elu).active;
  return { ms, files, thumbnails, maxDelayMs: delay.max / 1e6, busyMs };
}

async function cardImages(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gallery-bench-'));
  const pool = new DecodePool();
  try {
    const t0 = Date.now();
    // 4 photos of 2880x2160 at quality 95 (~3.3 MB each), written PHOTOS times over under other names, each copy with an APP1 block of its own.
    const bases = [0, 1, 2, 3].map((b) => toJpeg(photo({ palette: 200 + b, layout: 300 + b, width: 2880, height: 2160 }), 95));
    fs.mkdirSync(path.join(dir, 'images', 'photos'), { recursive: true });
    for (let i = 0; i < PHOTOS; i++) fs.writeFileSync(path.join(dir, 'images', 'photos', `p${i}.jpg`), withExif(bases[i % bases.length]!, `bench camera ${i}`));
    const mean = bases.reduce((x, b) => x + b.length, 0) / bases.length;
    console.log(`3. cards' images: ${PHOTOS} photos of 2880x2160 (${(mean / 1e6).toFixed(2)} MB each as JPEG) made in ${((Date.now() - t0) / 1000).toFixed(0)} s; ${pool.size} decode worker(s), ${IMAGE_CONCURRENCY} images at once`);
    const source = createFolderSource(path.join(dir, 'images'));
    for (const where of ['a local folder', 'S3 (copied into the image cache)'] as const) {
      const run = (name: string, n: number, withPool: boolean) => {
        const options: CardImageOptions = {
          source,
          ...(where === 'a local folder' ? { imagesDir: path.join(dir, 'images') } : {}),
          cacheDir: path.join(dir, `cache-${name}`),
          thumbDir: path.join(dir, 'thumbs'),
          ...(withPool ? { pool } : {}),
        };
        return firstImages(n, options);
      };
      fs.rmSync(path.join(dir, 'thumbs'), { recursive: true, force: true });
      const full = await run('full', PHOTOS, false);
      const cold = await run('cold', PHOTOS, true);
      const warm = await run('warm', PHOTOS, true);
      const bytes = (r: { files: string[] }) => r.files.reduce((x, f) => x + fs.statSync(f).size, 0) / r.files.length;
      const line = (name: string, r: Awaited<ReturnType<typeof firstImages>>) =>
        console.log(`   ${where}, ${name.padEnd(28)} ${(bytes(r) / 1024).toFixed(1).padStart(7)} KiB a card, the first ${r.files.length} in ${r.ms.toFixed(0).padStart(5)} ms (${r.thumbnails} thumbnails), this thread busy ${r.busyMs.toFixed(0)} ms, its event loop late by at most ${r.maxDelayMs.toFixed(0)} ms`);
      line('full images (before)', full);
      line('thumbnails, made (cold)', cold);
      line('thumbnails, cached (warm)', warm);
      console.log(`   ${where}: a card costs the page ${(bytes(full) / bytes(cold)).toFixed(0)}x fewer bytes with thumbnails (and ${((2880 * 2160) / (256 * 192)).toFixed(0)}x fewer pixels to decode)`);
    }
  } finally {
    pool.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main().then(cardImages);
