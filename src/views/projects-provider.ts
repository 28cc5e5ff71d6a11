/**
 * Renders the ProjectsModel as a tree: ProjectsTree decides what to show (plain data), this
 * turns it into TreeItems. A dataset's change redraws that dataset's node only; a reload redraws
 * what changed (ProjectsTree.refreshTargets).
 */
import * as vscode from 'vscode';
import type { ProjectsModel } from './projects-model';
import { ProjectsTree, type NodeView, type SignInAccount } from './projects-tree';
import type { TreeNode } from './tree-nodes';
import type { VersionsModel } from './versions-model';

export class ProjectsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly subscription: { dispose(): void };
  private readonly tree: ProjectsTree;

  constructor(model: ProjectsModel, account?: () => SignInAccount) {
    this.tree = new ProjectsTree(model, account);
    this.subscription = model.onDidChange((change) => {
      for (const target of this.tree.refreshTargets(change)) this.changeEmitter.fire(target);
    });
  }

  getChildren(node?: TreeNode): TreeNode[] {
    return this.tree.children(node);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return toTreeItem(this.tree.view(node));
  }

  /** Redraws every row (what a row says changed outside the model: the profile's sign-in kind). */
  refresh(): void {
    this.changeEmitter.fire(undefined);
  }

  /** For tests and commands: the current root nodes. */
  roots(): TreeNode[] {
    return this.tree.roots();
  }

  /** Shows each project's model versions after its datasets; a project's versions changing redraws that project. */
  showVersions(versions: VersionsModel): void {
    this.tree.showVersions(versions);
    // Through the same comparison as a reload: a version's new status redraws its row only, a new
    // version its project (whose children changed), and nothing when nothing changed.
    this.versionsSubscription = versions.onDidChange(() => {
      for (const target of this.tree.refreshTargets({ kind: 'all' })) this.changeEmitter.fire(target);
    });
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
