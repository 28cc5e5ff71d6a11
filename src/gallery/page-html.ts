/**
 * The gallery webview's page: a shell (filters, counts, a scroller with a spacer) and the one
 * script (page/main.ts, bundled into dist/webview/gallery.js) that renders only the visible cards
 * from the entries the extension posts (entries.ts, messages.ts). The head and its strict CSP are
 * the webview kit's (../webview/head.ts): images only from the webview's own source
 * (asWebviewUri), the script and style with the nonce. The only manifest text in the HTML is the
 * title, escaped; the script builds cards with textContent/setAttribute.
 * Pure (no `vscode`): unit-tested as a string.
 */
import { escapeHtml } from '../webview/html';
import { pageDocument } from '../webview/head';
import { BOX_LABEL_STYLE } from '../webview/label-place';

export interface GalleryPage {
  title: string;
  nonce: string;
  /** webview.cspSource: where images may come from. */
  cspSource: string;
  /** The webview URI of dist/webview/gallery.js. */
  script: string;
  /** The gallery of mistakes (an evaluation snapshot): outcome filters instead of errors/unlabelled. */
  mistakes?: boolean;
}

const STYLE = `${BOX_LABEL_STYLE}
html, body { height: 100%; margin: 0; }
body { display: flex; flex-direction: column; padding: 0 12px; box-sizing: border-box; }
h2 { font-size: 1.2em; margin: 10px 0 6px; font-weight: 600; overflow-wrap: anywhere; }
.filters label { display: inline-flex; align-items: center; gap: 4px; }
.filters label[hidden] { display: none; }
.filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; margin-bottom: 8px; }
.filters select, .filters input[type=text] { color: var(--vscode-input-foreground); background: var(--vscode-input-background); border: 1px solid var(--vscode-input-border, transparent); }
#progress { color: var(--vscode-descriptionForeground); }
#scroller { flex: 1; overflow-y: auto; position: relative; outline: none; }
#scroller:focus-visible { outline: 1px solid var(--vscode-focusBorder); }
#spacer { position: relative; }
.card { position: absolute; box-sizing: border-box; height: 232px; border: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, #8884)); padding: 4px; cursor: pointer; overflow: hidden; background: var(--vscode-editorWidget-background); }
.card:focus { outline: 2px solid var(--vscode-focusBorder); outline-offset: -2px; }
.card.has-errors { border-color: var(--vscode-errorForeground); }
.card svg { display: block; width: 100%; height: 160px; background: var(--vscode-editor-background); }
.placeholder { fill: var(--vscode-editorWidget-background); stroke: var(--vscode-panel-border, #8884); }
.box rect { fill: none; stroke: var(--vscode-charts-yellow); stroke-width: 2px; vector-effect: non-scaling-stroke; }
.box.pred .frame { stroke-dasharray: 6 3; }
.box.tp .frame { stroke: var(--vscode-charts-green); } .box.fp .frame { stroke: var(--vscode-charts-red); } .box.fn .frame { stroke: var(--vscode-charts-orange); }
.chip.tp { background: var(--vscode-charts-green); } .chip.fp { background: var(--vscode-charts-red); } .chip.fn { background: var(--vscode-charts-orange); }
.chip.tp, .chip.fp, .chip.fn { color: var(--vscode-editor-background); }
#empty { margin: 24px 0; text-align: center; color: var(--vscode-descriptionForeground); }
#empty button { color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: none; padding: 3px 10px; cursor: pointer; font: inherit; }
#empty button:hover { background: var(--vscode-button-hoverBackground); }
.missing { fill: var(--vscode-descriptionForeground); }
.ref { font-size: 11px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; margin-top: 2px; }
.chips { white-space: nowrap; overflow: hidden; }
.chip { display: inline-block; padding: 0 6px; margin: 2px 2px 0 0; border-radius: 8px; background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); font-size: 11px; }
.problems { margin: 2px 0 0; padding-left: 14px; font-size: 11px; }
.problems li { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.problems li.error { color: var(--vscode-errorForeground); }
.problems li.warning { color: var(--vscode-editorWarning-foreground); }
.problems li.information, .problems li.info, .problems li.more { color: var(--vscode-descriptionForeground); }
`;

/** The gallery of mistakes' outcome filters: the marks' outcome (messages.ts) and its words. */
const OUTCOMES: ReadonlyArray<[string, string]> = [
  ['tp', 'true positives'],
  ['fp', 'false positives'],
  ['fn', 'false negatives'],
];

export function galleryHtml(page: GalleryPage): string {
  return pageDocument({
    title: page.title,
    nonce: page.nonce,
    images: page.cspSource,
    style: STYLE,
    script: page.script,
    body: `
<h2>${escapeHtml(page.title)}</h2>
<div class="filters">
<label>Labels <select id="label" multiple size="1" aria-label="Labels (any chosen)"><option value="">(any)</option></select></label>
<label${page.mistakes ? ' hidden' : ''}><input type="checkbox" id="errors"> has errors <span id="errors-count"></span></label>
<label${page.mistakes ? ' hidden' : ''}><input type="checkbox" id="unlabelled"> unlabelled <span id="unlabelled-count"></span></label>
${page.mistakes ? OUTCOMES.map(([id, text]) => `<label><input type="checkbox" class="outcome" id="${id}"> ${text} <span id="${id}-count"></span></label>`).join('\n') : ''}
<label>source-ref contains <input type="text" id="ref"></label>
<span id="count" role="status">0 of 0 entries</span>
<span id="progress"></span>
</div>
<div id="scroller" tabindex="0" role="grid" aria-label="Entries"><p id="empty" role="status" hidden>No entry matches the filters. <button id="clear" type="button">Clear filters</button> to see every entry.</p><div id="spacer"></div></div>`,
  });
}
