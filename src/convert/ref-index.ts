/**
 * The source-refs a converter has written, to find a repeat, in about their own length: the refs
 * joined into one string per 4,096 (no string object per ref), an offset per ref, and an
 * open-addressing hash table of ref numbers in a typed array. The folder of the first ref is
 * kept once: a ref in it is stored as "\u0001" + the rest, any other as "\u0002" + the ref. A Map
 * of 250,000 refs costs ~34 MB of heap; this ~6 MB. Pure: no `vscode` import.
 */
const CHUNK_BITS = 8;
const CHUNK = 1 << CHUNK_BITS;

export class RefIndex {
  /** Sealed chunks: refs [k * CHUNK, (k + 1) * CHUNK) joined. */
  private readonly chunks: string[] = [];
  /** The refs of the chunk being filled. */
  private open: string[] = [];
  private openChars = 0;
  /** Per ref, where it starts in its chunk, and its hash. */
  private starts: Int32Array = new Int32Array(CHUNK);
  private hashes: Int32Array = new Int32Array(CHUNK);
  /** Per chunk, where its last ref ends. */
  private readonly ends: number[] = [];
  /** Hash table: ref number + 1 per slot, 0 for an empty slot; a power of two, at most half full. */
  private slots: Int32Array = new Int32Array(1 << 13);
  private count = 0;
  /** `s3://bucket/folder/` of the first ref. */
  private folder: string | undefined;

  get size(): number {
    return this.count;
  }

  /** The number of `ref` (in the order refs were added), or -1. */
  find(ref: string): number {
    const h = hash(ref);
    const mask = this.slots.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const v = this.slots[s];
      if (v === 0) return -1;
      if (this.hashes[v - 1] === h && this.ref(v - 1) === ref) return v - 1;
    }
  }

  /** Adds `ref` (not there yet) and returns its number. */
  add(ref: string): number {
    const n = this.count++;
    if (n === this.starts.length) {
      this.starts = grow(this.starts);
      this.hashes = grow(this.hashes);
    }
    const h = hash(ref);
    this.hashes[n] = h;
    this.folder ??= ref.slice(0, ref.lastIndexOf('/') + 1);
    const stored = this.folder !== '' && ref.startsWith(this.folder) ? `\u0001${ref.slice(this.folder.length)}` : `\u0002${ref}`;
    this.starts[n] = this.openChars;
    this.open.push(stored);
    this.openChars += stored.length;
    if (this.open.length === CHUNK) this.seal();
    if (this.count * 2 > this.slots.length) this.rehash();
    else this.place(n, h);
    return n;
  }

  /** Ref number `n`. */
  ref(n: number): string {
    const k = n >>> CHUNK_BITS;
    let stored: string;
    if (k === this.chunks.length) stored = this.open[n & (CHUNK - 1)];
    else {
      const next = n + 1;
      const end = next >>> CHUNK_BITS === k && next < this.count ? this.starts[next] : this.ends[k];
      stored = this.chunks[k].slice(this.starts[n], end);
    }
    return stored.charCodeAt(0) === 1 ? (this.folder as string) + stored.slice(1) : stored.slice(1);
  }

  private seal(): void {
    this.chunks.push(this.open.join(''));
    this.ends.push(this.openChars);
    this.open = [];
    this.openChars = 0;
  }

  private place(n: number, h: number): void {
    const mask = this.slots.length - 1;
    let s = h & mask;
    while (this.slots[s] !== 0) s = (s + 1) & mask;
    this.slots[s] = n + 1;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    for (let n = 0; n < this.count; n++) this.place(n, this.hashes[n]);
  }
}

function grow(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** FNV-1a over the UTF-16 code units, mixed at the end (the table takes the low bits). */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 12);
}
