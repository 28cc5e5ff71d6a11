/**
 * Whole-file indexes, kept BY DELTA as lines come and go: source-refs (duplicates), buckets,
 * labels, invalid and problem counts. Both the incremental ManifestDocument and the streaming
 * validator feed it. Lines are known by their current number; what the rules need of each is in
 * LineFacts (typed arrays), not in an object per line. Pure: no `vscode` import.
 */
import type { LineRecord } from './check-line';
import { HashCounts, hashString } from './hash-counts';
import { LineFacts, LineFlag } from './line-facts';
import type { Span } from './line-problems';

export type { LineRecord };

/** What only the owner of the lines knows: their text. */
export interface IndexedLines {
  /** The well-formed source-ref of a line the index holds with one (compared when hashes are equal). */
  sourceRef(line: number): string | undefined;
  /** The range of that source-ref's value in the line. */
  refSpan(line: number): Span;
}

/** A source-ref on more than one line. */
export interface RefGroup {
  readonly ref: string;
  readonly hash: number;
  /** Its lines, in line order. */
  readonly lines: number[];
  /** Later lines of the group that are not invalid on their own (they become invalid as duplicates). */
  extra: number;
}

/** Words of regroup()'s bit set of hashes (64 Kbit: 8 KB, in the first-level cache). */
const HASH_FILTER_WORDS = 2048;

const NO_LINES: IndexedLines = { sourceRef: () => undefined, refSpan: () => ({ start: 0, end: 0 }) };

export class FileIndex {
  private readonly facts: LineFacts;
  /**
   * Lines per source-ref hash. Built in one go by the first flush() (see countAll), and kept by
   * delta from then on.
   */
  private refCounts = new HashCounts();
  private counted = false;
  /** Lines added since the last flush() whose source-ref hash was already counted: flush() groups them. */
  private readonly added = new Set<number>();
  /** Hashes whose groups flush() rebuilds from every line holding them. */
  private readonly regroup = new Set<number>();
  /** Source-refs on more than one line. */
  private readonly groups = new Map<string, RefGroup>();
  /** The same groups by hash (a hash may be shared by different refs). */
  private readonly groupsOfHash = new Map<number, RefGroup[]>();
  /** Lines per bucket. */
  readonly buckets = new Map<string, number>();
  /** Bucket names by the number LineFacts keeps per line. */
  private readonly bucketNames: string[] = [];
  private readonly bucketNumbers = new Map<string, number>();
  private lastBucket: string | undefined;
  private lastBucketNumber = -1;
  readonly labels = new Map<string, number>();
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

  /** `lines`: how to read a line's source-ref; `expected`: how many lines to make room for. */
  constructor(
    private readonly lines: IndexedLines = NO_LINES,
    expected = 0,
  ) {
    this.facts = new LineFacts(expected);
  }

  get lineCount(): number {
    return this.facts.length;
  }

  /** Source-refs on more than one line, with their lines. */
  get duplicates(): ReadonlyMap<string, RefGroup> {
    return this.groups;
  }

  /**
   * Removes `deleteCount` lines at `start` (remove() them first) and opens `insertCount` empty
   * lines there (add() them next); the later lines are renumbered.
   */
  splice(start: number, deleteCount: number, insertCount: number): void {
    this.facts.splice(start, deleteCount, insertCount);
    const delta = insertCount - deleteCount;
    if (delta === 0) return;
    const from = start + deleteCount;
    for (const g of this.groups.values()) {
      const lines = g.lines;
      for (let k = lines.length - 1; k >= 0 && lines[k] >= from; k--) lines[k] += delta;
    }
  }

  /**
   * Indexes line `line` (an empty one: see splice). `chars`: its length, `span`: the range of its
   * source-ref when already known. A source-ref seen before is grouped by the next flush().
   */
  add(line: number, rec: LineRecord, chars: number, span?: Span): void {
    const f = this.facts;
    this.chars += chars;
    this.errors += rec.errors;
    this.warnings += rec.warnings;
    f.errors[line] = rec.errors;
    f.warnings[line] = rec.warnings;
    let flags = line === 0 ? LineFlag.CHECKED_AS_FIRST : 0;
    if (rec.dropped) flags |= LineFlag.DROPPED;
    if (rec.invalid) {
      flags |= LineFlag.INVALID;
      this.invalidOwn++;
    }
    if (rec.blank) {
      flags |= LineFlag.BLANK;
      this.blanks++;
    }
    const entry = rec.entry;
    if (entry) {
      const labels = entry.labels;
      if (labels.length > 0) flags |= LineFlag.HAS_LABELS;
      for (let i = 0; i < labels.length; i++) this.labels.set(labels[i], (this.labels.get(labels[i]) ?? 0) + 1);
      const bucket = entry.bucket;
      const ref = entry.sourceRef;
      if (bucket !== undefined && ref !== undefined) {
        flags |= LineFlag.HAS_REF;
        this.buckets.set(bucket, (this.buckets.get(bucket) ?? 0) + 1);
        f.bucket[line] = this.bucketNumber(bucket);
        const hash = hashString(ref);
        f.refHash[line] = hash;
        if (this.counted && this.refCounts.increment(hash) > 0) this.added.add(line);
        if (span) {
          f.refStart[line] = span.start;
          f.refEnd[line] = span.end;
        } else {
          f.refEnd[line] = -1;
        }
      }
    }
    f.flags[line] = flags;
  }

