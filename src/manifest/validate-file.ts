/**
 * Whole texts and streams of lines. A stream (the linter reads files line by line) never holds
 * the file: only the problems and the small per-line summaries the whole-file rules need.
 * Pure: no `vscode` import.
 */
import { checkLine } from './rules/check-line';
import { ManifestDocument } from './document/document';
import { FileIndex } from './document/file-index';
import { fileProblems, makeStats, sortProblems } from './rules/file-rules';
import { sourceRefSpan } from './document/ref-span';
import type { ManifestStats, Problem, ValidateOptions } from './types';

export interface ValidationSummary {
  problems: Problem[];
  stats: ManifestStats;
}

/** Validates a whole text (every rule). */
export function validateText(text: string, options?: ValidateOptions): ValidationSummary {
  const doc = new ManifestDocument(text, options);
  return { problems: doc.problems(), stats: doc.stats };
}

/**
 * Validates lines one at a time (every rule). Each item is one line, without its '\n' (a
 * trailing '\r' is ignored), as `readline` yields them: a final newline yields no extra line.
 */
export async function validateLines(
  lines: AsyncIterable<string> | Iterable<string>,
  options?: ValidateOptions,
): Promise<ValidationSummary> {
  // The texts are not kept: the source-refs are (the index compares them when their hashes are
  // equal), and their ranges are found while each text is at hand.
  const refs: string[] = [];
  const index = new FileIndex({ sourceRef: (line) => refs[line], refSpan: () => ({ start: 0, end: 0 }) });
  const problems: Problem[] = [];
  let i = 0;
  let bytes = 0;
  let firstLineLength = 0;
  // Line lengths, to place a whole-file problem on the line it names (4 bytes a line).
  let lengths = new Int32Array(1024);
  for await (const raw of lines) {
    const text = String(raw);
    const rec = checkLine(text, i, options, false);
    const entry = rec.entry;
    index.splice(i, 0, 1);
    if (entry?.bucket !== undefined && entry.sourceRef !== undefined) {
      refs[i] = entry.sourceRef;
      index.add(i, rec, 0, sourceRefSpan(text, i));
    } else {
      index.add(i, rec, 0);
    }
    for (const p of rec.problems) problems.push(p);
    bytes += Buffer.byteLength(text, 'utf8') + 1;
    const length = text.endsWith('\r') ? text.length - 1 : text.length;
    if (i === 0) firstLineLength = length;
    const content = text.replace(/\r+$/, '').length;
    if (i >= lengths.length) {
      const grown = new Int32Array(lengths.length * 2);
      grown.set(lengths);
      lengths = grown;
    }
    lengths[i] = content;
    i++;
  }
  index.flush();
  const facts = { lines: i, bytes: Math.max(0, bytes - 1), firstLineLength, blanks: index.blanks, lineLength: (line: number) => lengths[line] ?? 0 };
  fileProblems(index, facts, options, problems);
  return { problems: sortProblems(problems), stats: makeStats(index, facts, options) };
}
