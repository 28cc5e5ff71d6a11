/** The label statistics page: escaped labels, a strict CSP, the numbers in a table. */
import * as assert from 'node:assert/strict';
import { labelStatsHtml } from '../../../src/label-stats/page-html';

const page = (label: string) =>
  labelStatsHtml({
    title: 'demo <project>',
    nonce: 'abc123',
    script: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/label-stats.js',
    browsable: true,
    stats: { rows: [{ label, trainImages: 8, trainBoxes: 0, testImages: 2, testBoxes: 0 }, { label: 'cat', trainImages: 4, trainBoxes: 0, testImages: 1, testBoxes: 0 }], trainLines: 12, testLines: 3 },
  });

describe('labelStatsHtml', () => {
  it('escapes labels and the title wherever they appear', () => {
    const html = page('<img src=x onerror="alert(1)">');
    assert.ok(!html.includes('<img'), 'no raw markup from a label');
    assert.ok(html.includes('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'));
    assert.ok(html.includes('demo &lt;project&gt;'));
  });

  it('has a strict CSP: no default source, no images, only the nonce for script and style, no inline handlers', () => {
    const html = page('dog');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    assert.equal(csp, "default-src 'none'; style-src 'nonce-abc123'; script-src 'nonce-abc123';");
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.match(html, /<script nonce="abc123" src="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/ext\/dist\/webview\/label-stats\.js"><\/script>/);
    assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handlers');
    assert.doesNotMatch(html, /\sstyle="/, 'no style attributes: the CSP blocks them (the bars were drawn full width)');
  });

  it('puts every number in a table with column headers a screen reader can read, and sort buttons', () => {
    const html = page('dog');
    assert.match(html, /<th scope="row" data-value="dog"><button class="link" data-label="dog"[^>]*>dog<\/button><\/th>/);
    assert.match(html, /<td class="num" data-value="8">8<\/td><td class="num" data-value="2">2<\/td>/);
    for (const h of ['Label', 'Training images', 'Test images']) assert.match(html, new RegExp(`<button class="sort"[^>]*>${h}</button>`));
    assert.doesNotMatch(html, /Training boxes/, 'no box columns when no label has boxes');
    assert.match(html, /var\(--vscode-charts-blue\)/);
  });
});