  /** Removes what add() counted for `line`; `labels`: the labels it was added with (recomputed by the owner). */
  remove(line: number, labels: readonly string[], chars: number): void {
    if (!this.counted) this.countAll();
    const f = this.facts;
    const flags = f.flags[line];
    this.chars -= chars;
    this.errors -= f.errors[line];
    this.warnings -= f.warnings[line];
    if (flags & LineFlag.INVALID) this.invalidOwn--;
    if (flags & LineFlag.BLANK) this.blanks--;
    for (const l of labels) {
      const n = (this.labels.get(l) ?? 0) - 1;
      if (n > 0) this.labels.set(l, n);
      else this.labels.delete(l);
    }
    if (flags & LineFlag.HAS_REF) {
      const bucket = this.bucketNames[f.bucket[line]];
      const n = (this.buckets.get(bucket) ?? 0) - 1;
      if (n > 0) this.buckets.set(bucket, n);
      else this.buckets.delete(bucket);
      const hash = f.refHash[line];
      this.refCounts.decrement(hash);
      const groups = this.groupsOfHash.get(hash);
      if (groups) for (const g of groups) if (this.removeFromGroup(g, line)) break;
    }
    f.flags[line] = 0;
    f.refEnd[line] = -1;
  }

  /**
   * Brings the duplicate groups up to date. A line added next to a group of its source-ref joins
   * it; a line whose hash is shared otherwise (a new duplicate, or two refs with equal hashes)
   * has its hash regrouped from every line holding it, with one walk over the hashes of every
   * line. Call it after a batch of add() / remove() and before anything reads the duplicates.
   */
  flush(): void {
    if (!this.counted) this.countAll();
    const f = this.facts;
    for (const line of this.added) {
      if ((f.flags[line] & LineFlag.HAS_REF) === 0 || this.regroup.has(f.refHash[line])) continue;
      const ref = this.lines.sourceRef(line);
      const g = ref === undefined ? undefined : this.groups.get(ref);
      if (g) this.addToGroup(g, line);
      else this.regroup.add(f.refHash[line]);
    }
    this.added.clear();
    if (this.regroup.size > 0) this.regroupAll();
  }

  /** Rebuilds the groups of the hashes in `regroup`, comparing the source-refs of their lines. */
  private regroupAll(): void {
    const hashes = this.regroup;
    for (const hash of hashes) {
      for (const g of this.groupsOfHash.get(hash) ?? []) {
        this.count(g, -1);
        this.groups.delete(g.ref);
      }
      this.groupsOfHash.delete(hash);
    }
    const f = this.facts;
    // Even a file without duplicates has a few equal hashes among 100,000 refs: a small bit set
    // of the hashes keeps the walk from probing the Set on every line.
    const maybe = new Int32Array(HASH_FILTER_WORDS);
    for (const hash of hashes) maybe[(hash >>> 5) & (HASH_FILTER_WORDS - 1)] |= 1 << (hash & 31);
    const byHash = new Map<number, number[]>();
    for (let i = 0; i < f.length; i++) {
      if ((f.flags[i] & LineFlag.HAS_REF) === 0) continue;
      const hash = f.refHash[i];
      if ((maybe[(hash >>> 5) & (HASH_FILTER_WORDS - 1)] & (1 << (hash & 31))) === 0 || !hashes.has(hash)) continue;
      const same = byHash.get(hash);
      if (same) same.push(i);
      else byHash.set(hash, [i]);
    }
    hashes.clear();
    for (const [hash, lines] of byHash) {
      if (lines.length < 2) continue;
      // Equal hashes, probably equal strings: compare the strings themselves.
      const byRef = new Map<string, number[]>();
      for (const line of lines) {
        const ref = this.lines.sourceRef(line);
        if (ref === undefined) continue;
        const same = byRef.get(ref);
        if (same) same.push(line);
        else byRef.set(ref, [line]);
      }
      for (const [ref, group] of byRef) {
        if (group.length < 2) continue;
        const g: RefGroup = { ref, hash, lines: group, extra: this.extraOf(group) };
        this.groups.set(ref, g);
        const same = this.groupsOfHash.get(hash);
        if (same) same.push(g);
        else this.groupsOfHash.set(hash, [g]);
        this.count(g, 1);
      }
    }
  }

