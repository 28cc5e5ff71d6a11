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
