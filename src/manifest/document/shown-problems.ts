/**
 * The problems an editor can show of a file with very many: VS Code's extension host forwards at
 * most 1,000 diagnostics per file (the rest it drops, keeping errors first). Choosing them here,
 * the same way, lets the editor build only the diagnostics that will be shown and say how many
 * more there are. Pure: no `vscode` import.
 */
import type { Problem, Severity } from '../types';

/** Diagnostics VS Code's extension host forwards per file (extHostDiagnostics' maxDiagnosticsPerFile). */
export const MAX_SHOWN_PER_FILE = 1000;

export interface SeverityCounts {
  errors: number;
  warnings: number;
  information: number;
}

export interface ShownProblems {
  /** At most `limit`: errors first, then warnings, then information; by line within each. */
  problems: Problem[];
  /** The problems left out, by severity. */
  hidden: SeverityCounts;
}

export function noCounts(): SeverityCounts {
  return { errors: 0, warnings: 0, information: 0 };
}

export function countOf(counts: SeverityCounts, severity: Severity): number {
  return severity === 'error' ? counts.errors : severity === 'warning' ? counts.warnings : counts.information;
}

export function addCount(counts: SeverityCounts, severity: Severity, n: number): void {
  if (severity === 'error') counts.errors += n;
  else if (severity === 'warning') counts.warnings += n;
  else counts.information += n;
}

export function hiddenTotal(hidden: SeverityCounts): number {
  return hidden.errors + hidden.warnings + hidden.information;
}

/**
 * The severity of the note counting the problems not shown: the most severe of the file's
 * problems, shown or not. The Problems view lists a file's problems by severity, then by place:
 * the note, at 1:1 with that severity, is the first a person reads, above the errors it counts
 * past (VS Code's own note, Info at the last problem kept, sorts below them all).
 */
export function noteSeverity(shown: ShownProblems): Severity {
  const has = (s: Severity): boolean => countOf(shown.hidden, s) > 0 || shown.problems.some((p) => p.severity === s);
  return has('error') ? 'error' : has('warning') ? 'warning' : 'information';
}

/**
 * Collects problems offered in line order, keeping at most `limit` by severity, errors first.
 * `done()` says when nothing offered later can be kept, so the caller may stop walking.
 */
export class ShownCollector {
  private readonly errors: Problem[] = [];
  private readonly warnings: Problem[] = [];
  private readonly information: Problem[] = [];
  private readonly seen = noCounts();

  /** `totals`: how many problems of each severity the file has (offered or not). */
  constructor(
    private readonly limit: number,
    private readonly totals: SeverityCounts,
  ) {}

  offer(p: Problem): void {
    const s = p.severity;
    addCount(this.seen, s, 1);
    const list = s === 'error' ? this.errors : s === 'warning' ? this.warnings : this.information;
    if (list.length < this.limit) list.push(p);
  }

  /** True when every problem that can still be shown has been offered. */
  done(): boolean {
    const { errors: e, warnings: w } = this;
    if (e.length >= this.limit) return true;
    if (this.seen.errors < this.totals.errors) return false;
    if (e.length + w.length >= this.limit) return true;
    if (this.seen.warnings < this.totals.warnings) return false;
    return e.length + w.length + this.information.length >= this.limit || this.seen.information >= this.totals.information;
  }

  result(): ShownProblems {
    const problems = this.errors.concat(this.warnings, this.information).slice(0, this.limit);
    const shown = noCounts();
    for (const p of problems) addCount(shown, p.severity, 1);
    return {
      problems,
      hidden: {
        errors: this.totals.errors - shown.errors,
        warnings: this.totals.warnings - shown.warnings,
        information: this.totals.information - shown.information,
      },
    };
  }
}

/** The problems of a list sorted by line that an editor shows: see ShownCollector. */
export function selectShown(problems: readonly Problem[], limit = MAX_SHOWN_PER_FILE): ShownProblems {
  const totals = noCounts();
  for (const p of problems) addCount(totals, p.severity, 1);
  const c = new ShownCollector(limit, totals);
  for (const p of problems) {
    if (c.done()) break;
    c.offer(p);
  }
  return c.result();
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2 };

/**
 * The same choice for a stream offered in any order, that may have millions (Validate Manifest
 * File on Disk): at most `limit` kept, errors first, then warnings, then information; the rest
 * only counted.
 */
export class ShownKeeper {
  private readonly kept: Problem[][] = [[], [], []];
  private readonly hidden = noCounts();

  constructor(private readonly limit = MAX_SHOWN_PER_FILE) {}

  add(p: Problem): void {
    const rank = RANK[p.severity] ?? 2;
    // Room is what the more severe ones leave; a less severe one kept earlier may have to go.
    let above = 0;
    for (let r = 0; r < rank; r++) above += this.kept[r].length;
    if (above + this.kept[rank].length >= this.limit) {
      addCount(this.hidden, p.severity, 1);
      return;
    }
    this.kept[rank].push(p);
    let total = this.kept[0].length + this.kept[1].length + this.kept[2].length;
    for (let r = 2; total > this.limit && r > rank; r--) {
      while (total > this.limit && this.kept[r].length > 0) {
        const dropped = this.kept[r].pop()!;
        addCount(this.hidden, dropped.severity, 1);
        total--;
      }
    }
  }

  /** The kept problems, errors first, each severity in line order, and the counts left out. */
  result(): ShownProblems {
    const byLine = (a: Problem, b: Problem): number => a.line - b.line || a.start - b.start;
    return { problems: this.kept.flatMap((k) => [...k].sort(byLine)), hidden: { ...this.hidden } };
  }
}
