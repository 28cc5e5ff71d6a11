/** Show Label Statistics for a sandbox project after distribute: both datasets counted, the webview open. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LabelStatsOutcome } from '../../src/label-stats/command';
import { Commands } from '../../src/constants';
import type { Dataset } from '../../src/rekognition/types';
import type { DatasetsApi } from '../../src/datasets/register';
import { classificationLine, datasetsApi, describeModel, useSandbox } from './explorer-helpers';
import { projectWithEntries } from './sandbox-project';
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
    const labels = ['sparrow', 'finch'];
    await projectWithEntries(api, {
      projectName,
      test: true,
      file: 'datasets/it-stats.manifest',
      lines: Array.from({ length: 20 }, (_, i) => classificationLine(i, labels[i % 2]!)),
      onInvalid: 'pushValid',
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
