/**
 * The Evaluation page's messages and their checks (../webview/messages.ts). The table is in the
 * page's HTML (page-html.ts): the extension sends the page nothing; the page says it is drawn.
 * Used by the extension (command.ts) and the page (page/main.ts).
 */
import { message, messageReader } from '../webview/messages';

/** The extension sends the page no message. */
export type EvaluationToPage = never;

/** The page to the extension: ready (the table is drawn). */
export type PageToEvaluation = { type: 'ready' };

/** The extension's reader of the page's messages. */
export const readPageToEvaluation = messageReader<PageToEvaluation>({
  ready: message('ready'),
});
