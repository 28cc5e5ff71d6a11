/**
 * How many lines hold each source-ref, counted by a 30-bit hash of the string in an open-addressing
 * table of typed arrays. A Set of the strings themselves cost more than every other index update
 * together on a 100,000-line file (hashing fresh strings, growing the table, and the garbage
 * collector copying and marking 100,000 retained strings); numbers in typed arrays cost none of
 * that. Equal hashes are only candidates: the owner compares the strings of those few lines.
 * Pure: no `vscode` import.
 */

/**
 * FNV-1a over pairs of UTF-16 code units (two 16-bit units make one 32-bit word: half the
 * multiplies) in two interleaved lanes (each multiply waits only for the one before it in its
 * own lane, so the two run side by side), finished with murmur3's mixer and cut to 30 bits (a V8
 * small integer).
 */
export function hashString(s: string): number {
  let a = 0x811c9dc5;
  let b = 0x2545f491;
  const n = s.length;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    a = Math.imul(a ^ (s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16)), 0x01000193);
    b = Math.imul(b ^ (s.charCodeAt(i + 2) | (s.charCodeAt(i + 3) << 16)), 0x01000193);
  }
  for (; i < n; i++) a = Math.imul(a ^ s.charCodeAt(i), 0x01000193);
  return mixHash(a, b, n);
}

/** hashString's last step: the two lanes `a`, `b` of a string of `n` units mixed and cut to 30 bits. */
export function mixHash(a: number, b: number, n: number): number {
  let h = a ^ Math.imul(b ^ n, 0x85ebca6b);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h & 0x3fffffff;
}

/**
 * A multiset of 30-bit non-negative integers (hashString values: the home slot of a key is its
 * high bits, which must be well mixed): linear probing, at most half full. Each key and its count
 * share one array, side by side: one cache miss per lookup, not two.
 */
export class HashCounts {
  /** Slot i: key + 1 at 2i (0 marks a free slot), its count at 2i + 1. */
  private slots: Int32Array;
  private mask: number;
  /** A key's home slot is key >>> shift. */
  private shift: number;
  private size = 0;

  /** `expected`: how many distinct keys to make room for at once (more only grows the table). */
  constructor(expected = 0) {
    let bits = 4;
    while (1 << bits < expected * 2 && bits < 28) bits++;
    this.slots = new Int32Array(2 << bits);
    this.mask = (1 << bits) - 1;
    this.shift = 30 - bits;
  }

  /** Counts one more `key`; returns its count before. */
  increment(key: number): number {
    return this.add(key, 1);
  }

  /**
   * Counts every key of `keys` and adds to `repeated` each key that reaches a count of 2 (a set,
   * not a callback: a new closure per call sent the optimized loop back to the interpreter at
   * the first repeated key, every time).
   * Far cheaper than increment() key by key inside a loop that touches a lot of other memory: the
   * keys are first put in the order of their high bits (one pass of a counting sort), so the
   * table is filled from start to end instead of at random places, one cache miss each.
   */
  addAll(keys: Int32Array, repeated: Set<number>): void {
    const ordered = byHighBits(keys);
    for (let k = 0; k < ordered.length; k++) if (this.add(ordered[k], 1) === 1) repeated.add(ordered[k]);
  }

  /** Counts `key` `n` more times; returns its count before. */
  private add(key: number, n: number): number {
    const slots = this.slots;
    const mask = this.mask;
    const stored = key + 1;
    let i = key >>> this.shift;
    for (let s = slots[2 * i]; s !== 0; s = slots[2 * i]) {
      if (s === stored) {
        const before = slots[2 * i + 1];
        slots[2 * i + 1] = before + n;
        return before;
      }
      i = (i + 1) & mask;
    }
    slots[2 * i] = stored;
    slots[2 * i + 1] = n;
    if (++this.size * 2 > mask + 1) this.grow();
    return 0;
  }

  /** Counts one `key` less; returns its count before (0 when it was not counted). */
  decrement(key: number): number {
    const slots = this.slots;
    const mask = this.mask;
    const stored = key + 1;
    let i = key >>> this.shift;
    for (let s = slots[2 * i]; s !== stored; s = slots[2 * i]) {
      if (s === 0) return 0;
      i = (i + 1) & mask;
    }
    const before = slots[2 * i + 1];
    if (before > 1) {
      slots[2 * i + 1] = before - 1;
      return before;
    }
    // Free the slot without a tombstone: move back every later entry of the same run that may
    // not sit past the hole (its home slot is not between the hole and itself).
    let hole = i;
    for (let j = (i + 1) & mask; slots[2 * j] !== 0; j = (j + 1) & mask) {
      const home = (slots[2 * j] - 1) >>> this.shift;
      const stays = hole <= j ? home > hole && home <= j : home > hole || home <= j;
      if (stays) continue;
      slots[2 * hole] = slots[2 * j];
      slots[2 * hole + 1] = slots[2 * j + 1];
      hole = j;
    }
    slots[2 * hole] = 0;
    slots[2 * hole + 1] = 0;
    this.size--;
    return 1;
  }

  private grow(): void {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2);
    const mask = slots.length / 2 - 1;
    const shift = this.shift - 1;
    for (let i = 0; i < old.length; i += 2) {
      if (old[i] === 0) continue;
      let j = (old[i] - 1) >>> shift;
      while (slots[2 * j] !== 0) j = (j + 1) & mask;
      slots[2 * j] = old[i];
      slots[2 * j + 1] = old[i + 1];
    }
    this.slots = slots;
    this.mask = mask;
    this.shift = shift;
  }
}

const ORDER_BITS = 15;

/** The 30-bit `keys`, ordered by their high ORDER_BITS bits (a counting sort: two passes, no comparisons). */
function byHighBits(keys: Int32Array): Int32Array {
  const shift = 30 - ORDER_BITS;
  const starts = new Int32Array((1 << ORDER_BITS) + 1);
  for (let k = 0; k < keys.length; k++) starts[(keys[k] >>> shift) + 1]++;
  for (let b = 1; b < starts.length; b++) starts[b] += starts[b - 1];
  const out = new Int32Array(keys.length);
  for (let k = 0; k < keys.length; k++) out[starts[keys[k] >>> shift]++] = keys[k];
  return out;
}
