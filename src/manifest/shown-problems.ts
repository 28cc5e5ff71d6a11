/**
 * The problems worth showing of a stream that may have millions: at most `max` kept, errors
 * first, then warnings, then information, each in the order found; the rest only counted.
 * VS Code's extension host forwards at most 1,000 diagnostics per file, so the on-disk
 * validation keeps no more than it can show. Pure: no `vscode` import.
 */
import type { Problem, Severity } from './types';

const RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2 };

export class ShownProblems {
  private readonly kept: Problem[][] = [[], [], []];
  /** Problems seen but not kept. */
  hidden = 0;

  constructor(private readonly max = 1000) {}

  add(p: Problem): void {
    const rank = RANK[p.severity] ?? 2;
    // Room is what the more severe ones leave; a less severe one kept earlier may have to go.
    let above = 0;
    for (let r = 0; r < rank; r++) above += this.kept[r].length;
    if (above + this.kept[rank].length >= this.max) {
      this.hidden++;
      return;
    }
    this.kept[rank].push(p);
    let total = this.kept[0].length + this.kept[1].length + this.kept[2].length;
    for (let r = 2; total > this.max && r > rank; r--) {
      while (total > this.max && this.kept[r].length > 0) {
        this.kept[r].pop();
        this.hidden++;
        total--;
      }
    }
  }

  /** The kept problems, errors first, each severity in line order. */
  list(): Problem[] {
    const byLine = (a: Problem, b: Problem): number => a.line - b.line || a.start - b.start;
    return this.kept.flatMap((k) => [...k].sort(byLine));
  }
}
