/**
 * The label statistics page's messages and their checks (../webview/messages.ts). The table is
 * in the page's HTML (page-html.ts): the extension sends the page nothing; the page says it is
 * drawn, and which label to browse (manifest text: matched against the statistics' rows, never
 * used as anything else). Used by the extension (command.ts) and the page (page/main.ts).
 */
import { isString, message, messageReader } from '../webview/messages';

/** The extension sends the page no message. */
export type StatsToPage = never;

/** The page to the extension: ready (the table is drawn), browse a label's entries. */
export type PageToStats = { type: 'ready' } | { type: 'browse'; label: string };

/** The extension's reader of the page's messages. */
export const readPageToStats = messageReader<PageToStats>({
  ready: message('ready'),
  browse: message('browse', { label: isString }),
});
