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

export function describeTotals(stats: ManifestStats): { text: string; detail: string; health: Health } {
  const text =
    `${count.format(stats.lines)} ${stats.lines === 1 ? 'line' : 'lines'} · ` +
    `${count.format(stats.labels.size)} ${stats.labels.size === 1 ? 'label' : 'labels'} · ` +
    `${formatPercent(stats.invalidPercent)}% invalid`;
  const detail =
    `${count.format(stats.invalidLines)} invalid ${stats.invalidLines === 1 ? 'line' : 'lines'}; ` +
    `the service fails an import above ${Limits.invalidShareThresholdPercent}%`;
  const health: Health =
    stats.invalidPercent > Limits.invalidShareThresholdPercent ? 'error' : stats.errors > 0 ? 'warning' : 'ok';
  return { text, detail, health };
}

/** "1 warning", "2 warnings", "1,200 entries": a count with its noun in the right number. */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${count.format(n)} ${n === 1 ? one : many}`;
}
