/**
 * The source-refs a converter has written, to find a repeat, in about their own length and off
 * the JavaScript heap: each ref's UTF-8 bytes in 1 MB buffers (the folder of the first ref kept
 * once: a ref in it is stored as 0x01 + the rest, any other as 0x02 + the ref), its start, length
 * and hash in typed arrays, and an open-addressing hash table of ref numbers. A Map of 250,000
 * refs costs ~34 MB of heap, and every ref it keeps is copied by each garbage collection that
 * finds it young; this ~6 MB of buffers the collector never copies. Pure: no `vscode` import.
 */
const ARENA_BYTES = 1 << 20;

export class RefIndex {
  /** The buffers holding the refs' bytes; ref n is in arenas[at >>> 20]. */
  private readonly arenas: Buffer[] = [];
  private used = ARENA_BYTES;
  /** Per ref: where its bytes start (arena * ARENA_BYTES + offset), how many, its hash. */
  private starts: Int32Array = new Int32Array(4096);
  private lengths: Int32Array = new Int32Array(4096);
  private hashes: Int32Array = new Int32Array(4096);
  /** Hash table: ref number + 1 per slot, 0 for an empty slot; a power of two, at most half full. */
  private slots: Int32Array = new Int32Array(1 << 13);
  private count = 0;
  /** `s3://bucket/folder/` of the first ref. */
  private folder: string | undefined;
  /** The last ref hashed and its hash (a converter looks a ref up, then adds it). */
  private lastRef = '';
  private lastHash = 0;
  /** The last ref looked up and not found, while nothing was added since. */
  private lastMiss: string | undefined;

  get size(): number {
    return this.count;
  }

  /** The number of `ref` (in the order refs were added), or -1. */
  find(ref: string): number {
    if (ref === this.lastMiss) return -1;
    const h = this.hashOf(ref);
    const mask = this.slots.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const v = this.slots[s];
      if (v === 0) {
        this.lastMiss = ref;
        return -1;
      }
      if (this.hashes[v - 1] === h && this.ref(v - 1) === ref) return v - 1;
    }
  }

  /** Adds `ref` (not there yet) and returns its number. */
  add(ref: string): number {
    this.lastMiss = undefined;
    const n = this.count++;
    if (n === this.starts.length) {
      this.starts = grow(this.starts);
      this.lengths = grow(this.lengths);
      this.hashes = grow(this.hashes);
    }
    const h = this.hashOf(ref);
    this.hashes[n] = h;
    this.folder ??= ref.slice(0, ref.lastIndexOf('/') + 1);
    const inFolder = this.folder !== '' && ref.startsWith(this.folder);
    const rest = inFolder ? ref.slice(this.folder.length) : ref;
    // At most 3 bytes per UTF-16 unit, and the marker.
    const most = rest.length * 3 + 1;
    if (this.used + most > ARENA_BYTES) {
      this.arenas.push(Buffer.allocUnsafe(Math.max(ARENA_BYTES, most)));
      this.used = 0;
    }
    const k = this.arenas.length - 1;
    const arena = this.arenas[k];
    arena[this.used] = inFolder ? 1 : 2;
    const length = 1 + arena.write(rest, this.used + 1, 'utf8');
    this.starts[n] = k * ARENA_BYTES + this.used;
    this.lengths[n] = length;
    this.used += length;
    if (this.count * 2 > this.slots.length) this.rehash();
    else this.place(n, h);
    return n;
  }

  /** Ref number `n`. */
  ref(n: number): string {
    const at = this.starts[n];
    const arena = this.arenas[Math.floor(at / ARENA_BYTES)];
    const start = at % ARENA_BYTES;
    const rest = arena.toString('utf8', start + 1, start + this.lengths[n]);
    return arena[start] === 1 ? (this.folder as string) + rest : rest;
  }

  private hashOf(ref: string): number {
    if (ref !== this.lastRef) {
      this.lastRef = ref;
      this.lastHash = hash(ref);
    }
    return this.lastHash;
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
