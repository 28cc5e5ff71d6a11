/**
 * Whole-file indexes, kept BY DELTA as lines come and go: source-refs (duplicates), buckets,
 * labels, invalid and problem counts. Both the incremental ManifestDocument and the streaming
 * validator feed it. Pure: no `vscode` import.
 */
import type { LineRecord } from './check-line';
import type { Span } from './line-problems';
import { sourceRefSpan } from './ref-span';

export type { LineRecord };

export class FileIndex {
  /** Every well-formed source-ref in the file (membership only: one hash probe per line). */
  private readonly refSet = new Set<string>();
  /** The lines of each source-ref found on more than one line, in line order. */
  private readonly groups = new Map<string, LineRecord[]>();
  /** Refs seen again while their first line is not known yet: resolved by flush(). */
  private readonly pending = new Set<string>();
  /** Lines per bucket. */
  readonly buckets = new Map<string, number>();
  readonly labels = new Map<string, number>();
  /** Lines whose content has problems (for problems()). */
  readonly withProblems = new Set<LineRecord>();
  records = 0;
  chars = 0;
  /** Blank lines. */
  blanks = 0;
  /** Lines the service counts as invalid on their own. */
  invalidOwn = 0;
  /** Later occurrences of a source-ref that are not already invalid on their own. */
  invalidDuplicates = 0;
  /** Later occurrences of a source-ref (lines with a ref minus distinct refs). */
  laterDuplicates = 0;
  errors = 0;
  warnings = 0;
  private readonly groupExtra = new Map<string, number>();

  /** Source-refs on more than one line. */
  get duplicated(): Iterable<string> {
    return this.groups.keys();
  }

  /**
   * Adds a line; its `entry` must be set (its labels are counted). When its source-ref was on
   * exactly one line so far, the group is completed by the next flush().
   */
  add(rec: LineRecord): void {
    this.records++;
    if (rec.text !== undefined) this.chars += rec.text.length;
    if (rec.invalid) this.invalidOwn++;
    if (rec.blank) this.blanks++;
    this.errors += rec.errors;
    this.warnings += rec.warnings;
    if (rec.problems.length > 0) this.withProblems.add(rec);
    const entry = rec.entry;
    if (entry) {
      const labels = entry.labels;
      for (let i = 0; i < labels.length; i++) this.labels.set(labels[i], (this.labels.get(labels[i]) ?? 0) + 1);
    }
    const bucket = rec.bucket;
    const ref = rec.sourceRef;
    if (bucket === undefined || ref === undefined) return;
    this.buckets.set(bucket, (this.buckets.get(bucket) ?? 0) + 1);
    const size = this.refSet.size;
    this.refSet.add(ref);
    if (this.refSet.size !== size) return; // the usual case: a new image
    const group = this.groups.get(ref);
    if (!group) {
      this.pending.add(ref);
      return;
    }
    // Keep the group in line order: binary search on the current line numbers.
    let lo = 0;
    let hi = group.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (group[mid].index < rec.index) lo = mid + 1;
      else hi = mid;
    }
    group.splice(lo, 0, rec);
    this.laterDuplicates++;
    this.updateGroup(ref, group);
  }

  /**
   * Completes the groups of source-refs that became duplicated since the last flush, with one
   * walk over `records` (every line holding a source-ref, in line order). Call it after a batch
   * of add() and before anything reads the duplicates.
   */
  flush(records: Iterable<LineRecord>): void {
    if (this.pending.size === 0) return;
    const found = new Map<string, LineRecord[]>();
    for (const r of records) {
      const ref = r.sourceRef;
      if (ref === undefined || r.bucket === undefined || !this.pending.has(ref)) continue;
      const g = found.get(ref);
      if (g) g.push(r);
      else found.set(ref, [r]);
    }
    this.pending.clear();
    for (const [ref, group] of found) {
      if (group.length < 2) continue;
      this.groups.set(ref, group);
      this.laterDuplicates += group.length - 1;
      this.updateGroup(ref, group);
    }
  }

  /** Removes a line; its `entry` must be set again if it was dropped (the same one add saw). */
  remove(rec: LineRecord): void {
    this.records--;
    if (rec.text !== undefined) this.chars -= rec.text.length;
    if (rec.invalid) this.invalidOwn--;
    if (rec.blank) this.blanks--;
    this.errors -= rec.errors;
    this.warnings -= rec.warnings;
    this.withProblems.delete(rec);
    const entry = rec.entry;
    if (entry) {
      for (const l of entry.labels) {
        const n = (this.labels.get(l) ?? 0) - 1;
        if (n > 0) this.labels.set(l, n);
        else this.labels.delete(l);
      }
    }
    const bucket = rec.bucket;
    const ref = rec.sourceRef;
    if (bucket === undefined || ref === undefined) return;
    const n = (this.buckets.get(bucket) ?? 0) - 1;
    if (n > 0) this.buckets.set(bucket, n);
    else this.buckets.delete(bucket);
    const group = this.groups.get(ref);
    if (!group) {
      this.refSet.delete(ref);
      return;
    }
    const i = group.indexOf(rec);
    if (i < 0) return;
    group.splice(i, 1);
    this.laterDuplicates--;
    if (group.length === 1) this.groups.delete(ref);
    this.updateGroup(ref, group);
  }

  /** The lines holding a duplicated source-ref, in line order (empty when it is not duplicated). */
  group(ref: string): LineRecord[] {
    return this.groups.get(ref) ?? [];
  }

  private updateGroup(ref: string, group: LineRecord[]): void {
    let extra = 0;
    if (group.length > 1) for (let i = 1; i < group.length; i++) if (!group[i].invalid) extra++;
    this.invalidDuplicates += extra - (this.groupExtra.get(ref) ?? 0);
    if (extra > 0) this.groupExtra.set(ref, extra);
    else this.groupExtra.delete(ref);
  }

  /** The bucket most lines use (ties: the alphabetically first), or undefined when there is at most one. */
  majorityBucket(): string | undefined {
    if (this.buckets.size < 2) return undefined;
    let best: string | undefined;
    let bestCount = -1;
    for (const [b, n] of this.buckets) {
      if (n > bestCount || (n === bestCount && best !== undefined && b < best)) {
        best = b;
        bestCount = n;
      }
    }
    return best;
  }

  /** Lines whose image is outside the majority bucket. */
  minorityCount(): number {
    const major = this.majorityBucket();
    if (major === undefined) return 0;
    let n = 0;
    for (const [b, count] of this.buckets) if (b !== major) n += count;
    return n;
  }

  refSpan(rec: LineRecord): Span {
    if (!rec.refSpan) rec.refSpan = rec.text !== undefined ? sourceRefSpan(rec.text, rec.index) : { start: 0, end: 0 };
    return rec.refSpan;
  }
}
