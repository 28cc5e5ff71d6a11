import * as assert from 'node:assert/strict';
import { previewCsp, previewHtml } from '../../../src/preview/html';

const NONCE = 'bm9uY2Vub25jZQ==';
const SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

describe('preview: the page', () => {
  const html = previewHtml({ nonce: NONCE, cspSource: SOURCE });

  it('has a strict CSP: nothing by default, images only from the webview, style and script only with the nonce', () => {
    const csp = previewCsp(NONCE, SOURCE);
    assert.equal(csp, `default-src 'none'; img-src ${SOURCE}; style-src 'nonce-${NONCE}'; script-src 'nonce-${NONCE}';`);
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${csp}">`));
    const directives = new Map(csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => [d.split(' ')[0]!, d.split(' ').slice(1)]));
    assert.deepEqual(directives.get('default-src'), ["'none'"]);
    for (const d of ['img-src', 'script-src', 'style-src']) {
      assert.ok(!directives.get(d)!.some((v) => v === '*' || v.startsWith('http:') || v === 'https:' || v === "'unsafe-inline'" || v === "'unsafe-eval'"), `${d}: ${directives.get(d)!.join(' ')}`);
    }
    assert.ok(!directives.has('connect-src') && !directives.has('frame-src'), 'no fetch or frames');
  });

  it('one script and one style, each with the nonce; no inline handlers, no remote URL', () => {
    assert.equal(html.match(/<script\b/g)?.length, 1);
    assert.ok(html.includes(`<script nonce="${NONCE}">`));
    assert.ok(html.includes(`<style nonce="${NONCE}">`));
    assert.doesNotMatch(html, /\son[a-z]+=/i);
    assert.doesNotMatch(html, /(src|href)="https?:/);
  });

  it('fills the page from messages with textContent and setAttribute, never innerHTML', () => {
    assert.doesNotMatch(html, /innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    assert.match(html, /addEventListener\('message'/);
  });
});
