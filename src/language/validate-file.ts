/**
 * Validates a manifest on disk without opening it in an editor: VS Code does not hand files
 * over 50 MB to extensions, but the service takes manifests up to 1 GB. The file is streamed
 * line by line and its problems are published for its URI.
 */
import * as fs from 'node:fs';
import * as readline from 'node:readline';
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { countOf, describeTotals, selectShown, validateLines } from '../manifest';
import { SHOWN_PROBLEMS_LIMIT, toDiagnostics } from './diagnostics';
import type { ManifestDocuments } from './manifest-documents';
import { readLanguageSettings } from './settings';

async function* linesOf(uri: vscode.Uri, token: vscode.CancellationToken): AsyncGenerator<string> {
  if (uri.scheme === 'file') {
    const stream = fs.createReadStream(uri.fsPath, { encoding: 'utf8' });
    const reader = readline.createInterface({ input: stream, crlfDelay: Infinity });
    try {
      for await (const line of reader) {
        if (token.isCancellationRequested) return;
        yield line;
      }
    } finally {
      reader.close();
      stream.destroy();
    }
    return;
  }
  // Virtual file systems: read through the workspace file system.
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  yield* lines;
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
            const summary = await validateLines(linesOf(uri, token), readLanguageSettings().validateOptions);
            return token.isCancellationRequested ? undefined : summary;
          },
        );
        if (!result) return undefined;
        // An open editor keeps its own live diagnostics; only a closed file takes these.
        if (!documents.get(uri)) documents.diagnostics.set(uri, toDiagnostics(uri, selectShown(result.problems, SHOWN_PROBLEMS_LIMIT), 0));
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
