/** The preview page: a strict CSP, its script bundle with the nonce, nothing inline. */
import * as assert from 'node:assert/strict';
import { previewHtml } from '../../../src/preview/html';

const NONCE = 'bm9uY2Vub25jZQ==';
const SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';
const SCRIPT = `${SOURCE}/ext/dist/webview/preview.js`;

describe('preview: the page', () => {
  const html = previewHtml({ nonce: NONCE, cspSource: SOURCE, script: SCRIPT });

  it('has a strict CSP: nothing by default, images only from the webview, style and script only with the nonce', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    assert.equal(csp, `default-src 'none'; img-src ${SOURCE}; style-src 'nonce-${NONCE}'; script-src 'nonce-${NONCE}';`);
    const directives = new Map(csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => [d.split(' ')[0]!, d.split(' ').slice(1)]));
    assert.deepEqual(directives.get('default-src'), ["'none'"]);
    for (const d of ['img-src', 'script-src', 'style-src']) {
      assert.ok(!directives.get(d)!.some((v) => v === '*' || v.startsWith('http:') || v === 'https:' || v === "'unsafe-inline'" || v === "'unsafe-eval'"), `${d}: ${directives.get(d)!.join(' ')}`);
    }
    assert.ok(!directives.has('connect-src') && !directives.has('frame-src'), 'no fetch or frames');
  });

  it('one script (its bundle) and one style, each with the nonce; no inline handlers, no remote URL', () => {
    assert.equal(html.match(/<script\b/g)?.length, 1);
    assert.ok(html.includes(`<script nonce="${NONCE}" src="${SCRIPT}"></script>`));
    assert.equal(html.match(/<style\b/g)?.length, 1);
    assert.ok(html.includes(`<style nonce="${NONCE}">`));
    assert.doesNotMatch(html, /\son[a-z]+=/i);
    assert.doesNotMatch(html, /(src|href)="http:/);
  });

  it('is a shell for the script: the elements it fills, empty', () => {
    for (const id of ['title', 'ref', 'note', 'image', 'labels', 'problems']) assert.match(html, new RegExp(`id="${id}"`));
    assert.doesNotMatch(html, /innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });
});
