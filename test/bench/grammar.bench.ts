/**
 * Benchmark: colouring a manifest. VS Code colours each line with the language's TextMate
 * grammar (in a worker beside the editor, but on the same CPU): in a 50,000-line manifest the
 * colouring of the whole file ran while a person typed, and typing waited (issue 21 item 6,
 * `npm run bench:typing`). Ours (media/syntaxes/manifest.tmLanguage.json, flat one-token
 * patterns) against VS Code's own JSON grammar (what the manifest language included before), both
 * run by VS Code's TextMate engine (vscode-textmate, vscode-oniguruma) over the same lines, paired
 * round by round; the JSON grammar is read from the workbench `npm run setup:workbench` installs
 * (skipped, and said, when it is not there). `npm run bench`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import type * as Textmate from 'vscode-textmate';
import { findInstall } from '../workbench/install-location';
import { mixedManifest } from './generate';

const LINES = Number(process.env.BENCH_GRAMMAR_LINES ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const OURS = path.join(__dirname, '../../media/syntaxes/manifest.tmLanguage.json');
const req = createRequire(__filename);

function vscodeJsonGrammar(): string | undefined {
  const install = findInstall();
  if (!install) return undefined;
  const file = path.join(path.dirname(install.entry), '..', '..', 'lib', 'vscode', 'extensions', 'json', 'syntaxes', 'JSON.tmLanguage.json');
  return fs.existsSync(file) ? file : undefined;
}

async function main(): Promise<void> {
  const json = vscodeJsonGrammar();
  if (!json) {
    console.log('grammar: skipped (VS Code\'s JSON grammar comes from the workbench: run `npm run setup:workbench`)');
    return;
  }
  const tm = req('vscode-textmate') as typeof Textmate;
  const onig = req('vscode-oniguruma') as typeof import('vscode-oniguruma');
  const wasm = fs.readFileSync(req.resolve('vscode-oniguruma/release/onig.wasm'));
  await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const onigLib = Promise.resolve({ createOnigScanner: (s: string[]) => new onig.OnigScanner(s), createOnigString: (s: string) => new onig.OnigString(s) });
  const load = async (file: string, scope: string): Promise<Textmate.IGrammar> => {
    const registry = new tm.Registry({ onigLib, loadGrammar: async (s) => (s === scope ? tm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null) });
    const g = await registry.loadGrammar(scope);
    if (!g) throw new Error(`grammar ${file} did not load`);
    return g;
  };
  const ours = await load(OURS, 'source.customlabels-manifest');
  const theirs = await load(json, 'source.json');
  const lines = mixedManifest(LINES);
  const colour = (g: Textmate.IGrammar): number => {
    const t0 = performance.now();
    let state = tm.INITIAL;
    for (const l of lines) state = g.tokenizeLine2(l, state).ruleStack;
    return performance.now() - t0;
  };
  colour(ours);
  colour(theirs);
  const ratios: number[] = [];
  const oursMs: number[] = [];
  const theirsMs: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const a = colour(ours);
    const b = colour(theirs);
    oursMs.push(a);
    theirsMs.push(b);
    ratios.push(a / b);
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  console.log(`grammar: colouring ${LINES.toLocaleString('en-US')} manifest lines, median of ${ROUNDS} pairs`);
  console.log(`  ours ${median(oursMs).toFixed(0)} ms, VS Code's JSON grammar ${median(theirsMs).toFixed(0)} ms: ratio ${median(ratios).toFixed(2)}x (target: well under 1x)`);
}

void main();
