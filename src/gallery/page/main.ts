/**
 * The gallery page's script (bundled into dist/webview/gallery.js, loaded with the CSP nonce by
 * ../page-html.ts). It holds every entry the extension sends (../entries.ts), filters them all,
 * and renders only the cards in and near the viewport: a grid of fixed-height rows whose column
 * count follows the width, a spacer as tall as all rows. It asks the extension for the images of
 * the cards it renders (visible ones first) and never waits for them: a card shows a placeholder
 * until its image's webview URI arrives. Manifest text goes into the DOM through textContent and
 * setAttribute only. Messages: ../messages.ts, checked on arrival.
 */
import { byId, connect } from '../../webview/page/api';
import { addBoxLabel, placeBoxLabels } from '../../webview/page/box-label';
import { readGalleryToPage, type GalleryToPage, type MarkOutcome, type PageEntry, type PageToGallery } from '../messages';

const ROW_H = 240;
const MIN_W = 200;
const GAP = 8;
const OVERSCAN_ROWS = 1;
const SVG = 'http://www.w3.org/2000/svg';

const entries: PageEntry[] = [];
let shown: PageEntry[] = [];
/** Per entry id: its image's webview URI, or null when it has none. */
const images = new Map<number, string | null>();
const labelCounts = new Map<string, number>();
let errorCount = 0;
let unlabelledCount = 0;
const scroller = byId<HTMLDivElement>('scroller');
const spacer = byId<HTMLDivElement>('spacer');
const labelSelect = byId<HTMLSelectElement>('label');
const errors = byId<HTMLInputElement>('errors');
const unlabelled = byId<HTMLInputElement>('unlabelled');
const ref = byId<HTMLInputElement>('ref');
const count = byId('count');
const errorsCount = byId('errors-count');
const unlabelledCountEl = byId('unlabelled-count');
const progress = byId('progress');
const empty = byId('empty');
const pool = new Map<number, HTMLDivElement>();
// The gallery of mistakes (an evaluation snapshot): outcome filters, counted per outcome and label.
const outcomeBoxes = Array.from(document.querySelectorAll<HTMLInputElement>('input.outcome'));
const mistakes = outcomeBoxes.length > 0;
const outcomeCounts = new Map<string, number>();
const OUTCOME_WORDS = new Map<string, string>([['tp', 'TP'], ['fp', 'FP'], ['fn', 'FN']]);
// Distinct entries drawn since the page opened (the only ones whose images may be asked for).
const drawn = new Set<number>();
let cols = 1;
let cardW = MIN_W;
let focusPos = 0;
let lastVisible = '';
let scheduled = false;
let labelsDirty = false;
let firstReported = false;

const page = connect<GalleryToPage, PageToGallery>(readGalleryToPage, onMessage);

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}
function svgEl<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}
/** The labels an entry is found by: its ground truth, and in the gallery of mistakes its predictions too. */
function labelsOf(e: PageEntry): string[] {
  return e.marks ? [...new Set([...e.labels, ...e.marks.map((m) => m[1])])] : e.labels;
}
function hasErrors(e: PageEntry): boolean {
  return e.problems.some((p) => p[0] === 'error');
}

