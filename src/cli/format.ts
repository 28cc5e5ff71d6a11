/** What the linter prints: one line per problem, a summary, or one JSON document. */
import type { ManifestStats, Problem } from '../manifest';

export interface FileReport {
  file: string;
  problems: Problem[];
  stats: ManifestStats;
}

export interface Totals {
  files: number;
  lines: number;
  /** Lines with terminal content errors: dropped at import (ERROR_TOO_MANY_RECORDS_IN_ERROR above 20%). */
  terminalLines: number;
  /** Lines imported with non-terminal errors: not used for training (ERROR_TOO_MANY_INVALID_ROWS_IN_MANIFEST when too many). */
  nonTerminalLines: number;
  invalidLines: number;
  errors: number;
  warnings: number;
}

/** `file:line:col code message`, 1-based line and column. */
export function problemLine(file: string, p: Problem): string {
  return `${file}:${p.line + 1}:${p.start + 1} ${p.code} ${p.message}`;
}

export function totalsOf(reports: FileReport[]): Totals {
  const t: Totals = { files: reports.length, lines: 0, terminalLines: 0, nonTerminalLines: 0, invalidLines: 0, errors: 0, warnings: 0 };
  for (const r of reports) {
    t.lines += r.stats.lines;
    t.terminalLines += r.stats.terminalLines;
    t.nonTerminalLines += r.stats.nonTerminalLines;
    t.invalidLines += r.stats.invalidLines;
    t.errors += r.stats.errors;
    t.warnings += r.stats.warnings;
  }
  return t;
}

export function percentOf(t: Totals): number {
  return t.lines === 0 ? 0 : (t.invalidLines / t.lines) * 100;
}

/** The two shares, each of what its stage sees: dropped of all lines, with errors of the imported ones. */
export function sharesOf(t: Totals): { terminalPercent: number; nonTerminalPercent: number } {
  const imported = t.lines - t.terminalLines;
  return {
    terminalPercent: t.lines === 0 ? 0 : (t.terminalLines / t.lines) * 100,
    nonTerminalPercent: imported <= 0 ? 0 : (t.nonTerminalLines / imported) * 100,
  };
}

function shown(pct: number): string {
  return pct === 0 ? '0' : pct < 0.1 ? '<0.1' : pct.toFixed(1);
}

export function summaryLine(t: Totals, unreadable: number): string {
  const { terminalPercent, nonTerminalPercent } = sharesOf(t);
  const n = (x: number, w: string): string => `${x.toLocaleString('en-US')} ${w}${x === 1 ? '' : 's'}`;
  return (
    `${n(t.files, 'file')}, ${n(t.lines, 'line')}, ${n(t.errors, 'error')}, ${n(t.warnings, 'warning')}, ` +
    `${shown(terminalPercent)}% dropped at import, ${shown(nonTerminalPercent)}% imported with errors` +
    (unreadable > 0 ? ` (${n(unreadable, 'file')} could not be read)` : '')
  );
}

/** The --json document. Maps become plain objects. */
export function jsonDocument(reports: FileReport[], failures: { file: string; message: string }[]): unknown {
  const totals = totalsOf(reports);
  return {
    files: reports.map((r) => ({
      file: r.file,
      stats: {
        ...r.stats,
        labels: Object.fromEntries(r.stats.labels),
        buckets: Object.fromEntries(r.stats.buckets),
      },
      problems: r.problems.map((p) => ({ ...p, line: p.line + 1, column: p.start + 1 })),
    })),
    unreadable: failures,
    summary: { ...totals, ...sharesOf(totals), invalidPercent: percentOf(totals) },
  };
}
