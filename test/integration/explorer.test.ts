/**
 * The explorer's states: no credentials (welcome view), a failed load (error node, retry), and
 * back to the sandbox.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, Settings } from '../../src/constants';
import type { DatasetsApi } from '../../src/datasets/register';
import { datasetsApi, describeModel, useSandbox, waitForModel } from './explorer-helpers';

async function setGlobal(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration(Settings.section).update(key, value, vscode.ConfigurationTarget.Global);
}

describe('explorer states', function () {
  this.timeout(90_000);
  let api: DatasetsApi;

  // The runner may set these in the user settings: put back what was there.
  const saved = new Map<string, unknown>();

  before(async () => {
    api = await datasetsApi();
    const config = vscode.workspace.getConfiguration(Settings.section);
    for (const key of [Settings.profile, Settings.sandboxEndpoint]) saved.set(key, config.inspect(key)?.globalValue);
  });

  after(async () => {
    for (const [key, value] of saved) await setGlobal(key, value);
    await useSandbox(api);
  });

  it('shows the one signed-out row, with its actions, when the profile has no credentials', async () => {
    await vscode.commands.executeCommand(Commands.selectProfile, { profile: 'custom-labels-it-no-such-profile' });
    await waitForModel(api, 'the connection to report missing credentials', () =>
      api.connection.state.kind === 'noCredentials' ? true : undefined,
    );
    assert.equal(api.connection.config.mode, 'aws');
    const roots = api.projectsTree.roots();
    assert.deepEqual(roots.map((n) => n.kind), ['signedOut'], 'one row in words instead of the projects');
    const item = api.projectsTree.getTreeItem(roots[0]!);
    assert.equal(item.label, 'No AWS credentials');
    assert.equal(item.command?.command, Commands.signInAgain);
    assert.match(item.contextValue ?? '', /^signedOut/, 'its inline actions: Sign In Again, Select Profile…, Use the Local Sandbox');
    assert.equal(api.projectsModel.state.kind, 'signedOut');
    // Commands say how to connect.
    const result = await vscode.commands.executeCommand(Commands.createProject, { projectName: 'never-created' });
    assert.equal(result, undefined, 'no project is created without credentials');
  });

  it('shows a failed load as an error node, and retry recovers', async () => {
    const sandbox = api.connection.sandboxEndpoint;
    await useSandbox(api);
    const endpoint = api.connection.sandboxEndpoint ?? sandbox;
    assert.ok(endpoint, 'the sandbox runs inside the extension');
    // Port 9 (discard) refuses connections: listing projects fails.
    await setGlobal(Settings.sandboxEndpoint, 'http://127.0.0.1:9');
    const roots = await waitForModel(api, 'an error node at the root', () => {
      const r = api.projectsTree.roots();
      return r.length === 1 && r[0]!.kind === 'error' ? r : undefined;
    });
    const item = api.projectsTree.getTreeItem(roots[0]!);
    assert.equal(item.command?.command, Commands.retry, 'selecting the error node retries');
    assert.match(String(item.description), /\S/, 'the reason is shown');

    await setGlobal(Settings.sandboxEndpoint, saved.get(Settings.sandboxEndpoint));
    await vscode.commands.executeCommand(Commands.retry, roots[0]);
    await waitForModel(api, 'the projects to load again', () => (api.projectsModel.state.kind === 'loaded' ? true : undefined));
    assert.ok(api.projectsTree.roots().every((n) => n.kind === 'project'), describeModel(api));
  });
});
