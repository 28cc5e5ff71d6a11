/**
 * Benchmark of dataset health (`custom-labels health`, issue #25) over N local images (10,000;
 * BENCH_IMAGES=500 for a quick run): images per second and peak memory (max RSS), each phase in a
 * process of its own, against baselines in the same run, over the same files:
 *  1. read only: each file read whole, 8 at once, nothing else (the floor of any pass);
 *  2. plain decode: each file read and decoded at full size by the chosen decoder as its package
 *     offers it (`@cwasm/jpeg-turbo`'s decode(), RGBA), on the first BENCH_DECODE files (500);
 *  3. health: the command itself over a manifest naming every image (read once, decoded in the
 *     decode pool's worker threads at a DCT scale in gray, thumbnail, dHash, SHA-256, then the
 *     findings). Peak memory is the process's, worker threads included.
 * Reported as ratios: health against read-only (images/s) and against the plain decode.
 * The images: BENCH_BASES photos (2048x1536, made here: gradients, shapes, grain; ~1 MB each as
 * JPEG, as a 3 MP camera's) written N times over under other names, each copy with an APP1 block of
 * its own so no two files have the same bytes.
 * `npm run bench`; BENCH_IMAGES, BENCH_BASES, BENCH_DECODE change the size.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { photo, toJpeg, withExif } from '../unit/health/synthetic-photo';
import { cls } from '../unit/health/manifest-lines';

const N = Number(process.env.BENCH_IMAGES ?? 10_000);
const BASES = Number(process.env.BENCH_BASES ?? 12);
const DECODE_N = Math.min(N, Number(process.env.BENCH_DECODE ?? 500));
const BUCKET = 'bench-photos';

interface PhaseResult {
  images: number;
  seconds: number;
  maxRssMb: number;
}

async function phase(kind: string, dir: string, n: number): Promise<PhaseResult> {
  const files = Array.from({ length: n }, (_, i) => path.join(dir, BUCKET, `img/${i}.jpg`));
  const t0 = process.hrtime.bigint();
  if (kind === 'read') {
    let next = 0;
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (next < files.length) await fs.promises.readFile(files[next++]!);
    }));
  } else if (kind === 'decode') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const turbo = require('@cwasm/jpeg-turbo') as { decode(b: Uint8Array): { width: number } };
    let next = 0;
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (next < files.length) turbo.decode(await fs.promises.readFile(files[next++]!));
    }));
  } else {
    const { main } = await import('../../src/cli/main');
    let out = '';
    const code = await main(['health', path.join(dir, 'train.manifest'), '--images-dir', dir, '--json'], { out: (t) => (out += t), err: (t) => process.stderr.write(t) });
    const summary = JSON.parse(out.trim().split('\n').at(-1)!) as { datasets: Array<{ fingerprinted: number }> };
    if (code === 2 || summary.datasets[0]!.fingerprinted !== n) throw new Error(`health read ${summary.datasets[0]!.fingerprinted} of ${n} images (exit ${code})`);
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { images: n, seconds, maxRssMb: process.resourceUsage().maxRSS / 1024 };
}

function runPhase(kind: string, dir: string, n: number): PhaseResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--phase', kind, dir, String(n)], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`phase ${kind} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as PhaseResult;
}

function makeImages(dir: string): void {
  const t0 = Date.now();
  fs.mkdirSync(path.join(dir, BUCKET, 'img'), { recursive: true });
  const bases = Array.from({ length: BASES }, (_, b) => toJpeg(photo({ palette: 100 + b, layout: 100 + b, width: 2048, height: 1536 }), 88));
  const lines: string[] = [];
  for (let i = 0; i < N; i++) {
    fs.writeFileSync(path.join(dir, BUCKET, `img/${i}.jpg`), withExif(bases[i % BASES]!, `bench camera ${i}`));
    lines.push(cls(`s3://${BUCKET}/img/${i}.jpg`, [`label${i % 7}`]));
  }
  fs.writeFileSync(path.join(dir, 'train.manifest'), lines.join('\n') + '\n');
  const mb = bases.reduce((s, b) => s + b.length, 0) / BASES / 1e6;
  console.log(`[health] ${N} images (${BASES} photos of 2048x1536, ${mb.toFixed(2)} MB each as JPEG) made in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

async function bench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'health-bench-'));
  try {
    makeImages(dir);
    const read = runPhase('read', dir, N);
    const decode = runPhase('decode', dir, DECODE_N);
    const health = runPhase('health', dir, N);
    const rate = (p: PhaseResult) => p.images / p.seconds;
    const line = (name: string, p: PhaseResult) => console.log(`[health] ${name.padEnd(34)} ${p.images} images in ${p.seconds.toFixed(1)} s: ${rate(p).toFixed(1)} images/s, peak ${p.maxRssMb.toFixed(0)} MB`);
    line('read only (baseline)', read);
    line('plain full-size decode (baseline)', decode);
    line('health (read, decode 1/8 gray, find)', health);
    console.log(`[health] health / read only: ${(rate(health) / rate(read)).toFixed(3)}x images/s, ${(health.maxRssMb / read.maxRssMb).toFixed(2)}x peak memory`);
    console.log(`[health] health / plain decode: ${(rate(health) / rate(decode)).toFixed(2)}x images/s, ${(health.maxRssMb / decode.maxRssMb).toFixed(2)}x peak memory`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--phase') {
  phase(process.argv[3]!, process.argv[4]!, Number(process.argv[5])).then(
    (r) => console.log(JSON.stringify(r)),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
} else {
  bench().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
