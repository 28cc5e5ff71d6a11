/**
 * What checking one line yields (`LineRecord`), and how the line's drafts (line-problems.ts)
 * become its problems:
 * - each draft's range: for a line JSON.parse accepted, every draft's from one scan of the text
 *   (path-scan.ts), the key or value at its path, else the key of its closest existing parent;
 *   for a line that is not an object (blank, too long, not JSON, not UTF-8), the span its check
 *   gives; ranges are clamped to the content and moved past a byte order mark left out (`base`);
 * - each draft's severity after the user's overrides (severity.ts): 'off', and a draft hidden
 *   because another says the same, are not reported, but still make the line dropped or invalid;
 * - a draft with causes lists them as related information (their ranges and messages);
 * - the line is `dropped` when a draft has a code for which the service drops the line
 *   (DROPPING_CODES in codes.ts), `invalid` when a draft is an error before overrides, or when it
 *   is dropped;
 * - a line without problems shares NO_PROBLEMS (no array per clean line).
 * Pure: no `vscode` import.
 */
import { DROPPING_CODES } from '../codes';
import { RangeResolver, type Draft } from './line-problems';
import { scanPaths, type NodeSpan } from './path-scan';
import { effectiveSeverity } from '../severity';
import type { EntrySummary, LineResult, Problem, ValidateOptions } from '../types';

/**
 * What checking one line yields. Nobody keeps it: the document and the streaming validator copy
 * what the whole-file rules need into typed arrays (line-facts.ts) and keep only the problems of
 * the lines that have some, so that a large file adds no object per line to the heap.
 */
export interface LineRecord {
  /** The line's own problems (the shared frozen NO_PROBLEMS when there are none). */
  problems: Problem[];
  /** The service would drop the line silently. */
  dropped: boolean;
  /** What the line holds (undefined unless it is a JSON object); its sourceRef and bucket are set only when well-formed. */
  entry: EntrySummary | undefined;
  /** The line has an error (an error-severity problem before overrides): terminal when also `dropped`, else non-terminal. A blank line has neither. */
  invalid: boolean;
  blank: boolean;
  /** Errors / warnings among the problems (after overrides). */
  errors: number;
  warnings: number;
}

/** Shared by every line without problems; frozen so that no caller can fill it by mistake. */
export const NO_PROBLEMS: Problem[] = Object.freeze([]) as unknown as Problem[];

/** The record of a line that holds nothing to check (the newline that ends the file). */
export function emptyRecord(): LineRecord {
  return { problems: NO_PROBLEMS, dropped: false, entry: undefined, invalid: false, blank: false, errors: 0, warnings: 0 };
}

/** The public LineResult of a record. */
export function lineResultOf(rec: LineRecord): LineResult {
  return rec.entry ? { problems: rec.problems, dropped: rec.dropped, entry: rec.entry } : { problems: rec.problems, dropped: rec.dropped };
}

/** What RangeResolver.resolve gives: the key or value at the path, else the key of the closest existing parent. */
function spanOf(found: { node: NodeSpan; depth: number }, d: Draft): { start: number; end: number } {
  const target = found.depth === d.path.length ? d.target : 'key';
  return target === 'key' && found.node.key ? found.node.key : found.node.value;
}

/**
 * The record of a line from its drafts. `content`: the line's text without its final CR and its
 * byte order mark (`base`: 1 when one was left out). `span`: the range of every draft, for a line
 * that is not an object; without it, each draft's range is found at its path in `content`.
 */
export function recordOf(
  drafts: Draft[],
  content: string,
  base: number,
  line: number,
  options: ValidateOptions | undefined,
  span?: (r: RangeResolver) => { start: number; end: number },
  entry?: EntrySummary,
): LineRecord {
  let problems: Problem[] = NO_PROBLEMS;
  let dropped = false;
  let invalid = false;
  let errors = 0;
  let warnings = 0;
  if (drafts.length > 0) {
    problems = [];
    const resolver = new RangeResolver(content);
    // A line JSON.parse accepted: every draft's range from one scan of the text, no tree.
    const scanned = span ? undefined : scanPaths(content, drafts.map((d) => d.path));
    const spans = drafts.map((d, k) => {
      const s = span ? span(resolver) : scanned ? spanOf(scanned[k], d) : resolver.resolve(d.path, d.target);
      const start = Math.min(Math.max(0, s.start), content.length) + base;
      const end = Math.min(Math.max(s.start, s.end), content.length) + base;
      return { start, end };
    });
    for (let k = 0; k < drafts.length; k++) {
      const d = drafts[k];
      if (DROPPING_CODES.has(d.code)) dropped = true;
      if (d.severity === 'error') invalid = true;
      const severity = d.hidden ? undefined : effectiveSeverity(d.code, d.severity, options);
      if (!severity) continue;
      const { start, end } = spans[k];
      if (severity === 'error') errors++;
      else if (severity === 'warning') warnings++;
      const problem: Problem = { line, start, end, severity, code: d.code, message: d.message, scope: 'line', data: d.data };
      if (d.causes && d.causes.length > 0) {
        problem.related = d.causes.map((c) => ({ line, ...spans[c], message: `${drafts[c].code}: ${drafts[c].message}` }));
      }
      problems.push(problem);
    }
  }
  // A dropped line is an invalid one whatever the severities say (terminal content errors are errors).
  return { problems, dropped, entry, invalid: invalid || dropped, blank: false, errors, warnings };
}
