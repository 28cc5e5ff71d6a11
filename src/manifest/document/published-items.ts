/**
 * What an editor last published of a file's shown problems (at most 999), so that publishing
 * again after an edit builds only what changed. A line's problems are the same objects while the
 * line is untouched (document.ts keeps them with the line), so the item built for a problem (a
 * VS Code Diagnostic) is kept while the problem is the same object, on the same line, with the
 * same words added to it (a file-scope problem: while its content is the same); a publish whose items are all the ones of the last one, in the same
 * order, is not a change (the editor need not send them again: a set of up to 1,000 diagnostics
 * costs the workbench's markers, decorations and Problems view every time). Pure: no `vscode`
 * import; the items are whatever the caller builds.
 */
import type { Problem } from '../types';

/**
 * What a problem is known by between two publishes: its object for a line's own problem (kept
 * with the line); its content for a file-scope one (some are built anew each time they are read).
 */
function keyOf(p: Problem): Problem | string {
  if (p.scope !== 'file') return p;
  const related = p.related?.map((r) => [r.line, r.start, r.end, r.message]);
  return JSON.stringify([p.code, p.severity, p.line, p.start, p.end, p.message, related]);
}

interface Kept<T> {
  line: number;
  extra: string;
  item: T;
}

export interface PublishedUpdate<T> {
  items: T[];
  /** False when the items are the very ones published last, in the same order. */
  changed: boolean;
  /** Items built by this update (the rest were kept). */
  built: number;
}

export class PublishedItems<T> {
  private kept = new Map<Problem | string, Kept<T>>();
  private last: readonly T[] = [];

  /**
   * The items of `problems`, in order: kept ones where the problem is unchanged, new ones from
   * `make(problem, extra)`. `extra(problem)`: words the caller adds to the problem's message
   * (part of what makes an item unchanged).
   */
  update(problems: readonly Problem[], extra: (p: Problem) => string, make: (p: Problem, extra: string) => T): PublishedUpdate<T> {
    const next = new Map<Problem | string, Kept<T>>();
    const items: T[] = new Array(problems.length);
    let built = 0;
    for (let i = 0; i < problems.length; i++) {
      const p = problems[i];
      const words = extra(p);
      const key = keyOf(p);
      let k = this.kept.get(key);
      if (!k || k.line !== p.line || k.extra !== words) {
        k = { line: p.line, extra: words, item: make(p, words) };
        built++;
      }
      next.set(key, k);
      items[i] = k.item;
    }
    const last = this.last;
    let changed = items.length !== last.length;
    for (let i = 0; !changed && i < items.length; i++) changed = items[i] !== last[i];
    this.kept = next;
    this.last = items;
    return { items, changed, built };
  }

  /** Forgets what was published (the next update builds every item and is a change). */
  clear(): void {
    this.kept = new Map();
    this.last = [];
  }
}
