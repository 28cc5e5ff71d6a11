/**
 * Renders the ProjectsModel as a tree. It holds no data of its own: every change of the
 * model refreshes the view.
 */
import * as vscode from 'vscode';
import { Commands } from '../constants';
import {
  datasetContextValue,
  datasetDescription,
  datasetTooltip,
  datasetTypeLabel,
  projectContextValue,
  statusIcon,
} from './dataset-status';
import type { ProjectsModel } from './projects-model';
import type { TreeNode } from './tree-nodes';

export class ProjectsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly subscription: { dispose(): void };

  constructor(private readonly model: ProjectsModel) {
    this.subscription = model.onDidChange(() => this.changeEmitter.fire(undefined));
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) return this.roots();
    if (node.kind !== 'project') return [];
    const state = this.model.findProject(node.projectArn);
    if (!state) return [];
    const children: TreeNode[] = [];
    for (const type of ['TRAIN', 'TEST'] as const) {
      const d = state.datasets.find((x) => x.ref.type === type);
      if (d?.error && !d.dataset) {
        children.push({ kind: 'error', message: d.error.message, code: d.error.code, datasetArn: d.ref.arn });
      } else if (d) {
        children.push({ kind: 'dataset', projectArn: node.projectArn, datasetArn: d.ref.arn, type });
      } else if (state.project.status === 'CREATED') {
        children.push({ kind: 'missingDataset', projectArn: node.projectArn, type });
      }
    }
    return children;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'project':
        return this.projectItem(node.projectArn);
      case 'dataset':
        return this.datasetItem(node.datasetArn, node.type);
      case 'missingDataset': {
        const item = new vscode.TreeItem(`No ${node.type === 'TRAIN' ? 'training' : 'test'} dataset`);
        item.iconPath = new vscode.ThemeIcon('circle-slash');
        item.description = 'create one…';
        item.contextValue = `datasetMissing;${node.type.toLowerCase()}`;
        item.command = { command: Commands.createDataset, title: 'Create Dataset', arguments: [node] };
        return item;
      }
      case 'error': {
        const item = new vscode.TreeItem(node.datasetArn ? 'Could not load the dataset' : 'Could not load projects');
        item.description = node.message;
        item.tooltip = new vscode.MarkdownString(
          `${node.message}${node.code ? `\n\nCode: \`${node.code}\`` : ''}\n\nSelect to retry; see the logs for details.`,
        );
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
        item.contextValue = node.datasetArn ? 'error;dataset' : 'error;projects';
        item.command = { command: Commands.retry, title: 'Retry', arguments: [node] };
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(node.message);
        item.iconPath = new vscode.ThemeIcon('info');
        item.contextValue = 'message';
        return item;
      }
    }
  }

  /** For tests and commands: the current root nodes. */
  roots(): TreeNode[] {
    const state = this.model.state;
    switch (state.kind) {
      case 'disconnected':
        // Empty: the welcome view (no credentials, ...) takes the space.
        return [];
      case 'loading':
        return [{ kind: 'message', message: 'Loading projects…' }];
      case 'error':
        return [{ kind: 'error', message: state.error.message, code: state.error.code }];
      case 'loaded':
        return this.model.projects.map((p) => ({ kind: 'project', projectArn: p.project.arn }));
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }

  private projectItem(projectArn: string): vscode.TreeItem {
    const state = this.model.findProject(projectArn);
    const name = state?.project.name ?? projectArn;
    const item = new vscode.TreeItem(name, vscode.TreeItemCollapsibleState.Expanded);
    item.id = projectArn;
    if (!state) return item;
    const { project } = state;
    item.iconPath = new vscode.ThemeIcon(project.status === 'CREATED' ? 'project' : 'loading~spin');
    item.description = project.status === 'CREATED' ? undefined : project.status.toLowerCase();
    item.contextValue = projectContextValue(project);
    item.tooltip = new vscode.MarkdownString(
      [
        `**${name}** (${project.status.toLowerCase()})`,
        '',
        project.created ? `Created: ${project.created.toISOString()}  ` : '',
        `ARN: \`${project.arn}\``,
      ].join('\n'),
    );
    return item;
  }

  private datasetItem(arn: string, type: 'TRAIN' | 'TEST'): vscode.TreeItem {
    const state = this.model.findDataset(arn);
    const item = new vscode.TreeItem(datasetTypeLabel(type));
    item.id = arn;
    if (!state) return item;
    const status = state.dataset?.status ?? state.ref.status;
    const icon = statusIcon(status);
    item.iconPath = new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
    item.description = state.error ? `${datasetDescription(state.dataset)} · could not refresh` : datasetDescription(state.dataset);
    item.tooltip = new vscode.MarkdownString(datasetTooltip(type, state.dataset, state.ref, state.error?.message));
    item.contextValue = datasetContextValue(type, state.dataset, state.ref);
    return item;
  }
}
