/** Check Training Readiness of Project: a project's datasets streamed from the sandbox started inside the extension. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ProjectTrainingOutcome } from '../../src/commands/check-project-training-command';
import type { PushOutcome } from '../../src/commands/push-command';
import { Commands } from '../../src/constants';
import type { Dataset } from '../../src/rekognition/types';
import type { DatasetsApi } from '../../src/datasets/register';
import { classificationLine, datasetView, datasetsApi, describeModel, useSandbox, waitForModel, writeWorkspaceFile } from './explorer-helpers';
import { closeUntitled } from './untitled-helpers';
import { closeAllEditors } from './helpers';

describe('check training readiness of a project (sandbox)', function () {
  this.timeout(120_000);
  const projectName = `it-ready-${Date.now()}`;
  let api: DatasetsApi;

  before(async () => {
    api = await datasetsApi();
    await useSandbox(api);
  });
  after(async () => {
    await closeUntitled();
    await closeAllEditors();
  });

  it("streams the training dataset's entries and predicts the auto-split failure", async () => {
    const created = await vscode.commands.executeCommand<{ projectArn: string } | undefined>(Commands.createProject, { projectName });
    assert.ok(created?.projectArn, describeModel(api));
    const train = await vscode.commands.executeCommand<{ datasetArn: string; dataset: Dataset } | undefined>(Commands.createDataset, {
      projectName,
      type: 'TRAIN',
      source: 'empty',
    });
    assert.ok(train?.datasetArn, describeModel(api));
    const uri = await writeWorkspaceFile('datasets/it-ready.manifest', [classificationLine(1, 'cat'), classificationLine(2, 'cat'), classificationLine(3, 'dog')]);
    const pushed = await vscode.commands.executeCommand<PushOutcome | undefined>(Commands.pushEntries, { datasetArn: train.datasetArn, uri, onInvalid: 'pushValid' });
    assert.equal(pushed?.landed.length, 3, describeModel(api));
    await waitForModel(api, 'the training dataset to show 3 entries, complete', () => {
      const v = datasetView(api, train.datasetArn);
      return v.icon === 'pass' && v.description?.startsWith('3 entries') ? v : undefined;
    });

    const outcome = await vscode.commands.executeCommand<ProjectTrainingOutcome | undefined>(Commands.checkProjectTraining, { projectName });
    assert.ok(outcome, 'the command returned its outcome');
    assert.equal(outcome.report.train.imported, 3);
    assert.equal(outcome.report.test, undefined);
    assert.deepEqual(outcome.report.findings.map((f) => f.code), ['ERROR_INSUFFICIENT_IMAGES_PER_LABEL_FOR_AUTOSPLIT']);
    assert.match(outcome.document.getText(), /"dog" \(1 image\)/);
  });
});
