/** The findings as plain text, one finding and its "what to do" per pair of lines. Pure: no `vscode` import. */
import type { TrainingReport } from './check-training';

/** `train` and `test` name the datasets (file paths, or "<project> training dataset"). */
export function textReport(report: TrainingReport, train: string, test?: string): string {
  const out: string[] = [];
  const file = (d: string) => (d === 'train' ? train : d === 'test' ? test ?? '' : `${train} + ${test ?? ''}`);
  for (const f of report.findings) {
    out.push(`${file(f.dataset)}: ${f.severity} ${f.code} ${f.message}`);
    out.push(`  what to do: ${f.action}`);
  }
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const warnings = report.findings.length - errors;
  const sizes = `training ${report.train.imported} lines, ${report.train.labels.size} labels` +
    (report.test ? `; test ${report.test.imported} lines, ${report.test.labels.size} labels` : '; no test manifest (20% split off at training)');
  out.push(`model type: ${report.modelType} (${report.modelTypeReason})`);
  out.push(`${sizes}; ${errors === 0 ? 'no training errors predicted' : `${errors} training error${errors === 1 ? '' : 's'} predicted`}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
  return out.join('\n') + '\n';
}
