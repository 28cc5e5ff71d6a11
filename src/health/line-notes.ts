/**
 * The findings of a health report as notes on the lines of one manifest, for an editor to show as
 * diagnostics: warnings where something should change (a leak, a duplicate, a box the service
 * rejects), information otherwise; each says what the line has to do with the finding, and for
 * images seen elsewhere, where (the other lines, in this file and the other one). A finding about
 * a file as a whole (no lines) goes on its first line. Pure: no `vscode` import.
 */
import type { DatasetName, HealthFinding, HealthReport } from './check-health';

export interface LineNote {
  /** 1-based. */
  line: number;
  severity: 'warning' | 'information';
  code: HealthFinding['code'];
  message: string;
}

/** Other lines named in a note at most. */
const SHOWN = 5;

export function lineNotes(report: HealthReport, dataset: DatasetName): LineNote[] {
  const out: LineNote[] = [];
  const other: DatasetName = dataset === 'train' ? 'test' : 'train';
  const fileName = (d: DatasetName) => (d === 'train' ? 'the training manifest' : 'the test manifest');
  for (const f of report.findings) {
    const mine = f.lines[dataset];
    if (!mine) continue;
    const severity = f.severity === 'info' ? 'information' : 'warning';
    if (mine.length === 0) {
      out.push({ line: 1, severity, code: f.code, message: `${f.message} ${f.action}` });
      continue;
    }
    const together = /DUPLICATE|LEAK/.test(f.code);
    for (const line of mine) {
      let message = f.message;
      if (together) {
        const here = mine.filter((l) => l !== line);
        const there = f.lines[other] ?? [];
        const parts = [];
        if (here.length > 0) parts.push(`line${here.length === 1 ? '' : 's'} ${list(here)} of this manifest`);
        if (there.length > 0) parts.push(`line${there.length === 1 ? '' : 's'} ${list(there)} of ${fileName(other)}`);
        message = `${/NEAR/.test(f.code) ? 'Looks the same as' : 'The same image as'} ${parts.join(' and ')}. ${f.message}`;
      }
      out.push({ line, severity, code: f.code, message: `${message} ${f.action}` });
    }
  }
  return out.sort((a, b) => a.line - b.line);
}

function list(lines: number[]): string {
  return lines.slice(0, SHOWN).join(', ') + (lines.length > SHOWN ? `, ... (${lines.length})` : '');
}
