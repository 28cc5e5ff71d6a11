/**
 * Shared helpers for the suites that run inside the extension host. Bundled into each suite
 * by esbuild (this file is not a suite: only `*.test.ts` files are).
 * Waits are on VS Code events, never fixed delays; every wait has a timeout whose message says
 * what was awaited and what was seen last.
 */
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, LANGUAGE_ID } from '../../src/constants';
import pkg from '../../package.json';

/** `<publisher>.<name>` from package.json. */
export const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;

/** How long a wait may take before it fails (ms). Generous: the workbench runs on 2 slow cores in CI. */
export const WAIT_MS = Number(process.env.CUSTOM_LABELS_TEST_WAIT_MS) || 30_000;

/**
 * Resolves with `check()`'s first non-undefined result, checking now and after each event.
 * Rejects after `timeoutMs` with "Timed out after N s waiting for <what>" and `describe()`'s view
 * of the current state.
 */
export function waitFor<T>(
  what: string,
  events: readonly vscode.Event<unknown>[],
  check: () => T | undefined,
  describe: () => string = () => '',
  timeoutMs = WAIT_MS,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const subscriptions: vscode.Disposable[] = [];
    let done = false;
    const finish = (): void => {
      done = true;
      clearTimeout(timer);
      for (const s of subscriptions) s.dispose();
    };
    const test = (): void => {
      if (done) return;
      let value: T | undefined;
      try {
        value = check();
      } catch (error) {
        finish();
        reject(error);
        return;
      }
      if (value !== undefined) {
        finish();
        resolve(value);
      }
    };
    const timer = setTimeout(() => {
      if (done) return;
      finish();
      const state = describe();
      reject(new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}.${state ? ` Last seen: ${state}` : ''}`));
    }, timeoutMs);
    for (const event of events) subscriptions.push(event(() => test()));
    test();
  });
}

/** The problem code of a diagnostic, whether it is a plain value or `{ value, target }`. */
export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** Our diagnostics for a document (source "Custom Labels"). */
export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
}

/** One line per diagnostic, for timeout messages. */
export function describeDiagnostics(uri: vscode.Uri): string {
  const all = vscode.languages.getDiagnostics(uri);
  if (all.length === 0) return `no diagnostics on ${uri.path}`;
  return all.map((d) => `[${d.source ?? '?'} ${codeOf(d) ?? '-'} line ${d.range.start.line + 1}] ${d.message}`).join('; ');
}

/** Waits until the document's diagnostics satisfy `predicate`; resolves with them. */
export function waitForDiagnostics(
  uri: vscode.Uri,
  what: string,
  predicate: (diagnostics: vscode.Diagnostic[]) => boolean,
): Promise<vscode.Diagnostic[]> {
  return waitFor(
    `${what} on ${uri.path}`,
    [vscode.languages.onDidChangeDiagnostics],
    () => {
      const diagnostics = ourDiagnostics(uri);
      return predicate(diagnostics) ? diagnostics : undefined;
    },
    () => describeDiagnostics(uri),
  );
}

/** A file of the (copied) fixture workspace, `test/fixtures/workspace/<relative>`. */
export function workspaceFile(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    throw new Error('No workspace folder is open: the runner must open a copy of test/fixtures/workspace.');
  }
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

/** Opens a file in an editor and waits until it carries the manifest language. */
export async function openManifest(relative: string): Promise<vscode.TextDocument> {
  const uri = workspaceFile(relative);
  const opened = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(opened, { preview: false });
  const find = (): vscode.TextDocument | undefined =>
    vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && d.languageId === LANGUAGE_ID);
  return waitFor(
    `${relative} to open as language '${LANGUAGE_ID}'`,
    [vscode.workspace.onDidOpenTextDocument, vscode.window.onDidChangeActiveTextEditor],
    find,
    () => `language '${vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.languageId ?? 'not open'}'`,
  );
}

/**
 * Reverts the workspace files a suite edited and closes every editor, so the next suite starts
 * clean. Only files inside the workspace folder are reverted: documents the workbench keeps for
 * itself (the user settings.json the extension may update) are left alone.
 */
export async function closeAllEditors(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.toString();
  const edited = vscode.workspace.textDocuments.filter(
    (d) => d.isDirty && !d.isClosed && folder !== undefined && d.uri.toString().startsWith(`${folder}/`),
  );
  for (const document of edited) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
