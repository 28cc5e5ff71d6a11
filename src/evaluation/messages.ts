/**
 * The Evaluation page's messages and their checks (../webview/messages.ts). The table is in the
 * page's HTML (page-html.ts): the extension sends the page nothing; the page says it is drawn, and
 * asks for the gallery of mistakes (a label's count clicked, or the whole version's).
 * Used by the extension (command.ts) and the page (page/main.ts).
 */
import { isString, message, messageReader, oneOf } from '../webview/messages';

/** The extension sends the page no message. */
export type EvaluationToPage = never;

/** The page to the extension: ready (the table is drawn); show the mistakes in the gallery (of a label and an outcome, or all). */
export type PageToEvaluation = { type: 'ready' } | { type: 'mistakes'; label?: string; outcome?: 'tp' | 'fp' | 'fn' };

/** The extension's reader of the page's messages. */
export const readPageToEvaluation = messageReader<PageToEvaluation>({
  ready: message('ready'),
  mistakes: message('mistakes', {}, { label: isString, outcome: oneOf('tp', 'fp', 'fn') }),
});
