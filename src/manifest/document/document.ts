/**
 * An open manifest, validated incrementally: per-line results plus whole-file indexes kept by
 * delta, so an edit re-validates only the lines it touches. Pure: no `vscode` import.
 *
 * Lines are split on '\n' only (lines.ts, the splitter of every reader); a line may keep a
 * trailing '\r' (CRLF files), which is ignored for its content. A final empty line (the file ends
 * with a newline) is not a line of the manifest.
 */
import { checkLine } from '../rules/check-line';
import { NO_PROBLEMS, emptyRecord, type LineRecord } from '../rules/line-record';
import { FileIndex, type IndexedLines } from './file-index';
import { splitDocumentLines } from '../lines';
import { makeStats, quotaFileProblems, refProblems, sortProblems, type FileFacts } from '../rules/file-rules';
import { sourceRefOf, sourceRefSpan } from './ref-span';
import { ShownCollector, addCount, noCounts, type SeverityCounts, type ShownProblems } from './shown-problems';
import type { EntrySummary, LineResult, ManifestStats, Problem, ValidateOptions } from '../types';

export interface EditRange {
  startLine: number;
  startCharacter: number;
  endLine: number;
  endCharacter: number;
}

/** Lines beyond which text might reach the 1 GB limit (UTF-8 needs at most 3 bytes per UTF-16 unit). */
const BYTES_PER_UNIT_MAX = 3;

const NO_LABELS: readonly string[] = Object.freeze([]);

/**
 * Lines validated between two looks at the clock while a whole text is validated in steps. A step
 * overruns its time by up to this many lines: on opening, before the JIT has compiled the rules,
 * 256 lines with problems took 10-15 ms CPU (the first step's ~32 ms CPU; ~26 ms with 64).
 */
const LINES_PER_CLOCK_CHECK = 64;
/** `pending.pos` once every line of the text is checked (the index's flush is left). */
const DONE = -1;
/** From this many lines, the end of a text validated in steps (the index's flush) may take steps of its own. */
const FLUSH_APART_LINES = 10_000;

/**
 * Per line, the document keeps only its text and, for the few lines that have some, its
 * problems; the rest lives in the FileIndex's typed arrays (see line-facts.ts for why).
 *
 * A line's problems move with the line (an insert moves the lines after it, not their problems'
 * objects); their `line` numbers are brought up to date when they are read, so an insert costs
 * the lines it moves, whatever the number of problems.
 */
export class ManifestDocument {
  private texts: string[] = [];
  /** Each line's own problems, sorted by range; a hole for a line without any (most lines). */
  private lineProblems: (Problem[] | undefined)[] = [];
  /** The lines' own problems, by severity. */
  private lineCounts: SeverityCounts = noCounts();
  private index = new FileIndex();
  private options: ValidateOptions | undefined;
  /** The duplicate and bucket problems, kept until the index's version or the options change. */
  private refCache: { version: number; options: ValidateOptions | undefined; problems: Problem[] } | undefined;
  /** While a whole text is validated in steps: what is left of it (see startText). */
  private pending: { text: string; pos: number; counted?: boolean } | undefined;
  /** What the index reads from the texts. */
  private readonly source: IndexedLines = {
    sourceRef: (line) => sourceRefOf(this.texts[line], line),
    refSpan: (line) => sourceRefSpan(this.texts[line], line),
  };

  /**
   * `inSteps`: only start validating (see startText); otherwise the text is validated at once.
   */
  constructor(text: string, options?: ValidateOptions, inSteps = false) {
    this.options = options;
    if (inSteps) this.startText(text);
    else this.setText(text);
  }

  /** Replaces the whole text (re-validates every line). */
  setText(text: string): void {
    const texts = splitDocumentLines(text);
    const n = texts.length;
    this.pending = undefined;
    this.texts = texts;
    this.lineProblems = new Array(n);
    this.lineCounts = noCounts();
    this.refCache = undefined;
    this.index = new FileIndex(this.source, n);
    this.index.splice(0, 0, n);
    for (let i = 0; i < n; i++) this.check(i, i === n - 1);
    this.index.flush();
  }

  /**
   * Starts replacing the whole text, to be validated in steps by continueText() (an editor must
   * not be held for the whole of a large file). Until it is done the document holds the lines
   * validated so far; edits must wait.
   */
  startText(text: string): void {
    this.pending = { text: String(text), pos: 0 };
    this.texts = [];
    this.lineProblems = [];
    this.lineCounts = noCounts();
    this.refCache = undefined;
    this.index = new FileIndex(this.source, 0);
  }

