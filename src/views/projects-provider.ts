/**
 * Renders the ProjectsModel as a tree: ProjectsTree decides what to show (plain data), this
 * turns it into TreeItems. A dataset's change redraws that dataset's node only.
 */
import * as vscode from 'vscode';
import type { ProjectsModel } from './projects-model';
import { ProjectsTree, type NodeView } from './projects-tree';
import type { TreeNode } from './tree-nodes';
import type { VersionsModel } from './versions-model';

export class ProjectsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly subscription: { dispose(): void };
  private readonly tree: ProjectsTree;

  constructor(model: ProjectsModel) {
    this.tree = new ProjectsTree(model);
    this.subscription = model.onDidChange((change) => {
      if (change.kind === 'all') this.tree.clear();
      this.changeEmitter.fire(this.tree.refreshTarget(change));
    });
  }

  getChildren(node?: TreeNode): TreeNode[] {
    return this.tree.children(node);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return toTreeItem(this.tree.view(node));
  }

  /** For tests and commands: the current root nodes. */
  roots(): TreeNode[] {
    return this.tree.roots();
  }

  /** Shows each project's model versions after its datasets; a project's versions changing redraws that project. */
  showVersions(versions: VersionsModel): void {
    this.tree.showVersions(versions);
    this.versionsSubscription = versions.onDidChange((change) => this.changeEmitter.fire(this.tree.versionsRefreshTarget(change)));
  }

  private versionsSubscription: { dispose(): void } | undefined;

  dispose(): void {
    this.versionsSubscription?.dispose();
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }
}

function toTreeItem(view: NodeView): vscode.TreeItem {
  const item = new vscode.TreeItem(view.label, view.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
  if (view.id) item.id = view.id;
  if (view.icon) item.iconPath = new vscode.ThemeIcon(view.icon.id, view.icon.color ? new vscode.ThemeColor(view.icon.color) : undefined);
  if (view.description !== undefined) item.description = view.description;
  if (view.tooltip !== undefined) item.tooltip = new vscode.MarkdownString(view.tooltip);
  if (view.contextValue !== undefined) item.contextValue = view.contextValue;
  if (view.command) item.command = view.command;
  return item;
}
