/**
 * Benchmark: the extension's require + activate, as it ships (dist/extension.js, the AWS layer
 * in its own bundle) against a build of the same extension without the AWS layer (the SDK
 * replaced by an empty module). Each round runs both in fresh Node processes, in alternating
 * order; the ratio is taken per round, then the median. Target (issue 13): <= 1.2x.
 * `vscode` is a stub that accepts any call (activation registers things; nothing runs).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { build, type Plugin } from 'esbuild';
import { ACTIVATE_IN_CHILD } from '../unit/helpers/activate-stub';

const ROOT = path.join(__dirname, '..', '..');
const OUT = path.join(ROOT, 'out', 'bench');
const ROUNDS = Number(process.env.BENCH_ACTIVATION_ROUNDS ?? 15);

/** Resolves every AWS SDK package, and the AWS layer's own bundle, to an empty module. */
const noAwsPlugin: Plugin = {
  name: 'no-aws',
  setup(build) {
    build.onResolve({ filter: /^(@aws-sdk\/|@smithy\/|\.\/aws-sdk$)/ }, (args) => ({ path: args.path, namespace: 'no-aws' }));
    build.onLoad({ filter: /.*/, namespace: 'no-aws' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

function activate(bundle: string): { ms: number; sdk: number } {
  const out = execFileSync(process.execPath, ['-e', ACTIVATE_IN_CHILD, bundle], { encoding: 'utf8', timeout: 60_000 });
  return JSON.parse(out.trim().split('\n').pop() as string) as { ms: number; sdk: number };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  const shipped = path.join(ROOT, 'dist', 'extension.js');
  if (!fs.existsSync(shipped)) throw new Error('dist/extension.js is missing: run `npm run build` first.');
  const noAws = path.join(OUT, 'extension-no-aws.js');
  await build({
    entryPoints: [path.join(ROOT, 'src', 'extension.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    mainFields: ['module', 'main'],
    external: ['vscode'],
    outfile: noAws,
    plugins: [noAwsPlugin],
    logLevel: 'error',
  });
  const kb = (f: string): string => `${Math.round(fs.statSync(f).size / 1024)} KB`;
  const layer = path.join(ROOT, 'dist', 'aws-sdk.js');
  console.log(
    `activation: dist/extension.js ${kb(shipped)}${fs.existsSync(layer) ? ` (+ dist/aws-sdk.js ${kb(layer)}, loaded on the first AWS call)` : ''} vs without the AWS layer ${kb(noAws)}; ${ROUNDS} rounds after a warm-up`,
  );
  const a: number[] = [];
  const b: number[] = [];
  const ratios: number[] = [];
  let sdkLoaded = 0;
  for (let r = 0; r <= ROUNDS; r++) {
    const first = r % 2 === 0;
    const x = first ? activate(shipped) : undefined;
    const y = activate(noAws);
    const z = x ?? activate(shipped);
    if (r === 0) continue;
    sdkLoaded = Math.max(sdkLoaded, z.sdk);
    a.push(z.ms);
    b.push(y.ms);
    ratios.push(z.ms / y.ms);
  }
  const f = (xs: number[]): string => xs.map((x) => x.toFixed(0)).join(', ');
  console.log(`require + activate, as shipped:        ${median(a).toFixed(1)} ms median  (${f(a)})`);
  console.log(`require + activate, without AWS layer: ${median(b).toFixed(1)} ms median  (${f(b)})`);
  console.log(`ratio per round, median: ${median(ratios).toFixed(2)}x  (min ${Math.min(...ratios).toFixed(2)}, max ${Math.max(...ratios).toFixed(2)}; target <= 1.2x); SDK modules loaded at activation: ${sdkLoaded}`);
}

void main();