  /** True while a text given to startText() is not validated to its end. */
  get validating(): boolean {
    return this.pending !== undefined;
  }

  /**
   * Validates the next lines of the text given to startText() until `stop()` says so (asked
   * every few hundred lines) or the text ends; true when it has ended (the document is whole).
   */
  continueText(stop: () => boolean): boolean {
    const p = this.pending;
    if (!p) return true;
    if (p.pos === DONE) return this.finishText(p, stop);
    const text = p.text;
    let pos = p.pos;
    let last = false;
    while (!last) {
      const from = this.texts.length;
      for (let k = 0; k < LINES_PER_CLOCK_CHECK; k++) {
        const nl = text.indexOf('\n', pos);
        if (nl < 0) {
          this.texts.push(text.slice(pos));
          last = true;
          break;
        }
        this.texts.push(text.slice(pos, nl));
        pos = nl + 1;
      }
      const to = this.texts.length;
      this.lineProblems.length = to;
      this.index.splice(from, 0, to - from);
      for (let i = from; i < to; i++) this.check(i, last && i === to - 1);
      if (!last && stop()) break;
    }
    if (!last) {
      p.pos = pos;
      return false;
    }
    p.pos = DONE;
    // A large text's whole-file index takes steps of its own once the lines' step is used up
    // (counting 100,000 source-ref hashes, then grouping the equal ones: ~10-40 ms each on a
    // busy machine); a small text is done in the same step.
    if (this.texts.length >= FLUSH_APART_LINES && stop()) return false;
    return this.finishText(p, stop);
  }

  /** The end of a text validated in steps: the hashes counted, then the index flushed (each may end a step). */
  private finishText(p: { counted?: boolean }, stop: () => boolean): boolean {
    if (!p.counted) {
      this.index.countRefs();
      p.counted = true;
      if (this.texts.length >= FLUSH_APART_LINES && stop()) return false;
    }
    this.pending = undefined;
    this.index.flush();
    return true;
  }

  /** New severity overrides: every line is re-validated. */
  setOptions(options: ValidateOptions | undefined): void {
    this.options = options;
    this.setText(this.text());
  }

  /** The same, validated in steps (see startText). */
  startOptions(options: ValidateOptions | undefined): void {
    this.options = options;
    this.startText(this.text());
  }

  /** The whole text (as given, or as edited). */
  text(): string {
    return this.pending ? this.pending.text : this.texts.join('\n');
  }

  /**
   * Replaces `deleteCount` lines from `start` with `newLines`, re-validating only those lines and
   * updating the whole-file indexes by delta. A document keeps at least one (possibly empty) line.
   */
  replaceLines(start: number, deleteCount: number, newLines: string[]): void {
    const len = this.texts.length;
    start = clampInt(start, 0, len);
    deleteCount = clampInt(deleteCount, 0, len - start);
    const texts = newLines.map((t) => String(t));
    if (len - deleteCount + texts.length === 0) texts.push('');
    const added = texts.length;
    const delta = added - deleteCount;
    const n = len + delta;
    for (let i = start; i < start + deleteCount; i++) this.unindex(i);
    this.splice(start, deleteCount, texts);
    for (let k = 0; k < added; k++) this.check(start + k, start + k === n - 1);
    // Lines whose meaning depends on their place: the old last line (a final empty line is the
    // file's terminator, not a blank line) and line 0 (a byte order mark may precede it).
    const fresh = (i: number): boolean => i >= start && i < start + added;
    /** Where an old line is now; -1 when it was replaced. */
    const now = (old: number): number => (old < start ? old : old >= start + deleteCount ? old + delta : -1);
    const again = new Set<number>();
    const oldLast = now(len - 1);
    if (oldLast >= 0 && oldLast !== n - 1 && this.texts[oldLast] === '') again.add(oldLast);
    if (!fresh(n - 1) && this.texts[n - 1] === '') again.add(n - 1);
    if (start === 0) {
      const oldFirst = now(0);
      if (oldFirst >= 0 && startsWithBom(this.texts[oldFirst])) again.add(oldFirst);
      if (!fresh(0) && startsWithBom(this.texts[0])) again.add(0);
    }
    for (const i of again) {
      this.unindex(i);
      this.check(i, i === n - 1);
    }
    this.index.flush();
  }

