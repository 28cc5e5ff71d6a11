/**
 * Benchmark: keypress to painted character in the real workbench (code-server + headless
 * chromium, the machinery of test/workbench/run.ts and test/ui/driver.ts), typing into a large
 * manifest against the same text opened as plain text (a `.txt` copy) and as VS Code's own JSON
 * Lines (a `.jsonl` copy: its JSON grammar and language features, what a person would open the
 * file as without this extension), with the preview closed and open. `npm run bench:typing`
 * (needs `npm run setup:workbench`; takes a few minutes, so it is not part of `npm run bench`).
 *
 * Measured in the page: a keydown listener (capture phase) notes the event's time; a
 * MutationObserver on the editor's view lines sees the render that shows the typed character
 * (the line's text holds everything typed so far); a message posted from there runs after that
 * frame is painted, and its time minus the keydown's is the figure. Keys are pressed at a fixed
 * pace (PACE_MS), not as fast as the previous one paints, as a person types.
 *
 * Files: 50,000 lines of the mixed generator (generate.ts, ~22 MB) and 250,000 compact
 * classification lines (~50 MB: VS Code hands extensions no document over 50 MB), and a 3-line
 * manifest for reference. Typed into the source-ref of the middle line (the line stays valid; its
 * source-ref changes with every key, as when a person renames an image). Quick suggestions are
 * off in both languages (plain text's word suggestions would otherwise pop up in one of them).
 *
 * Reports, per file and configuration, the median, p90 and worst over ROUNDS rounds (each
 * configuration typed once per round, the configurations interleaved), and each as a ratio to
 * plain text of the same size.
 *
 *   tsx test/bench/typing.bench.ts [--sizes 50000,250000] [--rounds 3] [--keys 40] [--keep]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { goTo, openFile, runCommand, until } from '../ui/driver';
import { languageMode } from '../ui/actions';
import { ManifestDocument } from '../../src/manifest';
import { mixedManifest } from './generate';
import { TRACE_CATEGORIES, inBenchWorkbench, startTrace } from './workbench-bench';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const SIZES = option('--sizes', process.env.BENCH_TYPING_SIZES ?? '50000,250000').split(',').map(Number);
const ROUNDS = Number(option('--rounds', process.env.BENCH_TYPING_ROUNDS ?? '3'));
const KEYS = Number(option('--keys', process.env.BENCH_TYPING_KEYS ?? '40'));
const KEEP = process.argv.includes('--keep');
/** --profile DIR: a CPU profile of the page (its main frame) while each configuration is typed. */
const TRACE_DIR = process.argv.includes('--trace') ? path.resolve(option('--trace', '')) : undefined;
const PROFILE_DIR = process.argv.includes('--profile') ? path.resolve(option('--profile', '')) : undefined;
/** Between two key presses (~10 keys a second: a fast typist). */
const PACE_MS = 100;
const WARM_UP_KEYS = 5;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** A short valid classification line (the 250,000-line file must stay under VS Code's 50 MB). */
function compactLine(i: number): string {
  const labels = ['cat', 'dog', 'bird', 'car', 'tree'];
  return JSON.stringify({
    'source-ref': `s3://bkt/img/${i}.jpg`,
    c: i % 5,
    'c-metadata': { confidence: 1, 'class-name': labels[i % 5], type: 'groundtruth/image-classification', 'human-annotated': 'yes', 'creation-date': '2024-03-06T17:46:39Z' },
  });
}

interface Sample {
  file: string;
  config: string;
  ms: number[];
  missed: number;
}

/** Installed in the page once: arms a measurement of the next keys typed after `anchor`. */
const PAGE_PROBE = `(() => {
  if (window.__typingProbe) return;
  const st = { armed: false, anchor: '', typed: '', pending: [], results: [], observer: undefined };
  window.__typingProbe = {
    arm(anchor) {
      st.armed = true; st.anchor = anchor; st.typed = ''; st.pending = []; st.results = [];
      const lines = document.querySelector('.editor-group-container.active .monaco-editor .view-lines');
      if (!lines) throw new Error('no active editor');
      st.observer?.disconnect();
      st.observer = new MutationObserver(() => {
        if (st.pending.length === 0) return;
        const text = lines.textContent || '';
        const painted = [];
        while (st.pending.length && text.includes(st.pending[0].expect)) painted.push(st.pending.shift());
        if (painted.length === 0) return;
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          const now = performance.now();
          for (const p of painted) st.results.push(now - p.t0);
        };
        channel.port2.postMessage(0);
      });
      st.observer.observe(lines, { subtree: true, childList: true, characterData: true });
    },
    disarm() { st.armed = false; st.observer?.disconnect(); st.observer = undefined; },
    results() { return st.results.slice(); },
  };
  addEventListener('keydown', (e) => {
    if (!st.armed || e.key.length !== 1) return;
    st.typed += e.key;
    st.pending.push({ t0: e.timeStamp, expect: st.anchor + st.typed });
  }, true);
})()`;

async function typeMeasured(page: Page, anchor: string, keys: number, offset: number): Promise<{ ms: number[]; missed: number }> {
  await page.evaluate(`window.__typingProbe.arm(${JSON.stringify(anchor)})`);
  const start = Date.now();
  for (let k = 0; k < keys; k++) {
    const at = start + k * PACE_MS;
    const wait = at - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    await page.keyboard.press(LETTERS[(offset + k) % LETTERS.length]!);
  }
  // The last keys' paints.
  const deadline = Date.now() + 10_000;
  let ms: number[] = [];
  while (Date.now() < deadline) {
    ms = (await page.evaluate('window.__typingProbe.results()')) as number[];
    if (ms.length >= keys) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await page.evaluate('window.__typingProbe.disarm()');
  return { ms, missed: keys - ms.length };
}

/** CPU seconds so far of every process under this one (code-server, its extension host, chromium), by kind. */
function cpuByKind(): Map<string, number> {
  const ticks = 100;
  const parent = new Map<number, number>();
  const cpu = new Map<number, number>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(name), Number(fields[1]));
      cpu.set(Number(name), (Number(fields[11]) + Number(fields[12])) / ticks);
    } catch {
      // Gone meanwhile.
    }
  }
  const mine = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 20; p = parent.get(p) ?? 0, hops++) if (p === process.pid) return true;
    return false;
  };
  const out = new Map<string, number>();
  for (const [pid, seconds] of cpu) {
    if (pid === process.pid || !mine(pid)) continue;
    let cmd = '';
    try {
      cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    } catch {
      continue;
    }
    const kind = /extensionHost/.test(cmd) ? 'extension host' : /--type=renderer/.test(cmd) ? 'browser renderers' : /--type=/.test(cmd) ? 'browser others' : /chrom/.test(cmd) ? 'browser' : /code-server|server-main|out\/node|entry/.test(cmd) ? 'code-server' : 'other';
    out.set(kind, (out.get(kind) ?? 0) + seconds);
  }
  return out;
}