// ---- filters
function chosenLabels(): string[] {
  return Array.from(labelSelect.selectedOptions)
    .map((o) => o.value)
    .filter((v) => v !== '');
}
let filter = { labels: [] as string[], errors: false, unlabelled: false, ref: '', outcomes: [] as string[] };
function matches(e: PageEntry): boolean {
  if (filter.outcomes.length) {
    // A mark of a chosen outcome, of a chosen label when labels are chosen.
    if (!(e.marks ?? []).some((m) => filter.outcomes.includes(m[0]) && (!filter.labels.length || filter.labels.includes(m[1])))) return false;
  } else if (filter.labels.length && !filter.labels.some((l) => labelsOf(e).includes(l))) return false;
  if (filter.errors && !hasErrors(e)) return false;
  if (filter.unlabelled && e.labels.length > 0) return false;
  if (filter.ref && !e.ref.toLowerCase().includes(filter.ref)) return false;
  return true;
}
function applyFilters(): void {
  filter = { labels: chosenLabels(), errors: errors.checked, unlabelled: unlabelled.checked, ref: ref.value.toLowerCase(), outcomes: outcomeBoxes.filter((b) => b.checked).map((b) => b.id) };
  shown = entries.filter(matches);
  focusPos = Math.min(focusPos, Math.max(0, shown.length - 1));
  scroller.scrollTop = 0;
  layout();
}
function updateCounts(): void {
  // Entries, none passing the filters: say so where the cards would be, and how to clear them.
  empty.hidden = !(shown.length === 0 && entries.length > 0);
  count.textContent = `${shown.length.toLocaleString('en-US')} of ${entries.length.toLocaleString('en-US')} ${mistakes ? 'test images' : 'entries'}`;
  // Each outcome's predictions (or missed items) of the chosen labels, or of all.
  for (const box of outcomeBoxes) {
    const labels = filter.labels.length ? filter.labels : Array.from(labelCounts.keys());
    const n = labels.reduce((sum, l) => sum + (outcomeCounts.get(`${box.id}\n${l}`) ?? 0), 0);
    byId(`${box.id}-count`).textContent = `(${n.toLocaleString('en-US')})`;
  }
  errorsCount.textContent = `(${errorCount.toLocaleString('en-US')})`;
  unlabelledCountEl.textContent = `(${unlabelledCount.toLocaleString('en-US')})`;
  if (!labelsDirty) return;
  labelsDirty = false;
  const chosen = new Set(chosenLabels());
  const names = Array.from(labelCounts.keys()).sort();
  while (labelSelect.options.length > 1) labelSelect.remove(1);
  for (const name of names) {
    const o = el('option', '', `${name} (${(labelCounts.get(name) ?? 0).toLocaleString('en-US')})`);
    o.value = name;
    o.selected = chosen.has(name);
    labelSelect.appendChild(o);
  }
  labelSelect.size = Math.min(4, names.length + 1);
}

// ---- cards
function drawImage(card: HTMLDivElement, e: PageEntry): void {
  const svg = card.querySelector('svg');
  if (!svg) return;
  const old = svg.querySelector('.img, .placeholder, .missing');
  const uri = images.get(e.id);
  const w = e.w || 100;
  const h = e.h || 100;
  let node: SVGElement;
  if (uri === undefined) {
    node = svgEl('rect', { class: 'placeholder', x: 0, y: 0, width: w, height: h });
  } else if (uri === null) {
    node = svgEl('text', { class: 'missing', x: w / 2, y: h / 2, 'text-anchor': 'middle', 'font-size': Math.max(8, Math.round(Math.max(w, h) / 14)) });
    node.textContent = 'image not available';
  } else {
    const image = svgEl('image', { class: 'img', x: 0, y: 0, width: w, height: h, preserveAspectRatio: e.w ? 'none' : 'xMidYMid meet' });
    image.addEventListener('load', () => {
      image.classList.add('loaded');
      card.classList.add('loaded');
      report();
    });
    image.addEventListener('error', () => image.classList.add('failed'));
    image.setAttribute('href', uri);
    node = image;
  }
  if (old) svg.replaceChild(node, old);
  else svg.insertBefore(node, svg.firstChild);
}
function makeCard(e: PageEntry): HTMLDivElement {
  const card = el('div', `card${hasErrors(e) ? ' has-errors' : ''}`);
  card.setAttribute('role', 'gridcell');
  card.setAttribute('tabindex', '-1');
  card.setAttribute('data-id', String(e.id));
  card.setAttribute('data-line', String(e.line));
  card.setAttribute('aria-label', e.ref);
  card.title = e.ref;
  const w = e.w || 100;
  const h = e.h || 100;
  const svg = svgEl('svg', { viewBox: `0 0 ${w} ${h}`, preserveAspectRatio: 'xMidYMid meet', role: 'img' });
  // Rectangles keep a 2 px stroke at any scale (CSS vector-effect); labels are ~1/16 of the image, on a plate.
  const font = Math.max(8, Math.round(Math.max(w, h) / 16));
  const missed = new Set((e.marks ?? []).filter((m) => m[0] === 'fn' && m[5] > 0).map((m) => m.slice(1).join()));
  for (const [label, left, top, width, height] of e.boxes) {
    // A missed ground-truth box is drawn once, as a false negative, below.
    if (missed.has([label, -1, left, top, width, height].join())) continue;
    const g = svgEl('g', { class: 'box' });
    g.appendChild(svgEl('rect', { class: 'frame', x: left, y: top, width, height }));
    svg.appendChild(g);
    addBoxLabel(g, { left, top, width, height }, label, font);
  }
  // The gallery of mistakes: predicted boxes dashed with their confidence, missed ones solid.
  for (const [outcome, label, confidence, left, top, width, height] of e.marks ?? []) {
    if (width <= 0) continue;
    const g = svgEl('g', { class: `box ${outcome}${outcome === 'fn' ? '' : ' pred'}` });
    g.appendChild(svgEl('rect', { class: 'frame', x: left, y: top, width, height }));
    svg.appendChild(g);
    addBoxLabel(g, { left, top, width, height }, markText(outcome, label, confidence), font);
  }
  card.appendChild(svg);
  drawImage(card, e);
  card.appendChild(el('div', 'ref', e.ref));
  const chips = el('div', 'chips');
  const judged = new Set((e.marks ?? []).filter((m) => m[5] <= 0).map((m) => m[1]));
  for (const l of e.labels) if (!judged.has(l)) chips.appendChild(el('span', 'chip', l));
  // Image-level predictions and misses: the label, its confidence, its outcome.
  for (const [outcome, label, confidence, , , width] of e.marks ?? []) {
    if (width <= 0) chips.appendChild(el('span', `chip ${outcome}`, `${markText(outcome, label, confidence)} ${OUTCOME_WORDS.get(outcome) ?? ''}`));
  }
  card.appendChild(chips);
  if (e.problems.length) {
    const ul = el('ul', 'problems');
    for (const [severity, code, text] of e.problems.slice(0, 2)) {
      const li = el('li', severity);
      li.appendChild(el('code', '', code));
      li.appendChild(document.createTextNode(` ${text}`));
      li.title = `${code}: ${text}`;
      ul.appendChild(li);
    }
    if (e.problems.length > 2) ul.appendChild(el('li', 'more', `+${e.problems.length - 2} more`));
    card.appendChild(ul);
  }
  card.addEventListener('click', () => {
    focusPos = shown.indexOf(e);
    focusCard();
    page.post({ type: 'reveal', id: e.id });
  });
  return card;
}

