/** The gallery page: its CSP forbids remote content and any script without the nonce; manifest text is escaped. */
import * as assert from 'node:assert/strict';
import { galleryCsp, galleryHtml } from '../../../src/gallery/page-html';
import { GALLERY_SCRIPT } from '../../../src/gallery/page-script';

const NONCE = 'n0nceN0nceN0nce0';
const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

function directives(html: string): Map<string, string[]> {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
  assert.ok(m, 'the page has a CSP meta tag');
  return new Map(m[1]!.split(';').map((d) => d.trim()).filter(Boolean).map((d) => { const [name, ...values] = d.split(/\s+/); return [name!, values]; }));
}

const hostile = '<img src=x onerror=alert(1)><script>alert(2)</script>"\'&';
describe('gallery webview HTML', () => {
  const html = galleryHtml({ title: `Gallery of ${hostile}`, nonce: NONCE, cspSource: CSP_SOURCE });

  it('the CSP allows nothing by default, no remote content, images from the webview source only, scripts and styles with the nonce only', () => {
    const csp = directives(html);
    assert.deepEqual(csp.get('default-src'), ["'none'"]);
    assert.deepEqual(csp.get('img-src'), [CSP_SOURCE]);
    assert.deepEqual(csp.get('script-src'), [`'nonce-${NONCE}'`]);
    assert.deepEqual(csp.get('style-src'), [`'nonce-${NONCE}'`]);
    for (const [name, values] of csp) {
      for (const v of values) {
        assert.ok(!/^(https?:|\*|data:|blob:|'unsafe-inline'|'unsafe-eval')/.test(v) || (name === 'img-src' && v === CSP_SOURCE), `${name} ${v}`);
      }
    }
    assert.ok(!csp.has('connect-src') && !csp.has('frame-src') && !csp.has('font-src'), 'nothing else is allowed');
    assert.equal(galleryCsp(NONCE, CSP_SOURCE), `default-src 'none'; img-src ${CSP_SOURCE}; style-src 'nonce-${NONCE}'; script-src 'nonce-${NONCE}';`);
  });

  it('has one script and one style, both with the nonce, and no inline handler or style attribute', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
    assert.deepEqual(scripts, [` nonce="${NONCE}"`]);
    assert.deepEqual([...html.matchAll(/<style\b([^>]*)>/g)].map((m) => m[1]), [` nonce="${NONCE}"`]);
    // Attribute values emptied first (a " inside one is escaped), so only attribute names remain in the tags.
    const tags = html.replace(/"[^"]*"/g, '""');
    assert.doesNotMatch(tags, /<[^>]*\son[a-z]+=/i, 'no inline event handler in any tag');
    assert.doesNotMatch(tags, /<[^>]*\sstyle=/i, 'no style attribute in any tag');
  });

  it('escapes the title, the only manifest text in the HTML', () => {
    assert.doesNotMatch(html, /<img src=x/);
    assert.doesNotMatch(html, /<script>alert/);
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;&quot;&#39;&amp;'));
  });

  it('the script puts manifest text into the page with textContent and setAttribute only, never as HTML', () => {
    assert.doesNotMatch(GALLERY_SCRIPT, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function/);
    assert.match(GALLERY_SCRIPT, /textContent/);
    assert.ok(html.includes(GALLERY_SCRIPT), 'the page carries the script');
    // The script is a template's text: nothing in it may end the <script> element early.
    assert.doesNotMatch(GALLERY_SCRIPT, /<\/script/i);
  });
});
