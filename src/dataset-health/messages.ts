/**
 * The Dataset Health page's messages and their checks (../webview/messages.ts). The report is in
 * the page's HTML (page-html.ts): the extension sends the page nothing; the page says it is drawn,
 * and which finding's entries of which dataset to show in the gallery (an index into the
 * report's findings, checked against them on arrival, never anything the page could make up).
 * Used by the extension (command.ts) and the page (page/main.ts).
 */
import { isNonNegativeInteger, message, messageReader, oneOf } from '../webview/messages';

/** The extension sends the page no message. */
export type HealthToPage = never;

/** The page to the extension: ready (the report is drawn), show a finding's entries of one dataset in the gallery. */
export type PageToHealth = { type: 'ready' } | { type: 'gallery'; finding: number; dataset: 'train' | 'test' };

/** The extension's reader of the page's messages. */
export const readPageToHealth = messageReader<PageToHealth>({
  ready: message('ready'),
  gallery: message('gallery', { finding: isNonNegativeInteger, dataset: oneOf('train', 'test') }),
});
