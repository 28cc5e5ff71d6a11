/**
 * Whole-file indexes, kept BY DELTA as lines come and go: source-refs (duplicates), buckets,
 * labels, invalid and problem counts. Both the incremental ManifestDocument and the streaming
 * validator feed it. Lines are known by their current number; what the rules need of each is in
 * LineFacts (typed arrays), not in an object per line. Pure: no `vscode` import.
 */
import type { LineRecord } from '../rules/line-record';
import { DuplicateRefs, type RefGroup } from './duplicate-refs';
import { hashString } from './hash-counts';
import { LineFacts, LineFlag } from './line-facts';
import type { Span } from '../rules/line-problems';

/** What only the owner of the lines knows: their text. */
export interface IndexedLines {
  /** The well-formed source-ref of a line the index holds with one (compared when hashes are equal). */
  sourceRef(line: number): string | undefined;
  /** The range of that source-ref's value in the line. */
  refSpan(line: number): Span;
}

const NO_LINES: IndexedLines = { sourceRef: () => undefined, refSpan: () => ({ start: 0, end: 0 }) };

/** A count kept in an object: counting a key once more is one Map lookup, not a get and a set. */
interface Count {
  n: number;
}

/** The counts as numbers, in the map's order (a copy). */
function totals(counts: ReadonlyMap<string, Count>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [k, c] of counts) out.set(k, c.n);
  return out;
}

export class FileIndex {
  private readonly facts: LineFacts;
  private readonly refs: DuplicateRefs;
  /** Lines per bucket (a bucket without lines is removed). */
  private readonly bucketCounts = new Map<string, Count>();
  /** Bucket names by the number LineFacts keeps per line. */
  private readonly bucketNames: string[] = [];
  private readonly bucketNumbers = new Map<string, number>();
  /** The bucket of the line added last, its number and its count (lines in a row mostly share their bucket). */
  private lastBucket: string | undefined;
  private lastBucketNumber = -1;
  private lastBucketCount: Count | undefined;
  /** Lines per label (a label without lines is removed). */
  private readonly labelCounts = new Map<string, Count>();
  chars = 0;
  /** Blank lines. */
  blanks = 0;
  /** Lines with an error of their own (terminal or not). */
  invalidOwn = 0;
  /** Lines with a terminal content error of their own (dropped at import; blank lines included). */
  droppedOwn = 0;
  errors = 0;
  warnings = 0;
  /** Changes whenever the buckets' problems may change (lines in a minority bucket, added, removed or moved). */
  private bucketVersion = 0;

  /** Distinct labels with the number of lines that use each (a copy). */
  get labels(): Map<string, number> {
    return totals(this.labelCounts);
  }

  /** Distinct labels. */
  get labelCount(): number {
    return this.labelCounts.size;
  }

  /** The labels used, in the order they were first counted. */
  labelNames(): string[] {
    return [...this.labelCounts.keys()];
  }

  /** Distinct buckets with the number of lines in each (a copy). */
  get buckets(): Map<string, number> {
    return totals(this.bucketCounts);
  }

  /** Lines whose image is in `bucket`. */
  bucketLines(bucket: string): number {
    return this.bucketCounts.get(bucket)?.n ?? 0;
  }

  /** `lines`: how to read a line's source-ref; `expected`: how many lines to make room for. */
  constructor(
    private readonly lines: IndexedLines = NO_LINES,
    expected = 0,
  ) {
    this.facts = new LineFacts(expected);
    this.refs = new DuplicateRefs(this.facts, (line) => lines.sourceRef(line));
  }

  /**
   * Changes whenever the problems built from the duplicate groups or the buckets may change
   * (their lines, counts or places); unchanged by edits that touch neither.
   */
  get version(): number {
    return this.bucketVersion + this.refs.version;
  }

  /** Source-refs on more than one line, with their lines. */
  get duplicates(): ReadonlyMap<string, RefGroup> {
    return this.refs.groups;
  }

  /** The first line with a terminal error of its own (dropped at import); undefined: none. O(lines), for publishing only. */
  firstDroppedLine(): number | undefined {
    return this.firstLineWith(LineFlag.DROPPED, 0);
  }

  /** The first line with errors of its own that the service still imports (non-terminal). */
  firstNonTerminalLine(): number | undefined {
    return this.firstLineWith(LineFlag.INVALID, LineFlag.DROPPED);
  }

  private firstLineWith(include: number, exclude: number): number | undefined {
    const { flags, length } = this.facts;
    for (let i = 0; i < length; i++) if ((flags[i] & include) !== 0 && (flags[i] & exclude) === 0) return i;
    return undefined;
  }

  /** Later occurrences of a source-ref that also have non-terminal errors of their own. */
  get laterDuplicatesWithErrors(): number {
    return this.refs.laterWithErrors;
  }

