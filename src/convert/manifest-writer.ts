/**
 * Collects converted lines. Every line goes through the one validator before it is written: a
 * line the validator finds an error on is left out and reported with where it came from, so a
 * converter's output always passes `custom-labels lint`; a line built valid by construction
 * (addValid: the CSV converter's, when its parts are known to pass) is written without being
 * parsed again. A source-ref written twice is reported
 * too (the service would keep one and drop the other silently).
 *
 * Lines arrive as text the converter built (never an object keyed by labels through
 * JSON.stringify); the validator parses each once, and what the writer counts (labels, boxes)
 * comes from the converter, not from parsing the line again. With a sink, lines are encoded
 * (UTF-8) into 64 KB buffers as they are made and handed on as each fills (`drain()` at the converter's pauses, `end()` at the end) and
 * none is kept: memory is what the source-refs of the written lines take (for repeats), kept
 * compactly (ref-index.ts) with their origins in typed arrays (the same number for both). Without a sink the lines are kept in `result().lines`.
 *
 * An image without labels is written as a line with only its source-ref (the service imports it
 * unlabelled, to be labelled later: WARNING_UNANNOTATED_RECORD), or counted and left out when
 * `skipUnlabelled` is set; either way the result says how many.
 * Pure: no `vscode` import.
 */
import { s3Location, validateLine, type Problem } from '../manifest';
import { RefIndex } from './ref-index';
import { formatOrigin, type ConvertIssue, type ConvertResult, type Origin } from './types';

/**
 * Where a writer hands its lines on: each chunk is whole lines in UTF-8, each ending in '\n'. A
 * returned promise is waited for; once the sink has returned (or its promise resolved) the chunk
 * is the writer's again, to be filled anew: a sink that keeps it must copy it.
 */
/** What the converter knows of a line it hands over: its source-ref, labels and boxes (not parsed again from the line). */
export interface LineFacts {
  sourceRef: string;
  labels: readonly string[];
  boxes?: number;
}

const NO_PROBLEMS: readonly Problem[] = [];

export type OutputSink = (chunk: Uint8Array) => void | Promise<void>;

export interface WriterOptions {
  /** Hand the lines on as they are made instead of keeping them. */
  sink?: OutputSink;
  /** Leave images without labels out (counted) instead of writing them as unlabelled lines. */
  skipUnlabelled?: boolean;
}

/**
 * Chunk handed to the sink: large enough that a write costs little. Lines go into it as bytes as
 * soon as they are made (not kept as strings until a write: what survives a garbage collection
 * stays small, and so does the young generation).
 */
const CHUNK_BYTES = 1 << 16;

/** The origin of each written line, compactly: no object per line. */
class Origins {
  private readonly files: string[] = [];
  private readonly fileIndex = new Map<string, number>();
  private fileOf: Int32Array = new Int32Array(1024);
  private lineOf: Int32Array = new Int32Array(1024);
  private readonly whereOf = new Map<number, string>();
  private size = 0;
  private lastFile: string | undefined;
  private lastIndex = 0;

  add(o: Origin): number {
    let f = o.file === this.lastFile ? this.lastIndex : this.fileIndex.get(o.file);
    if (f === undefined) {
      f = this.files.length;
      this.files.push(o.file);
      this.fileIndex.set(o.file, f);
    }
    if (this.size === this.fileOf.length) {
      this.fileOf = grow(this.fileOf);
      this.lineOf = grow(this.lineOf);
    }
    this.lastFile = o.file;
    this.lastIndex = f;
    const id = this.size++;
    this.fileOf[id] = f;
    this.lineOf[id] = o.line ?? -1;
    if (o.where !== undefined) this.whereOf.set(id, o.where);
    return id;
  }

  get(id: number): Origin {
    const line = this.lineOf[id];
    const where = this.whereOf.get(id);
    return { file: this.files[this.fileOf[id]], ...(line >= 0 ? { line } : {}), ...(where !== undefined ? { where } : {}) };
  }
}

