/** Show Label Statistics for a sandbox project after distribute: both datasets counted, the webview open. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LabelStatsOutcome } from '../../src/label-stats/command';
import type { PushOutcome } from '../../src/commands/push-command';
import { Commands } from '../../src/constants';
import type { Dataset } from '../../src/rekognition/types';
import type { DatasetsApi } from '../../src/datasets/register';
import { classificationLine, datasetView, datasetsApi, describeModel, useSandbox, waitForModel, writeWorkspaceFile } from './explorer-helpers';
import { closeAllEditors } from './helpers';

describe('label statistics of a project (sandbox)', function () {
  this.timeout(120_000);
  const projectName = `it-stats-${Date.now()}`;
  let api: DatasetsApi;

  before(async () => {
    api = await datasetsApi();
    await useSandbox(api);
  });
  after(closeAllEditors);

  it('counts each label in training and test after distribute, and shows them in a webview', async () => {
    assert.ok((await vscode.commands.executeCommand<{ projectArn: string } | undefined>(Commands.createProject, { projectName }))?.projectArn);
    const make = (type: string) =>
      vscode.commands.executeCommand<{ datasetArn: string; dataset: Dataset } | undefined>(Commands.createDataset, { projectName, type, source: 'empty' });
    const train = await make('TRAIN');
    const test = await make('TEST');
    assert.ok(train?.datasetArn && test?.datasetArn, describeModel(api));
    const labels = ['sparrow', 'finch'];
    const uri = await writeWorkspaceFile('datasets/it-stats.manifest', Array.from({ length: 20 }, (_, i) => classificationLine(i, labels[i % 2]!)));
    const pushed = await vscode.commands.executeCommand<PushOutcome | undefined>(Commands.pushEntries, { datasetArn: train.datasetArn, uri, onInvalid: 'pushValid' });
    assert.equal(pushed?.landed.length, 20);
    await waitForModel(api, 'the training dataset complete with 20 entries', () => {
      const v = datasetView(api, train.datasetArn);
      return v.icon === 'pass' && v.description?.startsWith('20 entries') ? v : undefined;
    });
    const distributed = await vscode.commands.executeCommand<{ train: Dataset; test: Dataset } | undefined>(Commands.distribute, { projectName, confirmed: true });
    assert.equal(distributed?.test.stats.totalEntries, 4, describeModel(api));

    const outcome = await vscode.commands.executeCommand<LabelStatsOutcome | undefined>(Commands.showLabelStatistics, { projectName });
    assert.ok(outcome, 'the command returned its outcome');
    assert.deepEqual(
      outcome.stats.rows.map((r) => [r.label, r.trainImages, r.testImages]).sort(),
      [
        ['finch', 8, 2],
        ['sparrow', 8, 2],
      ],
    );
    assert.equal(outcome.stats.trainLines, 16);
    assert.equal(outcome.stats.testLines, 4);
    assert.equal(outcome.panel.visible, true);
    assert.equal(outcome.panel.webview.html, outcome.html);
    assert.match(outcome.html, /data-label="sparrow"/);
    // The page's script runs under its CSP and reports the table drawn.
    await outcome.ready;
    outcome.panel.dispose();
  });
});
