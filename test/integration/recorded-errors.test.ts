/**
 * What a dataset recorded on the lines of a pushed file goes when the project holding the
 * dataset is deleted (the UI test covers the dataset's own deletion), and when the explorer
 * connects elsewhere, even where it cannot list anything (AWS without credentials).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, DATASET_DIAGNOSTICS, Settings } from '../../src/constants';
import type { DatasetsApi } from '../../src/datasets/register';
import { closeAllEditors, waitFor } from './helpers';
import { boxOffImageLine, classificationLine, datasetsApi, useSandbox, waitForModel } from './explorer-helpers';
import { projectWithEntries } from './sandbox-project';

describe('recorded entry errors', function () {
  this.timeout(120_000);
  const projectName = `it-recorded-${Date.now()}`;
  let api: DatasetsApi;

  before(async () => {
    api = await datasetsApi();
    await useSandbox(api);
  });
  after(closeAllEditors);

  it('are forgotten when the project of their dataset is deleted', async () => {
    // Both lines reach the dataset (the box line with an error the service records).
    const { projectArn, uri } = await projectWithEntries(api, {
      projectName,
      file: 'datasets/it-recorded.manifest',
      lines: [classificationLine(200, 'sparrow'), boxOffImageLine(200)],
      onInvalid: 'pushImportable',
    });
    const recorded = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === DATASET_DIAGNOSTICS);
    await waitFor(`the dataset's errors recorded on line 2 of ${uri.path}`, [vscode.languages.onDidChangeDiagnostics], () =>
      recorded().some((d) => d.range.start.line === 1) ? true : undefined,
    );

    const deleted = await vscode.commands.executeCommand<{ deleted: string } | undefined>(Commands.deleteProject, { projectName, confirmed: true });
    assert.equal(deleted?.deleted, projectArn);
    await waitFor(
      `the recorded errors gone from ${uri.path} once project ${projectName} is deleted`,
      [vscode.languages.onDidChangeDiagnostics],
      () => (recorded().length === 0 ? true : undefined),
      () => recorded().map((d) => `${d.range.start.line + 1}: ${d.message}`).join('; '),
    );
    await waitForModel(api, `project ${projectName} gone from the tree`, () => (api.projectsModel.findProject(projectName) ? undefined : true));
  });

  it('are forgotten when the connection switches to another account, one without credentials too', async () => {
    const config = vscode.workspace.getConfiguration(Settings.section);
    const savedProfile = config.inspect<string>(Settings.profile)?.globalValue;
    const { uri } = await projectWithEntries(api, {
      projectName: `${projectName}-switch`,
      file: 'datasets/it-recorded-switch.manifest',
      lines: [classificationLine(201, 'sparrow'), boxOffImageLine(201)],
      onInvalid: 'pushImportable',
    });
    const recorded = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === DATASET_DIAGNOSTICS);
    await waitFor(`the dataset's errors recorded on line 2 of ${uri.path}`, [vscode.languages.onDidChangeDiagnostics], () =>
      recorded().some((d) => d.range.start.line === 1) ? true : undefined,
    );
    try {
      await vscode.commands.executeCommand(Commands.selectProfile, { profile: 'custom-labels-it-no-such-profile' });
      await waitForModel(api, 'the connection to report missing credentials', () => (api.connection.state.kind === 'noCredentials' ? true : undefined));
      await waitFor(
        `the sandbox's recorded errors gone from ${uri.path} once the explorer shows another account`,
        [vscode.languages.onDidChangeDiagnostics],
        () => (recorded().length === 0 ? true : undefined),
        () => recorded().map((d) => `${d.range.start.line + 1}: ${d.message}`).join('; '),
      );
    } finally {
      await config.update(Settings.profile, savedProfile, vscode.ConfigurationTarget.Global);
      await useSandbox(api);
    }
  });
});
