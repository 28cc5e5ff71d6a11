/**
 * What the whole-file rules keep about each line, as parallel typed arrays (a struct of arrays)
 * instead of one object per line. Profiling full validation of a 100,000-line manifest showed the
 * per-line objects (and the strings they held) costing more than the index updates themselves:
 * every one had to be copied out of the young generation and marked again by each full GC.
 * Typed arrays live outside the JS heap and hold no pointers, so the collector never looks at
 * them. Pure: no `vscode` import.
 */

/** Bits of LineFacts.flags. */
export const LineFlag = {
  /** The service counts the line as invalid on its own. */
  INVALID: 1,
  BLANK: 2,
  /** The service drops the line silently. */
  DROPPED: 4,
  /** A well-formed "s3://bucket/key" source-ref: refHash and bucket are set. */
  HAS_REF: 8,
  /** The line assigns labels (removing it must recompute them). */
  HAS_LABELS: 16,
  /** Checked as line 0, where a byte order mark is skipped. */
  CHECKED_AS_FIRST: 32,
} as const;

export class LineFacts {
  length = 0;
  flags: Uint8Array;
  /** hashString of the source-ref, when HAS_REF. */
  refHash: Int32Array;
  /** Bucket number (FileIndex.bucketName), when HAS_REF. */
  bucket: Int32Array;
  /** Errors and warnings among the line's own problems (after overrides). */
  errors: Int32Array;
  warnings: Int32Array;
  /** The range of the source-ref value, once asked for; refEnd is -1 until then. */
  refStart: Int32Array;
  refEnd: Int32Array;
  /** The arrays above, for splice. */
  private all: (Uint8Array | Int32Array)[];

  constructor(capacity = 0) {
    this.flags = new Uint8Array(capacity);
    this.refHash = new Int32Array(capacity);
    this.bucket = new Int32Array(capacity);
    this.errors = new Int32Array(capacity);
    this.warnings = new Int32Array(capacity);
    this.refStart = new Int32Array(capacity);
    this.refEnd = new Int32Array(capacity);
    this.all = this.arrays();
  }

  /**
   * Removes `deleteCount` lines at `start` and opens `insertCount` empty ones there (the caller
   * fills them); the lines after move with their facts.
   */
  splice(start: number, deleteCount: number, insertCount: number): void {
    if (start === this.length && deleteCount === 0 && insertCount === 1) {
      this.append();
      return;
    }
    const length = this.length - deleteCount + insertCount;
    if (length > this.flags.length) this.grow(Math.max(length, Math.ceil(this.flags.length * 1.5)));
    const from = start + deleteCount;
    const to = start + insertCount;
    if (from !== to && from < this.length) {
      for (const a of this.all) a.copyWithin(to, from, this.length);
    }
    for (const a of this.all) a.fill(0, start, to);
    this.refEnd.fill(-1, start, to);
    this.length = length;
  }

  /** Opens one empty line at the end (a stream's next line): no builtin call per array. */
  private append(): void {
    const i = this.length;
    if (i >= this.flags.length) this.grow(Math.max(16, Math.ceil(this.flags.length * 1.5)));
    this.flags[i] = 0;
    this.refHash[i] = 0;
    this.bucket[i] = 0;
    this.errors[i] = 0;
    this.warnings[i] = 0;
    this.refStart[i] = 0;
    this.refEnd[i] = -1;
    this.length = i + 1;
  }

  private arrays(): (Uint8Array | Int32Array)[] {
    return [this.flags, this.refHash, this.bucket, this.errors, this.warnings, this.refStart, this.refEnd];
  }

  private grow(capacity: number): void {
    const copy = <T extends Uint8Array | Int32Array>(a: T, b: T): T => (b.set(a.subarray(0, this.length)), b);
    this.flags = copy(this.flags, new Uint8Array(capacity));
    this.refHash = copy(this.refHash, new Int32Array(capacity));
    this.bucket = copy(this.bucket, new Int32Array(capacity));
    this.errors = copy(this.errors, new Int32Array(capacity));
    this.warnings = copy(this.warnings, new Int32Array(capacity));
    this.refStart = copy(this.refStart, new Int32Array(capacity));
    this.refEnd = copy(this.refEnd, new Int32Array(capacity));
    this.all = this.arrays();
  }
}
