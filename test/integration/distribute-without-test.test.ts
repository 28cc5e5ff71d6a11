/**
 * Distribute on a project that has a training dataset and no test dataset: the test dataset is
 * created (empty) and filled, in one command, instead of an error saying to create it first.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import type { Dataset } from '../../src/rekognition/types';
import type { DatasetsApi } from '../../src/datasets/register';
import { closeAllEditors } from './helpers';
import { classificationLine, datasetsApi, describeModel, useSandbox, waitForModel } from './explorer-helpers';
import { projectWithEntries } from './sandbox-project';

describe('distribute without a test dataset', function () {
  this.timeout(120_000);
  const projectName = `it-distribute-${Date.now()}`;
  let api: DatasetsApi;

  before(async () => {
    api = await datasetsApi();
    await useSandbox(api);
  });
  after(async () => {
    await vscode.commands.executeCommand(Commands.deleteProject, { projectName, confirmed: true });
    await closeAllEditors();
  });

  it('creates the empty test dataset, then moves a fifth of the training entries to it', async () => {
    const lines = Array.from({ length: 20 }, (_, i) => classificationLine(300 + i, i % 2 ? 'sparrow' : 'finch'));
    await projectWithEntries(api, { projectName, file: 'datasets/it-distribute.manifest', lines });
    await waitForModel(api, 'the training dataset with its 20 entries, and no test dataset', () => {
      const p = api.projectsModel.findProject(projectName);
      return p?.datasets.length === 1 && p.datasets[0]!.dataset?.stats.totalEntries === 20 ? true : undefined;
    });

    const result = await vscode.commands.executeCommand<{ train: Dataset; test: Dataset } | undefined>(Commands.distribute, { projectName, confirmed: true });
    assert.ok(result, `distribute returned nothing; ${describeModel(api)}`);
    assert.equal(result.test.type, 'TEST');
    assert.equal(result.train.stats.totalEntries + result.test.stats.totalEntries, 20);
    assert.ok(result.test.stats.totalEntries > 0, `the test dataset has ${result.test.stats.totalEntries} entries`);
    await waitForModel(api, 'the project with both datasets in the tree', () => {
      const p = api.projectsModel.findProject(projectName);
      return p?.datasets.some((d) => d.ref.type === 'TEST' && (d.dataset?.stats.totalEntries ?? 0) > 0) ? true : undefined;
    });
  });
});
