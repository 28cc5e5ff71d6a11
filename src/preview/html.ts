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
<p id="note" class="note" hidden></p>
<svg id="image" role="img" viewBox="0 0 100 100" hidden></svg>
<div id="labels"></div>
<ul id="problems"></ul>`,
  });
}
