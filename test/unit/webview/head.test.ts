/** The webview kit's head: one CSP for every page (images only where asked), the nonce, the script with it. */
import * as assert from 'node:assert/strict';
import { newNonce, pageCsp, pageDocument } from '../../../src/webview/head';
import { pageOptions } from '../../../src/webview/panel-options';

const SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

describe('webview kit: the head', () => {
  it('the CSP allows nothing by default, styles and scripts by nonce, images from the webview only when the page shows images', () => {
    assert.equal(pageCsp('N', SOURCE), `default-src 'none'; img-src ${SOURCE}; style-src 'nonce-N'; script-src 'nonce-N';`);
    assert.equal(pageCsp('N'), "default-src 'none'; style-src 'nonce-N'; script-src 'nonce-N';");
  });

  it('a nonce is 16 random bytes in base64, new each time', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => newNonce()));
    assert.equal(nonces.size, 50);
    for (const n of nonces) assert.equal(Buffer.from(n, 'base64').length, 16);
  });

  it('writes the CSP, one style and one script (its bundle), each with the nonce; the title and the script URI escaped', () => {
    const html = pageDocument({ title: '<b>"t"</b>', nonce: 'N', style: 'p { margin: 0; }', body: '<p id="x"></p>', script: `${SOURCE}/a.js?x="y"&z` });
    assert.ok(html.startsWith('<!DOCTYPE html>'));
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-N'; script-src 'nonce-N';">`));
    assert.ok(html.includes('<title>&lt;b&gt;&quot;t&quot;&lt;/b&gt;</title>'));
    assert.deepEqual([...html.matchAll(/<style\b([^>]*)>/g)].map((m) => m[1]), [' nonce="N"']);
    assert.match(html, /<style nonce="N">\nbody \{ color: var\(--vscode-foreground\);[^\n]*\}\np \{ margin: 0; \}\n<\/style>/, 'the theme, then the page style');
    assert.deepEqual([...html.matchAll(/<script\b([^>]*)>([^<]*)<\/script>/g)].map((m) => [m[1], m[2]]), [[` nonce="N" src="${SOURCE}/a.js?x=&quot;y&quot;&amp;z"`, '']]);
    assert.match(html, /<body>\n<p id="x"><\/p>\n<script /);
  });

  it('panel options: scripts on, local resources only the scripts folder and the images folders given', () => {
    assert.deepEqual(pageOptions('dist/webview'), { enableScripts: true, localResourceRoots: ['dist/webview'] });
    assert.deepEqual(pageOptions('dist/webview', ['cache', 'images']), { enableScripts: true, localResourceRoots: ['dist/webview', 'cache', 'images'] });
  });
});
