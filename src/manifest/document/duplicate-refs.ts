/**
 * Source-refs on more than one line, kept by delta. Lines are counted by the hash of their ref
 * (hash-counts.ts); only lines with equal hashes have their refs read again, from the owner's
 * text, and compared. Groups hold line numbers, shifted as lines come and go. Pure: no `vscode`
 * import.
 */
import { HashCounts } from './hash-counts';
import { LineFlag, type LineFacts } from './line-facts';

/** A source-ref on more than one line. */
export interface RefGroup {
  readonly ref: string;
  readonly hash: number;
  /** Its lines, in line order. */
  readonly lines: number[];
  /**
   * Later lines of the group with non-terminal errors of their own: as duplicates they are dropped
   * at import, so they count among the terminal lines and no longer among those imported with errors.
   */
  extra: number;
}

/** Words of regroupAll()'s bit set of hashes (64 Kbit: 8 KB, in the first-level cache). */
const HASH_FILTER_WORDS = 2048;

export class DuplicateRefs {
  /**
   * Lines per source-ref hash. Built in one go by the first flush() (see countAll), and kept by
   * delta from then on.
   */
  private refCounts = new HashCounts();
  private counted = false;
  /** Lines added since the last flush() whose source-ref hash was already counted: flush() groups them. */
  private readonly pending = new Set<number>();
  /** Hashes whose groups flush() rebuilds from every line holding them. */
  private readonly regroup = new Set<number>();
  /** Source-refs on more than one line. */
  readonly groups = new Map<string, RefGroup>();
  /** The same groups by hash (a hash may be shared by different refs). */
  private readonly groupsOfHash = new Map<number, RefGroup[]>();
  /** Later occurrences of a source-ref that also have non-terminal errors of their own (see RefGroup.extra). */
  laterWithErrors = 0;
  /** Later occurrences of a source-ref (lines with a ref minus distinct refs). */
  laterDuplicates = 0;
  /** Changes whenever a group changes or moves (what the duplicate problems are built from). */
  version = 0;

  /** `facts`: the lines' flags and hashes; `sourceRef`: a line's ref, read again from its text. */
  constructor(
    private readonly facts: LineFacts,
    private readonly sourceRef: (line: number) => string | undefined,
  ) {}

  /** Line `line` now holds a well-formed source-ref with hash `hash`. */
  added(line: number, hash: number): void {
    if (this.counted && this.refCounts.increment(hash) > 0) this.pending.add(line);
  }

  /** Line `line`, holding a source-ref with hash `hash`, is going away (its facts are still there). */
  removed(line: number, hash: number): void {
    if (!this.counted) this.countAll();
    this.refCounts.decrement(hash);
    const groups = this.groupsOfHash.get(hash);
    if (groups) for (const g of groups) if (this.removeFromGroup(g, line)) break;
  }

  /** Lines from `from` on moved by `delta`. */
  shift(from: number, delta: number): void {
    if (delta === 0 || this.groups.size === 0) return;
    for (const g of this.groups.values()) {
      const lines = g.lines;
      if (lines[lines.length - 1] >= from) this.version++;
      for (let k = lines.length - 1; k >= 0 && lines[k] >= from; k--) lines[k] += delta;
    }
  }

  /** Counts every line's source-ref hash now (see countAll), unless done: flush()'s first part, for a step of its own. */
  countRefs(): void {
    if (!this.counted) this.countAll();
  }

  /**
   * Brings the groups up to date. A line added next to a group of its source-ref joins it; a line
   * whose hash is shared otherwise (a new duplicate, or two refs with equal hashes) has its hash
   * regrouped from every line holding it, with one walk over the hashes of every line.
   */
  flush(): void {
    if (!this.counted) this.countAll();
    const f = this.facts;
    for (const line of this.pending) {
      if ((f.flags[line] & LineFlag.HAS_REF) === 0 || this.regroup.has(f.refHash[line])) continue;
      const ref = this.sourceRef(line);
      const g = ref === undefined ? undefined : this.groups.get(ref);
      if (g) this.addToGroup(g, line);
      else this.regroup.add(f.refHash[line]);
    }
    this.pending.clear();
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
        const ref = this.sourceRef(line);
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
    this.refCounts.addAll(hashes, this.regroup);
    this.counted = true;
  }

  /** Adds (1) or takes away (-1) what group `g` contributes to the duplicate counts. */
  private count(g: RefGroup, sign: 1 | -1): void {
    this.version++;
    this.laterDuplicates += sign * (g.lines.length - 1);
    this.laterWithErrors += sign * g.extra;
  }

  /** Later lines of a group with non-terminal errors of their own (invalid, not dropped on their own). */
  private extraOf(lines: readonly number[]): number {
    let extra = 0;
    for (let k = 1; k < lines.length; k++) {
      const flags = this.facts.flags[lines[k]];
      if ((flags & LineFlag.INVALID) !== 0 && (flags & LineFlag.DROPPED) === 0) extra++;
    }
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
