/**
 * The preview webview's page: a shell drawn once, filled by the one script (page/main.ts, bundled
 * into dist/webview/preview.js) from the messages the extension posts (messages.ts: "show" a
 * line, "highlight" a box), so moving the cursor never reloads the page (no flash). The script
 * builds every element with textContent and setAttribute, so manifest text is never parsed as
 * HTML. The head and its strict CSP are the webview kit's (../webview/head.ts): images only from
 * the webview's own source (asWebviewUri), the script and style with the nonce.
 * Pure (no `vscode`): unit-tested as a string.
 */
import { pageDocument } from '../webview/head';
import { BOX_LABEL_STYLE } from '../webview/label-place';

const STYLE = `${BOX_LABEL_STYLE}
body { padding: 8px; }
h2 { font-size: 13px; font-weight: normal; margin: 0 0 6px; opacity: 0.8; }
#ref { font-family: var(--vscode-editor-font-family); font-size: 12px; overflow-wrap: anywhere; margin-bottom: 6px; }
svg { width: 100%; height: auto; max-height: 75vh; background: var(--vscode-editorWidget-background); }
.box rect { fill: none; stroke: var(--vscode-charts-yellow); }
.box.highlight rect { stroke: var(--vscode-charts-orange); fill: var(--vscode-charts-orange); fill-opacity: 0.15; }
.note { font-style: italic; opacity: 0.9; }
.chip { display: inline-block; padding: 0 6px; margin: 2px; border-radius: 8px; background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); font-size: 11px; }
#problems { font-size: 12px; padding-left: 16px; }
#problems .error { color: var(--vscode-errorForeground); }
#problems .warning { color: var(--vscode-editorWarning-foreground); }
#toolbar { display: flex; gap: 8px; align-items: center; margin-bottom: 6px; flex-wrap: wrap; }
button { background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); border: none; padding: 2px 8px; cursor: pointer; }
button[aria-pressed="true"] { background: var(--vscode-button-background); color: var(--vscode-button-foreground); }
#edit-help { font-size: 11px; opacity: 0.8; }
input { background: var(--vscode-input-background); color: var(--vscode-input-foreground); border: 1px solid var(--vscode-input-border, transparent); padding: 2px 4px; }
.edit-bar { margin: 4px 0; display: flex; gap: 6px; align-items: center; font-size: 12px; }
/* An element's own display would override hidden: edit mode's bars showed out of edit mode. */
[hidden] { display: none !important; }
body.editing svg#image { cursor: crosshair; touch-action: none; user-select: none; }
body.editing .box { cursor: move; }
body.editing .box rect { pointer-events: all; }
#edit-layer .draft { pointer-events: none; }
svg#image.zoomed .box rect { vector-effect: non-scaling-stroke; stroke-width: 2px; }
body.editing svg#image.panning { cursor: grab; }
.box.selected rect { stroke: var(--vscode-focusBorder); fill: var(--vscode-focusBorder); fill-opacity: 0.12; }
#edit-layer .draft { fill: none; stroke: var(--vscode-focusBorder); stroke-dasharray: 4 2; }
#edit-layer .handle { fill: var(--vscode-focusBorder); }
#edit-layer .handle[data-handle="nw"], #edit-layer .handle[data-handle="se"] { cursor: nwse-resize; }
#edit-layer .handle[data-handle="ne"], #edit-layer .handle[data-handle="sw"] { cursor: nesw-resize; }
.chip button { background: none; color: inherit; padding: 0 0 0 4px; }
#refused { color: var(--vscode-errorForeground); }
#detect-bar { margin: 4px 0; display: flex; gap: 6px; align-items: center; font-size: 12px; flex-wrap: wrap; }
#detect-bar[hidden] { display: none; }
#predictions rect { fill: none; stroke: var(--vscode-charts-blue); }
#predictions text { fill: var(--vscode-charts-blue); paint-order: stroke; stroke: var(--vscode-editor-background); stroke-width: 3px; }
.chip.predicted { background: none; border: 1px dashed var(--vscode-charts-blue); color: var(--vscode-foreground); }
`;

/** The page; `cspSource` is webview.cspSource (images), `script` the webview URI of dist/webview/preview.js. */
export function previewHtml(page: { nonce: string; cspSource: string; script: string }): string {
  return pageDocument({
    title: 'Preview',
    nonce: page.nonce,
    images: page.cspSource,
    style: STYLE,
    script: page.script,
    body: `
<h2 id="title">Preview</h2>
<div id="ref" role="status"></div>
<div id="toolbar"><button id="edit-toggle" type="button" aria-pressed="false" title="Draw, move, resize and label boxes on the image (Escape leaves)">Edit labels</button><span id="edit-help" hidden>Drag: draw a box. Click or Tab: select. Drag a corner: resize. Arrows: nudge (Shift: 10 px). Delete: remove. 1-9: label (on a line without boxes: the image's). Enter: type a label. B: a box. Wheel: zoom. Space+drag: pan. N / P: next / previous line. Ctrl+Z / Ctrl+Y: undo / redo. Escape: leave.</span></div>
<p id="edit-why" class="note" role="status" hidden></p>
<p id="refused" role="alert" hidden></p>
<div id="box-bar" class="edit-bar" hidden><label for="box-label">Label of the box</label><input id="box-label" list="label-list" autocomplete="off" placeholder="type, Enter"></div>
<datalist id="label-list"></datalist>
<p id="label-keys" class="edit-bar" aria-label="The labels' keys" hidden></p>
<p id="note" class="note" hidden></p>
<div id="detect-bar" hidden><strong id="detect-model"></strong><label for="min-confidence">Minimum confidence</label><input id="min-confidence" type="range" min="0" max="100" step="1" value="50"><output id="min-confidence-value" for="min-confidence"></output><span id="detect-count" role="status"></span></div>
<p id="detect-note" class="note" hidden></p>
<svg id="image" role="img" viewBox="0 0 100 100" hidden></svg>
<div id="labels"></div>
<div id="predicted"></div>
<div id="chip-bar" class="edit-bar" hidden><label for="chip-label">Image label</label><input id="chip-label" list="label-list" autocomplete="off" placeholder="add: type, Enter"></div>
<ul id="problems"></ul>`,
  });
}