  /** Applies one VS Code content change (a range in the old text and its replacement). */
  applyEdit(range: EditRange, text: string): void {
    const last = this.texts.length - 1;
    let sl = clampInt(range.startLine, 0, last);
    let el = clampInt(range.endLine, 0, last);
    let sc = clampInt(range.startCharacter, 0, Number.MAX_SAFE_INTEGER);
    let ec = clampInt(range.endCharacter, 0, Number.MAX_SAFE_INTEGER);
    if (el < sl || (el === sl && ec < sc)) [sl, sc, el, ec] = [el, ec, sl, sc];
    const first = this.texts[sl];
    const end = this.texts[el];
    const merged = first.slice(0, Math.min(sc, first.length)) + String(text) + end.slice(Math.min(ec, end.length));
    this.replaceLines(sl, el - sl + 1, splitDocumentLines(merged));
  }

  get lineCount(): number {
    return this.texts.length;
  }

  /** The text of line i, without a trailing '\r' ('' outside the document). */
  lineText(i: number): string {
    const t = this.texts[i] ?? '';
    return t.charCodeAt(t.length - 1) === 13 ? t.slice(0, -1) : t;
  }

  lineResult(i: number): LineResult {
    if (this.texts[i] === undefined) return { problems: [], dropped: false };
    const problems = this.problemsAt(i) ?? NO_PROBLEMS;
    const dropped = this.index.dropped(i);
    const entry = this.entry(i);
    return entry ? { problems, dropped, entry } : { problems, dropped };
  }

  /** What line i holds (recomputed from its text: the document does not keep it, to stay small). */
  entry(i: number): EntrySummary | undefined {
    const text = this.texts[i];
    if (text === undefined) return undefined;
    if (i === this.texts.length - 1 && text === '') return undefined;
    return checkLine(text, i, this.options, true).entry;
  }

  /** Every problem (line and file scope), sorted by line, then start, then end. */
  problems(): Problem[] {
    const file = this.fileScopeProblems();
    const out: Problem[] = [];
    let f = 0;
    const lists = this.lineProblems;
    for (let i = 0; i < lists.length; i++) {
      if (lists[i] === undefined) continue;
      const list = this.problemsAt(i) as Problem[];
      for (const p of list) {
        while (f < file.length && before(file[f], p)) out.push(file[f++]);
        out.push(p);
      }
    }
    while (f < file.length) out.push(file[f++]);
    return out;
  }

  /**
   * The problems an editor shows (see shown-problems.ts): at most `limit`, errors first, then
   * warnings, then information, by line within each. Walks the lines only as far as it must
   * (with errors on most lines, a few thousand), whatever the number of problems.
   */
  shownProblems(limit: number): ShownProblems {
    const file = this.fileScopeProblems();
    const totals: SeverityCounts = { ...this.lineCounts };
    for (const p of file) addCount(totals, p.severity, 1);
    const c = new ShownCollector(limit, totals);
    let f = 0;
    const lists = this.lineProblems;
    for (let i = 0; i < lists.length && !c.done(); i++) {
      if (lists[i] === undefined) continue;
      const list = this.problemsAt(i) as Problem[];
      for (const p of list) {
        while (f < file.length && before(file[f], p)) c.offer(file[f++]);
        c.offer(p);
      }
    }
    while (f < file.length && !c.done()) c.offer(file[f++]);
    return c.result();
  }

  /** Problems of every severity, line and file scope. */
  get problemCounts(): SeverityCounts {
    const totals: SeverityCounts = { ...this.lineCounts };
    for (const p of this.fileScopeProblems()) addCount(totals, p.severity, 1);
    return totals;
  }

  /** The file-scope problems, sorted; the duplicate and bucket ones rebuilt only when they changed. */
  private fileScopeProblems(): Problem[] {
    const version = this.index.version;
    let cache = this.refCache;
    if (!cache || cache.version !== version || cache.options !== this.options) {
      const problems: Problem[] = [];
      refProblems(this.index, this.options, problems);
      cache = { version, options: this.options, problems: sortProblems(problems) };
      this.refCache = cache;
    }
    const quotas: Problem[] = [];
    quotaFileProblems(this.index, this.facts(), this.options, quotas);
    if (quotas.length === 0) return cache.problems;
    return sortProblems(cache.problems.concat(quotas));
  }

