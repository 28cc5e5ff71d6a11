import * as vscode from 'vscode';
import { waitFor } from './helpers';

/**
 * Reverts and closes the untitled documents, waiting until the extension host has seen each
 * close: the next untitled document reuses the name (Untitled-1), and one opened before the
 * close arrives would be handed the old document.
 */
export async function closeUntitled(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((d) => d.isUntitled && !d.isClosed)) {
    const closed = waitFor(`${document.uri.toString()} to close`, [vscode.workspace.onDidCloseTextDocument], () => (document.isClosed ? true : undefined));
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await closed;
  }
}
