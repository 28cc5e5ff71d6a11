/**
 * The scene for the README screenshot (runner option --screenshot): after the tests pass, show the
 * Custom Labels explorer and a manifest with problems, tell the runner, and wait until it has
 * taken the picture. The runner waits on the rendered tree items and squiggles itself.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Views } from '../../src/constants';
import { SCREENSHOT_READY } from './screenshot-protocol';
import { closeAllEditors, openManifest, ourDiagnostics, waitForDiagnostics } from './helpers';


const SCENE_FILE = 'datasets/problems.manifest';
const WAIT_FOR_RUNNER_MS = 120_000;

export async function prepareScreenshot(doneFile: string): Promise<void> {
  await closeAllEditors();
  const document = await openManifest(SCENE_FILE);
  try {
    await waitForDiagnostics(document.uri, 'problems to show in the screenshot', (ds) => ds.length > 0);
  } catch (error) {
    console.warn(`Screenshot without problems: ${error instanceof Error ? error.message : String(error)}`);
  }
  await vscode.commands.executeCommand(`${Views.projects}.focus`);
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  await vscode.window.showTextDocument(document, { preserveFocus: false });
  console.log(`${SCREENSHOT_READY} problems=${ourDiagnostics(document.uri).length}`);
  await waitForFile(doneFile, WAIT_FOR_RUNNER_MS);
}

/** Resolves when `file` exists (fs.watch on its folder), rejects after `timeoutMs`. */
function waitForFile(file: string, timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const watcher = fs.watch(path.dirname(file), () => check());
    const timer = setTimeout(() => {
      watcher.close();
      reject(new Error(`The runner did not confirm the screenshot (${file}) within ${timeoutMs / 1000} s.`));
    }, timeoutMs);
    function check(): void {
      if (!fs.existsSync(file)) return;
      clearTimeout(timer);
      watcher.close();
      resolve();
    }
    check();
  });
}
