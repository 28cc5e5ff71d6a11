/**
 * The Evaluation page's script (bundled into dist/webview/evaluation.js, loaded with the CSP
 * nonce by ../page-html.ts): sets the bars' widths (the CSP blocks style attributes in the
 * markup) and sorts the table by a column as the label statistics view does: the first click
 * from the lowest (or from A), the next click turns the order round; the order is
 * ../page-model.ts's `compareRows` (ties in the file's order). Messages: ../messages.ts.
 */
import { byId, connect } from '../../webview/page/api';
import type { EvaluationToPage, PageToEvaluation } from '../messages';
import { compareRows } from '../page-model';

// The extension sends this page nothing: every message is dropped.
const page = connect<EvaluationToPage, PageToEvaluation>(() => undefined, () => undefined);

document.querySelectorAll<HTMLElement>('.bar').forEach((bar) => (bar.style.width = `${bar.dataset.share ?? '0'}%`));
const table = byId<HTMLTableElement>('evaluation');
const body = table.tBodies[0]!;
document.querySelectorAll<HTMLButtonElement>('button.sort').forEach((button) => {
  button.addEventListener('click', () => {
    const col = button.dataset.col ?? 'label';
    const numeric = button.dataset.kind === 'num';
    const th = button.parentElement!;
    // The first click sorts from the lowest (the weakest labels first: the file lists the best first), the next turns it round.
    const ascending = th.getAttribute('aria-sort') !== 'ascending';
    table.querySelectorAll('thead th').forEach((h) => h.hasAttribute('aria-sort') && h.setAttribute('aria-sort', 'none'));
    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    const key = (row: HTMLTableRowElement) => {
      const cell = row.querySelector<HTMLElement>(`[data-col="${col}"]`);
      const raw = cell?.dataset.value ?? '';
      return { value: numeric ? Number(raw) : raw, index: Number(row.dataset.index ?? 0) };
    };
    const rows = [...body.rows];
    rows.sort((a, b) => compareRows(key(a), key(b), ascending));
    rows.forEach((r) => body.appendChild(r));
  });
});
// A label's count (true/false positives, false negatives) or the button: the gallery of mistakes.
document.querySelectorAll<HTMLButtonElement>('button.mistakes').forEach((button) => {
  button.addEventListener('click', () => {
    const outcome = button.dataset.outcome;
    if (outcome === 'tp' || outcome === 'fp' || outcome === 'fn') page.post({ type: 'mistakes', label: button.dataset.label ?? '', outcome });
  });
});
document.getElementById('show-mistakes')?.addEventListener('click', () => page.post({ type: 'mistakes' }));
page.post({ type: 'ready' });
