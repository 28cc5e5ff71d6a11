/**
 * An open manifest, validated incrementally: per-line results plus whole-file indexes kept by
 * delta, so an edit re-validates only the lines it touches. Pure: no `vscode` import.
 *
 * Lines are split on '\n'; a line may keep a trailing '\r' (CRLF files), which is ignored for
 * its content. A final empty line (the file ends with a newline) is not a line of the manifest.
 */
import { checkLine, emptyRecord, type LineRecord } from './check-line';
import { FileIndex } from './file-index';
import { fileProblems, makeStats, sortProblems, type FileFacts } from './file-rules';
import type { EntrySummary, LineResult, ManifestStats, Problem, ValidateOptions } from './types';

export interface EditRange {
  startLine: number;
  startCharacter: number;
  endLine: number;
  endCharacter: number;
}

/** Lines beyond which text might reach the 1 GB limit (UTF-8 needs at most 3 bytes per UTF-16 unit). */
const BYTES_PER_UNIT_MAX = 3;

export class ManifestDocument {
  private recs: LineRecord[] = [];
  private index = new FileIndex();
  private options: ValidateOptions | undefined;

  constructor(text: string, options?: ValidateOptions) {
    this.options = options;
    this.setText(text);
  }

  /** Replaces the whole text (re-validates every line). */
  setText(text: string): void {
    const lines = String(text).split('\n');
    const recs: LineRecord[] = new Array(lines.length);
    const index = new FileIndex();
    const last = lines.length - 1;
    for (let i = 0; i < lines.length; i++) {
      const rec = this.check(lines[i], i, i === last);
      recs[i] = rec;
      index.add(rec);
      rec.entry = undefined;
    }
    index.flush(recs);
    this.recs = recs;
    this.index = index;
  }

  /** New severity overrides: every line is re-validated. */
  setOptions(options: ValidateOptions | undefined): void {
    this.options = options;
    this.setText(this.recs.map((r) => r.text ?? '').join('\n'));
  }

  /**
   * Replaces `deleteCount` lines from `start` with `newLines`, re-validating only those lines and
   * updating the whole-file indexes by delta. A document keeps at least one (possibly empty) line.
   */
  replaceLines(start: number, deleteCount: number, newLines: string[]): void {
    const len = this.recs.length;
    start = clampInt(start, 0, len);
    deleteCount = clampInt(deleteCount, 0, len - start);
    const oldFirst = this.recs[0];
    const oldLast = this.recs[len - 1];
    const texts = newLines.map((t) => String(t));
    if (len - deleteCount + texts.length === 0) texts.push('');
    // Placeholders keep the array's shape while lines shift; each is validated at its final place.
    const placeholders = texts.map((t, k) => emptyRecord(start + k, t));
    const removed = this.splice(start, deleteCount, placeholders);
    for (const r of removed) this.unindex(r);
    if (placeholders.length !== removed.length) this.renumber(start + placeholders.length);
    const n = this.recs.length;
    for (let k = 0; k < placeholders.length; k++) {
      const i = start + k;
      const rec = this.check(texts[k], i, i === n - 1);
      this.recs[i] = rec;
      this.index.add(rec);
      rec.entry = undefined;
    }
    this.index.flush(this.recs);
    // Lines whose meaning depends on their place: the old last line (a final empty line is the
    // file's terminator, not a blank line) and line 0 (a byte order mark may precede it).
    const fresh = (r: LineRecord): boolean => r.index >= start && r.index < start + placeholders.length;
    const again = new Set<LineRecord>();
    if (oldLast && !removed.includes(oldLast) && oldLast.index !== n - 1 && oldLast.text === '') again.add(oldLast);
    const newLast = this.recs[n - 1];
    if (!fresh(newLast) && newLast.text === '') again.add(newLast);
    if (start === 0) {
      if (oldFirst && !removed.includes(oldFirst) && startsWithBom(oldFirst)) again.add(oldFirst);
      if (!fresh(this.recs[0]) && startsWithBom(this.recs[0])) again.add(this.recs[0]);
    }
    for (const r of again) {
      this.unindex(r);
      const rec = this.check(r.text ?? '', r.index, r.index === n - 1);
      this.recs[r.index] = rec;
      this.index.add(rec);
      rec.entry = undefined;
    }
    this.index.flush(this.recs);
  }

