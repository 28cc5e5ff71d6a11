/**
 * The layers of src/ (ARCHITECTURE.md) as a test: the pure core never imports `vscode`, no
 * folder imports one above it (or a peer beside it), code outside src/manifest and
 * src/rekognition goes through their index.ts, and the webview pages' scripts (src/<room>/page/)
 * and what they import are browser code: no `vscode`, no Node module, no package. Reads the
 * import lines of every file of src/.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const SRC = path.join(ROOT, 'src');

/**
 * Each folder of src/ (or top-level file): its layer and the folders it may import, the table of
 * ARCHITECTURE.md ("Folders, lowest layer first"). A file may import its own folder and the folders
 * its row names, each on a lower layer; folders on one layer are peers and do not import each other.
 */
export const FOLDERS: ReadonlyMap<string, { layer: number; mayImport: readonly string[] }> = new Map([
  ['constants.ts', { layer: 0, mayImport: [] }],
  ['manifest', { layer: 1, mayImport: [] }],
  ['folder-paths', { layer: 1, mayImport: [] }],
  ['rekognition', { layer: 2, mayImport: ['manifest'] }],
  ['convert', { layer: 2, mayImport: ['manifest', 'folder-paths'] }],
  ['training', { layer: 2, mayImport: ['manifest'] }],
  ['models', { layer: 2, mayImport: ['manifest'] }],
  ['sandbox', { layer: 3, mayImport: ['manifest', 'folder-paths', 'rekognition', 'training', 'models'] }],
  ['images', { layer: 3, mayImport: ['manifest', 'folder-paths', 'rekognition'] }],
  ['health', { layer: 4, mayImport: ['manifest', 'training', 'images'] }],
  ['cli', { layer: 5, mayImport: ['manifest', 'rekognition', 'convert', 'training', 'images', 'health'] }],
  ['connection', { layer: 4, mayImport: ['constants.ts', 'rekognition'] }],
  ['views', { layer: 4, mayImport: ['constants.ts', 'manifest', 'rekognition'] }],
  ['language', { layer: 5, mayImport: ['constants.ts', 'manifest', 'rekognition'] }],
  ['ui', { layer: 6, mayImport: ['constants.ts', 'manifest', 'rekognition', 'images', 'connection', 'views', 'language'] }],
  ['webview', { layer: 6, mayImport: [] }],
  ['commands', { layer: 7, mayImport: ['constants.ts', 'manifest', 'rekognition', 'convert', 'training', 'connection', 'views', 'ui'] }],
  ['gallery', { layer: 7, mayImport: ['constants.ts', 'manifest', 'folder-paths', 'rekognition', 'models', 'images', 'health', 'views', 'ui', 'webview'] }],
  ['label-stats', { layer: 7, mayImport: ['constants.ts', 'rekognition', 'training', 'ui', 'webview'] }],
  ['evaluation', { layer: 7, mayImport: ['constants.ts', 'rekognition', 'models', 'images', 'views', 'ui', 'webview'] }],
  ['dataset-health', { layer: 7, mayImport: ['constants.ts', 'manifest', 'rekognition', 'training', 'images', 'health', 'language', 'ui', 'webview'] }],
  ['model-use', { layer: 7, mayImport: ['constants.ts', 'manifest', 'rekognition', 'models', 'images', 'views', 'ui'] }],
  ['check-images', { layer: 7, mayImport: ['constants.ts', 'manifest', 'rekognition', 'images', 'language', 'ui'] }],
  ['browse', { layer: 7, mayImport: ['constants.ts', 'rekognition', 'views', 'ui'] }],
  ['preview', { layer: 7, mayImport: ['constants.ts', 'manifest', 'folder-paths', 'images', 'language', 'ui', 'webview'] }],
  ['upload', { layer: 7, mayImport: ['constants.ts', 'manifest', 'folder-paths', 'rekognition', 'images', 'ui'] }],
  ['labelling', { layer: 7, mayImport: ['constants.ts', 'manifest', 'folder-paths', 'rekognition', 'images', 'views', 'ui'] }],
  [
    'datasets',
    {
      layer: 8,
      mayImport: ['constants.ts', 'rekognition', 'sandbox', 'connection', 'views', 'language', 'ui', 'commands', 'browse', 'preview', 'gallery', 'label-stats', 'check-images', 'upload', 'labelling', 'evaluation', 'dataset-health', 'model-use'],
    },
  ],
  ['extension.ts', { layer: 9, mayImport: ['constants.ts', 'language', 'ui', 'commands', 'datasets'] }],
]);