  /**
   * Counts the source-ref hashes of every line at once, and marks those on more than one line
   * for regrouping. Profiled on the bench's 100,000 lines: a table lookup per line, between two
   * JSON.parse calls that sweep the cache, cost a cache miss each time; filling the table in one
   * go (see addAll) does not.
   */
  private countAll(): void {
    const f = this.facts;
    let n = 0;
    for (let i = 0; i < f.length; i++) if (f.flags[i] & LineFlag.HAS_REF) n++;
    const hashes = new Int32Array(n);
    n = 0;
    for (let i = 0; i < f.length; i++) if (f.flags[i] & LineFlag.HAS_REF) hashes[n++] = f.refHash[i];
    this.refCounts = new HashCounts(n);
    this.refCounts.addAll(hashes, (hash) => this.regroup.add(hash));
    this.counted = true;
  }

  /** Adds (1) or takes away (-1) what group `g` contributes to the duplicate counts. */
  private count(g: RefGroup, sign: 1 | -1): void {
    this.laterDuplicates += sign * (g.lines.length - 1);
    this.invalidDuplicates += sign * g.extra;
  }

  /** Later lines of a group that are not invalid on their own. */
  private extraOf(lines: readonly number[]): number {
    let extra = 0;
    for (let k = 1; k < lines.length; k++) if ((this.facts.flags[lines[k]] & LineFlag.INVALID) === 0) extra++;
    return extra;
  }

  private addToGroup(g: RefGroup, line: number): void {
    const k = lowerBound(g.lines, line);
    if (g.lines[k] === line) return;
    this.count(g, -1);
    g.lines.splice(k, 0, line);
    g.extra = this.extraOf(g.lines);
    this.count(g, 1);
  }

  /** Takes `line` out of group `g` (dissolving a group left with one line); false when it is not there. */
  private removeFromGroup(g: RefGroup, line: number): boolean {
    const k = lowerBound(g.lines, line);
    if (g.lines[k] !== line) return false;
    this.count(g, -1);
    g.lines.splice(k, 1);
    if (g.lines.length > 1) {
      g.extra = this.extraOf(g.lines);
      this.count(g, 1);
      return true;
    }
    this.groups.delete(g.ref);
    const same = this.groupsOfHash.get(g.hash) ?? [];
    same.splice(same.indexOf(g), 1);
    if (same.length === 0) this.groupsOfHash.delete(g.hash);
    return true;
  }

  private bucketNumber(bucket: string): number {
    // Lines in a row mostly share their bucket (often the very same string): no lookup then.
    if (bucket === this.lastBucket) return this.lastBucketNumber;
    let n = this.bucketNumbers.get(bucket);
    if (n === undefined) {
      n = this.bucketNames.length;
      this.bucketNames.push(bucket);
      this.bucketNumbers.set(bucket, n);
    }
    this.lastBucket = bucket;
    this.lastBucketNumber = n;
    return n;
  }

  /** The service drops line `line` silently. */
  dropped(line: number): boolean {
    return (this.facts.flags[line] & LineFlag.DROPPED) !== 0;
  }

  /**
   * How `line` was added, for recomputing its labels before remove(): whether it has any, and
   * whether it was checked as line 0 (a byte order mark skipped).
   */
  addedWith(line: number): { labels: boolean; asFirst: boolean } {
    const flags = this.facts.flags[line];
    return { labels: (flags & LineFlag.HAS_LABELS) !== 0, asFirst: (flags & LineFlag.CHECKED_AS_FIRST) !== 0 };
  }

  /** The lines whose image is in a bucket other than `bucket`, in line order, with their bucket. */
  linesOutside(bucket: string): { line: number; bucket: string }[] {
    const f = this.facts;
    const out: { line: number; bucket: string }[] = [];
    const inside = this.bucketNumbers.get(bucket);
    for (let i = 0; i < f.length; i++) {
      if ((f.flags[i] & LineFlag.HAS_REF) !== 0 && f.bucket[i] !== inside) out.push({ line: i, bucket: this.bucketNames[f.bucket[i]] });
    }
    return out;
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

  /** The range of line `line`'s source-ref value (computed once, then kept with the line). */
  refSpan(line: number): Span {
    const f = this.facts;
    if (f.refEnd[line] < 0) {
      const s = this.lines.refSpan(line);
      f.refStart[line] = s.start;
      f.refEnd[line] = s.end;
    }
    return { start: f.refStart[line], end: f.refEnd[line] };
  }
}

/** The first index of sorted `xs` whose value is not below `x`. */
function lowerBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