function cpuSince(before: Map<string, number>): string {
  const after = cpuByKind();
  return [...after].map(([k, v]) => `${k} ${(v - (before.get(k) ?? 0)).toFixed(1)} s`).join(', ');
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) >> 1]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

interface Target {
  /** Workspace-relative file. */
  file: string;
  lines: number;
  /** 1-based line and column to type at, and the text just before it (the probe's anchor). */
  line: number;
  column: number;
  anchor: string;
  language: string;
}

function writeFiles(workspace: string): Map<number, { manifest: Target; plain: Target; jsonl: Target }> {
  const out = new Map<number, { manifest: Target; plain: Target; jsonl: Target }>();
  for (const [n, size] of SIZES.entries()) {
    // A letter of its own in each name: Quick Open's fuzzy match of one never lists the other.
    const name = `typing-${'abcdefgh'[n]}-${size}`;
    const lines = size > 100_000 ? Array.from({ length: size }, (_, i) => compactLine(i)) : mixedManifest(size);
    const text = lines.join('\n') + '\n';
    // Typed into a valid file: the figures are those of typing, not of a file full of problems.
    const sample = new ManifestDocument(lines.slice(0, 1000).join('\n') + '\n');
    if (sample.problems().length > 0) throw new Error(`The generated lines have problems: ${sample.problems()[0]!.message}`);
    const mid = Math.floor(size / 2);
    const lineText = lines[mid]!;
    const at = lineText.indexOf('.jpg') >= 0 ? lineText.lastIndexOf('/', lineText.indexOf('.jpg')) + 1 : lineText.lastIndexOf('/', lineText.indexOf('.png')) + 1;
    const anchor = lineText.slice(Math.max(0, at - 12), at);
    const target = (file: string, language: string): Target => ({ file, lines: size, line: mid + 1, column: at + 1, anchor, language });
    for (const ext of ['manifest', 'txt', 'jsonl']) fs.writeFileSync(path.join(workspace, `${name}.${ext}`), text);
    console.log(`${name}: ${size.toLocaleString('en-US')} lines, ${(Buffer.byteLength(text) / 1048576).toFixed(1)} MB`);
    out.set(size, { manifest: target(`${name}.manifest`, 'Custom Labels Manifest'), plain: target(`${name}.txt`, 'Plain Text'), jsonl: target(`${name}.jsonl`, 'JSON Lines') });
  }
  return out;
}

