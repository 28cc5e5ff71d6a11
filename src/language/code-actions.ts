/** Quick fixes for the manifest's diagnostics, keyed on the problem code. */
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../constants';
import { fixesFor, type Fix } from '../manifest';
import { diagnosticCode } from './diagnostics';
import type { ManifestDocuments } from './manifest-documents';

export class ManifestCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
  };

  constructor(private readonly documents: ManifestDocuments) {}

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const tracked = this.documents.get(document.uri);
    if (!tracked) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const code = diagnosticCode(diagnostic);
      const problem = tracked.published
        .get(diagnostic.range.start.line)
        ?.find(
          (p) =>
            p.code === code && p.start === diagnostic.range.start.character && p.end === diagnostic.range.end.character,
        );
      if (!problem) continue;
      const fixes = fixesFor(problem, {
        lineText: (i) => (i >= 0 && i < document.lineCount ? document.lineAt(i).text : ''),
        lineCount: document.lineCount,
        labels: tracked.model.labels(),
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
