/**
 * Opens `*.manifest` files that hold JSON Lines as Custom Labels manifests, and leaves XML
 * application manifests alone; an empty one is decided by the first character typed into it.
 * Each file is decided once while it is open, so a language the user picks by hand afterwards is
 * never switched back (VS Code changes a language by closing and opening the document in one
 * turn); closed for good and opened again, it is decided again (it was Plain Text on reopening). Files the user treated as manifests
 * (the command) are remembered in the workspace state: closed and reopened, they are manifests
 * again, until the user picks another language for them by hand.
 */
import * as vscode from 'vscode';
import { Commands, LANGUAGE_ID } from '../constants';
import { isManifestPath, looksLikeJsonLines } from '../manifest';

/** Languages VS Code may have given a `.manifest` file before we look at its content. */
const GUESSED_LANGUAGES: ReadonlySet<string> = new Set(['plaintext', 'xml', 'json', 'jsonl', 'jsonlines']);
/** Workspace state: URIs the user treated as manifests with the command. */
const TREATED_KEY = 'customLabels.treatedAsManifest';
const MAX_REMEMBERED = 500;

export function registerManifestDetection(
  context: vscode.ExtensionContext,
  enabled: () => boolean,
  log: vscode.LogOutputChannel,
): void {
  const decided = new Set<string>();
  const treated = new Set<string>(context.workspaceState.get<string[]>(TREATED_KEY, []));
  const remember = (key: string, on: boolean): void => {
    if (on === treated.has(key)) return;
    if (on) treated.add(key);
    else treated.delete(key);
    void context.workspaceState.update(TREATED_KEY, [...treated].slice(-MAX_REMEMBERED));
  };
  // A language change is a close then an open of the same document in one go: a treated file
  // that closes as a manifest and opens in the same turn as something else was changed by hand.
  const justClosedAsManifest = new Set<string>();
  /** `.manifest` files opened empty: decided on the first edit that gives them content. */
  const empty = new Set<string>();
  /** Closed in this turn: forgotten after it, unless opened again in it (a language change). */
  const closing = new Set<string>();

  const consider = async (document: vscode.TextDocument): Promise<void> => {
    const key = document.uri.toString();
    if (treated.has(key) && document.languageId !== LANGUAGE_ID) {
      if (justClosedAsManifest.has(key)) {
        remember(key, false);
        return;
      }
      try {
        await vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
        decided.add(key);
      } catch (error) {
        log.warn(`Could not set the language of ${key}: ${String(error)}`);
      }
      return;
    }
    if (!enabled() || decided.has(key) || !isManifestPath(document.uri.path)) return;
    if (document.languageId === LANGUAGE_ID || !GUESSED_LANGUAGES.has(document.languageId)) {
      decided.add(key);
      return;
    }
    const head = document.getText(new vscode.Range(0, 0, Math.min(document.lineCount, 5), 0));
    if (head.trim() === '') {
      // A new, empty file: JSON Lines or XML is told by its first character, so decide then.
      empty.add(key);
      return;
    }
    empty.delete(key);
    decided.add(key);
    if (!looksLikeJsonLines(head)) return;
    try {
      await vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
      log.info(`Opened ${document.uri.fsPath || key} as a Custom Labels manifest`);
    } catch (error) {
      log.warn(`Could not set the language of ${key}: ${String(error)}`);
    }
  };

  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument((d) => {
      // Closed and opened in one turn: a language change, whose choice stands.
      closing.delete(d.uri.toString());
      void consider(d);
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (empty.has(e.document.uri.toString()) && e.contentChanges.some((c) => c.text.trim() !== '')) void consider(e.document);
    }),
    vscode.workspace.onDidCloseTextDocument((d) => {
      const key = d.uri.toString();
      empty.delete(key);
      if (decided.has(key)) {
        closing.add(key);
        setTimeout(() => {
          if (closing.delete(key)) decided.delete(key);
        }, 0);
      }
      if (d.languageId !== LANGUAGE_ID || !treated.has(key)) return;
      justClosedAsManifest.add(key);
      setTimeout(() => justClosedAsManifest.delete(key), 0);
    }),
    vscode.commands.registerCommand(Commands.treatAsManifest, async (uri?: vscode.Uri) => {
      const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
      if (!document) {
        void vscode.window.showInformationMessage('Open a JSON Lines file first, then run "Treat File as Custom Labels Manifest".');
        return;
      }
      const name = vscode.workspace.asRelativePath(document.uri);
      const head = document.getText(new vscode.Range(0, 0, Math.min(document.lineCount, 5), 0));
      if (head.trim() !== '' && !looksLikeJsonLines(head)) {
        const go = await vscode.window.showWarningMessage(
          `${name} does not look like JSON Lines (one JSON object per line). Treat it as a Custom Labels manifest anyway?`,
          { modal: true },
          'Treat as Manifest',
        );
        if (go !== 'Treat as Manifest') return undefined;
      }
      decided.add(document.uri.toString());
      remember(document.uri.toString(), true);
      const manifest = await vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
      void vscode.window.setStatusBarMessage(`${name} is checked as a Custom Labels manifest`, 4000);
      return manifest;
    }),
  );
  for (const d of vscode.workspace.textDocuments) void consider(d);
}
