/**
 * Benchmark of the streaming path (the linter, Validate Manifest File on Disk), each figure with
 * its baseline in the same run, as ratios of paired rounds (each round runs the baseline and the
 * measured code back to back; the ratio of each pair, then the median of the ratios):
 *  1. the streaming validator on a file vs a streaming JSON.parse loop over the same file
 *     (target <= 1.5x);
 *  2. time per line as the line's width doubles, on wide lines full of problems (linear: ~2x
 *     per doubling);
 *  3. the linter (dist bundle, a child process) on a file where every line has errors vs the
 *     same file clean: time (target <= 3x) and peak memory (independent of the problems);
 *  4. the linter's peak memory as the all-invalid file doubles (target ~1x per doubling).
 * Times are CPU time (user + system) of the process measured. Files are written under the OS
 * temp folder and deleted at the end. `npm run bench`.
 * BENCH_API / BENCH_CLI: bundles to measure instead of this tree's (e.g. an older build).
 */
import { spawnSync } from 'child_process';
import { buildSync } from 'esbuild';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import type * as sourceApi from '../../src/manifest/index';
import { mixedManifest, spoil, wideLine } from './generate';

type Api = typeof sourceApi;
const ROOT = path.join(__dirname, '..', '..');
const LINES = Number(process.env.BENCH_STREAM_LINES ?? 100_000);
const ROUNDS = Number(process.env.BENCH_REPS ?? 7);

function bundle(entry: string, outfile: string): string {
  buildSync({ entryPoints: [path.join(ROOT, entry)], bundle: true, platform: 'node', target: 'node20', format: 'cjs', mainFields: ['module', 'main'], outfile, logLevel: 'warning' });
  return outfile;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * CPU time (user + system) in ms, not wall-clock time: the machines this runs on are shared, and
 * waiting for a core is not the code's cost. Wall-clock ratios are noisier but agree on quiet machines.
 */
async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const t0 = process.cpuUsage();
  await fn();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
}

/** Paired rounds: round 0 warms up (shown, not counted). Returns the median of the per-round ratios. */
async function paired(label: string, base: () => Promise<unknown>, measured: () => Promise<unknown>, target: string): Promise<number> {
  const b: number[] = [];
  const m: number[] = [];
  for (let r = 0; r <= ROUNDS; r++) {
    b.push(await timeAsync(base));
    m.push(await timeAsync(measured));
  }
  const ratios = b.slice(1).map((x, i) => m[i + 1] / x);
  console.log(
    `${label}: ${median(ratios).toFixed(2)}x median of ${ROUNDS} paired rounds (${target}); ` +
      `ratios ${ratios.map((x) => x.toFixed(2)).join(', ')}; baseline ${median(b.slice(1)).toFixed(0)} ms, measured ${median(m.slice(1)).toFixed(0)} ms`,
  );
  return median(ratios);
}

