/**
 * What a dataset recorded on the lines of a pushed file goes when the project holding the
 * dataset is deleted (the UI test covers the dataset's own deletion).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, DATASET_DIAGNOSTICS } from '../../src/constants';
import type { PushOutcome } from '../../src/commands/push-command';
import type { Dataset } from '../../src/rekognition/types';
import type { DatasetsApi } from '../../src/datasets/register';
import { closeAllEditors, waitFor } from './helpers';
import { boxOffImageLine, classificationLine, datasetsApi, describeModel, useSandbox, waitForModel, writeWorkspaceFile } from './explorer-helpers';

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
    const created = await vscode.commands.executeCommand<{ projectArn: string } | undefined>(Commands.createProject, { projectName });
    assert.ok(created?.projectArn, describeModel(api));
    const train = await vscode.commands.executeCommand<{ datasetArn: string; dataset: Dataset } | undefined>(Commands.createDataset, {
      projectName,
      type: 'TRAIN',
      source: 'empty',
    });
    assert.ok(train?.datasetArn, describeModel(api));
    const uri = await writeWorkspaceFile('datasets/it-recorded.manifest', [classificationLine(200, 'sparrow'), boxOffImageLine(200)]);
    const outcome = await vscode.commands.executeCommand<PushOutcome | undefined>(Commands.pushEntries, { datasetArn: train.datasetArn, uri, onInvalid: 'pushImportable' });
    assert.deepEqual(outcome?.landed, [0, 1], 'both lines reached the dataset');
    const recorded = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === DATASET_DIAGNOSTICS);
    await waitFor(`the dataset's errors recorded on line 2 of ${uri.path}`, [vscode.languages.onDidChangeDiagnostics], () =>
      recorded().some((d) => d.range.start.line === 1) ? true : undefined,
    );

    const deleted = await vscode.commands.executeCommand<{ deleted: string } | undefined>(Commands.deleteProject, { projectName, confirmed: true });
    assert.equal(deleted?.deleted, created.projectArn);
    await waitFor(
      `the recorded errors gone from ${uri.path} once project ${projectName} is deleted`,
      [vscode.languages.onDidChangeDiagnostics],
      () => (recorded().length === 0 ? true : undefined),
      () => recorded().map((d) => `${d.range.start.line + 1}: ${d.message}`).join('; '),
    );
    await waitForModel(api, `project ${projectName} gone from the tree`, () => (api.projectsModel.findProject(projectName) ? undefined : true));
  });
});
