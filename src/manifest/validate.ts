/**
 * The validator's entry points: one line, a whole text, a stream of lines.
 * Pure: no `vscode` import.
 */
import { checkLine } from './rules/check-line';
import { lineResultOf } from './rules/line-record';
import type { LineResult, ValidateOptions } from './types';

export { validateText, validateLines, validateStream, type ValidationSummary, type ProblemSink, type LineSource, type LineObserver, validateStreamSync } from './validate-file';

/**
 * Validates one line on its own (no whole-file rules). `text` may end with '\r' (ignored for the
 * content; offsets stay relative to the line start). `line` is the 0-based line the problems
 * are reported at. Never throws.
 */
export function validateLine(text: string, line = 0, options?: ValidateOptions): LineResult {
  return lineResultOf(checkLine(text, line, options));
}