function grow(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

export class ManifestWriter {
  private readonly sink: OutputSink | undefined;
  readonly skipUnlabelled: boolean;
  private readonly lines: string[] = [];
  /** The chunk being filled, and its bytes used. */
  private chunk: Buffer | undefined;
  private used = 0;
  /** Full chunks not yet handed to the sink. */
  private readonly ready: Uint8Array[] = [];
  /** Lines not yet copied into the chunk (up to ~4 KB of text). */
  private lines4k = '';
  /** A chunk the sink is done with, to be filled again. */
  private spare: Buffer | undefined;
  private readonly issues: ConvertIssue[] = [];
  private readonly refs = new RefIndex();
  private readonly origins = new Origins();
  private readonly labels = new Set<string>();
  private written = 0;
  private boxes = 0;
  private unlabelled = 0;
  private firstUnlabelled: Origin | undefined;
  private readonly buckets = new Map<string, Origin>();
  /** `s3://bucket/` of the last line: most lines are in the bucket of the line before. */
  private lastBucket: string | undefined;

  constructor(options: WriterOptions = {}) {
    this.sink = options.sink;
    this.skipUnlabelled = options.skipUnlabelled ?? false;
  }

  /** Reports an item left out or changed. */
  report(origin: Origin, kind: ConvertIssue['kind'], message: string): void {
    this.issues.push({ ...origin, kind, message });
  }

  /** Where the line with this source-ref was converted from, when one was written. */
  firstOf(sourceRef: string): Origin | undefined {
    const id = this.refs.find(sourceRef);
    return id < 0 ? undefined : this.origins.get(id);
  }

  /**
   * Writes one line (JSON text the converter built, with `sourceRef` as its source-ref) unless
   * its source-ref was written before or the validator finds an error. Returns true when written.
   */
  add(text: string, origin: Origin, facts: LineFacts): boolean {
    return this.write(text, origin, facts, true);
  }

  /**
   * Writes a line the converter built valid by construction: one the validator is known to find
   * no error on (csv.ts `validByConstruction` says when; a test holds it against the validator on
   * every line it lets through), so it is not parsed again. Otherwise as add().
   */
  addValid(text: string, origin: Origin, facts: LineFacts): boolean {
    return this.write(text, origin, facts, false);
  }

  private write(text: string, origin: Origin, facts: LineFacts, validate: boolean): boolean {
    const ref = facts.sourceRef;
    if (this.repeated(ref, origin)) return false;
    const problems = validate ? validateLine(text).problems : NO_PROBLEMS;
    if (problems.length > 0) {
      const errors = problems.filter((p) => p.severity === 'error');
      if (errors.length > 0) {
        const shown = errors.slice(0, 3).map((p) => `${p.code}: ${p.message}`).join(' ');
        this.report(origin, 'skipped', `not written, the service would reject it: ${shown}${errors.length > 3 ? ` (and ${errors.length - 3} more)` : ''}`);
        return false;
      }
    }
    this.refs.add(ref);
    this.origins.add(origin);
    if (this.lastBucket === undefined || !ref.startsWith(this.lastBucket)) {
      const bucket = s3Location(ref)?.bucket;
      if (bucket !== undefined) {
        this.lastBucket = `s3://${bucket}/`;
        if (!this.buckets.has(bucket)) this.buckets.set(bucket, origin);
      }
    }
    if (this.sink) this.encode(text);
    else this.lines.push(text);
    this.written++;
    for (const l of facts.labels) this.labels.add(l);
    this.boxes += facts.boxes ?? 0;
    return true;
  }

  /**
   * An image without labels: a line with only its source-ref, or (skipUnlabelled) counted and
   * left out. Returns true when written.
   */
  addUnlabelled(sourceRef: string, origin: Origin): boolean {
    if (this.skipUnlabelled) {
      if (!this.repeated(sourceRef, origin)) this.countUnlabelled(origin);
      return false;
    }
    const written = this.add(`{"source-ref":${JSON.stringify(sourceRef)}}`, origin, { sourceRef, labels: [] });
    if (written) this.countUnlabelled(origin);
    return written;
  }

  /** Reports a source-ref written before; true when it was. */
  private repeated(ref: string, origin: Origin): boolean {
    const first = this.firstOf(ref);
    if (!first) return false;
    this.report(origin, 'skipped', `repeated image ${ref}: it was already converted from ${formatOrigin(first)}; a source-ref may appear once per manifest. Merge the two into one, then convert again.`);
    return true;
  }

  private countUnlabelled(origin: Origin): void {
    if (this.unlabelled++ === 0) this.firstUnlabelled = origin;
  }

  /** A line and its '\n' into the chunk being filled (a line longer than a chunk becomes a chunk of its own). */
  private encode(text: string): void {
    // A few lines at a time: one copy into the chunk per ~4 KB, not one per line.
    this.lines4k += `${text}\n`;
    if (this.lines4k.length >= 4096) this.copyLines();
  }

  /** The lines gathered as text into the chunk being filled (a chunk of their own when they are long). */
  private copyLines(): void {
    const text = this.lines4k;
    if (text === '') return;
    this.lines4k = '';
    // At most 3 bytes per UTF-16 unit (a surrogate pair: 4 for 2).
    const most = text.length * 3;
    if (this.chunk && this.used + most > this.chunk.length) this.seal();
    if (most > CHUNK_BYTES) {
      this.ready.push(Buffer.from(text, 'utf8'));
      return;
    }
    if (!this.chunk) {
      this.chunk = this.spare ?? Buffer.allocUnsafe(CHUNK_BYTES);
      this.spare = undefined;
    }
    this.used += this.chunk.write(text, this.used, 'utf8');
  }

  private seal(): void {
    this.copyLines();
    if (this.chunk && this.used > 0) this.ready.push(this.chunk.subarray(0, this.used));
    this.chunk = undefined;
    this.used = 0;
  }

  /** Hands the full chunks to the sink; await the promise when there is one (at a pause of the converter). */
  drain(): Promise<void> | void {
    if (!this.sink || this.ready.length === 0) return;
    return this.handOn();
  }

  private async handOn(): Promise<void> {
    const sink = this.sink as OutputSink;
    while (this.ready.length > 0) {
      const chunk = this.ready.shift() as Uint8Array;
      await sink(chunk);
      if (chunk.buffer.byteLength === CHUNK_BYTES) this.spare = Buffer.from(chunk.buffer, 0, CHUNK_BYTES);
    }
  }

  /** Hands what is left to the sink. */
  async end(): Promise<void> {
    if (!this.sink) return;
    this.seal();
    await this.handOn();
  }

  result(): ConvertResult {
    const issues = [...this.issues];
    if (this.buckets.size > 1) {
      const [first, ...others] = [...this.buckets];
      issues.push({
        ...others[0][1],
        kind: 'warning' as const,
        message: `the images are in ${this.buckets.size} S3 buckets (${[...this.buckets.keys()].join(', ')}; ${others[0][0]} first here, ${first[0]} first at ${formatOrigin(first[1])}): training fails with ERROR_IMAGES_IN_MULTIPLE_S3_BUCKETS. Put the images in one bucket.`,
      });
    }
    return {
      lines: this.lines,
      issues,
      stats: { images: this.written, labels: this.labels.size, boxes: this.boxes },
      unlabelled: { count: this.unlabelled, skipped: this.skipUnlabelled, ...(this.firstUnlabelled ? { first: this.firstUnlabelled } : {}) },
    };
  }
}