  /** Line i's own problems with their line numbers brought up to date; undefined when it has none. */
  private problemsAt(i: number): Problem[] | undefined {
    const list = this.lineProblems[i];
    if (list && list[0].line !== i) {
      for (let k = 0; k < list.length; k++) {
        const p = list[k];
        p.line = i;
        // A line's own problems relate only to places on that line (a companion's causes).
        if (p.related) for (const r of p.related) r.line = i;
      }
    }
    return list;
  }

  get stats(): ManifestStats {
    return makeStats(this.index, this.facts(), this.options);
  }

  /** Distinct labels used in the file. */
  labels(): string[] {
    return this.index.labelNames();
  }

  private facts(): FileFacts {
    const n = this.texts.length;
    const terminator = this.texts[n - 1] === '' ? 1 : 0;
    const lines = n - terminator;
    // A line 0 ending in a second CR (a lone CR before a CRLF) keeps it in lineText: not part of its content.
    const first = this.lineText(0);
    const firstLineLength = first.charCodeAt(first.length - 1) === 13 ? first.length - 1 : first.length;
    return { lines, bytes: this.bytes(n), firstLineLength, blanks: this.index.blanks, lineLength: (i) => contentLength(this.lineText(i)) };
  }

  /** UTF-8 size; exact only when it could matter (near the 1 GB limit). */
  private bytes(n: number): number {
    const approx = this.index.chars + Math.max(0, n - 1);
    if (approx * BYTES_PER_UNIT_MAX < 1024 * 1024 * 1024) return approx;
    let b = Math.max(0, n - 1);
    for (const t of this.texts) b += Buffer.byteLength(t, 'utf8');
    return b;
  }

  /** Validates line i (an empty slot of the index) and indexes it. */
  private check(i: number, last: boolean): void {
    const text = this.texts[i];
    // A final empty line only terminates the previous one; an empty file has no lines.
    const rec: LineRecord = last && text === '' ? emptyRecord() : checkLine(text, i, this.options, false);
    this.index.add(i, rec, text.length);
    const problems = rec.problems;
    if (problems.length > 0) {
      if (problems.length > 1) sortProblems(problems);
      this.lineProblems[i] = problems;
      for (let k = 0; k < problems.length; k++) addCount(this.lineCounts, problems[k].severity, 1);
    }
  }

  /** Removes line i from the indexes, with the labels it was indexed with (recomputed from its text). */
  private unindex(i: number): void {
    const text = this.texts[i];
    const how = this.index.addedWith(i);
    // Recomputed as it was checked: the line number matters only as "line 0 or not" (byte order mark).
    const labels = how.labels ? (checkLine(text, how.asFirst ? 0 : 1, this.options, false).entry?.labels ?? NO_LABELS) : NO_LABELS;
    this.index.remove(i, labels, text.length);
    const problems = this.lineProblems[i];
    if (problems) {
      for (let k = 0; k < problems.length; k++) addCount(this.lineCounts, problems[k].severity, -1);
      this.lineProblems[i] = undefined;
    }
  }

  private splice(start: number, deleteCount: number, added: string[]): void {
    this.index.splice(start, deleteCount, added.length);
    const holes: undefined[] = new Array<undefined>(added.length).fill(undefined);
    if (added.length < 10_000) {
      this.texts.splice(start, deleteCount, ...added);
      this.lineProblems.splice(start, deleteCount, ...holes);
      return;
    }
    this.texts = this.texts.slice(0, start).concat(added, this.texts.slice(start + deleteCount));
    this.lineProblems = this.lineProblems.slice(0, start).concat(holes, this.lineProblems.slice(start + deleteCount));
  }
}

/** Whether `a` comes before `b` in line, start, end order (on a tie the line's own problem goes first). */
function before(a: Problem, b: Problem): boolean {
  return a.line < b.line || (a.line === b.line && (a.start < b.start || (a.start === b.start && a.end < b.end)));
}

function startsWithBom(text: string): boolean {
  return text.charCodeAt(0) === 0xfeff;
}

function clampInt(x: number, lo: number, hi: number): number {
  const v = Number.isFinite(x) ? Math.trunc(x) : lo;
  return v < lo ? lo : v > hi ? hi : v;
}

/** A line's length without trailing carriage returns (a lone '\r' ends a line for an editor too). */
function contentLength(text: string): number {
  let n = text.length;
  while (n > 0 && text.charCodeAt(n - 1) === 13) n--;
  return n;
}
