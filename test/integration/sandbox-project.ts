/**
 * The set-up the dataset suites share: a project in the sandbox made through the extension's
 * commands (as a person's clicks run them), its datasets created empty, and a manifest of the
 * suite's lines written to the workspace and pushed to the training dataset. Each step is checked
 * against what the caller says it pushed (the fixture), never against the command's own count,
 * and it ends when the explorer's model holds the training dataset complete with those entries.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import type { PushOutcome } from '../../src/commands/push-command';
import type { Dataset } from '../../src/rekognition/types';
import type { DatasetsApi } from '../../src/datasets/register';
import { describeModel, waitForModel, writeWorkspaceFile } from './explorer-helpers';

export interface ProjectSetup {
  projectName: string;
  /** The datasets to create empty; TRAIN is always created (the lines go there). */
  test?: boolean;
  /** The workspace file the lines are written to, e.g. `datasets/it-stats.manifest`. */
  file: string;
  lines: readonly string[];
  /** The 0-based lines of `lines` that must land in the training dataset (default: all of them). */
  landed?: readonly number[];
  /** What the push does with lines that have errors (the push command's `onInvalid`). */
  onInvalid?: 'pushValid' | 'pushImportable';
}

export interface SandboxProject {
  projectArn: string;
  trainArn: string;
  /** Set when `test` was asked for. */
  testArn?: string;
  uri: vscode.Uri;
  pushed: PushOutcome;
}

/** Creates the project and its datasets with the commands, pushes `lines` to training, and waits for the tree to show them. */
export async function projectWithEntries(api: DatasetsApi, setup: ProjectSetup): Promise<SandboxProject> {
  const { projectName } = setup;
  const created = await vscode.commands.executeCommand<{ projectArn: string } | undefined>(Commands.createProject, { projectName });
  assert.ok(created?.projectArn, `createProject ${projectName}: ${describeModel(api)}`);
  const make = (type: 'TRAIN' | 'TEST') =>
    vscode.commands.executeCommand<{ datasetArn: string; dataset: Dataset } | undefined>(Commands.createDataset, { projectName, type, source: 'empty' });
  const train = await make('TRAIN');
  assert.ok(train?.datasetArn, `createDataset TRAIN of ${projectName}: ${describeModel(api)}`);
  const test = setup.test ? await make('TEST') : undefined;
  if (setup.test) assert.ok(test?.datasetArn, `createDataset TEST of ${projectName}: ${describeModel(api)}`);

  const uri = await writeWorkspaceFile(setup.file, [...setup.lines]);
  const pushed = await vscode.commands.executeCommand<PushOutcome | undefined>(Commands.pushEntries, {
    datasetArn: train.datasetArn,
    uri,
    ...(setup.onInvalid ? { onInvalid: setup.onInvalid } : {}),
  });
  assert.ok(pushed, `push of ${setup.file} returned nothing; ${describeModel(api)}`);
  const landed = setup.landed ?? setup.lines.map((_, i) => i);
  assert.deepEqual(pushed.landed, [...landed], `the lines of ${setup.file} that reached the training dataset`);
  // The explorer's model (its icon also says whether entries have errors: the dataset's status and count are what is waited for).
  await waitForModel(api, `the training dataset of ${projectName} to hold ${landed.length} entries, complete`, () => {
    const d = api.projectsModel.findDataset(train.datasetArn)?.dataset;
    return d && /_COMPLETE$/.test(d.status) && d.stats.totalEntries === landed.length ? d : undefined;
  });
  return { projectArn: created.projectArn, trainArn: train.datasetArn, ...(test ? { testArn: test.datasetArn } : {}), uri, pushed };
}
