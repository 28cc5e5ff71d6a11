/**
 * What the linter prints: one line per problem and a summary, or JSON Lines. Everything taken
 * from a manifest (messages quote its values; file names) is escaped, so that no manifest can
 * print a line of its own (a forged summary) or a terminal escape sequence.
 */
import { countText, type ManifestStats, type Problem } from '../manifest';

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

/**
 * C0 and C1 control characters (ESC, CSI, BEL, CR, LF, ...), DEL, the Unicode line and paragraph
 * separators and the bidirectional overrides (which reorder what a terminal shows).
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `text` with every unsafe character written as an escape (`\n`, `\u001b`, ...). */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, (c) => SHORT[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `file:line:col severity code message`, 1-based line and column. */
export function problemLine(file: string, p: Problem): string {
  return `${escapeControls(file)}:${p.line + 1}:${p.start + 1} ${p.severity} ${p.code} ${escapeControls(p.message)}`;
}

export function emptyTotals(): Totals {
  return { files: 0, lines: 0, terminalLines: 0, nonTerminalLines: 0, invalidLines: 0, errors: 0, warnings: 0 };
}

export function addStats(t: Totals, stats: ManifestStats): void {
  t.files++;
  t.lines += stats.lines;
  t.terminalLines += stats.terminalLines;
  t.nonTerminalLines += stats.nonTerminalLines;
  t.invalidLines += stats.invalidLines;
  t.errors += stats.errors;
  t.warnings += stats.warnings;
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
  const n = (x: number, w: string): string => `${countText(x)} ${w}${x === 1 ? '' : 's'}`;
  return (
    `${n(t.files, 'file')}, ${n(t.lines, 'line')}, ${n(t.errors, 'error')}, ${n(t.warnings, 'warning')}, ` +
    `${shown(terminalPercent)}% dropped at import, ${shown(nonTerminalPercent)}% imported with errors` +
    (unreadable > 0 ? ` (${n(unreadable, 'file')} could not be read)` : '')
  );
}

/**
 * One JSON Lines record. JSON.stringify escapes C0 controls; the others a terminal acts on (C1,
 * line separators, bidi overrides) are escaped too, which keeps the JSON the same value.
 */
export function jsonRecord(value: unknown): string {
  return escapeControls(JSON.stringify(value));
}

/** Keys of `Problem.data` that hold 0-based line numbers (one, or a list). */
const LINE_KEYS = ['firstLine', 'duplicateLines'];

/** A problem as --json prints it: every line number 1-based, `column` / `endColumn` 1-based. */
export function problemRecord(file: string, p: Problem): Record<string, unknown> {
  const rec: Record<string, unknown> = {
    type: 'problem',
    file,
    line: p.line + 1,
    column: p.start + 1,
    endColumn: p.end + 1,
    severity: p.severity,
    code: p.code,
    message: p.message,
    scope: p.scope,
  };
  if (p.related) rec.related = p.related.map((r) => ({ line: r.line + 1, column: r.start + 1, endColumn: r.end + 1, message: r.message }));
  if (p.data) {
    const data: Record<string, unknown> = { ...p.data };
    for (const k of LINE_KEYS) {
      const v = data[k];
      if (typeof v === 'number') data[k] = v + 1;
      else if (Array.isArray(v)) data[k] = v.map((x) => (typeof x === 'number' ? x + 1 : x));
    }
    rec.data = data;
  }
  return rec;
}

/** The record that closes a file: its statistics (maps as plain objects). */
export function fileRecord(file: string, stats: ManifestStats): Record<string, unknown> {
  return {
    type: 'file',
    file,
    stats: { ...stats, labels: Object.fromEntries(stats.labels), buckets: Object.fromEntries(stats.buckets) },
  };
}

export function summaryRecord(t: Totals, unreadable: number): Record<string, unknown> {
  return { type: 'summary', ...t, ...sharesOf(t), invalidPercent: percentOf(t), unreadable };
}
