/**
 * The webview pages' scripts (src/<room>/page/, and the files they import): manifest text goes
 * into the page as text only (textContent, setAttribute), never parsed as HTML or run as code.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const SRC = path.join(__dirname, '..', '..', '..', 'src');

/** The pages' files (src/<room>/page/**) and every file they import, src/-relative. */
function pageSources(src: string): Set<string> {
  const found = new Set<string>();
  const visit = (file: string): void => {
    if (found.has(file)) return;
    found.add(file);
    const text = fs.readFileSync(path.join(src, file), 'utf8');
    for (const m of text.matchAll(/\bfrom\s*['"](\.[^'"]+)['"]/g)) {
      const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1]!));
      const target = [`${base}.ts`, `${base}/index.ts`].find((f) => fs.existsSync(path.join(src, f)));
      if (target) visit(target);
    }
  };
  for (const room of fs.readdirSync(src)) {
    const dir = path.join(src, room, 'page');
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir, { recursive: true })) if (String(f).endsWith('.ts')) visit(`${room}/page/${String(f).split(path.sep).join('/')}`);
  }
  return found;
}
const AS_HTML = /innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|setTimeout\(\s*['"`]|createContextualFragment|DOMParser/;

describe('webview pages: manifest text only as text', () => {
  const files = new Map([...pageSources(SRC)].map((f) => [f, fs.readFileSync(path.join(SRC, f), 'utf8')]));

  it('finds the three pages and what they import', () => {
    for (const f of ['gallery/page/main.ts', 'preview/page/main.ts', 'label-stats/page/main.ts', 'webview/page/api.ts', 'gallery/messages.ts', 'preview/messages.ts', 'webview/messages.ts']) {
      assert.ok(files.has(f), `${f} in ${[...files.keys()].join(', ')}`);
    }
  });

  it('no page script writes HTML or runs text as code; they write text with textContent', () => {
    for (const [file, text] of files) assert.doesNotMatch(text, AS_HTML, file);
    for (const f of ['gallery/page/main.ts', 'preview/page/main.ts']) assert.match(files.get(f)!, /textContent/, f);
  });

  it('the check catches a page that writes HTML (so it can fail)', () => {
    assert.match("card.innerHTML = '<b>' + e.ref;", AS_HTML);
    assert.match('list.insertAdjacentHTML("beforeend", x)', AS_HTML);
  });
});
