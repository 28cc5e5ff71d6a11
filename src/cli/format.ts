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
  invalidLines: number;
  errors: number;
  warnings: number;
}

/** `file:line:col code message`, 1-based line and column. */
export function problemLine(file: string, p: Problem): string {
  return `${file}:${p.line + 1}:${p.start + 1} ${p.code} ${p.message}`;
}

export function totalsOf(reports: FileReport[]): Totals {
  const t: Totals = { files: reports.length, lines: 0, invalidLines: 0, errors: 0, warnings: 0 };
  for (const r of reports) {
    t.lines += r.stats.lines;
    t.invalidLines += r.stats.invalidLines;
    t.errors += r.stats.errors;
    t.warnings += r.stats.warnings;
  }
  return t;
}

export function percentOf(t: Totals): number {
  return t.lines === 0 ? 0 : (t.invalidLines / t.lines) * 100;
}

export function summaryLine(t: Totals, unreadable: number): string {
  const pct = percentOf(t);
  const shown = pct === 0 ? '0' : pct < 0.1 ? '<0.1' : pct.toFixed(1);
  const n = (x: number, w: string): string => `${x.toLocaleString('en-US')} ${w}${x === 1 ? '' : 's'}`;
  return (
    `${n(t.files, 'file')}, ${n(t.lines, 'line')}, ${n(t.errors, 'error')}, ${n(t.warnings, 'warning')}, ${shown}% invalid` +
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
    summary: { ...totals, invalidPercent: percentOf(totals) },
  };
}