  /** Applies one VS Code content change (a range in the old text and its replacement). */
  applyEdit(range: EditRange, text: string): void {
    const last = this.recs.length - 1;
    let sl = clampInt(range.startLine, 0, last);
    let el = clampInt(range.endLine, 0, last);
    let sc = clampInt(range.startCharacter, 0, Number.MAX_SAFE_INTEGER);
    let ec = clampInt(range.endCharacter, 0, Number.MAX_SAFE_INTEGER);
    if (el < sl || (el === sl && ec < sc)) [sl, sc, el, ec] = [el, ec, sl, sc];
    const first = this.recs[sl].text ?? '';
    const end = this.recs[el].text ?? '';
    const merged = first.slice(0, Math.min(sc, first.length)) + String(text) + end.slice(Math.min(ec, end.length));
    this.replaceLines(sl, el - sl + 1, merged.split('\n'));
  }

  get lineCount(): number {
    return this.recs.length;
  }

  /** The text of line i, without a trailing '\r' ('' outside the document). */
  lineText(i: number): string {
    const t = this.recs[i]?.text ?? '';
    return t.charCodeAt(t.length - 1) === 13 ? t.slice(0, -1) : t;
  }

  lineResult(i: number): LineResult {
    const rec = this.recs[i];
    if (!rec) return { problems: [], dropped: false };
    const entry = this.entry(i);
    return entry ? { problems: rec.problems, dropped: rec.dropped, entry } : { problems: rec.problems, dropped: rec.dropped };
  }

  /** What line i holds (recomputed from its text: records do not keep it, to stay small). */
  entry(i: number): EntrySummary | undefined {
    const rec = this.recs[i];
    if (!rec) return undefined;
    if (rec.entry) return rec.entry;
    if (rec.index === this.recs.length - 1 && rec.text === '') return undefined;
    return checkLine(rec.text ?? '', rec.index, this.options, false, true).entry;
  }

  /** Every problem (line and file scope), sorted by line. */
  problems(): Problem[] {
    const out: Problem[] = [];
    for (const r of this.index.withProblems) for (const p of r.problems) out.push(p);
    fileProblems(this.index, this.facts(), this.options, out, this.recs);
    return sortProblems(out);
  }

  get stats(): ManifestStats {
    return makeStats(this.index, this.facts(), this.options);
  }

  /** Distinct labels used in the file. */
  labels(): string[] {
    return [...this.index.labels.keys()];
  }

  private facts(): FileFacts {
    const n = this.recs.length;
    const terminator = this.recs[n - 1]?.text === '' ? 1 : 0;
    const lines = n - terminator;
    return { lines, bytes: this.bytes(n), firstLineLength: this.lineText(0).length, blanks: this.index.blanks };
  }

  /** UTF-8 size; exact only when it could matter (near the 1 GB limit). */
  private bytes(n: number): number {
    const approx = this.index.chars + Math.max(0, n - 1);
    if (approx * BYTES_PER_UNIT_MAX < 1024 * 1024 * 1024) return approx;
    let b = Math.max(0, n - 1);
    for (const r of this.recs) b += Buffer.byteLength(r.text ?? '', 'utf8');
    return b;
  }

  private check(text: string, i: number, last: boolean): LineRecord {
    // A final empty line only terminates the previous one; an empty file has no lines.
    if (last && text === '') return emptyRecord(i, text);
    return checkLine(text, i, this.options, true, false);
  }

  /** Removes a record from the indexes, with the entry it was indexed with (recomputed). */
  private unindex(r: LineRecord): void {
    // A blank line or the final empty line has no entry either way.
    if (!r.entry && r.text !== undefined) r.entry = checkLine(r.text, r.index, this.options, false, false).entry;
    this.index.remove(r);
    r.entry = undefined;
  }

  private splice(start: number, deleteCount: number, added: LineRecord[]): LineRecord[] {
    if (added.length < 10_000) return this.recs.splice(start, deleteCount, ...added);
    const removed = this.recs.slice(start, start + deleteCount);
    this.recs = this.recs.slice(0, start).concat(added, this.recs.slice(start + deleteCount));
    return removed;
  }

  private renumber(from: number): void {
    const recs = this.recs;
    for (let i = from; i < recs.length; i++) {
      const r = recs[i];
      if (r.index === i) continue;
      r.index = i;
      const problems = r.problems;
      for (let k = 0; k < problems.length; k++) problems[k].line = i;
    }
  }
}

function startsWithBom(r: LineRecord): boolean {
  return (r.text ?? '').charCodeAt(0) === 0xfeff;
}

function clampInt(x: number, lo: number, hi: number): number {
  const v = Number.isFinite(x) ? Math.trunc(x) : lo;
  return v < lo ? lo : v > hi ? hi : v;
}
