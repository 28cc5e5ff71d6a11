/** Check Training Readiness of Project: a project's datasets streamed from the sandbox started inside the extension. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ProjectTrainingOutcome } from '../../src/commands/check-project-training-command';
import { Commands } from '../../src/constants';
import type { DatasetsApi } from '../../src/datasets/register';
import { classificationLine, datasetsApi, useSandbox } from './explorer-helpers';
import { projectWithEntries } from './sandbox-project';
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
    await projectWithEntries(api, {
      projectName,
      file: 'datasets/it-ready.manifest',
      lines: [classificationLine(1, 'cat'), classificationLine(2, 'cat'), classificationLine(3, 'dog')],
      onInvalid: 'pushValid',
    });

    const outcome = await vscode.commands.executeCommand<ProjectTrainingOutcome | undefined>(Commands.checkProjectTraining, { projectName });
    assert.ok(outcome, 'the command returned its outcome');
    assert.equal(outcome.report.train.imported, 3);
    assert.equal(outcome.report.test, undefined);
    assert.deepEqual(outcome.report.findings.map((f) => f.code), ['ERROR_INSUFFICIENT_IMAGES_PER_LABEL_FOR_AUTOSPLIT']);
    assert.match(outcome.document.getText(), /"dog" \(1 image\)/);
  });
});