  /** Later occurrences of a source-ref (lines with a ref minus distinct refs). */
  get laterDuplicates(): number {
    return this.refs.laterDuplicates;
  }

  /**
   * Removes `deleteCount` lines at `start` (remove() them first) and opens `insertCount` empty
   * lines there (add() them next); the later lines are renumbered.
   */
  splice(start: number, deleteCount: number, insertCount: number): void {
    this.facts.splice(start, deleteCount, insertCount);
    this.refs.shift(start + deleteCount, insertCount - deleteCount);
    if (this.bucketCounts.size > 1 && insertCount !== deleteCount) this.bucketVersion++;
  }

  /**
   * Indexes line `line` (an empty one: see splice). `chars`: its length, `span`: the range of its
   * source-ref when already known, `refHash`: its hashString when already worked out. A source-ref seen before is grouped by the next flush().
   */
  add(line: number, rec: LineRecord, chars: number, span?: Span, refHash?: number): void {
    const f = this.facts;
    this.chars += chars;
    this.errors += rec.errors;
    this.warnings += rec.warnings;
    f.errors[line] = rec.errors;
    f.warnings[line] = rec.warnings;
    let flags = line === 0 ? LineFlag.CHECKED_AS_FIRST : 0;
    if (rec.dropped) {
      flags |= LineFlag.DROPPED;
      this.droppedOwn++;
    }
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
      for (let i = 0; i < labels.length; i++) this.countLabel(labels[i]);
      const bucket = entry.bucket;
      const ref = entry.sourceRef;
      if (bucket !== undefined && ref !== undefined) {
        flags |= LineFlag.HAS_REF;
        f.bucket[line] = this.countBucket(bucket);
        const hash = refHash ?? hashString(ref);
        f.refHash[line] = hash;
        this.refs.added(line, hash);
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
    const f = this.facts;
    const flags = f.flags[line];
    this.chars -= chars;
    this.errors -= f.errors[line];
    this.warnings -= f.warnings[line];
    if (flags & LineFlag.INVALID) this.invalidOwn--;
    if (flags & LineFlag.DROPPED) this.droppedOwn--;
    if (flags & LineFlag.BLANK) this.blanks--;
    for (const l of labels) {
      const c = this.labelCounts.get(l);
      if (c && --c.n <= 0) this.labelCounts.delete(l);
    }
    if (flags & LineFlag.HAS_REF) {
      const bucket = this.bucketNames[f.bucket[line]];
      const c = this.bucketCounts.get(bucket);
      if (this.bucketCounts.size > 1) this.bucketVersion++;
      if (c && --c.n <= 0) {
        this.bucketCounts.delete(bucket);
        if (c === this.lastBucketCount) this.lastBucketCount = undefined;
      }
      this.refs.removed(line, f.refHash[line]);
    }
    f.flags[line] = 0;
    f.refEnd[line] = -1;
  }

  /**
   * Brings the duplicate groups up to date (see DuplicateRefs.flush). Call it after a batch of
   * add() / remove() and before anything reads the duplicates.
   */
  flush(): void {
    this.refs.flush();
  }

  /**
   * The first half of the first flush() of a large text, done apart (an editor's step of its
   * own): the source-ref hashes of every line counted. flush() does it itself when not done.
   */
  countRefs(): void {
    this.refs.countRefs();
  }

  private countLabel(label: string): void {
    const c = this.labelCounts.get(label);
    if (c) c.n++;
    else this.labelCounts.set(label, { n: 1 });
  }

  /** Counts one more line in `bucket`; returns the bucket's number. */
  private countBucket(bucket: string): number {
    // Lines in a row mostly share their bucket (often the very same string): no lookup then.
    let c = this.lastBucketCount;
    if (bucket !== this.lastBucket || c === undefined) {
      c = this.bucketCounts.get(bucket);
      if (!c) {
        c = { n: 0 };
        this.bucketCounts.set(bucket, c);
      }
      let n = this.bucketNumbers.get(bucket);
      if (n === undefined) {
        n = this.bucketNames.length;
        this.bucketNames.push(bucket);
        this.bucketNumbers.set(bucket, n);
      }
      this.lastBucket = bucket;
      this.lastBucketNumber = n;
      this.lastBucketCount = c;
    }
    c.n++;
    if (this.bucketCounts.size > 1) this.bucketVersion++;
    return this.lastBucketNumber;
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
    if (this.bucketCounts.size < 2) return undefined;
    let best: string | undefined;
    let bestCount = -1;
    for (const [b, { n }] of this.bucketCounts) {
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
    for (const [b, count] of this.bucketCounts) if (b !== major) n += count.n;
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
