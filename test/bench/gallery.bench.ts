/**
 * Benchmark of the gallery's data for 250,000 lines (src/gallery/entries.ts), each figure
 * with its baseline in the same run, as ratios of paired rounds (median of the per-round ratios):
 *  1. building every entry (validator problems, labels, boxes) in steps that yield vs the
 *     validator alone over the same lines (`validateLine` per line, no steps): the gallery's own
 *     cost on top of the diagnostics the editor computes anyway (target <= 2.5x: the validator, one JSON.parse more, the entry);
 *  2. the time to the first entries the page can draw (the first step) vs building them all:
 *     the first cards do not wait for the file (target: a small fraction).
 * Also printed: the steps and the longest one (how long the extension host is held at a time).
 * Times are CPU time of this process. `npm run bench`.
 */
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

void main();
