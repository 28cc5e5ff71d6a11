/**
 * `npm run package:cli` (after `node esbuild.js --production`): the linter as the npm package
 * `custom-labels`, assembled in dist/cli-package/ and packed to dist/custom-labels-<version>.tgz.
 *
 *   dist/cli-package/package.json  src/cli/package.template.json + version, license, repository
 *                                  and engines.node from the repository's package.json
 *   dist/cli-package/cli.js        dist/cli.js: the validator bundled into one minified file
 *   dist/cli-package/jpeg-turbo.wasm  the JPEG decoder `health` loads from beside cli.js
 *                                  (WebAssembly: one file for every platform, no native binary)
 *   dist/cli-package/health-worker.js  the worker thread `health` decodes images in (esbuild.js)
 *   dist/cli-package/README.md     the README's "Lint manifests in your own CI" section
 *   dist/cli-package/LICENSE
 *
 * Fails (exit 1) when the package would not be self-contained: dependencies in its manifest, or
 * a bundle that requires anything but Node's own modules (vscode, the AWS SDK, ...); when the
 * bundle is not the production one; or when the tarball is over its budget.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { REPO_ROOT } from '../workbench/install-location';
import { BUDGET, formatSize } from './budget';

export const CLI_PACKAGE_DIR = path.join(REPO_ROOT, 'dist', 'cli-package');
const README_SECTION = '## Lint manifests in your own CI';

const say = (message: string): void => console.log(`[package:cli] ${message}`);

/** The section of the README that starts with `heading`, up to the next heading of the same level. */
export function readmeSection(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README.md has no "${heading}" section: the CLI package's README is made from it.`);
  const rest = markdown.slice(start + 1);
  const next = rest.slice(heading.length).search(/\n## /);
  return (next < 0 ? rest : rest.slice(0, heading.length + next)).trim();
}

/** Modules a bundle requires that are not Node's own (a self-contained bundle has none). */
export function nonBuiltinRequires(bundle: string): string[] {
  const builtins = new Set(builtinModules);
  const found = new Set<string>();
  for (const m of bundle.matchAll(/\b(?:require\(|import\()\s*(["'`])([^"'`]+)\1\s*\)/g)) {
    const name = m[2].replace(/^node:/, '');
    if (!builtins.has(name) && !builtins.has(name.split('/')[0])) found.add(m[2]);
  }
  return [...found].sort();
}

function main(): number {
  const root = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    version: string;
    license: string;
    repository: unknown;
    engines: { node: string };
  };
  const template = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'src', 'cli', 'package.template.json'), 'utf8')) as Record<string, unknown>;
  const manifest = { ...template, version: root.version, license: root.license, repository: root.repository, engines: { node: root.engines.node } };
  const failures: string[] = [];
  for (const key of ['dependencies', 'peerDependencies', 'optionalDependencies', 'bundleDependencies', 'scripts']) {
    if (key in manifest) failures.push(`src/cli/package.template.json has "${key}": the package must install nothing but its one file.`);
  }

  const built = path.join(REPO_ROOT, 'dist', 'cli.js');
  if (!fs.existsSync(built)) {
    console.error('[package:cli] dist/cli.js is missing: run `node esbuild.js --production` first (`npm run package:cli` does).');
    return 1;
  }
  const bundle = fs.readFileSync(built, 'utf8');
  if (!bundle.startsWith('#!/usr/bin/env node\n')) failures.push('dist/cli.js does not start with "#!/usr/bin/env node": npm would not run it as a command.');
  if (/^\/\/# sourceMappingURL=/m.test(bundle)) failures.push('dist/cli.js points at a source map: build it with `node esbuild.js --production`.');
  for (const name of nonBuiltinRequires(bundle)) {
    failures.push(`dist/cli.js requires "${name}", which the package does not ship: the CLI must bundle what it uses (and never load vscode or the AWS SDK).`);
  }

  fs.rmSync(CLI_PACKAGE_DIR, { recursive: true, force: true });
  fs.mkdirSync(CLI_PACKAGE_DIR, { recursive: true });
  fs.writeFileSync(path.join(CLI_PACKAGE_DIR, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  fs.copyFileSync(built, path.join(CLI_PACKAGE_DIR, 'cli.js'));
  fs.chmodSync(path.join(CLI_PACKAGE_DIR, 'cli.js'), 0o755);
  fs.copyFileSync(path.join(REPO_ROOT, 'LICENSE'), path.join(CLI_PACKAGE_DIR, 'LICENSE'));
  const wasm = path.join(REPO_ROOT, 'dist', 'jpeg-turbo.wasm');
  if (fs.existsSync(wasm)) fs.copyFileSync(wasm, path.join(CLI_PACKAGE_DIR, 'jpeg-turbo.wasm'));
  else failures.push('dist/jpeg-turbo.wasm is missing (esbuild.js copies it): `custom-labels health` could not decode JPEGs.');
  const worker = path.join(REPO_ROOT, 'dist', 'health-worker.js');
  if (fs.existsSync(worker)) fs.copyFileSync(worker, path.join(CLI_PACKAGE_DIR, 'health-worker.js'));
  else failures.push('dist/health-worker.js is missing (esbuild.js builds it): `custom-labels health` could not decode images.');
  const section = readmeSection(fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8'), README_SECTION);
  fs.writeFileSync(
    path.join(CLI_PACKAGE_DIR, 'README.md'),
    `# custom-labels\n\n${String(template.description)}\n\n${section.replace(/^## .*\n/, '')}\n`,
  );

  const packed = spawnSync('npm', ['pack', '--json', '--pack-destination', path.join(REPO_ROOT, 'dist'), CLI_PACKAGE_DIR], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  if (packed.status !== 0) {
    console.error(`[package:cli] npm pack failed (exit ${packed.status}):\n${packed.stderr}`);
    return 1;
  }
  const [info] = JSON.parse(packed.stdout) as Array<{ filename: string; size: number; unpackedSize: number; files: Array<{ path: string; size: number }> }>;
  const tarball = path.join(REPO_ROOT, 'dist', info.filename);
  const size = fs.statSync(tarball).size;
  say(`${path.relative(process.cwd(), tarball) || tarball}: ${formatSize(size)} (budget ${formatSize(BUDGET.cliTarballBytes)}), unpacked ${formatSize(info.unpackedSize)}, ${info.files.length} files:`);
  for (const f of info.files) say(`  ${f.path}  ${formatSize(f.size)}`);
  const expected = ['LICENSE', 'README.md', 'cli.js', 'health-worker.js', 'jpeg-turbo.wasm', 'package.json'];
  const files = info.files.map((f) => f.path).sort();
  if (files.join() !== expected.join()) failures.push(`the tarball holds ${files.join(', ')}; expected exactly ${expected.join(', ')}.`);
  if (size > BUDGET.cliTarballBytes) {
    failures.push(`the tarball is ${formatSize(size)}, over its budget of ${formatSize(BUDGET.cliTarballBytes)}: the CLI bundle grew (esbuild --metafile shows why), or raise BUDGET in test/package/budget.ts and say why in the README.`);
  }
  for (const f of failures) console.error(`[package:cli] FAILED: ${f}`);
  if (failures.length === 0) say('package checks passed');
  return failures.length === 0 ? 0 : 1;
}

if (require.main === module) process.exitCode = main();
