/**
 * The gallery page's one script (sent with the CSP nonce by page-html.ts). It holds every
 * entry the extension sends (entries.ts), filters them all, and renders only the cards in
 * and near the viewport: a grid of fixed-height rows whose column count follows the width, a
 * spacer as tall as all rows. It asks the extension for the images of the cards it renders
 * (visible ones first) and never waits for them: a card shows a placeholder until its image's
 * webview URI arrives. Manifest text goes into the DOM through textContent and setAttribute only.
 *
 * Messages: in `entries` {entries}, `progress` {text, done}, `images` {images: [id, uri|null][]};
 * out `ready`, `visible` {ids}, `reveal` {id}, `rendered` {cards, shown, total, boxes, loaded, drawn}.
 */
export const GALLERY_SCRIPT = String.raw`
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const ROW_H = 240, MIN_W = 200, GAP = 8, OVERSCAN_ROWS = 1, SVG = 'http://www.w3.org/2000/svg';
  const entries = [];
  let shown = [];
  const images = new Map();
  const labelCounts = new Map();
  let errorCount = 0, unlabelledCount = 0;
  const scroller = document.getElementById('scroller');
  const spacer = document.getElementById('spacer');
  const labelSelect = document.getElementById('label');
  const errors = document.getElementById('errors');
  const unlabelled = document.getElementById('unlabelled');
  const ref = document.getElementById('ref');
  const count = document.getElementById('count');
  const errorsCount = document.getElementById('errors-count');
  const unlabelledCount_ = document.getElementById('unlabelled-count');
  const progress = document.getElementById('progress');
  const pool = new Map();
  // Distinct entries drawn since the page opened (the only ones whose images may be asked for).
  const drawn = new Set();
  let cols = 1, cardW = MIN_W, focusPos = 0, lastVisible = '', scheduled = false, labelsDirty = false, firstReported = false;

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function svgEl(tag, attrs) {
    const e = document.createElementNS(SVG, tag);
    for (const k in attrs) e.setAttribute(k, String(attrs[k]));
    return e;
  }
  function hasErrors(e) { return e.problems.some(function (p) { return p[0] === 'error'; }); }

  // ---- filters
  function chosenLabels() { return Array.from(labelSelect.selectedOptions).map(function (o) { return o.value; }).filter(function (v) { return v !== ''; }); }
  let filter = { labels: [], errors: false, unlabelled: false, ref: '' };
  function matches(e) {
    if (filter.labels.length && !filter.labels.some(function (l) { return e.labels.indexOf(l) >= 0; })) return false;
    if (filter.errors && !hasErrors(e)) return false;
    if (filter.unlabelled && e.labels.length > 0) return false;
    if (filter.ref && e.ref.toLowerCase().indexOf(filter.ref) < 0) return false;
    return true;
  }
  function applyFilters() {
    filter = { labels: chosenLabels(), errors: errors.checked, unlabelled: unlabelled.checked, ref: ref.value.toLowerCase() };
    shown = entries.filter(matches);
    focusPos = Math.min(focusPos, Math.max(0, shown.length - 1));
    scroller.scrollTop = 0;
    layout();
  }
  function updateCounts() {
    count.textContent = shown.length.toLocaleString('en-US') + ' of ' + entries.length.toLocaleString('en-US') + ' entries';
    errorsCount.textContent = '(' + errorCount.toLocaleString('en-US') + ')';
    unlabelledCount_.textContent = '(' + unlabelledCount.toLocaleString('en-US') + ')';
    if (!labelsDirty) return;
    labelsDirty = false;
    const chosen = new Set(chosenLabels());
    const names = Array.from(labelCounts.keys()).sort();
    while (labelSelect.options.length > 1) labelSelect.remove(1);
    for (const name of names) {
      const o = el('option', '', name + ' (' + labelCounts.get(name).toLocaleString('en-US') + ')');
      o.value = name;
      o.selected = chosen.has(name);
      labelSelect.appendChild(o);
    }
    labelSelect.size = Math.min(4, names.length + 1);
  }

  // ---- cards
  function drawImage(card, e) {
    const svg = card.querySelector('svg');
    const old = svg.querySelector('.img, .placeholder, .missing');
    const uri = images.get(e.id);
    const w = e.w || 100, h = e.h || 100;
    let node;
    if (uri === undefined) {
      node = svgEl('rect', { class: 'placeholder', x: 0, y: 0, width: w, height: h });
    } else if (uri === null) {
      node = svgEl('text', { class: 'missing', x: w / 2, y: h / 2, 'text-anchor': 'middle', 'font-size': Math.max(8, Math.round(Math.max(w, h) / 14)) });
      node.textContent = 'image not available';
    } else {
      node = svgEl('image', { class: 'img', x: 0, y: 0, width: w, height: h, preserveAspectRatio: e.w ? 'none' : 'xMidYMid meet' });
      node.addEventListener('load', function () { node.classList.add('loaded'); card.classList.add('loaded'); report(); });
      node.addEventListener('error', function () { node.classList.add('failed'); });
      node.setAttribute('href', uri);
    }
    if (old) svg.replaceChild(node, old); else svg.insertBefore(node, svg.firstChild);
  }
  function makeCard(e) {
    const card = el('div', 'card' + (hasErrors(e) ? ' has-errors' : ''));
    card.setAttribute('role', 'gridcell');
    card.setAttribute('tabindex', '-1');
    card.setAttribute('data-id', String(e.id));
    card.setAttribute('data-line', String(e.line));
    card.setAttribute('aria-label', e.ref);
    card.title = e.ref;
    const w = e.w || 100, h = e.h || 100;
    const svg = svgEl('svg', { viewBox: '0 0 ' + w + ' ' + h, preserveAspectRatio: 'xMidYMid meet', role: 'img' });
    // Rectangles keep a 2 px stroke at any scale (CSS vector-effect); labels are ~1/16 of the image.
    const font = Math.max(8, Math.round(Math.max(w, h) / 16));
    const stroke = Math.max(1, Math.round(font / 8));
    for (const b of e.boxes) {
      const g = svgEl('g', { class: 'box' });
      g.appendChild(svgEl('rect', { x: b[1], y: b[2], width: b[3], height: b[4] }));
      const t = svgEl('text', { x: b[1] + stroke, y: b[2] - stroke >= font ? b[2] - stroke : b[2] + font, 'font-size': font, 'stroke-width': stroke * 2 });
      t.textContent = b[0];
      g.appendChild(t);
      svg.appendChild(g);
    }
    card.appendChild(svg);
    drawImage(card, e);
    card.appendChild(el('div', 'ref', e.ref));
    const chips = el('div', 'chips');
    for (const l of e.labels) chips.appendChild(el('span', 'chip', l));
    card.appendChild(chips);
    if (e.problems.length) {
      const ul = el('ul', 'problems');
      for (const p of e.problems.slice(0, 2)) {
        const li = el('li', p[0]);
        li.appendChild(el('code', '', p[1]));
        li.appendChild(document.createTextNode(' ' + p[2]));
        li.title = p[1] + ': ' + p[2];
        ul.appendChild(li);
      }
      if (e.problems.length > 2) ul.appendChild(el('li', 'more', '+' + (e.problems.length - 2) + ' more'));
      card.appendChild(ul);
    }
    card.addEventListener('click', function () { focusPos = shown.indexOf(e); focusCard(); vscode.postMessage({ type: 'reveal', id: e.id }); });
    return card;
  }

  // ---- virtual grid
  function layout() {
    const width = scroller.clientWidth - GAP;
    cols = Math.max(1, Math.floor((width + GAP) / (MIN_W + GAP)));
    cardW = Math.floor((width - GAP * (cols - 1)) / cols);
    spacer.style.height = Math.ceil(shown.length / cols) * ROW_H + 'px';
    render();
  }
  function schedule() {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(function () { scheduled = false; render(); });
  }
  function render() {
    const top = scroller.scrollTop, height = scroller.clientHeight;
    const firstVisibleRow = Math.floor(top / ROW_H), lastVisibleRow = Math.floor((top + height - 1) / ROW_H);
    const first = Math.max(0, (firstVisibleRow - OVERSCAN_ROWS) * cols);
    const end = Math.min(shown.length, (lastVisibleRow + 1 + OVERSCAN_ROWS) * cols);
    const keep = new Set();
    for (let i = first; i < end; i++) {
      const e = shown[i];
      keep.add(e.id);
      let card = pool.get(e.id);
      if (!card) { card = makeCard(e); pool.set(e.id, card); spacer.appendChild(card); drawn.add(e.id); }
      const row = Math.floor(i / cols), col = i % cols;
      card.style.top = row * ROW_H + 'px';
      card.style.left = col * (cardW + GAP) + 'px';
      card.style.width = cardW + 'px';
      card.setAttribute('tabindex', i === focusPos ? '0' : '-1');
    }
    for (const [id, card] of pool) if (!keep.has(id)) { card.remove(); pool.delete(id); }
    updateCounts();
    // The images of the visible cards first, then those just outside; only those not answered yet.
    const visibleFirst = Math.max(0, firstVisibleRow * cols), visibleEnd = Math.min(shown.length, (lastVisibleRow + 1) * cols);
    const ids = [];
    for (let i = visibleFirst; i < visibleEnd; i++) ids.push(shown[i].id);
    for (let i = first; i < end; i++) if (i < visibleFirst || i >= visibleEnd) ids.push(shown[i].id);
    const wanted = ids.filter(function (id) { return !images.has(id); });
    const key = wanted.join(',');
    if (key !== lastVisible) { lastVisible = key; vscode.postMessage({ type: 'visible', ids: wanted }); }
    report();
  }
  function report() {
    const cards = spacer.querySelectorAll('.card');
    const msg = { type: 'rendered', cards: cards.length, shown: shown.length, total: entries.length, boxes: spacer.querySelectorAll('.box rect').length, loaded: spacer.querySelectorAll('image.loaded').length, drawn: drawn.size };
    if (!firstReported && cards.length > 0) { firstReported = true; msg.first = true; }
    vscode.postMessage(msg);
  }

  // ---- keyboard
  function focusCard() {
    if (!shown.length) return;
    const row = Math.floor(focusPos / cols);
    if (row * ROW_H < scroller.scrollTop) scroller.scrollTop = row * ROW_H;
    else if ((row + 1) * ROW_H > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = (row + 1) * ROW_H - scroller.clientHeight;
    render();
    const card = pool.get(shown[focusPos].id);
    if (card) card.focus();
  }
  scroller.addEventListener('keydown', function (ev) {
    if (!shown.length) return;
    const perPage = Math.max(1, Math.floor(scroller.clientHeight / ROW_H)) * cols;
    const moves = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: cols, ArrowUp: -cols, PageDown: perPage, PageUp: -perPage };
    if (Object.prototype.hasOwnProperty.call(moves, ev.key)) {
      focusPos = Math.max(0, Math.min(shown.length - 1, focusPos + moves[ev.key]));
    } else if (ev.key === 'Home') {
      focusPos = 0;
    } else if (ev.key === 'End') {
      focusPos = shown.length - 1;
    } else if (ev.key === 'Enter' || ev.key === ' ') {
      // The editor takes the focus: nothing here may hold it (no focusCard; the card lets go).
      ev.preventDefault();
      if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
      vscode.postMessage({ type: 'reveal', id: shown[focusPos].id });
      return;
    } else {
      return;
    }
    ev.preventDefault();
    focusCard();
  });
  scroller.addEventListener('focus', function () { focusCard(); });

  // ---- from the extension
  window.addEventListener('message', function (event) {
    const m = event.data;
    if (!m || typeof m !== 'object') return;
    if (m.type === 'entries' && Array.isArray(m.entries)) {
      const wasEmpty = entries.length === 0;
      for (const e of m.entries) {
        entries.push(e);
        for (const l of e.labels) labelCounts.set(l, (labelCounts.get(l) || 0) + 1);
        if (!e.labels.length) unlabelledCount++;
        if (hasErrors(e)) errorCount++;
        if (matches(e)) shown.push(e);
      }
      labelsDirty = true;
      if (wasEmpty) layout(); else { spacer.style.height = Math.ceil(shown.length / cols) * ROW_H + 'px'; schedule(); }
    } else if (m.type === 'images' && Array.isArray(m.images)) {
      for (const pair of m.images) {
        images.set(pair[0], pair[1]);
        const card = pool.get(pair[0]);
        if (card) drawImage(card, entries[pair[0]]);
      }
      report();
    } else if (m.type === 'progress') {
      progress.textContent = String(m.text || '');
      progress.classList.toggle('done', !!m.done);
    }
  });
  for (const c of [labelSelect, errors, unlabelled]) c.addEventListener('change', applyFilters);
  ref.addEventListener('input', applyFilters);
  scroller.addEventListener('scroll', schedule, { passive: true });
  window.addEventListener('resize', layout);
  layout();
  vscode.postMessage({ type: 'ready' });
})();
`;
