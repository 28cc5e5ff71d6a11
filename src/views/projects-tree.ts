/**
 * What the Projects tree shows, decided without `vscode`: the children of each node, how each
 * node looks, and which node a model change redraws. The provider turns these views into
 * TreeItems; everything here is unit-tested in plain Node.
 */
import { Commands } from '../constants';
import {
  datasetContextValue,
  datasetDescription,
  datasetTooltip,
  datasetTypeLabel,
  projectContextValue,
  statusIcon,
} from './dataset-status';
import type { ModelChange, ProjectsModel } from './projects-model';
import type { TreeNode } from './tree-nodes';
import type { VersionsChange, VersionsModel } from './versions-model';
import { versionContextValue, versionDescription, versionIcon, versionTooltip } from './version-status';

/** A node as the tree shows it: a TreeItem in plain data. */
export interface NodeView {
  label: string;
  /** Stable across refreshes, so VS Code keeps selection and expansion. */
  id?: string;
  expanded: boolean;
  icon?: { id: string; color?: string };
  description?: string;
  /** Markdown. */
  tooltip?: string;
  contextValue?: string;
  command?: { command: string; title: string; arguments: unknown[] };
}

/**
 * Children of `node` (the roots when undefined). Node objects are kept per ARN and reused, so
 * that a change can redraw exactly the node VS Code already holds (it knows elements by
 * identity).
 */
export class ProjectsTree {
  private readonly nodes = new Map<string, TreeNode>();

