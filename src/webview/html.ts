/**
 * What every webview page of the extension shares on the HTML side. Pure: no `vscode` import.
 */

/** Text made safe for HTML text and attribute values (manifest text is only ever shown as text). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
