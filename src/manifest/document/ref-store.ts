/**
 * The source-refs of a stream's lines, for the few that the duplicate index compares again
 * (equal hashes). Kept as one string per 4,096 lines (the refs joined) and an offset per line:
 * one-byte characters stay one byte each and there is no string object per line, so a 1 GB
 * manifest's refs cost about their own length. Lines are set in increasing order.
 * Pure: no `vscode` import.
 */
const CHUNK_BITS = 12;
const CHUNK = 1 << CHUNK_BITS;

export class RefStore {
  /** Sealed chunks: the refs of lines [k * CHUNK, (k + 1) * CHUNK) joined. */
  private readonly chunks: string[] = [];
  /** The refs of the chunk being filled. */
  private open: string[] = [];
  private openChars = 0;
  /** Per line, where its ref starts in its chunk; -1 for a line without one. */
  private starts = new Int32Array(CHUNK);
  /** Per chunk, where its last ref ends. */
  private ends: number[] = [];
  private length = 0;

  /** Line `line`'s ref (lines in increasing order; lines skipped have none). */
  set(line: number, ref: string): void {
    while (this.length < line) this.push(undefined);
    if (this.length === line) this.push(ref);
  }

  /** Seals the last chunk (call it before reading). */
  seal(): void {
    if (this.length === 0) return;
    if (this.open.length > 0 || this.length % CHUNK !== 0) this.close();
  }

  get(line: number): string | undefined {
    if (line < 0 || line >= this.length) return undefined;
    const start = this.starts[line];
    if (start < 0) return undefined;
    const k = line >>> CHUNK_BITS;
    if (k >= this.chunks.length) this.seal();
    let end = this.ends[k];
    for (let next = line + 1; next < this.length && next >>> CHUNK_BITS === k; next++) {
      if (this.starts[next] >= 0) {
        end = this.starts[next];
        break;
      }
    }
    return this.chunks[k].slice(start, end);
  }

  private push(ref: string | undefined): void {
    if (this.length === this.starts.length) {
      const grown = new Int32Array(this.starts.length * 2);
      grown.set(this.starts);
      this.starts = grown;
    }
    if (ref === undefined) this.starts[this.length] = -1;
    else {
      this.starts[this.length] = this.openChars;
      this.open.push(ref);
      this.openChars += ref.length;
    }
    this.length++;
    if (this.length % CHUNK === 0) this.close();
  }

  private close(): void {
    const k = (this.length - 1) >>> CHUNK_BITS;
    if (k < this.chunks.length) return;
    this.chunks.push(this.open.join(''));
    this.ends.push(this.openChars);
    this.open = [];
    this.openChars = 0;
  }
}
