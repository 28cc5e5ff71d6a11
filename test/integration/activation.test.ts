import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, LANGUAGE_ID } from '../../src/constants';
import type { ExtensionApi } from '../../src/extension';
import { classificationLine, writeWorkspaceFile } from './explorer-helpers';
import { EXTENSION_ID, closeAllEditors, openManifest, workspaceFile } from './helpers';

describe('activation', () => {
  after(closeAllEditors);

  it('runs with the test environment the runner passes to the extension host', () => {
    assert.equal(process.env.CUSTOM_LABELS_TEST, '1');
  });

  it('activates when a .manifest file of the workspace is opened', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is not installed in the workbench`);
    const document = await vscode.workspace.openTextDocument(workspaceFile('datasets/train.manifest'));
    await vscode.window.showTextDocument(document);
    // Resolves once activate() has returned; rejects if activation threw.
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it(`opens a .manifest file holding JSON Lines as '${LANGUAGE_ID}'`, async () => {
    const document = await openManifest('datasets/train.manifest');
    assert.equal(document.languageId, LANGUAGE_ID);
  });

  it('does not connect to AWS or start the sandbox until the Projects view or a command needs it', async () => {
    // This suite runs first (files are sorted), before any suite shows the view or runs a command.
    const api = (await vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)?.activate())?.datasets;
    assert.ok(api, 'activate() returns the datasets API');
    assert.equal(api.connection.state.kind, 'idle', 'opening a manifest must not connect');
    assert.equal(api.connection.service, undefined);
    await api.ensureConnected();
    assert.notEqual(api.connection.state.kind, 'idle', 'ensureConnected() connects');
  });

  it('"Treat File as Custom Labels Manifest" switches a JSON Lines file of another extension to the manifest language', async () => {
    const uri = await writeWorkspaceFile('datasets/labels.jsonl', [classificationLine(1, 'finch'), classificationLine(2, 'sparrow')]);
    const document = await vscode.workspace.openTextDocument(uri);
    assert.notEqual(document.languageId, LANGUAGE_ID, 'a .jsonl file is not claimed on its own');
    const switched = await vscode.commands.executeCommand<vscode.TextDocument | undefined>(Commands.treatAsManifest, uri);
    assert.equal(switched?.languageId, LANGUAGE_ID);
  });

  it('returns the API the tests wait on from activate() (manifests, log)', async () => {
    const api: unknown = await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    assert.ok(api && typeof api === 'object', 'activate() returns an object');
    assert.ok('manifests' in api && 'log' in api, `the API has manifests and log; it has: ${Object.keys(api).join(', ')}`);
  });
});