async function main(): Promise<void> {
  const api = require(process.env.BENCH_API ?? bundle('src/manifest/index.ts', path.join(ROOT, 'out', 'bench', 'manifest.js'))) as Api;
  const cli = process.env.BENCH_CLI ?? bundle('src/cli/main.ts', path.join(ROOT, 'out', 'bench', 'cli.js'));
  const dir = mkdtempSync(path.join(tmpdir(), 'cl-bench-'));
  let sink = 0;
  try {
    const clean = mixedManifest(LINES);
    const cleanFile = path.join(dir, 'clean.manifest');
    writeFileSync(cleanFile, clean.join('\n') + '\n');
    const invalid = clean.map(spoil);
    const invalidFile = path.join(dir, 'invalid.manifest');
    writeFileSync(invalidFile, invalid.join('\n') + '\n');
    const mb = (f: string): string => `${(Buffer.byteLength(f === cleanFile ? clean.join('\n') : invalid.join('\n')) / 1048576).toFixed(1)} MB`;
    console.log(`streaming path: ${LINES.toLocaleString('en-US')}-line manifest (${mb(cleanFile)} clean, ${mb(invalidFile)} all invalid), ${ROUNDS} rounds after a warm-up`);

    // 1. The streaming validator vs a streaming JSON.parse loop (read, decode, split, parse).
    const parseLoop = async (): Promise<void> => {
      let rest = '';
      for await (const chunk of createReadStream(cleanFile, { encoding: 'utf8', highWaterMark: 1 << 20 }) as AsyncIterable<string>) {
        const parts = (rest + chunk).split('\n');
        rest = parts.pop() ?? '';
        for (const l of parts) if (l) sink += JSON.parse(l) ? 1 : 0;
      }
      if (rest) sink += JSON.parse(rest) ? 1 : 0;
    };
    const streaming = async (): Promise<void> => {
      if (api.validateStream) {
        const stats = await api.validateStream(api.fileLineBatches(cleanFile), undefined, () => sink++);
        sink += stats.lines;
      } else {
        // An older build: the linter's way of feeding it (an async generator of lines).
        const { readLines } = require(path.join(path.dirname(cli), 'read-lines.js')) as { readLines(f: string): AsyncIterable<string> };
        sink += (await (api as Api).validateLines(readLines(cleanFile))).problems.length;
      }
    };
    await paired('streaming validator vs streaming JSON.parse loop (clean file)', parseLoop, streaming, 'target <= 1.5x');

    // 2. Time per line as the width doubles: ~1.5 MB of wide lines with a problem per key.
    // BENCH_WIDE_MAX: the widest line to measure (an older, quadratic build takes minutes at 100k).
    const widths = [6_250, 12_500, 25_000, 50_000, 100_000].filter((w) => w <= Number(process.env.BENCH_WIDE_MAX ?? 100_000)).map((w) => w - 1000);
    const perLine: number[] = [];
    for (const w of widths) {
      const count = Math.max(2, Math.round(1_500_000 / w));
      const lines = Array.from({ length: count }, (_, i) => wideLine(i, w));
      const run = async (): Promise<void> => {
        if (api.validateStream) await api.validateStream(lines, undefined, () => sink++);
        else sink += (await api.validateLines(lines)).problems.length;
      };
      await run(); // warm-up
      const ts: number[] = [];
      for (let r = 0; r < Math.min(ROUNDS, 5); r++) ts.push(await timeAsync(run));
      perLine.push(median(ts) / count);
    }
    console.log(
      'time per wide line (problems in every attribute) as the width doubles: ' +
        widths.map((w, i) => `${(w / 1000).toFixed(1)}k chars ${perLine[i].toFixed(2)} ms`).join(', ') +
        `; ratio per doubling ${perLine.slice(1).map((t, i) => (t / perLine[i]).toFixed(2)).join(', ')} (linear: ~2)`,
    );

    // 3. The linter on the all-invalid file vs the same file clean: time and peak memory.
    const lint = (file: string, json = false): { ms: number; rssMb: number; problems: number } => {
      const args = ['--require', path.join(ROOT, 'test', 'bench', 'max-rss.js'), cli, 'lint', ...(json ? ['--json'] : []), file];
      const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
      const rss = /max-rss-kb (\d+) cpu-us (\d+)/.exec(r.stderr ?? '');
      if (!rss) throw new Error(`the linter failed (${r.status}): ${(r.stderr ?? '').slice(-500)}`);
      return { ms: Number(rss[2]) / 1000, rssMb: Number(rss[1]) / 1024, problems: (r.stdout ?? '').split('\n').length - 2 };
    };
    const rounds = Math.min(ROUNDS, 5);
    const pairs: { clean: ReturnType<typeof lint>; invalid: ReturnType<typeof lint> }[] = [];
    for (let r = 0; r <= rounds; r++) pairs.push({ clean: lint(cleanFile), invalid: lint(invalidFile) });
    const counted = pairs.slice(1);
    const timeRatio = median(counted.map((p) => p.invalid.ms / p.clean.ms));
    const memRatio = median(counted.map((p) => p.invalid.rssMb / p.clean.rssMb));
    console.log(
      `linter, all-invalid file (${counted[0].invalid.problems.toLocaleString('en-US')} problems) vs the same file clean: ` +
        `time ${timeRatio.toFixed(2)}x (target <= 3x; ${median(counted.map((p) => p.invalid.ms)).toFixed(0)} vs ${median(counted.map((p) => p.clean.ms)).toFixed(0)} ms), ` +
        `peak memory ${memRatio.toFixed(2)}x (${median(counted.map((p) => p.invalid.rssMb)).toFixed(0)} vs ${median(counted.map((p) => p.clean.rssMb)).toFixed(0)} MB max RSS)`,
    );
    const json = lint(invalidFile, true);
    console.log(`linter --json on the all-invalid file: ${json.ms.toFixed(0)} ms, ${json.rssMb.toFixed(0)} MB max RSS`);

    // 4. Peak memory as the all-invalid file doubles.
    const sizes = [LINES / 4, LINES / 2, LINES, LINES * 2].map(Math.round);
    const rss: number[] = [];
    for (const n of sizes) {
      const file = path.join(dir, `invalid-${n}.manifest`);
      const lines: string[] = [];
      for (let i = 0; i < n; i++) lines.push(invalid[i % invalid.length].replace('.jpg"', `-${Math.floor(i / invalid.length)}.jpg"`).replace('.png"', `-${Math.floor(i / invalid.length)}.png"`));
      writeFileSync(file, lines.join('\n') + '\n');
      rss.push(lint(file).rssMb);
      rmSync(file);
    }
    console.log(
      'linter peak memory as the all-invalid file doubles: ' +
        sizes.map((n, i) => `${n.toLocaleString('en-US')} lines ${rss[i].toFixed(0)} MB`).join(', ') +
        `; ratio per doubling ${rss.slice(1).map((m, i) => (m / rss[i]).toFixed(2)).join(', ')} (independent of the problems: ~1)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (sink < 0) console.log('');
}

void main();
