/**
 * Helpers for the explorer and dataset-command suites: the extension's datasets API, waits on
 * the tree model's change events, and manifest lines for the sandbox.
 */
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { DatasetsApi } from '../../src/datasets/register';
import type { TreeNode } from '../../src/views/tree-nodes';
import { EXTENSION_ID, waitFor } from './helpers';

export async function datasetsApi(): Promise<DatasetsApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not installed in the workbench`);
  const api = await extension.activate();
  if (!api?.datasets) throw new Error('activate() returned no `datasets` API: registerDatasets() is not wired in src/extension.ts');
  await api.datasets.ensureConnected();
  return api.datasets;
}

/** Waits (on the model's change events) until `check` returns a value. */
export function waitForModel<T>(api: DatasetsApi, what: string, check: () => T | undefined): Promise<T> {
  const event: vscode.Event<unknown> = (listener) => {
    const d = api.projectsModel.onDidChange(listener);
    return new vscode.Disposable(() => d.dispose());
  };
  return waitFor(what, [event, api.connection.onDidChange], check, () => describeModel(api));
}

export function describeModel(api: DatasetsApi): string {
  const m = api.projectsModel;
  const state = m.state.kind === 'error' ? `error: ${m.state.error.message}` : m.state.kind;
  const projects = m.projects
    .map((p) => `${p.project.name}[${p.datasets.map((d) => `${d.ref.type}:${d.dataset?.status ?? d.ref.status}:${d.dataset?.stats.totalEntries ?? '?'}`).join(',')}]`)
    .join(' ');
  return `connection ${api.connection.state.kind} (${api.connection.label}); model ${state}; ${projects}`;
}

/** Connects to the sandbox (started inside the extension) and waits for the projects to load. */
export async function useSandbox(api: DatasetsApi): Promise<void> {
  await vscode.commands.executeCommand('customLabels.useSandbox', { seedDemo: false });
  await waitForModel(api, 'the sandbox projects to load', () =>
    api.connection.config.mode === 'sandbox' && api.connection.state.kind === 'ready' && api.projectsModel.state.kind === 'loaded' ? true : undefined,
  );
}

/** The icon id and description a dataset node shows right now. */
export function datasetView(api: DatasetsApi, datasetArn: string): { icon?: string; description?: string; contextValue?: string } {
  const node: TreeNode = { kind: 'dataset', projectArn: '', datasetArn, type: datasetArn.includes('/train/') ? 'TRAIN' : 'TEST' };
  const item = api.projectsTree.getTreeItem(node);
  return {
    icon: item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined,
    description: typeof item.description === 'string' ? item.description : undefined,
    contextValue: item.contextValue,
  };
}

export function classificationLine(i: number, label: string): string {
  return JSON.stringify({
    'source-ref': `s3://custom-labels-it/images/${label}-${i}.jpg`,
    bird: 1,
    'bird-metadata': {
      confidence: 1,
      'class-name': label,
      'human-annotated': 'yes',
      'creation-date': '2024-01-01T00:00:00.000Z',
      type: 'groundtruth/image-classification',
    },
  });
}

/** A detection line whose box lies partly off the image: an entry the service keeps, with an error. */
export function boxOffImageLine(i: number): string {
  return JSON.stringify({
    'source-ref': `s3://custom-labels-it/images/box-${i}.jpg`,
    boxes: { image_size: [{ width: 640, height: 480, depth: 3 }], annotations: [{ class_id: 0, top: 400, left: 600, width: 200, height: 200 }] },
    'boxes-metadata': {
      objects: [{ confidence: 1 }],
      'class-map': { '0': 'sparrow' },
      type: 'groundtruth/object-detection',
      'human-annotated': 'yes',
      'creation-date': '2024-01-01T00:00:00.000Z',
    },
  });
}

export async function writeWorkspaceFile(relative: string, lines: string[]): Promise<vscode.Uri> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(require('node:os').tmpdir());
  const uri = vscode.Uri.joinPath(folder, ...relative.split('/'));
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(`${lines.join('\n')}\n`));
  return uri;
}
