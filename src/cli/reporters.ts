/**
 * What `lint` prints in each `--format`: `text` (the default: `file:line:col severity CODE message`
 * and a summary), `json` (JSON Lines; `--json` is the same), `sarif` (one SARIF 2.1.0 log on
 * standard output, the summary on standard error) and `github` (GitHub Actions annotations, then
 * the summary). A reporter turns each event of the run into text: what goes to standard output
 * (`out`, one or more lines) and what to standard error (`err`).
 */
import type { ManifestStats, Problem } from '../manifest';
import { escapeControls, fileRecord, jsonRecord, problemLine, problemRecord, summaryLine, summaryRecord, type Totals } from './format';
import { githubLine, githubUnreadable } from './github';
import { SarifWriter } from './sarif';

export const LINT_FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type LintFormat = (typeof LINT_FORMATS)[number];

export function isLintFormat(value: string): value is LintFormat {
  return (LINT_FORMATS as readonly string[]).includes(value);
}

/** A file being linted: its name in the output, and its path (undefined for standard input). */
export interface LintedFile {
  name: string;
  path?: string;
}

export interface Printed {
  out?: string;
  err?: string;
}

export interface Reporter {
  begin(): Printed;
  problem(file: LintedFile, p: Problem): string;
  fileDone(file: LintedFile, stats: ManifestStats): Printed;
  unreadable(file: LintedFile, message: string): Printed;
  end(totals: Totals, unreadable: number): Printed;
}

const NOTHING: Printed = {};
const toStderr = (message: string): Printed => ({ err: `custom-labels: ${escapeControls(message)}\n` });

export function reporterFor(format: LintFormat): Reporter {
  switch (format) {
    case 'json':
      return {
        begin: () => NOTHING,
        problem: (f, p) => jsonRecord(problemRecord(f.name, p)),
        fileDone: (f, stats) => ({ out: jsonRecord(fileRecord(f.name, stats)) }),
        unreadable: (f, message) => ({ out: jsonRecord({ type: 'unreadable', file: f.name, message }) }),
        end: (t, n) => ({ out: jsonRecord(summaryRecord(t, n)) }),
      };
    case 'sarif': {
      const sarif = new SarifWriter();
      return {
        begin: () => ({ out: sarif.begin() }),
        problem: (f, p) => sarif.result(f, p),
        fileDone: () => NOTHING,
        unreadable: (f, message) => {
          sarif.unreadable(f, message);
          return toStderr(message);
        },
        end: (t, n) => ({ out: sarif.end(summaryRecord(t, n)), err: `${summaryLine(t, n)}\n` }),
      };
    }
    case 'github':
      return {
        begin: () => NOTHING,
        problem: (f, p) => githubLine(f.name, p),
        fileDone: () => NOTHING,
        unreadable: (f, message) => ({ out: githubUnreadable(f.name, message) }),
        end: (t, n) => ({ out: summaryLine(t, n) }),
      };
    case 'text':
    default:
      return {
        begin: () => NOTHING,
        problem: (f, p) => problemLine(f.name, p),
        fileDone: () => NOTHING,
        unreadable: (_f, message) => toStderr(message),
        end: (t, n) => ({ out: summaryLine(t, n) }),
      };
  }
}