async function openAt(page: Page, t: Target): Promise<void> {
  await openFile(t.file);
  await until(`${t.file} as ${t.language}`, async () => ((await languageMode()) === t.language ? true : undefined), async () => `language "${await languageMode()}"`, 120_000);
  await goTo(t.line, t.column);
  void page;
}

async function previewShown(page: Page): Promise<boolean> {
  return (await page.locator('.tab[aria-label^="Preview typing-"]').count()) > 0;
}

async function main(): Promise<void> {
  let targets = new Map<number, { manifest: Target; plain: Target; jsonl: Target }>();
  const small: Target = { file: 'typing-3.manifest', lines: 3, line: 2, column: 0, anchor: '', language: 'Custom Labels Manifest' };
  const prepare = (workspace: string): Record<string, unknown> => {
    fs.mkdirSync(path.join(workspace, 'images'), { recursive: true });
    targets = writeFiles(workspace);
    const lines = mixedManifest(3);
    fs.writeFileSync(path.join(workspace, small.file), lines.join('\n') + '\n');
    small.column = lines[1]!.lastIndexOf('/', lines[1]!.indexOf('.png')) + 1 + 1;
    small.anchor = lines[1]!.slice(small.column - 1 - 12, small.column - 1);
    return {
      'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
      'editor.wordBasedSuggestions': 'off',
      // The web workbench asks before opening a file over 10 MB.
      'workbench.editorLargeFileConfirmation': 1024,
      // The preview reads images from this (empty) folder: nothing goes to S3.
      'customLabels.images.folder': path.join(workspace, 'images'),
      // BENCH_TYPING_SETTINGS: more user settings as JSON, to see what a cost depends on.
      ...(JSON.parse(process.env.BENCH_TYPING_SETTINGS ?? '{}') as Record<string, unknown>),
    };
  };
  await inBenchWorkbench({ prefix: 'clt-', prepare, keep: KEEP, name: 'typing' }, async (page) => {
    await page.evaluate(PAGE_PROBE);

    const samples: Sample[] = [];
    const record = (file: string, config: string, r: { ms: number[]; missed: number }): void => {
      let s = samples.find((x) => x.file === file && x.config === config);
      if (!s) samples.push((s = { file, config, ms: [], missed: 0 }));
      s.ms.push(...r.ms);
      s.missed += r.missed;
    };
    let offset = 0;
    const typeInto = async (t: Target, file: string, config: string): Promise<void> => {
      await goTo(t.line, t.column + (t.language === 'Plain Text' ? 0 : 0));
      // Warm-up keys, then a pause for the debounced work of the warm-up to settle.
      await typeMeasured(page, t.anchor, WARM_UP_KEYS, offset);
      offset += WARM_UP_KEYS;
      await new Promise((r) => setTimeout(r, 1500));
      await goTo(t.line, t.column);
      const profiler = PROFILE_DIR ? await page.context().newCDPSession(page) : undefined;
      if (profiler) {
        await profiler.send('Profiler.enable');
        await profiler.send('Profiler.start');
      }
      const endTrace = TRACE_DIR ? await startTrace(page, TRACE_CATEGORIES) : undefined;
      const cpu0 = cpuByKind();
      const r = await typeMeasured(page, t.anchor, KEYS, offset);
      const cpuUsed = cpuSince(cpu0);
      await endTrace?.(path.join(TRACE_DIR!, `${file} ${config} ${offset}.json`.replace(/[ ,]+/g, '-')));
      if (profiler) {
        const { profile } = (await profiler.send('Profiler.stop')) as { profile: unknown };
        fs.mkdirSync(PROFILE_DIR!, { recursive: true });
        fs.writeFileSync(path.join(PROFILE_DIR!, `${file} ${config} ${offset}.cpuprofile`.replace(/[ ,]+/g, '-')), JSON.stringify(profile));
        await profiler.detach();
      }
      offset += KEYS;
      record(file, config, r);
      console.log(`  ${file} ${config}: median ${median(r.ms).toFixed(0)} ms, p90 ${quantile(r.ms, 0.9).toFixed(0)}, worst ${Math.max(...r.ms).toFixed(0)}${r.missed ? `, ${r.missed} not seen` : ''}; CPU: ${cpuUsed}`);
    };

    await openAt(page, small);
    for (let r = 0; r < ROUNDS; r++) await typeInto(small, '3 lines', 'manifest');
    for (const size of SIZES) {
      const { manifest, plain, jsonl } = targets.get(size)!;
      const label = `${size.toLocaleString('en-US')} lines`;
      await openAt(page, plain);
      await openAt(page, jsonl);
      await openAt(page, manifest);
      // Let the manifest's validation (in steps) finish before the first round.
      await new Promise((r) => setTimeout(r, 3000));
      for (let r = 0; r < ROUNDS; r++) {
        console.log(`${label}, round ${r + 1} of ${ROUNDS}`);
        await openAt(page, plain);
        await typeInto(plain, label, 'plain text');
        await openAt(page, jsonl);
        await typeInto(jsonl, label, "JSON Lines (VS Code's)");
        await openAt(page, manifest);
        await typeInto(manifest, label, 'manifest, preview closed');
        await runCommand('Custom Labels: Open Preview to the Side');
        await until('the preview to open', async () => ((await previewShown(page)) ? true : undefined), undefined, 30_000);
        await openAt(page, manifest);
        await typeInto(manifest, label, 'manifest, preview open');
        // Close the preview (the group beside): focus its tab and close it. A failure here costs
        // the next rounds' preview figures, not the ones measured.
        try {
          await page.locator('.tab[aria-label^="Preview typing-"]').first().click();
          await runCommand('View: Close Editor');
          await until('the preview to close', async () => ((await previewShown(page)) ? undefined : true), undefined, 30_000);
        } catch (error) {
          console.log(`  (the preview did not close: ${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
        }
      }
      // Put the files away unsaved, so the next size does not share the memory.
      for (const t of [manifest, plain, jsonl]) {
        await openFile(t.file)
          .then(() => runCommand('View: Revert and Close Editor'))
          .catch((error: unknown) => console.log(`  (${t.file} did not close: ${error instanceof Error ? error.message.split('\n')[0] : String(error)})`));
      }
    }

    console.log('\nkeypress to painted character, ms (ratio to plain text of the same size)');
    console.log('file'.padEnd(16) + 'configuration'.padEnd(28) + 'keys'.padStart(6) + 'median'.padStart(16) + 'p90'.padStart(16) + 'worst'.padStart(16));
    for (const s of samples) {
      const base = samples.find((x) => x.file === s.file && x.config === 'plain text');
      const cell = (f: (xs: number[]) => number): string => {
        const v = f(s.ms);
        const ratio = base && base !== s ? ` (${(v / f(base.ms)).toFixed(2)}x)` : '';
        return `${v.toFixed(0)}${ratio}`.padStart(16);
      };
      console.log(
        s.file.padEnd(16) + s.config.padEnd(28) + String(s.ms.length).padStart(6) +
          cell(median) + cell((xs) => quantile(xs, 0.9)) + cell((xs) => Math.max(...xs)) + (s.missed ? `  (${s.missed} keys not seen painted)` : ''),
      );
    }
  });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : String(error));
    process.exit(1);
  },
);
