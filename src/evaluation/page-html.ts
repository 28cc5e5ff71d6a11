/**
 * The Evaluation view's HTML, in the label statistics view's style: the overall metrics, then a
 * table per label (F1 score, precision, recall, threshold, test images) that a screen reader
 * reads, with bars in the theme's chart colours, sortable by any column (the script:
 * page/main.ts, bundled into dist/webview/evaluation.js). The head and its strict CSP are the
 * webview kit's (../webview/head.ts): no images, only the nonce'd style and script; every label
 * is manifest text, HTML-escaped. Pure (no `vscode`): unit-tested as a string.
 */
import { escapeHtml } from '../webview/html';
import { pageDocument } from '../webview/head';
import { COLUMNS, type EvaluationModel, type EvaluationRow, type OutcomeCounts } from './page-model';

export interface EvaluationPage {
  model: EvaluationModel;
  nonce: string;
  /** The webview URI of dist/webview/evaluation.js. */
  script: string;
}

const STYLE = `
  table { border-collapse: collapse; width: 100%; }
  th, td { padding: 2px 8px; text-align: left; border-bottom: 1px solid var(--vscode-panel-border); }
  td.num { text-align: right; font-variant-numeric: tabular-nums; }
  td.bars { width: 30%; }
  .bar { display: block; height: 5px; margin: 2px 0; width: 0; }
  .bar.f1 { background: var(--vscode-charts-green); }
  .bar.precision { background: var(--vscode-charts-blue); }
  .bar.recall { background: var(--vscode-charts-orange); }
  button.sort { background: none; border: none; padding: 0; font: inherit; cursor: pointer; color: inherit; }
  button.mistakes { background: none; border: none; padding: 0; font: inherit; cursor: pointer; color: var(--vscode-textLink-foreground); text-decoration: underline; }
  #show-mistakes { color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: none; padding: 3px 10px; cursor: pointer; font: inherit; margin-left: 12px; }
  button:focus-visible { outline: 1px solid var(--vscode-focusBorder); }
  .visually-hidden { position: absolute; left: -10000px; }
  .legend span { display: inline-block; width: 10px; height: 10px; margin: 0 4px 0 12px; }
  .legend .f1 { background: var(--vscode-charts-green); } .legend .precision { background: var(--vscode-charts-blue); } .legend .recall { background: var(--vscode-charts-orange); }
`;

/** The counts' columns: each a button opening the gallery of mistakes on that label and outcome (page/main.ts). */
const OUTCOMES: ReadonlyArray<[keyof OutcomeCounts, string, string]> = [
  ['tp', 'True positives', 'true positives'],
  ['fp', 'False positives', 'false positives'],
  ['fn', 'False negatives', 'false negatives'],
];

function countCells(r: EvaluationRow): string {
  const counts = r.counts;
  if (!counts) return '';
  return OUTCOMES.map(([key, , words]) => {
    const n = counts[key];
    const text = n.toLocaleString('en-US');
    return `<td class="num" data-col="${key}" data-value="${n}"><button class="mistakes" type="button" data-outcome="${key}" data-label="${escapeHtml(r.label)}" aria-label="${escapeHtml(`${text} ${words} of ${r.label}: show them in the gallery`)}">${text}</button></td>`;
  }).join('');
}

export function evaluationHtml(page: EvaluationPage): string {
  const { model } = page;
  // Widths are set by the page's script: the CSP blocks style attributes in the markup.
  const bar = (share: number, cls: string) => `<span class="bar ${cls}" data-share="${(share * 100).toFixed(1)}"></span>`;
  const rows = model.rows
    .map((r) => {
      const cells = COLUMNS.slice(1).map((c) => `<td class="num" data-col="${c.key}" data-value="${escapeHtml(String(r.cells[c.key].value))}">${escapeHtml(r.cells[c.key].text)}</td>`).join('') + countCells(r);
      return `<tr data-index="${r.index}"><th scope="row" data-col="label" data-value="${escapeHtml(r.label)}">${escapeHtml(r.label)}</th>` +
        `<td class="bars" aria-hidden="true">${bar(r.bars.f1, 'f1')}${bar(r.bars.precision, 'precision')}${bar(r.bars.recall, 'recall')}</td>${cells}</tr>`;
    })
    .join('\n');
  const head = [
    `<th scope="col" aria-sort="none"><button class="sort" data-col="label" data-kind="text">${COLUMNS[0]!.title}</button></th>`,
    '<th scope="col" aria-hidden="true">Chart</th>',
    ...COLUMNS.slice(1).map((c) => `<th scope="col" aria-sort="none"><button class="sort" data-col="${c.key}" data-kind="num">${c.title}</button></th>`),
    ...(model.counted ? OUTCOMES.map(([, title]) => `<th scope="col">${title}</th>`) : []),
  ].join('');
  return pageDocument({
    title: model.title,
    nonce: page.nonce,
    style: STYLE,
    script: page.script,
    body: `
<h2>${escapeHtml(model.title)}</h2>
<p id="overall">${escapeHtml(model.overall)}${model.counted ? '<button id="show-mistakes" type="button">Show Mistakes in Gallery</button>' : ''}<span class="legend" aria-hidden="true"><span class="f1"></span>F1<span class="precision"></span>precision<span class="recall"></span>recall</span></p>
<table id="evaluation">
<caption class="visually-hidden">Precision, recall and F1 score per label on the test images</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${rows}
</tbody>
</table>`,
  });
}
