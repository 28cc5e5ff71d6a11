/** Turns the validator's problems into VS Code diagnostics. */
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../constants';
import { docsUrlFor } from '../manifest';
import type { Problem, Severity } from '../manifest';

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
