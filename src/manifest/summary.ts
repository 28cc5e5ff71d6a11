/** One-line summaries of a manifest's totals, for the status item and the linter. Pure. */
import { Limits } from './codes';
import type { ManifestStats } from './types';

/** Built on first use: creating a number format costs more than anything else this module does at load. */
let format: Intl.NumberFormat | undefined;
const count = {
  format(n: number): string {
    format ??= new Intl.NumberFormat('en-US');
    return format.format(n);
  },
};

export type Health = 'ok' | 'warning' | 'error';

/** "0", "<0.1" or one decimal: a share shown next to the service's 20% threshold. */
export function formatPercent(percent: number): string {
  if (percent === 0) return '0';
  if (percent < 0.1) return '<0.1';
  return percent.toFixed(1);
}

const lines = (n: number): string => `${count.format(n)} ${n === 1 ? 'line' : 'lines'}`;

/**
 * The totals with the two shares of lines with errors, each at its stage: dropped at import
 * (terminal content errors; above 20% the import fails) and imported with errors (not used for
 * training; too many fail training). `text` says it all on one line (Validate on Disk's verdict);
 * the language status item shows `label` and `detail`, short enough for its hover to fit in the
 * window (the thresholds and their codes are in the whole-file problems).
 */
export function describeTotals(stats: ManifestStats): { text: string; label: string; detail: string; health: Health } {
  const threshold = Limits.invalidShareThresholdPercent;
  const label = `${lines(stats.lines)} · ${count.format(stats.labels.size)} ${stats.labels.size === 1 ? 'label' : 'labels'}`;
  const detail = `${formatPercent(stats.terminalPercent)}% dropped · ${formatPercent(stats.nonTerminalPercent)}% with errors`;
  const text = `${label} · ${detail}`;
  const over = stats.terminalPercent > threshold || stats.nonTerminalPercent > threshold;
  const health: Health = over ? 'error' : stats.errors > 0 ? 'warning' : 'ok';
  return { text, label, detail, health };
}

/** "1 warning", "2 warnings", "1,200 entries": a count with its noun in the right number. */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${count.format(n)} ${n === 1 ? one : many}`;
}
