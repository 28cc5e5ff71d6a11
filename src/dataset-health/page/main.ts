/**
 * The Dataset Health page's script (bundled into dist/webview/dataset-health.js, loaded with the
 * CSP nonce by ../page-html.ts): sets the bars' widths (the CSP blocks style attributes in the
 * markup) and asks the extension to show a finding's entries of one dataset in the gallery.
 * Messages: ../messages.ts.
 */
import { connect } from '../../webview/page/api';
import type { HealthToPage, PageToHealth } from '../messages';

// The extension sends this page nothing: every message is dropped.
const page = connect<HealthToPage, PageToHealth>(() => undefined, () => undefined);

document.querySelectorAll<HTMLElement>('.bar').forEach((bar) => (bar.style.width = `${bar.dataset.share ?? '0'}%`));
document.querySelectorAll<HTMLButtonElement>('button.gallery').forEach((button) => {
  button.addEventListener('click', () => page.post({ type: 'gallery', finding: Number(button.dataset.finding), dataset: button.dataset.dataset === 'test' ? 'test' : 'train' }));
});
page.post({ type: 'ready' });
