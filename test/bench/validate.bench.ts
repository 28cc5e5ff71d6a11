/**
 * Benchmark: full validation of a 100,000-line mixed manifest against the floor (a bare
 * JSON.parse of every line), and re-validation after a one-line edit. `npm run bench`.
 * Targets (the manifest-language issue; measured facts in ../shared/reference/perf-notes.md): full validation <= 2x the floor; an edit <= 5 ms.
 */
import * as path from 'path';
import { buildSync } from 'esbuild';
import * as sourceApi from '../../src/manifest/index';
import { mixedManifest, seeded, classificationLine } from './generate';

type Api = typeof sourceApi;

/**
 * The validator as it ships: bundled by esbuild (the extension and the linter are bundles).
 * tsx, which runs this file, compiles each module on its own and routes every cross-module call
 * through a getter; that overhead does not exist in the shipped code, so the headline figures
 * use the bundle and the tsx-loaded figure is printed for reference.
 */
function bundledApi(): Api {
  const outfile = path.join(__dirname, '..', '..', 'out', 'bench', 'manifest.js');
  buildSync({
    entryPoints: [path.join(__dirname, '..', '..', 'src', 'manifest', 'index.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    mainFields: ['module', 'main'],
    outfile,
    logLevel: 'warning',
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(outfile) as Api;
}

const LINES = Number(process.env.BENCH_LINES ?? 100_000);
const REPS = Number(process.env.BENCH_REPS ?? 7);
const EDITS = 21;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

async function main(): Promise<void> {
  const lines = mixedManifest(LINES);
  const text = lines.join('\n') + '\n';
  console.log(`manifest: ${LINES.toLocaleString('en-US')} lines, ${(text.length / 1048576).toFixed(1)} MB (seed 42), ${REPS} repetitions after a warm-up`);
  console.log('--- validator bundled by esbuild (as shipped) ---');
  await run(bundledApi(), text, true);
  console.log('--- validator loaded through tsx (per-module, for reference) ---');
  await run(sourceApi, text, false);
}

async function run(api: Api, text: string, all: boolean): Promise<void> {
  const { ManifestDocument, validateLines } = api;
  type Doc = InstanceType<typeof ManifestDocument>;

  let sink = 0;
  const floor: number[] = [];
  const full: number[] = [];
  let doc: Doc | undefined;
  // Interleave the two measurements so machine noise hits both alike. Round 0 warms both up (JIT,
  // heap growth): it is shown, not counted.
  for (let r = 0; r <= REPS; r++) {
    floor.push(
      time(() => {
        const ls = text.split('\n');
        for (const l of ls) if (l) sink += JSON.parse(l) ? 1 : 0;
      }),
    );
    full.push(
      time(() => {
        doc = new ManifestDocument(text);
        sink += doc.problems().length;
      }),
    );
  }
  const runs = (xs: number[]): string => `warm-up ${xs[0].toFixed(0)}; runs: ${xs.slice(1).map((x) => x.toFixed(0)).join(', ')}`;
  const f = median(floor.slice(1));
  const v = median(full.slice(1));
  console.log(`floor (split + JSON.parse every line):     ${f.toFixed(0)} ms median, ${Math.min(...floor.slice(1)).toFixed(0)} min  (${runs(floor)})`);
  console.log(`full validation (ManifestDocument+problems): ${v.toFixed(0)} ms median, ${Math.min(...full.slice(1)).toFixed(0)} min  (${runs(full)})`);
  console.log(`ratio to floor: ${(v / f).toFixed(2)}x  (medians; target <= 2x)`);

  // One-line edits: replace a value inside a line, as typing does, then ask for the problems.
  if (!all) return;
  const d = doc as Doc;
  const rnd = seeded(7);
  const edits: number[] = [];
  for (let k = 0; k < EDITS; k++) {
    const line = Math.floor(rnd() * LINES);
    const old = d.lineText(line);
    const replacement = classificationLine(line + LINES, rnd);
    edits.push(
      time(() => {
        d.applyEdit({ startLine: line, startCharacter: 0, endLine: line, endCharacter: old.length }, replacement);
        sink += d.problems().length;
      }),
    );
  }
  console.log(`one-line edit + problems(), median of ${EDITS}: ${median(edits).toFixed(2)} ms  (max ${Math.max(...edits).toFixed(2)} ms; target <= 5 ms)`);

  const insert: number[] = [];
  for (let k = 0; k < EDITS; k++) {
    const line = Math.floor(rnd() * LINES);
    insert.push(
      time(() => {
        d.applyEdit({ startLine: line, startCharacter: 0, endLine: line, endCharacter: 0 }, classificationLine(LINES * 2 + k, rnd) + '\n');
        sink += d.problems().length;
      }),
    );
  }
  console.log(`inserting a line (renumbers the rest), median of ${EDITS}: ${median(insert).toFixed(2)} ms`);

  const t0 = process.hrtime.bigint();
  const summary = await validateLines(text.split('\n').slice(0, -1));
  const s = Number(process.hrtime.bigint() - t0) / 1e6;
  console.log(`streaming validateLines (the linter's path): ${s.toFixed(0)} ms, ${summary.problems.length} problems`);
  if (sink < 0) console.log('');
}

void main();
