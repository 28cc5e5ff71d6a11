/** Turns the validator's problems into VS Code diagnostics. */
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../constants';
import { docsUrlFor, MAX_SHOWN_PER_FILE, hiddenTotal, noteSeverity, type ShownProblems } from '../manifest';
import type { Problem, Severity } from '../manifest';

/** The code of the note that says how many problems are not shown. */
export const MORE_PROBLEMS_CODE = 'CL_MORE_PROBLEMS';

/** Problems published per file besides the note: with it, exactly what VS Code forwards. */
export const SHOWN_PROBLEMS_LIMIT = MAX_SHOWN_PER_FILE - 1;

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

export function toRange(line: number, start: number, end: number): vscode.Range {
  return new vscode.Range(line, start, line, end);
}

export function toDiagnostic(uri: vscode.Uri, problem: Problem): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(
    toRange(problem.line, problem.start, problem.end),
    problem.message,
    SEVERITY[problem.severity],
  );
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = linkedCode(problem.code);
  if (problem.related?.length) {
    diagnostic.relatedInformation = problem.related.map(
      (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, toRange(r.line, r.start, r.end)), r.message),
    );
  }
  return diagnostic;
}

/**
 * The diagnostics of a file's shown problems (see shown-problems.ts), plus, when some are left
 * out, a note at 1:1 saying how many and how to see them: first, with the severity that puts it
 * at the top of the file's problems in the Problems view (`noteSeverity`).
 */
export function toDiagnostics(uri: vscode.Uri, shown: ShownProblems): vscode.Diagnostic[] {
  const out = shown.problems.map((p) => toDiagnostic(uri, p));
  const note = moreProblemsNote(shown);
  return note ? [note, ...out] : out;
}

/** The note at 1:1 counting the problems not shown; undefined when every problem is shown. */
export function moreProblemsNote(shown: ShownProblems): vscode.Diagnostic | undefined {
  const more = hiddenTotal(shown.hidden);
  if (more === 0) return undefined;
  const { errors, warnings, information } = shown.hidden;
  const parts = [
    errors ? plural(errors, 'error') : '',
    warnings ? plural(warnings, 'warning') : '',
    information ? `${information.toLocaleString('en-US')} information` : '',
  ].filter(Boolean);
  const note = new vscode.Diagnostic(
    // An empty range at 1:1: a note about the file, not a mark on a line that may be healthy.
    toRange(0, 0, 0),
    `${plural(more, 'more problem')} (${parts.join(', ')}) not shown: VS Code shows at most ` +
      `${MAX_SHOWN_PER_FILE.toLocaleString('en-US')} per file, errors first. Fix the ones shown to see the rest, ` +
      'or list them all with the command-line linter (custom-labels lint FILE).',
    SEVERITY[noteSeverity(shown)],
  );
  note.source = DIAGNOSTIC_SOURCE;
  note.code = MORE_PROBLEMS_CODE;
  return note;
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

/** A diagnostic code; the service's codes link to the guide's explanation of them in the Problems view. */
export function linkedCode(code: string): vscode.Diagnostic['code'] {
  const docs = docsUrlFor(code);
  return docs ? { value: code, target: vscode.Uri.parse(docs) } : code;
}

/** Problems grouped by line, so a code action request finds its problems without a scan. */
export function groupByLine(problems: readonly Problem[]): Map<number, Problem[]> {
  const byLine = new Map<number, Problem[]>();
  for (const p of problems) {
    const list = byLine.get(p.line);
    if (list) list.push(p);
    else byLine.set(p.line, [p]);
  }
  return byLine;
}

/** The problem code of a diagnostic, whether it carries a link or not. */
export function diagnosticCode(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : code === undefined ? undefined : String(code);
}