/** Folders whose every file is pure (no `vscode`, imports only pure files). */
const PURE_DIRS = ['manifest', 'folder-paths', 'rekognition', 'convert', 'training', 'models', 'sandbox', 'images', 'health', 'cli', 'webview'];
/** Pure files of the editor-facing folders (models and presentation, tested in plain Node). */
const PURE_FILES = [
  'constants.ts',
  'connection/connection-config.ts',
  'connection/credentials.ts',
  'connection/profiles.ts',
  'connection/regions.ts',
  'views/dataset-status.ts',
  'views/emitter.ts',
  'views/projects-model.ts',
  'views/projects-tree.ts',
  'views/tree-nodes.ts',
  'views/version-status.ts',
  'views/versions-model.ts',
  'browse/entries-stream.ts',
  'commands/line-ranges.ts',
  'commands/push-words.ts',
  'commands/train-words.ts',
  'ui/failure-message.ts',
  'gallery/entries.ts',
  'gallery/image-queue.ts',
  'gallery/only-lines.ts',
  'dataset-health/page-html.ts',
  'dataset-health/messages.ts',
  'dataset-health/distributions.ts',
  'gallery/card-images.ts',
  'gallery/page-html.ts',
  'gallery/messages.ts',
  'gallery/mistake-entries.ts',
  'label-stats/page-html.ts',
  'label-stats/messages.ts',
  'evaluation/page-model.ts',
  'evaluation/page-html.ts',
  'evaluation/messages.ts',
  'preview/model.ts',
  'preview/html.ts',
  'preview/messages.ts',
  'upload/plan.ts',
  'upload/rewrite.ts',
  'upload/etag.ts',
  'upload/uploader.ts',
  'labelling/image-names.ts',
  'labelling/local-images.ts',
  'labelling/unlabelled.ts',
  'labelling/s3-images.ts',
];
/** The webview pages' scripts: browser code, bundled for the webview (esbuild.js). */
const PAGE_DIR = /^[^/]+\/page\//;
/** Folders the rest of src/ imports through their index.ts only. */
const DOORS = ['manifest', 'rekognition', 'images'];

export function isPure(file: string): boolean {
  return PURE_DIRS.includes(file.split('/')[0]!) || PURE_FILES.includes(file) || PAGE_DIR.test(file);
}

