/**
 * The scene for the README screenshot (runner option --screenshot): after the tests pass, show the
 * Custom Labels explorer and a manifest with problems, tell the runner, and wait until it has
 * taken the picture. The runner waits on the rendered tree items and squiggles itself.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands, Settings, Views } from '../../src/constants';
import { createCustomLabelsService } from '../../src/rekognition/service';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import { classificationLine, datasetsApi, describeModel, waitForModel } from './explorer-helpers';
import { SCREENSHOT_READY } from './screenshot-protocol';
import { closeAllEditors, openManifest, ourDiagnostics, waitForDiagnostics } from './helpers';


const SCENE_FILE = 'datasets/problems.manifest';
const WAIT_FOR_RUNNER_MS = 120_000;

/**
 * A sandbox with datasets in several states for the picture: the seeded demo (complete), a
 * project whose update failed, and one whose update is still in progress (spinning).
 */
async function stageDatasets(): Promise<Sandbox> {
  const sandbox = await startSandbox({ transitionDelayMs: 20 });
  await sandbox.seedDemo();
  const service = createCustomLabelsService({
    region: sandbox.region,
    endpoint: sandbox.endpoint,
    credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
    maxAttempts: 1,
  });
  const lines = (label: string) => Array.from({ length: 12 }, (_, i) => classificationLine(i, label));
  const project = async (name: string): Promise<{ train: string; test: string }> => {
    const arn = await service.createProject(name);
    const train = await service.createDataset(arn, 'TRAIN', { kind: 'empty' });
    const test = await service.createDataset(arn, 'TEST', { kind: 'empty' });
    await service.waitForStatus(train);
    await service.waitForStatus(test);
    return { train, test };
  };
  const signs = await project('street-signs');
  sandbox.faults.failNextUpdate = true;
  await service.pushEntries(signs.train, lines('stop-sign')).catch(() => undefined);
  const birds = await project('birds');
  await service.pushEntries(birds.train, lines('sparrow'));
  // Operations started from here on stay in progress for the rest of the run.
  sandbox.faults.slowTransitionsMs = 10 * 60_000;
  await service.pushEntries(birds.test, lines('finch'), { wait: { timeoutMs: 1 } }).catch(() => undefined);
  return sandbox;
}

export async function prepareScreenshot(doneFile: string): Promise<void> {
  if (process.env.CUSTOM_LABELS_SCREENSHOT_SCENE === 'label-stats') return labelStatsScene(doneFile);
  await closeAllEditors();
  const sandbox = await stageDatasets();
  const api = await datasetsApi();
  const config = vscode.workspace.getConfiguration(Settings.section);
  await config.update(Settings.sandboxEndpoint, sandbox.endpoint, vscode.ConfigurationTarget.Global);
  await config.update(Settings.connection, 'sandbox', vscode.ConfigurationTarget.Global);
  await waitForModel(api, 'the staged projects to show', () =>
    api.connection.label.includes(new URL(sandbox.endpoint).port) &&
    api.projectsModel.projects.length === 3 &&
    api.projectsModel.projects.every((p) => p.datasets.every((d) => d.dataset))
      ? true
      : undefined,
  ).catch((error: unknown) => console.warn(`Screenshot with a partial tree: ${String(error)} ${describeModel(api)}`));
  const document = await openManifest(SCENE_FILE);
  try {
    await waitForDiagnostics(document.uri, 'problems to show in the screenshot', (ds) => ds.length > 0);
  } catch (error) {
    console.warn(`Screenshot without problems: ${error instanceof Error ? error.message : String(error)}`);
  }
  await vscode.commands.executeCommand(`${Views.projects}.focus`);
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  await vscode.window.showTextDocument(document, { preserveFocus: false });
  console.log(`${SCREENSHOT_READY} problems=${ourDiagnostics(document.uri).length}`);
  try {
    await waitForFile(doneFile, WAIT_FOR_RUNNER_MS);
  } finally {
    await sandbox.close();
  }
}

/** Resolves when `file` exists (fs.watch on its folder), rejects after `timeoutMs`. */
function waitForFile(file: string, timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const watcher = fs.watch(path.dirname(file), () => check());
    const timer = setTimeout(() => {
      watcher.close();
      reject(new Error(`The runner did not confirm the screenshot (${file}) within ${timeoutMs / 1000} s.`));
    }, timeoutMs);
    function check(): void {
      if (!fs.existsSync(file)) return;
      clearTimeout(timer);
      watcher.close();
      resolve();
    }
    check();
  });
}

/**
 * The label statistics scene (`--env CUSTOM_LABELS_SCREENSHOT_SCENE=label-stats`): the seeded
 * demo project, its training entries distributed to an empty test dataset, and the statistics
 * view drawn (the page says so with a message).
 */
async function labelStatsScene(doneFile: string): Promise<void> {
  await closeAllEditors();
  const sandbox = await startSandbox({ transitionDelayMs: 20 });
  const { projectArn, trainArn } = (await sandbox.seedDemo()) as { projectArn: string; trainArn: string };
  const service = createCustomLabelsService({
    region: sandbox.region,
    endpoint: sandbox.endpoint,
    credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
    maxAttempts: 1,
  });
  const testArn = await service.createDataset(projectArn, 'TEST', { kind: 'empty' });
  await service.waitForStatus(testArn);
  await service.distribute(trainArn, testArn);
  const api = await datasetsApi();
  const config = vscode.workspace.getConfiguration(Settings.section);
  await config.update(Settings.sandboxEndpoint, sandbox.endpoint, vscode.ConfigurationTarget.Global);
  await config.update(Settings.connection, 'sandbox', vscode.ConfigurationTarget.Global);
  await waitForModel(api, 'the demo project with both datasets', () =>
    api.connection.label.includes(new URL(sandbox.endpoint).port) &&
    api.projectsModel.projects.some((p) => p.project.name === 'demo-project' && p.datasets.length === 2 && p.datasets.every((d) => d.dataset))
      ? true
      : undefined,
  );
  await vscode.commands.executeCommand(`${Views.projects}.focus`);
  const outcome = await vscode.commands.executeCommand<{ ready: Promise<void> } | undefined>(Commands.showLabelStatistics, { projectName: 'demo-project' });
  if (!outcome) throw new Error('Show Label Statistics returned nothing');
  await outcome.ready;
  console.log(`${SCREENSHOT_READY} problems=0`);
  try {
    await waitForFile(doneFile, WAIT_FOR_RUNNER_MS);
  } finally {
    await sandbox.close();
  }
}