  constructor(private readonly model: ProjectsModel) {}

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
        return this.model.projects.map((p) => this.keep(`project:${p.project.arn}`, { kind: 'project', projectArn: p.project.arn }));
    }
  }

  children(node?: TreeNode): TreeNode[] {
    if (!node) return this.roots();
    if (node.kind !== 'project') return [];
    const state = this.model.findProject(node.projectArn);
    if (!state) return [];
    const children: TreeNode[] = [];
    for (const type of ['TRAIN', 'TEST'] as const) {
      const d = state.datasets.find((x) => x.ref.type === type);
      if (d?.error && !d.dataset) {
        children.push(
          this.keep(`dataset:${d.ref.arn}`, { kind: 'error', message: d.error.message, code: d.error.code, datasetArn: d.ref.arn, type }),
        );
      } else if (d) {
        children.push(this.keep(`dataset:${d.ref.arn}`, { kind: 'dataset', projectArn: node.projectArn, datasetArn: d.ref.arn, type }));
      } else if (state.project.status === 'CREATED') {
        children.push({ kind: 'missingDataset', projectArn: node.projectArn, type });
      }
    }
    children.push(...this.versionChildren(node.projectArn));
    return children;
  }

  /**
   * The node to redraw for a model change: the dataset's own node when it still shows as the
   * same kind of node, its project when it changes kind (a dataset that failed to load and now
   * loads), and the whole tree (undefined) for anything else.
   */
  refreshTarget(change: ModelChange): TreeNode | undefined {
    if (change.kind !== 'dataset') return undefined;
    const shown = this.nodes.get(`dataset:${change.arn}`);
    const state = this.model.findDataset(change.arn);
    if (!shown || !state) return undefined;
    // An error node carries its message: redraw it through its parent, which makes a new one.
    if (shown.kind === 'dataset' && !(state.error && !state.dataset)) return shown;
    return this.nodes.get(`project:${state.projectArn}`);
  }

  view(node: TreeNode): NodeView {
    switch (node.kind) {
      case 'project':
        return this.projectView(node.projectArn);
      case 'dataset':
        return this.datasetView(node.datasetArn, node.type);
      case 'version':
        return this.versionView(node.projectArn, node.versionArn);
      case 'versionsError':
        return {
          label: 'Model versions: could not load',
          id: `${node.projectArn}#versions-error`,
          expanded: false,
          icon: { id: 'error', color: 'errorForeground' },
          description: node.message,
          tooltip: `${node.message}${node.code ? `\n\nCode: \`${node.code}\`` : ''}\n\nRefresh the explorer to try again; see the logs for details.`,
          contextValue: 'versionsError',
        };
      case 'missingDataset':
        return {
          label: `No ${node.type === 'TRAIN' ? 'training' : 'test'} dataset`,
          expanded: false,
          icon: { id: 'circle-slash' },
          description: 'create one…',
          contextValue: `datasetMissing;${node.type.toLowerCase()}`,
          command: { command: Commands.createDataset, title: 'Create Dataset', arguments: [node] },
        };
      case 'error':
        return {
          label: node.datasetArn ? `${node.type ? datasetTypeLabel(node.type) : 'Dataset'}: could not load` : 'Could not load projects',
          id: node.datasetArn ? `${node.datasetArn}#error` : undefined,
          expanded: false,
          icon: { id: 'error', color: 'errorForeground' },
          description: node.message,
          tooltip: `${node.message}${node.code ? `\n\nCode: \`${node.code}\`` : ''}\n\nSelect to retry; see the logs for details.`,
          // The dataset's type stays in the token: deleting it or copying its ARN still works.
          contextValue: node.datasetArn ? `error;dataset;${node.type?.toLowerCase() ?? 'unknown'}` : 'error;projects',
          command: { command: Commands.retry, title: 'Retry', arguments: [node] },
        };
      case 'message':
        return { label: node.message, expanded: false, icon: { id: 'info' }, contextValue: 'message' };
    }
  }

  /** Forgets the kept nodes (the model was reloaded: another connection, another account). */
  clear(): void {
    this.nodes.clear();
  }

  private keep(key: string, fresh: TreeNode): TreeNode {
    const old = this.nodes.get(key);
    if (old && sameNode(old, fresh)) return old;
    this.nodes.set(key, fresh);
    return fresh;
  }

  /** Shows each project's model versions (from `versions`) after its datasets. */
  showVersions(versions: VersionsModel): void {
    this.versions = versions;
  }

  /** The node to redraw when a project's versions changed: the project's (its children change); the whole tree for anything else. */
  versionsRefreshTarget(change: VersionsChange): TreeNode | undefined {
    return change.kind === 'project' ? this.nodes.get(`project:${change.projectArn}`) : undefined;
  }

  private versions: VersionsModel | undefined;

  private versionChildren(projectArn: string): TreeNode[] {
    const state = this.versions?.of(projectArn);
    if (!state) return [];
    if (state.error && !state.loaded) return [{ kind: 'versionsError', projectArn, message: state.error.message, code: state.error.code }];
    return state.versions.map((v) => this.keep(`version:${v.arn}`, { kind: 'version', projectArn, versionArn: v.arn }));
  }

  private versionView(projectArn: string, versionArn: string): NodeView {
    const state = this.versions?.of(projectArn);
    const v = state?.versions.find((x) => x.arn === versionArn);
    if (!v) return { label: versionArn, id: versionArn, expanded: false };
    const icon = versionIcon(v.status);
    return {
      label: v.name,
      id: v.arn,
      expanded: false,
      icon: icon.color ? { id: icon.id, color: icon.color } : { id: icon.id },
      description: state?.error ? `${versionDescription(v)} · could not refresh` : versionDescription(v),
      tooltip: versionTooltip(v, state?.error?.message),
      contextValue: versionContextValue(v),
    };
  }

  private projectView(projectArn: string): NodeView {
    const state = this.model.findProject(projectArn);
    const name = state?.project.name ?? projectArn;
    const view: NodeView = { label: name, id: projectArn, expanded: true };
    if (!state) return view;
    const { project } = state;
    const created = project.status === 'CREATED';
    view.icon = { id: created ? 'project' : 'loading~spin' };
    view.description = created ? undefined : project.status.toLowerCase();
    view.contextValue = projectContextValue(project);
    view.tooltip = [
      `**${name}** (${project.status.toLowerCase()})`,
      '',
      project.created ? `Created: ${project.created.toISOString()}  ` : '',
      `ARN: \`${project.arn}\``,
    ].join('\n');
    return view;
  }

  private datasetView(arn: string, type: 'TRAIN' | 'TEST'): NodeView {
    const state = this.model.findDataset(arn);
    const view: NodeView = { label: datasetTypeLabel(type), id: arn, expanded: false };
    if (!state) return view;
    const icon = statusIcon(state.dataset?.status ?? state.ref.status);
    view.icon = icon.color ? { id: icon.id, color: icon.color } : { id: icon.id };
    view.description = state.error ? `${datasetDescription(state.dataset)} · could not refresh` : datasetDescription(state.dataset);
    view.tooltip = datasetTooltip(type, state.dataset, state.ref, state.error?.message);
    view.contextValue = datasetContextValue(type, state.dataset, state.ref);
    return view;
  }
}

function sameNode(a: TreeNode, b: TreeNode): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'error' && b.kind === 'error') return a.message === b.message && a.code === b.code;
  return true;
}
