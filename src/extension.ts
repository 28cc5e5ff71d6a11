/**
 * Composition root: builds the pieces and registers each feature. Nothing else lives here.
 */
import * as vscode from 'vscode';
import { registerCheckTrainingCommand } from './commands/check-training-command';
import { registerConvertCommand } from './commands/convert-command';
import { registerReportDocuments } from './ui/report-document';
import { Commands } from './constants';
import { registerManifestLanguage } from './language/register';
import type { ManifestDocuments } from './language/manifest-documents';
import { registerDatasets, type DatasetsApi } from './datasets/register';

/** What activate() returns: the handles the integration tests wait on. */
export interface ExtensionApi {
  manifests: ManifestDocuments;
  log: vscode.LogOutputChannel;
  datasets: DatasetsApi;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const log = vscode.window.createOutputChannel('Custom Labels', { log: true });
  context.subscriptions.push(
    log,
    vscode.commands.registerCommand(Commands.showLogs, () => log.show()),
  );
  const manifests = registerManifestLanguage(context, log);
  const datasets = registerDatasets(context, log, manifests);
  registerReportDocuments(context);
  registerConvertCommand(context, { log });
  registerCheckTrainingCommand(context, { log });
  return { manifests, log, datasets };
}

export function deactivate(): void {
  // Every disposable is owned by context.subscriptions.
}
