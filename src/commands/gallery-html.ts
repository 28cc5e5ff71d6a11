/**
 * The gallery webview's HTML: one card per entry, the image with its boxes drawn (SVG, so no
 * style attribute is needed) and labelled with their class-map names, image-level labels as
 * chips, and the entry's problems. Strict CSP: no remote content, images only from the webview's
 * own source (asWebviewUri), the one script and style with a nonce. Every manifest text is
 * HTML-escaped. Pure (no `vscode`): unit-tested as a string.
 */
import { escapeHtml } from './label-stats-html';

export interface GalleryBox {
  label: string;
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface GalleryCard {
  /** 0-based manifest line. */
  line: number;
  sourceRef: string;
  /** A webview URI (asWebviewUri), or undefined when the image could not be read. */
  imageUri?: string;
  /** The image's size the boxes are drawn in (declared, or real). */
  width: number;
  height: number;
  boxes: GalleryBox[];
  labels: string[];
  problems: Array<{ code: string; message: string }>;
}

export interface GalleryPage {
  title: string;
  cards: GalleryCard[];
  /** Entries not shown (the gallery shows the first cards only). */
  omitted: number;
  nonce: string;
  /** webview.cspSource */
  cspSource: string;
}

/** The Content-Security-Policy of the page. */
export function galleryCsp(nonce: string, cspSource: string): string {
  return `default-src 'none'; img-src ${cspSource}; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
}

function card(c: GalleryCard): string {
  const labels = [...new Set([...c.labels, ...c.boxes.map((b) => b.label)])];
  const stroke = Math.max(1, Math.round(Math.max(c.width, c.height) / 200));
  const font = Math.max(10, Math.round(Math.max(c.width, c.height) / 30));
  const boxes = c.boxes
    .map(
      (b) =>
        `<g class="box"><rect x="${b.left}" y="${b.top}" width="${b.width}" height="${b.height}" stroke-width="${stroke}"></rect>` +
        `<text x="${b.left + stroke}" y="${Math.max(font, b.top - stroke)}" font-size="${font}">${escapeHtml(b.label)}</text></g>`,
    )
    .join('');
  const image = c.imageUri ? `<image href="${escapeHtml(c.imageUri)}" x="0" y="0" width="${c.width}" height="${c.height}"></image>` : `<text x="8" y="${font + 8}" font-size="${font}" class="missing">image not available</text>`;
  const chips = labels.map((l) => `<span class="chip">${escapeHtml(l)}</span>`).join('');
  const problems = c.problems.map((p) => `<li><code>${escapeHtml(p.code)}</code> ${escapeHtml(p.message)}</li>`).join('');
  return `<li class="card${c.problems.length ? ' has-errors' : ''}" tabindex="0" data-line="${c.line}" data-labels="${escapeHtml(JSON.stringify(labels))}" data-ref="${escapeHtml(c.sourceRef.toLowerCase())}">` +
    `<svg viewBox="0 0 ${c.width} ${c.height}" role="img" aria-label="${escapeHtml(c.sourceRef)}">${image}${boxes}</svg>` +
    `<div class="ref">${escapeHtml(c.sourceRef)}</div><div class="chips">${chips}</div>${problems ? `<ul class="problems">${problems}</ul>` : ''}</li>`;
}

export function galleryHtml(page: GalleryPage): string {
  const { nonce } = page;
  const labels = [...new Set(page.cards.flatMap((c) => [...c.labels, ...c.boxes.map((b) => b.label)]))].sort();
  const options = labels.map((l) => `<option value="${escapeHtml(l)}">${escapeHtml(l)}</option>`).join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${galleryCsp(nonce, page.cspSource)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(page.title)}</title>
<style nonce="${nonce}">
body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); }
.filters { display: flex; gap: 8px; align-items: center; margin-bottom: 8px; }
ul.cards { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 8px; }
.card { border: 1px solid var(--vscode-panel-border); padding: 4px; cursor: pointer; }
.card:focus { outline: 1px solid var(--vscode-focusBorder); }
.card.has-errors { border-color: var(--vscode-errorForeground); }
.card[hidden] { display: none; }
svg { width: 100%; height: auto; background: var(--vscode-editorWidget-background); }
.box rect { fill: none; stroke: var(--vscode-charts-yellow); }
.box text, .missing { fill: var(--vscode-charts-yellow); }
.ref { font-size: 11px; overflow-wrap: anywhere; }
.chip { display: inline-block; padding: 0 6px; margin: 2px; border-radius: 8px; background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); font-size: 11px; }
.problems { color: var(--vscode-errorForeground); font-size: 11px; padding-left: 16px; }
</style>
</head>
<body>
<h1>${escapeHtml(page.title)}</h1>
<div class="filters">
<label>Label <select id="label"><option value="">(any)</option>${options}</select></label>
<label><input type="checkbox" id="errors"> has errors</label>
<label><input type="checkbox" id="unlabelled"> unlabelled</label>
<label>source-ref contains <input type="text" id="ref"></label>
<span id="count" role="status">${page.cards.length} entries</span>
</div>
${page.omitted > 0 ? `<p>The first ${page.cards.length} entries are shown; ${page.omitted} more are not.</p>` : ''}
<ul class="cards">
${page.cards.map(card).join('\n')}
</ul>
<script nonce="${nonce}">
(function () {
  const vscode = acquireVsCodeApi();
  const cards = Array.from(document.querySelectorAll('.card'));
  const label = document.getElementById('label');
  const errors = document.getElementById('errors');
  const unlabelled = document.getElementById('unlabelled');
  const ref = document.getElementById('ref');
  const count = document.getElementById('count');
  function apply() {
    let shown = 0;
    const want = label.value;
    const text = ref.value.toLowerCase();
    for (const c of cards) {
      const labels = JSON.parse(c.dataset.labels);
      const ok = (!want || labels.includes(want)) && (!errors.checked || c.classList.contains('has-errors')) &&
        (!unlabelled.checked || labels.length === 0) && (!text || c.dataset.ref.includes(text));
      c.hidden = !ok;
      if (ok) shown++;
    }
    count.textContent = shown + ' of ' + cards.length + ' entries';
    vscode.postMessage({ type: 'filtered', shown: shown });
  }
  for (const el of [label, errors, unlabelled]) el.addEventListener('change', apply);
  ref.addEventListener('input', apply);
  for (const c of cards) {
    const open = () => vscode.postMessage({ type: 'reveal', line: Number(c.dataset.line) });
    c.addEventListener('click', open);
    c.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(); } });
  }
  vscode.postMessage({ type: 'ready', cards: cards.length });
})();
</script>
</body>
</html>`;
}

/** The card of one manifest line (without its image and problems); undefined for a line that names no image. */
export function cardOf(line: number, text: string): Omit<GalleryCard, 'imageUri' | 'problems' | 'width' | 'height'> & { declared?: { width: number; height: number } } | undefined {
  let entry: unknown;
  try {
    entry = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return undefined;
  const obj = entry as Record<string, unknown>;
  const sourceRef = obj['source-ref'];
  if (typeof sourceRef !== 'string') return undefined;
  const labels: string[] = [];
  const boxes: GalleryBox[] = [];
  let declared: { width: number; height: number } | undefined;
  for (const [key, meta] of Object.entries(obj)) {
    if (!key.endsWith('-metadata') || !meta || typeof meta !== 'object') continue;
    const m = meta as Record<string, unknown>;
    const value = obj[key.slice(0, -'-metadata'.length)];
    if (typeof m['class-name'] === 'string') labels.push(m['class-name']);
    const classMap = m['class-map'] && typeof m['class-map'] === 'object' ? new Map(Object.entries(m['class-map'] as Record<string, unknown>)) : new Map<string, unknown>();
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const v = value as Record<string, unknown>;
      const size = Array.isArray(v.image_size) ? v.image_size[0] : v.image_size;
      if (size && typeof size === 'object' && typeof (size as { width?: unknown }).width === 'number' && typeof (size as { height?: unknown }).height === 'number') {
        declared ??= { width: (size as { width: number }).width, height: (size as { height: number }).height };
      }
      for (const a of Array.isArray(v.annotations) ? v.annotations : []) {
        if (!a || typeof a !== 'object') continue;
        const { class_id, left, top, width, height } = a as Record<string, unknown>;
        if ([left, top, width, height].every((n) => typeof n === 'number')) {
          const name = classMap.get(String(class_id));
          boxes.push({ label: typeof name === 'string' ? name : `class ${String(class_id)}`, left: left as number, top: top as number, width: width as number, height: height as number });
        }
      }
    }
  }
  return { line, sourceRef, labels, boxes, ...(declared ? { declared } : {}) };
}