/** The module specifiers a file imports (static, type-only, dynamic, require, re-exports). */
export function importsOf(text: string): string[] {
  const re = /(?:^|[^\w$.])(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]|(?:^|[^\w$.])import\s*['"]([^'"]+)['"]|(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/gm;
  return [...text.matchAll(re)].map((m) => (m[1] ?? m[2] ?? m[3])!);
}

/** The src/-relative file a relative specifier names, given the files there are. */
function resolve(from: string, spec: string, files: ReadonlySet<string>): string | undefined {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  return [`${base}.ts`, `${base}/index.ts`, base].find((f) => files.has(f));
}

function unitOf(file: string): string {
  return file.includes('/') ? file.split('/')[0]! : file;
}

/** The pages' scripts and every file they import (transitively): the files bundled for a browser. */
function browserFiles(files: ReadonlyMap<string, string>): Set<string> {
  const names = new Set(files.keys());
  const found = new Set<string>();
  const visit = (file: string): void => {
    if (found.has(file)) return;
    found.add(file);
    for (const spec of importsOf(files.get(file) ?? '')) {
      const target = spec.startsWith('.') ? resolve(file, spec, names) : undefined;
      if (target) visit(target);
    }
  };
  for (const file of names) if (PAGE_DIR.test(file)) visit(file);
  return found;
}

/** Every broken rule in `files` (src/-relative path -> text), one line each. */
export function violations(files: ReadonlyMap<string, string>): string[] {
  const names = new Set(files.keys());
  const browser = browserFiles(files);
  const out: string[] = [];
  for (const [file, text] of files) {
    const unit = unitOf(file);
    const folder = FOLDERS.get(unit);
    if (folder === undefined) {
      out.push(`${file}: src/${unit} has no layer in the boundary test (add it to FOLDERS and ARCHITECTURE.md)`);
      continue;
    }
    for (const spec of importsOf(text)) {
      if (browser.has(file) && !spec.startsWith('.')) {
        out.push(`${file}: imports '${spec}', but it runs in a webview page (a browser): no \`vscode\`, no Node module, no package`);
        continue;
      }
      if (spec === 'vscode') {
        if (isPure(file)) out.push(`${file}: imports 'vscode', but it is part of the pure core`);
        continue;
      }
      if (!spec.startsWith('.')) continue;
      const target = resolve(file, spec, names);
      if (!target) continue;
      const targetUnit = unitOf(target);
      if (targetUnit === unit) continue;
      if (!folder.mayImport.includes(targetUnit)) {
        const targetLayer = FOLDERS.get(targetUnit)?.layer;
        out.push(`${file}: imports ${target}, but src/${unit} (layer ${folder.layer}) may not import src/${targetUnit} (layer ${targetLayer ?? 'none'})`);
      }
      if (isPure(file) && !isPure(target)) out.push(`${file}: is pure but imports ${target}, which is not`);
      if (DOORS.includes(targetUnit) && target !== `${targetUnit}/index.ts`) {
        out.push(`${file}: imports ${target}; outside src/${targetUnit}, import it through src/${targetUnit}/index.ts`);
      }
    }
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

describe('layer boundaries of src/', () => {
  it('src/ keeps its layers: pure core without vscode, no import upwards, the doors of manifest and rekognition', () => {
    const files = new Map(sourceFiles(SRC).map((f) => [path.relative(SRC, f).split(path.sep).join('/'), fs.readFileSync(f, 'utf8')]));
    assert.ok(files.size > 50, 'the test sees the sources');
    assert.deepEqual(violations(files), []);
  });

  it('the check catches each kind of broken rule (so it can fail)', () => {
    const files = new Map([
      ['manifest/index.ts', "export * from './codes';"],
      ['manifest/codes.ts', 'export const A = 1;'],
      ['manifest/rules/bad.ts', "import * as vscode from 'vscode';\nimport type { X } from '../../views/projects-provider';"],
      ['rekognition/index.ts', "export const B = 1;"],
      ['rekognition/push.ts', "import { A } from '../manifest';\nconst lazy = () => import('../commands/ui');"],
      ['views/projects-provider.ts', "import * as vscode from 'vscode';"],
      ['commands/ui.ts', "import { A } from '../manifest/codes';\nexport { B } from '../rekognition';"],
      ['gallery/command.ts', "import { x } from '../label-stats/command';\nimport { y } from '../convert';"],
      ['label-stats/command.ts', ''],
      ['convert/index.ts', ''],
      ['sandbox/main.ts', "import { main } from '../cli/main';"],
      ['cli/main.ts', 'export function main() {}'],
      ['somewhere/new.ts', ''],
      ['gallery/page/main.ts', "import { readGalleryToPage } from '../messages';\nimport { x } from './draw';"],
      ['gallery/page/draw.ts', "import * as vscode from 'vscode';"],
      ['gallery/messages.ts', "import { randomBytes } from 'crypto';"],
    ]);
    assert.deepEqual(violations(files), [
      "manifest/rules/bad.ts: imports 'vscode', but it is part of the pure core",
      'manifest/rules/bad.ts: imports views/projects-provider.ts, but src/manifest (layer 1) may not import src/views (layer 4)',
      'manifest/rules/bad.ts: is pure but imports views/projects-provider.ts, which is not',
      'rekognition/push.ts: imports commands/ui.ts, but src/rekognition (layer 2) may not import src/commands (layer 7)',
      'rekognition/push.ts: is pure but imports commands/ui.ts, which is not',
      'commands/ui.ts: imports manifest/codes.ts; outside src/manifest, import it through src/manifest/index.ts',
      'gallery/command.ts: imports label-stats/command.ts, but src/gallery (layer 7) may not import src/label-stats (layer 7)',
      'gallery/command.ts: imports convert/index.ts, but src/gallery (layer 7) may not import src/convert (layer 2)',
      'sandbox/main.ts: imports cli/main.ts, but src/sandbox (layer 3) may not import src/cli (layer 5)',
      'somewhere/new.ts: src/somewhere has no layer in the boundary test (add it to FOLDERS and ARCHITECTURE.md)',
      "gallery/page/draw.ts: imports 'vscode', but it runs in a webview page (a browser): no `vscode`, no Node module, no package",
      "gallery/messages.ts: imports 'crypto', but it runs in a webview page (a browser): no `vscode`, no Node module, no package",
    ]);
  });

  it('each folder may import only folders of lower layers', () => {
    for (const [unit, { layer, mayImport }] of FOLDERS) {
      for (const other of mayImport) {
        const below = FOLDERS.get(other)?.layer;
        assert.ok(below !== undefined && below < layer, `src/${unit} (layer ${layer}) may import src/${other} (layer ${below}), which is not below it`);
      }
    }
  });

  it("ARCHITECTURE.md's table of folders is the one this test holds", () => {
    const doc = fs.readFileSync(path.join(ROOT, 'ARCHITECTURE.md'), 'utf8');
    const rows = [...doc.matchAll(/^\| (\d+) \| `([^`]+?)\/?` \| .* \| ([^|]*) \|$/gm)].map((m) => {
      const names = [...m[3]!.matchAll(/`([^`]+)`/g)].map((n) => n[1]!);
      return [m[2]!, { layer: Number(m[1]), mayImport: names.sort() }] as const;
    });
    const held = [...FOLDERS].map(([unit, f]) => [unit, { layer: f.layer, mayImport: [...f.mayImport].sort() }] as const);
    assert.deepEqual(rows, held);
  });
});
