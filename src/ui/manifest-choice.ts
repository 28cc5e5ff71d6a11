/**
 * The manifest a command (Show Gallery, Open Preview to the Side) works on when it is run while
 * no manifest editor is active (issue #21 item 7): the person chooses among the manifests they
 * have, the ones in visible editors first, then the other open documents in the manifest
 * language, then the workspace's `*.manifest` files. Only when there is none does the command say
 * to open one.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../constants';

/** At most this many workspace files are offered (the open manifests always are). */
const MAX_FILES = 50;

interface Choice extends vscode.QuickPickItem {
  uri: vscode.Uri;
}

/** The manifest to work on: the person's choice, or undefined (after `none` is said when there is nothing to choose, or silently when they cancel). */
export async function chooseManifest(title: string, none: string): Promise<vscode.Uri | undefined> {
  const seen = new Set<string>();
  const choices: Choice[] = [];
  const add = (uri: vscode.Uri, detail: string): void => {
    const key = uri.toString();
    if (seen.has(key)) return;
    seen.add(key);
    const relative = uri.scheme === 'file' ? vscode.workspace.asRelativePath(uri, false) : uri.path;
    choices.push({ label: path.posix.basename(uri.path), description: relative, detail, uri });
  };
  for (const e of vscode.window.visibleTextEditors) if (e.document.languageId === LANGUAGE_ID) add(e.document.uri, 'Shown in an editor');
  for (const d of vscode.workspace.textDocuments) if (d.languageId === LANGUAGE_ID && !d.isClosed) add(d.uri, 'Open');
  const files = await vscode.workspace.findFiles('**/*.manifest', '**/node_modules/**', MAX_FILES).then(
    (found) => found.sort((a, b) => a.path.localeCompare(b.path)),
    () => [] as vscode.Uri[],
  );
  for (const f of files) add(f, 'In the workspace');
  if (choices.length === 0) {
    void vscode.window.showInformationMessage(none);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(choices, { title: `${title}: which manifest?`, placeHolder: 'The active editor is not a Custom Labels manifest: choose one', matchOnDescription: true });
  return picked?.uri;
}
