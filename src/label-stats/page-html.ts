/**
 * The label statistics webview's HTML: a table of images and boxes per label in training and
 * test (a screen reader reads the numbers), with bars drawn in the theme's chart colours, and
 * sortable by any column (the script: page/main.ts, bundled into dist/webview/label-stats.js).
 * The head and its strict CSP are the webview kit's (../webview/head.ts): no images, nothing but
 * the nonce'd script and style runs; every label is HTML-escaped. Pure (no `vscode`): unit-tested
 * as a string.
 */
import { escapeHtml } from '../webview/html';
import { pageDocument } from '../webview/head';
import type { LabelStats } from '../training';

export interface StatsPage {
  title: string;
  stats: LabelStats;
  /** Can a label be clicked to browse its entries? */
  browsable: boolean;
  nonce: string;
  /** The webview URI of dist/webview/label-stats.js. */
  script: string;
}

const STYLE = `
  table { border-collapse: collapse; width: 100%; }
  th, td { padding: 2px 8px; text-align: left; border-bottom: 1px solid var(--vscode-panel-border); }
  td.num { text-align: right; font-variant-numeric: tabular-nums; }
  td.bars { width: 40%; }
  .bar { display: block; height: 6px; margin: 2px 0; width: 0; }
  .bar.train { background: var(--vscode-charts-blue); }
  .bar.test { background: var(--vscode-charts-orange); }
  button.sort, button.link { background: none; border: none; padding: 0; font: inherit; cursor: pointer; color: inherit; }
  button.link { color: var(--vscode-textLink-foreground); text-align: left; }
  button:focus-visible { outline: 1px solid var(--vscode-focusBorder); }
  .visually-hidden { position: absolute; left: -10000px; }
  .legend span { display: inline-block; width: 10px; height: 10px; margin: 0 4px 0 12px; }
  .legend .train { background: var(--vscode-charts-blue); } .legend .test { background: var(--vscode-charts-orange); }
`;

export function labelStatsHtml(page: StatsPage): string {
  const { stats } = page;
  const max = Math.max(1, ...stats.rows.map((r) => Math.max(r.trainImages, r.testImages)));
  const hasTest = stats.testLines !== undefined;
  const hasBoxes = stats.rows.some((r) => r.trainBoxes > 0 || r.testBoxes > 0);
  // Widths are set by the page's script: the CSP blocks style attributes in the markup.
  const bar = (n: number, cls: string) => `<span class="bar ${cls}" data-share="${((n / max) * 100).toFixed(1)}"></span>`;
  const cell = (n: number) => `<td class="num" data-value="${n}">${n}</td>`;
  const rows = stats.rows
    .map((r) => {
      const name = escapeHtml(r.label);
      const label = page.browsable
        ? `<button class="link" data-label="${name}" title="Browse the entries with this label">${name}</button>`
        : name;
      return `<tr><th scope="row" data-value="${name}">${label}</th>` +
        `<td class="bars" aria-hidden="true">${bar(r.trainImages, 'train')}${hasTest ? bar(r.testImages, 'test') : ''}</td>` +
        cell(r.trainImages) + (hasBoxes ? cell(r.trainBoxes) : '') +
        (hasTest ? cell(r.testImages) + (hasBoxes ? cell(r.testBoxes) : '') : '') + '</tr>';
    })
    .join('\n');
  const headers = [
    ['label', 'Label'],
    ['', ''],
    ['num', 'Training images'],
    ...(hasBoxes ? [['num', 'Training boxes']] : []),
    ...(hasTest ? [['num', 'Test images'], ...(hasBoxes ? [['num', 'Test boxes']] : [])] : []),
  ];
  const head = headers
    .map(([kind, text], i) => (i === 1 ? '<th scope="col" aria-hidden="true">Chart</th>' : `<th scope="col" aria-sort="none"><button class="sort" data-col="${i}" data-kind="${kind}">${text}</button></th>`))
    .join('');
  const summary = `${stats.rows.length} labels; training ${stats.trainLines} lines` + (hasTest ? `, test ${stats.testLines} lines` : ', no test dataset');
  return pageDocument({
    title: page.title,
    nonce: page.nonce,
    style: STYLE,
    script: page.script,
    body: `
<h2>${escapeHtml(page.title)}</h2>
<p>${escapeHtml(summary)}<span class="legend" aria-hidden="true"><span class="train"></span>training${hasTest ? '<span class="test"></span>test' : ''}</span></p>
<table id="stats">
<caption class="visually-hidden">Images${hasBoxes ? ' and boxes' : ''} per label</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${rows}
</tbody>
</table>`,
  });
}
