/** The gallery page: its CSP forbids remote content and any script without the nonce; manifest text is escaped. */
import * as assert from 'node:assert/strict';
import { galleryHtml } from '../../../src/gallery/page-html';

const NONCE = 'n0nceN0nceN0nce0';
const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';
const SCRIPT = `${CSP_SOURCE}/ext/dist/webview/gallery.js`;

function directives(html: string): Map<string, string[]> {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
  assert.ok(m, 'the page has a CSP meta tag');
  return new Map(m[1]!.split(';').map((d) => d.trim()).filter(Boolean).map((d) => { const [name, ...values] = d.split(/\s+/); return [name!, values]; }));
}

const hostile = '<img src=x onerror=alert(1)><script>alert(2)</script>"\'&';
describe('gallery webview HTML', () => {
  const html = galleryHtml({ title: `Gallery of ${hostile}`, nonce: NONCE, cspSource: CSP_SOURCE, script: SCRIPT });

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
    assert.ok(html.includes(`content="default-src 'none'; img-src ${CSP_SOURCE}; style-src 'nonce-${NONCE}'; script-src 'nonce-${NONCE}';"`));
  });

  it('has one script (its bundle) and one style, both with the nonce, and no inline handler or style attribute', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([^<]*)<\/script>/g)].map((m) => [m[1], m[2]]);
    assert.deepEqual(scripts, [[` nonce="${NONCE}" src="${SCRIPT}"`, '']]);
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

  it('the gallery of mistakes: the outcome filters with their counts instead of "has errors" and "unlabelled" (hidden); a manifest\'s gallery has none', () => {
    const mistakes = galleryHtml({ title: 'Mistakes of p v1', nonce: NONCE, cspSource: CSP_SOURCE, script: SCRIPT, mistakes: true });
    for (const [id, words] of [['tp', 'true positives'], ['fp', 'false positives'], ['fn', 'false negatives']]) {
      assert.ok(mistakes.includes(`<label><input type="checkbox" class="outcome" id="${id}"> ${words} <span id="${id}-count"></span></label>`), id);
    }
    assert.match(mistakes, /<label hidden><input type="checkbox" id="errors">/);
    assert.match(mistakes, /<label hidden><input type="checkbox" id="unlabelled">/);
    assert.match(mistakes, /\.filters label\[hidden\] \{ display: none; \}/);
    assert.doesNotMatch(html, /class="outcome"|<label hidden>/);
  });
});

