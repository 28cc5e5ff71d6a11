/**
 * The counted words of Push's messages, singular or plural by the count ("Pushing 1 entry",
 * "line 3 was", "lines 2-3 were"). Pure: unit-tested without the editor.
 */
import { formatLineRanges } from './line-ranges';

/** "1 entry", "1,200 entries". */
export function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** "line 3" or "lines 2-3, 7" (0-based lines in, 1-based out). */
export function linesWord(lines: readonly number[]): string {
  return `${new Set(lines).size === 1 ? 'line' : 'lines'} ${formatLineRanges(lines)}`;
}

/** "line 3 was" or "lines 2-3 were": the verb agreeing with the lines. */
export function linesAre(lines: readonly number[], one = 'was', many = 'were'): string {
  return `${linesWord(lines)} ${new Set(lines).size === 1 ? one : many}`;
}

/** The progress title of a push: "Pushing 1 entry to birds › Training dataset". */
export function pushingTitle(count: number, name: string): string {
  return `Pushing ${plural(count, 'entry', 'entries')} to ${name}`;
}

/** The invalid-lines question: "1 of 1 line in a.manifest has problems." */
export function problemsQuestion(invalid: number, total: number, label: string): string {
  return `${invalid.toLocaleString('en-US')} of ${plural(total, 'line', 'lines')} in ${label} ${invalid === 1 ? 'has' : 'have'} problems.`;
}

/** The button pushing every importable line: "Push 1 Line, Errors Included". */
export function importableButton(count: number): string {
  return `Push ${plural(count, 'Line', 'Lines')}, Errors Included`;
}
