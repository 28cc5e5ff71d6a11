import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../../src/constants';
import type { ExtensionApi } from '../../src/extension';
import { manifestWithErrors } from '../bench/generate';
import { EXTENSION_ID, closeAllEditors, codeOf, openManifest, waitFor, waitForDiagnostics, workspaceFile } from './helpers';

/** Lines of the generated manifest: enough for many steps of validation (CUSTOM_LABELS_TEST_LINES to measure a larger one). */
const LINES = Number(process.env.CUSTOM_LABELS_TEST_LINES) || 30_000;

describe('a large manifest', () => {
  afterEach(closeAllEditors);

  it('is validated in steps that yield to the editor, then its problems are published', async () => {
    const api = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)?.exports;
    assert.ok(api, 'the extension is active');
    const file = 'datasets/large.manifest';
    // Error lines spread over the file, fewer than VS Code shows, and one more at the end.
    const lines = manifestWithErrors(LINES, 300);
    lines.push('{broken');
    await vscode.workspace.fs.writeFile(workspaceFile(file), Buffer.from(lines.join('\n') + '\n'));
    const document = await openManifest(file);
    const validation = await waitFor('the validation of the whole text', [api.manifests.onDidUpdate], () => api.manifests.get(document.uri)?.lastValidation);
    console.log(`    ${LINES.toLocaleString('en-US')} lines: ${JSON.stringify(validation)}`);
    assert.ok(validation.steps > 1, `validated in ${validation.steps} steps`);
    const diagnostics = await waitForDiagnostics(document.uri, 'the error on the last line', (ds) => ds.some((d) => d.range.start.line === LINES));
    assert.equal(codeOf(diagnostics.find((d) => d.range.start.line === LINES)!), 'ERROR_INVALID_JSON_LINE');
  });

  it('an edit made while the file is being validated waits its turn and is applied', async () => {
    const api = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)?.exports;
    assert.ok(api, 'the extension is active');
    // Whether the edit reaches the extension host before the last step is up to the machine's
    // load: each attempt checks the result, and a larger file is tried when the edit came late.
    const arrivals: boolean[] = [];
    for (let attempt = 1; attempt <= 3 && !arrivals.includes(true); attempt++) {
      arrivals.push(await editWhileValidating(api, `datasets/large-edited-${attempt}.manifest`, 2 * attempt * LINES));
    }
    assert.ok(arrivals.includes(true), `the edit arrived while the file was still being validated in one of ${arrivals.length} attempts (else this test proves nothing)`);
  });
});

/** Opens a file of `n` lines, inserts a broken line at the top as soon as it is a manifest, and waits for both errors. */
async function editWhileValidating(api: ExtensionApi, file: string, n: number): Promise<boolean> {
  const lines = manifestWithErrors(n, 0);
  lines.push('{broken');
  await vscode.workspace.fs.writeFile(workspaceFile(file), Buffer.from(lines.join('\n') + '\n'));
  let whileValidating: boolean | undefined;
  const seen = vscode.workspace.onDidChangeTextDocument((e) => {
    if (e.document.uri.path.endsWith(file)) whileValidating ??= api.manifests.get(e.document.uri)?.stepping !== undefined;
  });
  try {
    // Opened without an editor: the edit goes out as soon as the document is a manifest, while the steps run.
    const uri = workspaceFile(file);
    await vscode.workspace.openTextDocument(uri);
    const document = await waitFor(`${file} as language '${LANGUAGE_ID}'`, [vscode.workspace.onDidOpenTextDocument], () =>
      vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && d.languageId === LANGUAGE_ID),
    );
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(0, 0), '{broken\n');
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    const atLine = (ds: vscode.Diagnostic[], line: number): boolean => ds.some((d) => d.range.start.line === line && codeOf(d) === 'ERROR_INVALID_JSON_LINE');
    await waitForDiagnostics(document.uri, 'the inserted error on line 1 and the last error one line down', (ds) => atLine(ds, 0) && atLine(ds, n + 1));
    return whileValidating === true;
  } finally {
    seen.dispose();
    await closeAllEditors();
  }
}
