/**
 * Quick fixes for the manifest's diagnostics, keyed on the problem code. By default the
 * validator's problems (what the document published); another source of diagnostics (Check
 * Images) registers its own instance with the problems its diagnostics were made of.
 */
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../constants';
import { fixesFor, type Fix, type Problem } from '../manifest';
import { diagnosticCode } from './diagnostics';
import type { ManifestDocuments } from './manifest-documents';

export class ManifestCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
  };

  /** `problemsAt`: the problems behind the diagnostics on a line (default: the validator's). */
  constructor(
    private readonly documents: ManifestDocuments,
    private readonly problemsAt?: (uri: vscode.Uri, line: number) => readonly Problem[] | undefined,
  ) {}

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const tracked = this.documents.get(document.uri);
    if (!tracked && !this.problemsAt) return [];
    const problemsAt = this.problemsAt ?? ((_uri: vscode.Uri, line: number) => tracked?.published.get(line));
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const code = diagnosticCode(diagnostic);
      const problem = problemsAt(document.uri, diagnostic.range.start.line)
        ?.find(
          (p) =>
            p.code === code && p.start === diagnostic.range.start.character && p.end === diagnostic.range.end.character,
        );
      if (!problem) continue;
      const fixes = fixesFor(problem, {
        lineText: (i) => (i >= 0 && i < document.lineCount ? document.lineAt(i).text : ''),
        lineCount: document.lineCount,
        labels: tracked?.model.labels() ?? [],
      });
      for (const fix of fixes) actions.push(this.toAction(document, diagnostic, fix));
    }
    return actions;
  }

  private toAction(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, fix: Fix): vscode.CodeAction {
    const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    action.isPreferred = fix.isPreferred ?? false;
    const edit = new vscode.WorkspaceEdit();
    for (const e of fix.edits) {
      const range = document.validateRange(
        new vscode.Range(e.start.line, e.start.character, e.end.line, e.end.character),
      );
      edit.replace(document.uri, range, e.newText);
    }
    action.edit = edit;
    return action;
  }
}
