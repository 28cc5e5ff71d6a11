/**
 * The preview page's script (bundled into dist/webview/preview.js, loaded with the CSP nonce by
 * ../html.ts): draws the line the extension sends (`show`: the image, its boxes, labels and
 * problems) into the shell drawn once, and highlights a box (`highlight`), so moving the cursor
 * never reloads the page; a model's predictions (`predictions`): ./predictions.ts. Every element is built with textContent and setAttribute: manifest
 * text is never parsed as HTML. Messages: ../messages.ts, checked on arrival. Edit mode: ./edit.ts.
 */
import { byId, connect, setChanged } from '../../webview/page/api';
import { addBoxLabel, moveBoxLabel, placeBoxLabels } from '../../webview/page/box-label';
import { readPreviewToPage, type PageToPreview, type PreviewToPage } from '../messages';
import { EditMode } from './edit';
import { Predictions } from './predictions';

const SVG = 'http://www.w3.org/2000/svg';
let boxes: SVGGElement[] = [];

/** What the drawing shows (title, view, image, edit mode on): the same again is not drawn anew. */
let drawn = '';
// A view is drawn when edit mode's gate lets it (held during a drag, none older than the last gesture).
const page = connect<PreviewToPage, PageToPreview>(readPreviewToPage, (m) => {
  if (m.type === 'show') {
    const now = edit.gate.arrived(m, edit.busy());
    if (now) show(now);
  } else if (m.type === 'predictions') predictions.set(m.predictions);
  else highlight(m.box);
});
const predictions = new Predictions();
const edit = new EditMode(
  (m) => page.post(m),
  () => {
    const m = edit.gate.idle();
    if (m) show(m);
  },
  (m) => show(m),
  page,
);

function svgEl<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}
function el<K extends keyof HTMLElementTagNameMap>(name: K, attrs: Record<string, string>, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function highlight(index: number | undefined): void {
  for (const g of boxes) g.classList.toggle('highlight', Number(g.dataset.index) === index);
}

function show(m: Extract<PreviewToPage, { type: 'show' }>): void {
  const key = JSON.stringify([m.title, m.view, m.image, m.imageNote, m.edit?.on, m.edit?.editable]);
  if (key !== drawn) draw(m);
  drawn = key;
  highlight(m.highlight);
  edit.shownLine(m, boxes);
  document.body.dataset.line = String(m.view.line);
  page.post({ type: 'shown', line: m.view.line, boxes: m.view.boxes.length });
}

/** The boxes drawn are these, in this order, with these names (their places may differ). */
function sameBoxes(next: ReadonlyArray<{ attribute: string; annotation: number; label: string }>): boolean {
  return (
    boxes.length === next.length &&
    boxes.every((g, i) => g.isConnected && g.dataset.attribute === next[i]!.attribute && g.dataset.annotation === String(next[i]!.annotation) && g.querySelector('text.label')?.textContent === next[i]!.label)
  );
}

function draw(m: Extract<PreviewToPage, { type: 'show' }>): void {
  const v = m.view;
  byId('title').textContent = m.title;
  byId('ref').textContent = v.sourceRef === undefined ? '' : v.sourceRef;
  const notes = [v.note, m.imageNote].filter(Boolean);
  const note = byId('note');
  note.textContent = notes.join(' ');
  note.hidden = notes.length === 0;
  const size = v.declared ?? (m.image ? { width: m.image.width, height: m.image.height } : undefined) ?? { width: 100, height: 100 };
  const svg = byId<SVGSVGElement>('image');
  // The same picture stays (not decoded again: a 4096 x 4096 image costs the page a frame or more).
  const picture = svg.querySelector(':scope > image');
  const keep = m.image && picture?.getAttribute('href') === m.image.uri && picture.getAttribute('width') === String(size.width) && picture.getAttribute('height') === String(size.height);
  const stroke = Math.max(1, Math.round(Math.max(size.width, size.height) / 200));
  const font = Math.max(10, Math.round(Math.max(size.width, size.height) / 30));
  // The same picture with the same boxes in the same order and names (a box moved or resized:
  // an edit's redraw): their rectangles set where they are, their labels placed again from their
  // kept sizes; nothing built, nothing measured (rebuilding a 50-box line took ~10 ms of the
  // mouse-up of a drag; npm run bench:editing).
  const inPlace = keep && sameBoxes(v.boxes);
  if (!inPlace) svg.replaceChildren(...(keep && picture ? [picture] : []));
  setChanged(svg, 'viewBox', `0 0 ${size.width} ${size.height}`);
  setChanged(svg, 'aria-label', v.sourceRef === undefined ? 'no image' : v.sourceRef);
  // An SVG element has no `hidden` property: the attribute, as the shell writes it.
  svg.toggleAttribute('hidden', v.sourceRef === undefined);
  if (m.image && !keep) svg.appendChild(svgEl('image', { href: m.image.uri, x: 0, y: 0, width: size.width, height: size.height, preserveAspectRatio: 'none' }));
  if (inPlace) {
    v.boxes.forEach((b, i) => {
      const g = boxes[i]!;
      g.dataset.index = String(b.index);
      const r = g.querySelector('rect:not(.plate)')!;
      for (const [k, n] of [['x', b.left], ['y', b.top], ['width', b.width], ['height', b.height]] as const) setChanged(r, k, n);
      const label = g.querySelector<SVGTextElement>('text.label');
      if (label) moveBoxLabel(label, b);
    });
  } else boxes = v.boxes.map((b) => {
    const g = svgEl('g', { class: 'box', 'data-index': b.index, 'data-attribute': b.attribute, 'data-annotation': b.annotation });
    g.appendChild(svgEl('rect', { x: b.left, y: b.top, width: b.width, height: b.height, 'stroke-width': stroke }));
    svg.appendChild(g);
    addBoxLabel(g, b, b.label, font);
    return g;
  });
  // Measured now that they are in the page: each label whole, inside the picture.
  placeBoxLabels(svg);
  predictions.shownLine(v.line);
  byId('labels').replaceChildren(...v.labels.map((l) => el('span', { class: 'chip' }, l)));
  byId('problems').replaceChildren(
    ...v.problems.map((p) => {
      const li = el('li', { class: p.severity });
      li.appendChild(el('code', {}, p.code));
      li.appendChild(document.createTextNode(` ${p.message}`));
      return li;
    }),
  );
}

page.post({ type: 'ready' });