function markText(outcome: MarkOutcome, label: string, confidence: number): string {
  if (confidence < 0) return outcome === 'fn' ? `${label} missed` : label;
  return `${label} ${(confidence * 100).toFixed(1)}%`;
}

// ---- virtual grid
function layout(): void {
  const width = scroller.clientWidth - GAP;
  cols = Math.max(1, Math.floor((width + GAP) / (MIN_W + GAP)));
  cardW = Math.floor((width - GAP * (cols - 1)) / cols);
  spacer.style.height = `${Math.ceil(shown.length / cols) * ROW_H}px`;
  render();
}
function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(() => {
    scheduled = false;
    render();
  });
}
function render(): void {
  const top = scroller.scrollTop;
  const height = scroller.clientHeight;
  const firstVisibleRow = Math.floor(top / ROW_H);
  const lastVisibleRow = Math.floor((top + height - 1) / ROW_H);
  const first = Math.max(0, (firstVisibleRow - OVERSCAN_ROWS) * cols);
  const end = Math.min(shown.length, (lastVisibleRow + 1 + OVERSCAN_ROWS) * cols);
  const keep = new Set<number>();
  for (let i = first; i < end; i++) {
    const e = shown[i]!;
    keep.add(e.id);
    let card = pool.get(e.id);
    if (!card) {
      card = makeCard(e);
      pool.set(e.id, card);
      spacer.appendChild(card);
      // Measured now that the card is in the page: each label whole, inside the picture.
      placeBoxLabels(card);
      drawn.add(e.id);
    }
    const row = Math.floor(i / cols);
    const col = i % cols;
    card.style.top = `${row * ROW_H}px`;
    card.style.left = `${col * (cardW + GAP)}px`;
    card.style.width = `${cardW}px`;
    card.setAttribute('tabindex', i === focusPos ? '0' : '-1');
  }
  for (const [id, card] of pool) {
    if (!keep.has(id)) {
      card.remove();
      pool.delete(id);
    }
  }
  updateCounts();
  // The images of the visible cards first, then those just outside; only those not answered yet.
  const visibleFirst = Math.max(0, firstVisibleRow * cols);
  const visibleEnd = Math.min(shown.length, (lastVisibleRow + 1) * cols);
  const ids: number[] = [];
  for (let i = visibleFirst; i < visibleEnd; i++) ids.push(shown[i]!.id);
  for (let i = first; i < end; i++) if (i < visibleFirst || i >= visibleEnd) ids.push(shown[i]!.id);
  const wanted = ids.filter((id) => !images.has(id));
  const key = wanted.join(',');
  if (key !== lastVisible) {
    lastVisible = key;
    page.post({ type: 'visible', ids: wanted });
  }
  report();
}
function report(): void {
  const cards = spacer.querySelectorAll('.card').length;
  const first = !firstReported && cards > 0;
  if (first) firstReported = true;
  page.post({
    type: 'rendered',
    cards,
    shown: shown.length,
    total: entries.length,
    boxes: spacer.querySelectorAll('.box').length,
    loaded: spacer.querySelectorAll('image.loaded').length,
    drawn: drawn.size,
    ...(first ? { first: true } : {}),
  });
}

