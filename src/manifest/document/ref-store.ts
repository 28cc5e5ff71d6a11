/**
 * The source-refs of a stream's lines, for the few that the duplicate index compares again
 * (equal hashes). Kept as bytes in one growing buffer, a character a byte (refs are S3 URLs:
 * nearly always characters below U+0100), with an offset per line; a ref holding a character
 * above U+00FF is kept as its string, apart. No string is kept per line and nothing on the
 * garbage-collected heap grows with the lines: a 1 GB manifest's refs cost about their own
 * length, and copying them in costs the loop that hashes them anyway (the strings JSON.parse
 * made die young). Lines are set in increasing order.
 * Pure: no `vscode` import.
 */

import { hashString, mixHash } from './hash-counts';

/** `starts` value of a line without a ref. */
const NONE = -1;
/** `starts` value of a line whose ref is in `wide`. */
const WIDE = -2;

export class RefStore {
  /** The one-byte refs, one after another. */
  private bytes = new Uint8Array(1 << 16);
  private used = 0;
  /** Per line, where its ref starts in `bytes` (NONE, WIDE); its end is where the next one starts. */
  private starts = new Float64Array(1024);
  /** Refs with a character above U+00FF, by line. */
  private readonly wide = new Map<number, string>();
  private length = 0;

  /**
   * Keeps line `line`'s ref (lines in increasing order; lines skipped have none) and returns its
   * hashString, worked out in the same pass over its characters as the copy.
   */
  set(line: number, ref: string): number {
    while (this.length < line) this.open(NONE);
    const n = ref.length;
    if (this.length !== line) return hashString(ref);
    if (this.used + n > this.bytes.length) this.grow(n);
    const bytes = this.bytes;
    const from = this.used;
    // hashString's loop (hash-counts.ts), each character also stored as a byte; a wider one stops the copy.
    let a = 0x811c9dc5;
    let b = 0x2545f491;
    let wide = 0;
    let i = 0;
    for (; i + 3 < n; i += 4) {
      const c0 = ref.charCodeAt(i);
      const c1 = ref.charCodeAt(i + 1);
      const c2 = ref.charCodeAt(i + 2);
      const c3 = ref.charCodeAt(i + 3);
      wide |= c0 | c1 | c2 | c3;
      bytes[from + i] = c0;
      bytes[from + i + 1] = c1;
      bytes[from + i + 2] = c2;
      bytes[from + i + 3] = c3;
      a = Math.imul(a ^ (c0 | (c1 << 16)), 0x01000193);
      b = Math.imul(b ^ (c2 | (c3 << 16)), 0x01000193);
    }
    for (; i < n; i++) {
      const c = ref.charCodeAt(i);
      wide |= c;
      bytes[from + i] = c;
      a = Math.imul(a ^ c, 0x01000193);
    }
    if (wide > 0xff) {
      this.wide.set(line, ref);
      this.open(WIDE);
    } else {
      this.open(from);
      this.used = from + n;
    }
    return mixHash(a, b, n);
  }

  /** Kept for callers that seal before reading; nothing is pending. */
  seal(): void {}

  get(line: number): string | undefined {
    if (line < 0 || line >= this.length) return undefined;
    const start = this.starts[line];
    if (start === NONE) return undefined;
    if (start === WIDE) return this.wide.get(line);
    let end = this.used;
    for (let next = line + 1; next < this.length; next++) {
      if (this.starts[next] >= 0) {
        end = this.starts[next];
        break;
      }
    }
    return Buffer.from(this.bytes.buffer, this.bytes.byteOffset + start, end - start).toString('latin1');
  }

  /** Opens line `length` with its start. */
  private open(start: number): void {
    if (this.length === this.starts.length) {
      const grown = new Float64Array(this.starts.length * 2);
      grown.set(this.starts);
      this.starts = grown;
    }
    this.starts[this.length++] = start;
  }

  private grow(more: number): void {
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.used + more));
    grown.set(this.bytes.subarray(0, this.used));
    this.bytes = grown;
  }
}
