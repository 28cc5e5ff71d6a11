/**
 * Validates a manifest on disk without opening it in an editor: VS Code does not hand files
 * over 50 MB to extensions, but the service takes manifests up to 1 GB. The file is streamed
 * line by line and its problems are published for its URI.
 */
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { ShownKeeper, countOf, decodeLines, describeTotals, fileLineBatches, validateStream, type LineBatch } from '../manifest';
import { SHOWN_PROBLEMS_LIMIT, toDiagnostics } from './diagnostics';
import type { ManifestDocuments } from './manifest-documents';
import { readLanguageSettings } from './settings';

/** The file's lines, split and decoded as the linter does (lines.ts); stops when cancelled. */
async function* linesOf(uri: vscode.Uri, token: vscode.CancellationToken): AsyncGenerator<LineBatch> {
  if (uri.scheme === 'file') {
    const batches = fileLineBatches(uri.fsPath);
    try {
      for await (const batch of batches) {
        if (token.isCancellationRequested) return;
        yield batch;
      }
    } finally {
      await batches.return(undefined);
    }
    return;
  }
  // Virtual file systems: read through the workspace file system.
  yield decodeLines(await vscode.workspace.fs.readFile(uri));
}

export function registerValidateFile(
  context: vscode.ExtensionContext,
  documents: ManifestDocuments,
  log: vscode.LogOutputChannel,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.validateFile, async (target?: vscode.Uri) => {
      const uri =
        target ??
        (
          await vscode.window.showOpenDialog({
            canSelectMany: false,
            openLabel: 'Validate',
            title: 'Validate a Custom Labels manifest',
            filters: { Manifests: ['manifest', 'jsonl', 'json'], 'All files': ['*'] },
          })
        )?.[0];
      if (!uri) return undefined;
      const name = uri.path.split('/').pop() ?? uri.toString();
      try {
        const result = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: `Validating ${name}`, cancellable: true },
          async (_progress, token) => {
            // Problems are not all kept: a 1 GB file may have millions, VS Code shows 1,000.
            const shown = new ShownKeeper(SHOWN_PROBLEMS_LIMIT);
            const stats = await validateStream(linesOf(uri, token), readLanguageSettings().validateOptions, (p) => shown.add(p));
            return token.isCancellationRequested ? undefined : { shown: shown.result(), stats };
          },
        );
        if (!result) return undefined;
        // An open editor keeps its own live diagnostics; only a closed file takes these.
        if (!documents.get(uri)) documents.diagnostics.set(uri, toDiagnostics(uri, result.shown));
        const { text } = describeTotals(result.stats);
        const verdict = `${name}: ${text}; ${countOf(result.stats.errors, 'error')}, ${countOf(result.stats.warnings, 'warning')}.`;
        log.info(verdict);
        if (result.stats.errors > 0) {
          void vscode.window
            .showWarningMessage(verdict, 'Show Problems')
            .then((pick) => pick && vscode.commands.executeCommand('workbench.actions.view.problems'));
        } else {
          void vscode.window.showInformationMessage(verdict);
        }
        return result.stats;
      } catch (error) {
        log.error(`Validating ${uri.toString()} failed`, error);
        void vscode.window
          .showErrorMessage(`Could not validate ${name}: ${error instanceof Error ? error.message : String(error)}. Check that the file exists and is readable.`, 'Show Logs')
          .then((pick) => pick && log.show());
        return undefined;
      }
    }),
  );
}
