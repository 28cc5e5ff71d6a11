import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { nonBuiltinRequires, readmeSection } from '../../package/cli-package';
import { missingFiles, packageReferences, readmeImages, relativeRequires, shipsWhatItMustNot, webviewScripts } from '../../package/vsix-contents';
import { PAGE_SCRIPTS } from '../../../src/webview/panel-options';

const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('package contents (test/package)', () => {
  it('names every file the real package.json points at, each of which exists', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
    const refs = packageReferences(manifest);
    for (const f of ['dist/extension.js', 'media/icon.png', 'media/icon.svg', 'media/language-configuration.json', 'media/syntaxes/manifest.tmLanguage.json']) {
      assert.ok(refs.includes(f), `${f} not in ${refs.join(', ')}`);
    }
    for (const f of refs.filter((r) => !r.startsWith('dist/'))) assert.ok(fs.existsSync(path.join(ROOT, f)), f);
  });

  it('leaves codicons ($(refresh)) and web addresses out of the references', () => {
    const refs = packageReferences({
      main: './dist/extension',
      contributes: { commands: [{ icon: '$(refresh)' }, { icon: { light: './a.svg', dark: 'b.svg' } }], jsonValidation: [{ url: 'https://x/y.json' }] },
    });
    assert.deepEqual(refs, ['a.svg', 'b.svg', 'dist/extension.js']);
  });

  it('finds the README images that must ship, not web images or anchors', () => {
    const md = '![a](media/screenshot.png) ![b](./media/x%20y.png "t") ![c](https://e.invalid/c.png) <img src="media/d.png"> [l](#x)';
    assert.deepEqual(readmeImages(md), ['media/d.png', 'media/screenshot.png', 'media/x y.png']);
  });

  it('finds the files a bundle requires by relative path', () => {
    const bundle = 'var a=require("./aws.js"),b=require("vscode"),c=require(\'../media/m.json\'),d=require("./chunk")';
    assert.deepEqual(relativeRequires(bundle, 'dist/extension.js'), ['dist/aws.js', 'dist/chunk.js', 'media/m.json']);
  });

  it('finds the webview page scripts a minified bundle names, each once', () => {
    const bundle = 'var P={gallery:"dist/webview/gallery.js",preview:\'dist/webview/preview.js\'},x="dist/webview/gallery.js",y="dist/aws.js",z="src/gallery/page/main.ts"';
    assert.deepEqual(webviewScripts(bundle), ['dist/webview/gallery.js', 'dist/webview/preview.js']);
  });

  it('each page script the extension loads is built from src/<room>/page/main.ts and allowed by .vscodeignore', () => {
    const allowed = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n').filter((l) => l.startsWith('!')).map((l) => l.slice(1).trim());
    const scripts = Object.values(PAGE_SCRIPTS);
    assert.deepEqual(webviewScripts(fs.readFileSync(path.join(ROOT, 'src', 'webview', 'panel-options.ts'), 'utf8')), [...scripts].sort(), 'the scanner finds every script as written in the source');
    for (const script of scripts) {
      const room = /^dist\/webview\/([\w-]+)\.js$/.exec(script)?.[1];
      assert.ok(room && fs.existsSync(path.join(ROOT, 'src', room, 'page', 'main.ts')), `${script}: esbuild.js builds it from src/${room ?? '?'}/page/main.ts, which must exist`);
      assert.ok(allowed.includes(script), `${script} is not in .vscodeignore's allowlist: add "!${script}"`);
    }
  });

  it('flags sources, tests, maps and node_modules, and keeps the rest', () => {
    const files = ['dist/extension.js', 'dist/extension.js.map', 'src/extension.ts', 'test/unit/a.test.ts', 'node_modules/x/index.js', 'media/icon.png', 'types/a.d.ts', 'package.json'];
    assert.deepEqual(shipsWhatItMustNot(files), ['dist/extension.js.map', 'src/extension.ts', 'test/unit/a.test.ts', 'node_modules/x/index.js']);
  });

  it('reports each missing file once', () => {
    const missing = missingFiles([{ file: 'a' }, { file: 'b' }, { file: 'b' }, { file: 'c' }], ['./a', 'c']);
    assert.deepEqual(missing, [{ file: 'b' }]);
  });

  it('finds every module a CLI bundle requires that Node does not provide', () => {
    const bundle = 'require("fs");require("node:path");require("fs/promises");require("jsonc-parser");import("@aws-sdk/client-rekognition");require("vscode")';
    assert.deepEqual(nonBuiltinRequires(bundle), ['@aws-sdk/client-rekognition', 'jsonc-parser', 'vscode']);
  });

  it('takes the CLI section of the README, up to the next section', () => {
    const md = '# T\n\n## Lint manifests in your own CI\n\ntext\n### sub\nmore\n\n## Next\nno';
    assert.equal(readmeSection(md, '## Lint manifests in your own CI'), '## Lint manifests in your own CI\n\ntext\n### sub\nmore');
    assert.throws(() => readmeSection(md, '## Missing'), /no "## Missing" section/);
  });
});
