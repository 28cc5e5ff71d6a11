/**
 * Whole texts and streams of lines. A stream (the linter, the on-disk validation) never holds the
 * file nor its problems: each line's problems go to a sink as the line is checked, the whole-file
 * ones after the last line, and what the whole-file rules need of each line is kept in typed
 * arrays (line-facts.ts) and one compact store of source-refs (ref-store.ts).
 * Pure: no `vscode` import.
 */
import { checkLine, checkUndecodableLine } from './rules/check-line';
import { ManifestDocument } from './document/document';
import { FileIndex } from './document/file-index';
import { fileProblems, makeStats, sortProblems } from './rules/file-rules';
import type { LineBatch, LongLine } from './lines';
import { checkLongLine } from './long-line';
import { RefStore } from './document/ref-store';
import { knownRefSpan } from './document/ref-span';
import { lineResultOf } from './rules/line-record';
import type { LineResult, ManifestStats, Problem, ValidateOptions } from './types';

export interface ValidationSummary {
  problems: Problem[];
  stats: ManifestStats;
}

/** Receives each problem once, as soon as it is known. */
export type ProblemSink = (problem: Problem) => void;

/** Sees each line's own result (its problems, whether it is dropped, what it holds) with its text, right after it is checked. */
export type LineObserver = (line: number, text: string, result: LineResult) => void;

/** Lines one by one (each without its '\n'; a trailing '\r' is ignored), or batches of them. */
export type LineSource = AsyncIterable<string | LineBatch> | Iterable<string | LineBatch>;

/** Validates a whole text (every rule). */
export function validateText(text: string, options?: ValidateOptions): ValidationSummary {
  const doc = new ManifestDocument(text, options);
  return { problems: doc.problems(), stats: doc.stats };
}

/**
 * Validates a stream of lines (every rule) and hands each problem to `sink`: a line's own
 * problems right after the line, in line order; the whole-file problems (duplicates, buckets,
 * quotas, the invalid share) after the last line. Keeps no problem; returns the statistics.
 * `onLine`, when given, sees each line's own result as it is checked (the training profile's counts),
 * its entry in full (attributes, boxes per label).
 */
export async function validateStream(
  source: LineSource,
  options: ValidateOptions | undefined,
  sink: ProblemSink,
  onLine?: LineObserver,
): Promise<ManifestStats> {
  const v = new StreamValidator(options, sink, onLine);
  if (Symbol.asyncIterator in source) {
    for await (const item of source) v.item(item);
  } else {
    for (const item of source) v.item(item);
  }
  return v.finish();
}

/** validateStream over lines already at hand, done when it returns (the sandbox's training runs inside a timer). */
export function validateStreamSync(
  source: Iterable<string | LineBatch>,
  options: ValidateOptions | undefined,
  sink: ProblemSink,
  onLine?: LineObserver,
): ManifestStats {
  const v = new StreamValidator(options, sink, onLine);
  for (const item of source) v.item(item);
  return v.finish();
}

/**
 * Validates lines one at a time (every rule) and returns every problem in line order. Holds the
 * problems: for files of any size use validateStream. A final newline yields no extra line.
 */
export async function validateLines(source: LineSource, options?: ValidateOptions): Promise<ValidationSummary> {
  const problems: Problem[] = [];
  const stats = await validateStream(source, options, (p) => problems.push(p));
  return { problems: sortProblems(problems), stats };
}

class StreamValidator {
  private readonly refs = new RefStore();
  // The texts are not kept: the source-refs are (the index compares them when their hashes are
  // equal), and their ranges are found while each text is at hand.
  private readonly index = new FileIndex({ sourceRef: (line) => this.refs.get(line), refSpan: () => ({ start: 0, end: 0 }) });
  private line = 0;
  private bytes = 0;
  private firstLineLength = 0;
  /** Line lengths without trailing CRs, to place a whole-file problem on the line it names (4 bytes a line). */
  private lengths = new Int32Array(1024);

  constructor(
    private readonly options: ValidateOptions | undefined,
    private readonly sink: ProblemSink,
    private readonly onLine?: LineObserver,
  ) {}

  item(item: string | LineBatch): void {
    if (typeof item === 'string') {
      this.add(item, undefined);
      return;
    }
    const { lines, undecodable, long } = item;
    // A batch from bytes knows its size: no UTF-8 length to compute per line.
    const sized = item.bytes !== undefined;
    if (sized) this.bytes += item.bytes as number;
    if (long) for (let k = 0; k < lines.length; k++) this.add(lines[k], undecodable?.get(k), sized, long.get(k));
    else if (undecodable) for (let k = 0; k < lines.length; k++) this.add(lines[k], undecodable.get(k), sized);
    else for (let k = 0; k < lines.length; k++) this.add(lines[k], undefined, sized);
  }

  /** `long`: the line was kept as its prefix only (lines.ts), `raw` being that prefix. */
  private add(raw: string, undecodableAt: number | undefined, sized = false, long?: LongLine): void {
    const text = typeof raw === 'string' ? raw : String(raw);
    const i = this.line;
    const rec = long
      ? checkLongLine(text, i, long, undecodableAt, this.options)
      : undecodableAt === undefined
        ? checkLine(text, i, this.options, this.onLine !== undefined)
        : checkUndecodableLine(text, i, undecodableAt, this.options);
    const entry = rec.entry;
    this.index.splice(i, 0, 1);
    if (entry?.bucket !== undefined && entry.sourceRef !== undefined) {
      this.refs.set(i, entry.sourceRef);
      this.index.add(i, rec, 0, knownRefSpan(text, i, entry.sourceRef));
    } else {
      this.index.add(i, rec, 0);
    }
    const problems = rec.problems;
    for (let k = 0; k < problems.length; k++) this.sink(problems[k]);
    this.onLine?.(i, text, lineResultOf(rec));
    if (!sized) this.bytes += Buffer.byteLength(text, 'utf8') + 1;
    if (i === 0) this.firstLineLength = long ? long.length - (long.crs > 0 ? 1 : 0) : text.endsWith('\r') ? text.length - 1 : text.length;
    if (i >= this.lengths.length) {
      const grown = new Int32Array(this.lengths.length * 2);
      grown.set(this.lengths);
      this.lengths = grown;
    }
    let content = text.length;
    while (content > 0 && text.charCodeAt(content - 1) === 13) content--;
    // (An over-long line's length may pass what an Int32Array holds: any figure that large will do.)
    this.lengths[i] = long ? Math.min(long.length - long.crs, 0x7fffffff) : content;
    this.line++;
  }

  finish(): ManifestStats {
    this.refs.seal();
    this.index.flush();
    const lengths = this.lengths;
    const facts = {
      lines: this.line,
      bytes: Math.max(0, this.bytes - 1),
      firstLineLength: this.firstLineLength,
      blanks: this.index.blanks,
      lineLength: (line: number) => lengths[line] ?? 0,
    };
    fileProblems(this.index, facts, this.options, { push: this.sink });
    return makeStats(this.index, facts, this.options);
  }
}
