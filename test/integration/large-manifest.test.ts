import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
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
});
