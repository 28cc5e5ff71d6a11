/**
 * The preview webview's page: a shell drawn once, filled by the one script from the messages
 * the extension posts ("show" a line, "highlight" a box), so moving the cursor never reloads
 * the page (no flash). The script builds every element with textContent and setAttribute, so
 * manifest text is never parsed as HTML. Strict CSP: no remote content, images only from the
 * webview's own source (asWebviewUri), the one script and style with a nonce.
 * Pure (no `vscode`): unit-tested as a string.
 */
import type { PreviewView } from './model';

/** What the extension posts to the page. */
export type PreviewMessage =
  | { type: 'show'; title: string; view: PreviewView; image?: { uri: string; width: number; height: number }; imageNote?: string; highlight?: number }
  | { type: 'highlight'; box?: number };

/** What the page posts back: ready (ask for the state), shown (a line drawn, for tests and logs). */
export type PreviewReply = { type: 'ready' } | { type: 'shown'; line: number; boxes: number };

export function previewCsp(nonce: string, cspSource: string): string {
  return `default-src 'none'; img-src ${cspSource}; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
}

export function previewHtml(page: { nonce: string; cspSource: string }): string {
  const { nonce } = page;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${previewCsp(nonce, page.cspSource)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Preview</title>
<style nonce="${nonce}">
body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); padding: 8px; }
h2 { font-size: 13px; font-weight: normal; margin: 0 0 6px; opacity: 0.8; }
#ref { font-family: var(--vscode-editor-font-family); font-size: 12px; overflow-wrap: anywhere; margin-bottom: 6px; }
svg { width: 100%; height: auto; max-height: 75vh; background: var(--vscode-editorWidget-background); }
.box rect { fill: none; stroke: var(--vscode-charts-yellow); }
.box text { fill: var(--vscode-charts-yellow); }
.box.highlight rect { stroke: var(--vscode-charts-orange); fill: var(--vscode-charts-orange); fill-opacity: 0.15; }
.box.highlight text { fill: var(--vscode-charts-orange); font-weight: bold; }
.note { font-style: italic; opacity: 0.9; }
.chip { display: inline-block; padding: 0 6px; margin: 2px; border-radius: 8px; background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); font-size: 11px; }
#problems { font-size: 12px; padding-left: 16px; }
#problems .error { color: var(--vscode-errorForeground); }
#problems .warning { color: var(--vscode-editorWarning-foreground); }
</style>
</head>
<body>
<h2 id="title">Preview</h2>
<div id="ref" role="status"></div>
<p id="note" class="note" hidden></p>
<svg id="image" role="img" viewBox="0 0 100 100" hidden></svg>
<div id="labels"></div>
<ul id="problems"></ul>
<script nonce="${nonce}">
(function () {
  const vscode = acquireVsCodeApi();
  const SVG = 'http://www.w3.org/2000/svg';
  const $ = (id) => document.getElementById(id);
  let boxes = [];
  function el(ns, name, attrs, text) {
    const e = ns ? document.createElementNS(ns, name) : document.createElement(name);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function highlight(index) {
    for (const g of boxes) g.classList.toggle('highlight', Number(g.dataset.index) === index);
  }
  function show(m) {
    const v = m.view;
    $('title').textContent = m.title;
    $('ref').textContent = v.sourceRef === undefined ? '' : v.sourceRef;
    const notes = [v.note, m.imageNote].filter(Boolean);
    $('note').textContent = notes.join(' ');
    $('note').hidden = notes.length === 0;
    const size = v.declared || (m.image ? { width: m.image.width, height: m.image.height } : undefined) || { width: 100, height: 100 };
    const svg = $('image');
    svg.replaceChildren();
    svg.setAttribute('viewBox', '0 0 ' + size.width + ' ' + size.height);
    svg.setAttribute('aria-label', v.sourceRef === undefined ? 'no image' : v.sourceRef);
    svg.hidden = v.sourceRef === undefined;
    if (m.image) svg.appendChild(el(SVG, 'image', { href: m.image.uri, x: 0, y: 0, width: size.width, height: size.height, preserveAspectRatio: 'none' }));
    const stroke = Math.max(1, Math.round(Math.max(size.width, size.height) / 200));
    const font = Math.max(10, Math.round(Math.max(size.width, size.height) / 30));
    boxes = v.boxes.map((b) => {
      const g = el(SVG, 'g', { class: 'box', 'data-index': b.index, 'data-attribute': b.attribute, 'data-annotation': b.annotation });
      g.appendChild(el(SVG, 'rect', { x: b.left, y: b.top, width: b.width, height: b.height, 'stroke-width': stroke }));
      g.appendChild(el(SVG, 'text', { x: b.left + stroke, y: Math.max(font, b.top - stroke), 'font-size': font }, b.label));
      svg.appendChild(g);
      return g;
    });
    $('labels').replaceChildren(...v.labels.map((l) => el(null, 'span', { class: 'chip' }, l)));
    $('problems').replaceChildren(...v.problems.map((p) => {
      const li = el(null, 'li', { class: p.severity });
      li.appendChild(el(null, 'code', {}, p.code));
      li.appendChild(document.createTextNode(' ' + p.message));
      return li;
    }));
    highlight(m.highlight);
    document.body.dataset.line = String(v.line);
    vscode.postMessage({ type: 'shown', line: v.line, boxes: v.boxes.length });
  }
  window.addEventListener('message', (event) => {
    const m = event.data;
    if (m && m.type === 'show') show(m);
    else if (m && m.type === 'highlight') highlight(m.box);
  });
  vscode.postMessage({ type: 'ready' });
})();
</script>
</body>
</html>`;
}
