/**
 * `npm run package`: builds the production .vsix with @vscode/vsce and checks what it holds.
 *
 *   node --import tsx test/package/vsix.ts [--out <file.vsix>]
 *
 * vsce runs `vscode:prepublish` (type check + minified build without source maps), packs what
 * .vscodeignore allows, and must print no warning. Then, from `vsce ls` (the same file list):
 *   - nothing that must not ship: sources, tests, source maps, node_modules;
 *   - every file package.json names (main, icon, grammars, language configuration, view icons),
 *     every image the README shows, every file the bundle requires by relative path, and every
 *     webview page script it loads (dist/webview/<room>.js);
 *   - the .vsix within BUDGET_BYTES (see the README, "Packages").
 * Exit 0 when all hold, 1 otherwise (each failure says which file and what to do).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../workbench/install-location';
import { BUDGET, formatSize } from './budget';
import { missingFiles, packageReferences, readmeImages, relativeRequires, shipsWhatItMustNot, webviewScripts } from './vsix-contents';

const say = (message: string): void => console.log(`[package] ${message}`);

function vsce(args: string[]): { status: number | null; output: string } {
  const bin = path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

function main(): number {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Record<string, unknown> & { name: string; version: string };
  const outIndex = process.argv.indexOf('--out');
  const out = path.resolve(outIndex >= 0 ? process.argv[outIndex + 1] : path.join(REPO_ROOT, 'dist', `${manifest.name}-${manifest.version}.vsix`));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.rmSync(out, { force: true });

  // Dependencies are bundled into dist/extension.js; relative links stay relative, so the
  // README's images resolve inside the installed extension (and need no repository URL).
  const packed = vsce(['package', '--no-dependencies', '--no-rewrite-relative-links', '--out', out]);
  process.stdout.write(packed.output);
  const failures: string[] = [];
  if (packed.status !== 0 || !fs.existsSync(out)) {
    console.error(`[package] vsce package failed (exit ${packed.status}): see its output above.`);
    return 1;
  }
  const warnings = packed.output.split('\n').filter((l) => /\bWARNING\b/i.test(l));
  for (const w of warnings) failures.push(`vsce warned: ${w.trim()} (fix package.json, .vscodeignore or README.md; a package must build without warnings)`);

  const listed = vsce(['ls', '--no-dependencies']);
  if (listed.status !== 0) {
    console.error(`[package] vsce ls failed (exit ${listed.status}):\n${listed.output}`);
    return 1;
  }
  const files = listed.output.split('\n').map((l) => l.trim()).filter(Boolean).sort();

  for (const f of shipsWhatItMustNot(files)) failures.push(`${f} is in the package but must not be (sources, tests, maps and node_modules stay out): fix .vscodeignore.`);
  const bundle = fs.readFileSync(path.join(REPO_ROOT, String(manifest.main)), 'utf8');
  if (/^\/\/# sourceMappingURL=/m.test(bundle)) failures.push(`${String(manifest.main)} points at a source map: the production build (esbuild.js --production) must not write one.`);
  const needed = [
    ...packageReferences(manifest).map((file) => ({ file, why: 'package.json names it' })),
    ...readmeImages(fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8')).map((file) => ({ file, why: 'README.md shows it' })),
    ...relativeRequires(bundle, String(manifest.main)).map((file) => ({ file, why: `${String(manifest.main)} requires it` })),
    ...webviewScripts(bundle).map((file) => ({ file, why: `${String(manifest.main)} loads it into a webview` })),
  ];
  for (const { file, why } of missingFiles(needed, files)) {
    failures.push(`${file} is missing from the package (${why}): add "!${file}" to .vscodeignore${fs.existsSync(path.join(REPO_ROOT, file)) ? '' : ' (and check it is built: it is not on disk either)'}.`);
  }

  const size = fs.statSync(out).size;
  say(`${path.relative(process.cwd(), out) || out}: ${formatSize(size)} (budget ${formatSize(BUDGET.vsixBytes)}), ${files.length} files:`);
  for (const f of files) {
    const onDisk = path.join(REPO_ROOT, f);
    say(`  ${f}${fs.existsSync(onDisk) ? `  ${formatSize(fs.statSync(onDisk).size)}` : ''}`);
  }
  if (size > BUDGET.vsixBytes) {
    failures.push(
      `the .vsix is ${formatSize(size)}, over its budget of ${formatSize(BUDGET.vsixBytes)}: find what grew (the list above; ` +
        `esbuild --metafile for the bundle) and shrink it, or raise BUDGET in test/package/budget.ts and say why in the README.`,
    );
  }
  for (const f of failures) console.error(`[package] FAILED: ${f}`);
  if (failures.length === 0) say('package checks passed');
  return failures.length === 0 ? 0 : 1;
}

process.exitCode = main();
