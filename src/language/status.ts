/** A language status item with the active manifest's totals: lines, labels, invalid share. */
import * as vscode from 'vscode';
import { LANGUAGE_ID, LANGUAGE_STATUS_ID } from '../constants';
import { describeTotals } from '../manifest';
import type { ManifestDocuments, TrackedManifest } from './manifest-documents';

export function registerManifestStatus(context: vscode.ExtensionContext, documents: ManifestDocuments): void {
  const item = vscode.languages.createLanguageStatusItem(LANGUAGE_STATUS_ID, { language: LANGUAGE_ID });
  item.name = 'Custom Labels manifest';
  item.command = { title: 'Show Problems', command: 'workbench.actions.view.problems' };

  const show = (tracked: TrackedManifest | undefined): void => {
    if (!tracked) return;
    // Short: VS Code's hover puts text, detail and the command on one line that does not wrap.
    const { label, detail, health } = describeTotals(tracked.model.stats);
    item.text = label;
    item.detail = detail;
    item.severity =
      health === 'error'
        ? vscode.LanguageStatusSeverity.Error
        : health === 'warning'
          ? vscode.LanguageStatusSeverity.Warning
          : vscode.LanguageStatusSeverity.Information;
  };
  const active = (): TrackedManifest | undefined => {
    const uri = vscode.window.activeTextEditor?.document.uri;
    return uri && documents.get(uri);
  };

  context.subscriptions.push(
    item,
    documents.onDidUpdate((t) => {
      if (t === active()) show(t);
    }),
    vscode.window.onDidChangeActiveTextEditor(() => show(active())),
  );
  show(active());
}
