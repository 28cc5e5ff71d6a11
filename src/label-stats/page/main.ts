/**
 * The label statistics page's script (bundled into dist/webview/label-stats.js, loaded with the
 * CSP nonce by ../page-html.ts): sets the bars' widths (the CSP blocks style attributes in the
 * markup), sorts the table by a column, and asks the extension to browse a clicked label.
 * Messages: ../messages.ts.
 */
import { byId, connect } from '../../webview/page/api';
import type { PageToStats, StatsToPage } from '../messages';

// The extension sends this page nothing: every message is dropped.
const page = connect<StatsToPage, PageToStats>(() => undefined, () => undefined);

document.querySelectorAll<HTMLElement>('.bar').forEach((bar) => (bar.style.width = `${bar.dataset.share ?? '0'}%`));
const table = byId<HTMLTableElement>('stats');
const body = table.tBodies[0]!;
document.querySelectorAll<HTMLButtonElement>('button.sort').forEach((button) => {
  button.addEventListener('click', () => {
    const col = Number(button.dataset.col);
    const th = button.parentElement!;
    const asc = th.getAttribute('aria-sort') !== 'ascending';
    table.querySelectorAll('thead th').forEach((h) => h.hasAttribute('aria-sort') && h.setAttribute('aria-sort', 'none'));
    th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
    const numeric = button.dataset.kind === 'num';
    const rows = [...body.rows];
    rows.sort((a, b) => {
      const x = a.cells[col]?.dataset.value ?? '';
      const y = b.cells[col]?.dataset.value ?? '';
      const d = numeric ? Number(x) - Number(y) : x.localeCompare(y);
      return asc ? d : -d;
    });
    rows.forEach((r) => body.appendChild(r));
  });
});
document.querySelectorAll<HTMLButtonElement>('button.link').forEach((button) => {
  button.addEventListener('click', () => page.post({ type: 'browse', label: button.dataset.label ?? '' }));
});
page.post({ type: 'ready' });
