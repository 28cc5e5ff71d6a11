/**
 * The head every webview page of the extension writes, and the nonce it is written with.
 * Rules: the Content-Security-Policy allows nothing by default; images only from the webview's
 * own resources (`webview.cspSource`, asWebviewUri) and only on a page that shows images; the
 * one style element and the one script (its bundle from dist/webview, see panel-options.ts)
 * only with the page's nonce: no 'unsafe-inline', no 'unsafe-eval', no remote content. The
 * title is manifest text: escaped. Pure: no `vscode` import.
 */
import { randomBytes } from 'crypto';
import { escapeHtml } from './html';

/** A fresh nonce for one page: 16 random bytes, base64 (written into the CSP, the style and the script). */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/** The Content-Security-Policy of a page; `images` is `webview.cspSource` on a page that shows images. */
export function pageCsp(nonce: string, images?: string): string {
  return `default-src 'none'; ${images ? `img-src ${images}; ` : ''}style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
}

/** The theme every page starts from (VS Code's theme variables); a page's own style follows it. */
const THEME_STYLE = 'body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); }';

export interface PageHead {
  title: string;
  nonce: string;
  /** `webview.cspSource`: only for a page that shows images. */
  images?: string;
  /** The page's own CSS (after the theme's). */
  style: string;
}

/** `<!DOCTYPE html>` to `</head>`: charset, the CSP, viewport, the title, the style with the nonce. */
export function pageHead(head: PageHead): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${pageCsp(head.nonce, head.images)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(head.title)}</title>
<style nonce="${head.nonce}">
${THEME_STYLE}
${head.style.trim()}
</style>
</head>`;
}

export interface PageDocument extends PageHead {
  /** The markup inside <body>, before the script. */
  body: string;
  /** The webview URI of the page's script bundle (asWebviewUri of PAGE_SCRIPTS' file). */
  script: string;
}

/** A whole page: the head, the body, and its one script, loaded with the nonce. */
export function pageDocument(page: PageDocument): string {
  return `${pageHead(page)}
<body>
${page.body.trim()}
<script nonce="${page.nonce}" src="${escapeHtml(page.script)}"></script>
</body>
</html>`;
}
