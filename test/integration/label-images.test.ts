/**
 * Label Images on a dataset (sandbox): its unlabelled entries (ListDatasetEntries with
 * `Labeled: false`) become a new manifest, saved where asked and opened; the labelled ones stay out.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import type { DatasetsApi } from '../../src/datasets/register';
import type { LabelImagesOutcome } from '../../src/labelling/command';
import { classificationLine, datasetsApi, useSandbox } from './explorer-helpers';
import { closeAllEditors, workspaceFile } from './helpers';
import { projectWithEntries } from './sandbox-project';

describe('Label Images of a dataset (sandbox)', function () {
  this.timeout(120_000);
  const projectName = `it-label-${Date.now()}`;
  let api: DatasetsApi;

  before(async () => {
    api = await datasetsApi();
    await useSandbox(api);
  });
  after(closeAllEditors);

  it("fetches the dataset's unlabelled entries into a new manifest, and only those", async () => {
    const unlabelled = ['s3://custom-labels-it/images/todo-1.jpg', 's3://custom-labels-it/images/todo-2.jpg'];
    const lines = [classificationLine(1, 'wren'), JSON.stringify({ 'source-ref': unlabelled[0] }), classificationLine(2, 'robin'), JSON.stringify({ 'source-ref': unlabelled[1] })];
    const project = await projectWithEntries(api, { projectName, file: 'datasets/it-label.manifest', lines });
    const target = workspaceFile('datasets/it-label-unlabelled.manifest');
    const outcome = await vscode.commands.executeCommand<LabelImagesOutcome | undefined>(Commands.labelImages, { datasetArn: project.trainArn, targetUri: target });
    assert.ok(outcome, 'the command returned its outcome');
    assert.equal(outcome.lines, 2);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    const refs = text.split('\n').filter(Boolean).map((l) => JSON.parse(l)['source-ref'] as string).sort();
    assert.deepEqual(refs, unlabelled);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), target.toString(), 'the new manifest is the active editor');
  });
});