// ---- keyboard
function focusCard(): void {
  if (!shown.length) return;
  const row = Math.floor(focusPos / cols);
  if (row * ROW_H < scroller.scrollTop) scroller.scrollTop = row * ROW_H;
  else if ((row + 1) * ROW_H > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = (row + 1) * ROW_H - scroller.clientHeight;
  render();
  const card = pool.get(shown[focusPos]!.id);
  if (card) card.focus();
}
scroller.addEventListener('keydown', (ev) => {
  if (!shown.length) return;
  const perPage = Math.max(1, Math.floor(scroller.clientHeight / ROW_H)) * cols;
  const moves = new Map([
    ['ArrowRight', 1],
    ['ArrowLeft', -1],
    ['ArrowDown', cols],
    ['ArrowUp', -cols],
    ['PageDown', perPage],
    ['PageUp', -perPage],
  ]);
  const move = moves.get(ev.key);
  if (move !== undefined) {
    focusPos = Math.max(0, Math.min(shown.length - 1, focusPos + move));
  } else if (ev.key === 'Home') {
    focusPos = 0;
  } else if (ev.key === 'End') {
    focusPos = shown.length - 1;
  } else if (ev.key === 'Enter' || ev.key === ' ') {
    // The editor takes the focus: nothing here may hold it (no focusCard; the card lets go).
    ev.preventDefault();
    const active = document.activeElement;
    if (active instanceof HTMLElement || active instanceof SVGElement) active.blur();
    page.post({ type: 'reveal', id: shown[focusPos]!.id });
    return;
  } else {
    return;
  }
  ev.preventDefault();
  focusCard();
});
scroller.addEventListener('focus', () => focusCard());

// ---- from the extension
function onMessage(m: GalleryToPage): void {
  if (m.type === 'entries') {
    const wasEmpty = entries.length === 0;
    for (const e of m.entries) {
      entries.push(e);
      for (const l of labelsOf(e)) labelCounts.set(l, (labelCounts.get(l) ?? 0) + 1);
      for (const m of e.marks ?? []) outcomeCounts.set(`${m[0]}\n${m[1]}`, (outcomeCounts.get(`${m[0]}\n${m[1]}`) ?? 0) + 1);
      if (!e.labels.length) unlabelledCount++;
      if (hasErrors(e)) errorCount++;
      if (matches(e)) shown.push(e);
    }
    labelsDirty = true;
    if (wasEmpty) layout();
    else {
      spacer.style.height = `${Math.ceil(shown.length / cols) * ROW_H}px`;
      schedule();
    }
  } else if (m.type === 'images') {
    for (const [id, uri] of m.images) {
      images.set(id, uri);
      const card = pool.get(id);
      const e = entries[id];
      if (card && e) drawImage(card, e);
    }
    report();
  } else if (m.type === 'filter') {
    // The filters the gallery of mistakes opens with (a label's false positives): the labels are chosen before their entries arrive.
    for (const box of outcomeBoxes) box.checked = m.outcomes.includes(box.id as MarkOutcome);
    for (const name of m.labels) labelCounts.set(name, labelCounts.get(name) ?? 0);
    labelsDirty = true;
    updateCounts();
    for (const o of Array.from(labelSelect.options)) o.selected = m.labels.includes(o.value);
    applyFilters();
  } else {
    progress.textContent = m.text;
    progress.classList.toggle('done', m.done === true);
  }
}
for (const c of [labelSelect, errors, unlabelled, ...outcomeBoxes]) c.addEventListener('change', applyFilters);
byId('clear').addEventListener('click', () => {
  for (const o of Array.from(labelSelect.options)) o.selected = false;
  errors.checked = false;
  unlabelled.checked = false;
  for (const box of outcomeBoxes) box.checked = false;
  ref.value = '';
  applyFilters();
});
ref.addEventListener('input', applyFilters);
scroller.addEventListener('scroll', schedule, { passive: true });
window.addEventListener('resize', layout);
layout();
page.post({ type: 'ready' });
