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
import type { LoadError } from './projects-model';
import type { TreeNode } from './tree-nodes';
import type { VersionsModel } from './versions-model';
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

/** Whose credentials failed, for the signed-out row's words (the connection's settings). */
export interface SignInAccount {
  /** The named profile; undefined: the default chain. */
  profile?: string;
  /** The profile signs in through IAM Identity Center (SSO): `aws sso login --profile X` renews it. */
  sso: boolean;
}

/** The command that renews an SSO sign-in for `profile`. */
export function ssoLoginCommand(profile: string | undefined): string {
  return profile ? `aws sso login --profile ${profile}` : 'aws sso login';
}

/** The signed-out row's label: what happened to the credentials, in words. */
export function signedOutLabel(error: LoadError): string {
  if (error.code === 'ExpiredToken' || error.code === 'ExpiredTokenException' || /expired/i.test(error.message)) return 'AWS sign-in expired';
  if (error.code === 'UnrecognizedClientException' || error.code === 'InvalidSignatureException' || error.code === 'InvalidClientTokenId') return 'AWS refused the credentials';
  return 'No AWS credentials';
}

/**
 * Children of `node` (the roots when undefined). Node objects are kept per ARN and reused, so
 * that a change can redraw exactly the node VS Code already holds (it knows elements by
 * identity).
 */
export class ProjectsTree {
  private readonly nodes = new Map<string, TreeNode>();

  constructor(
    private readonly model: ProjectsModel,
    private readonly account: () => SignInAccount = () => ({ sso: false }),
  ) {}

  roots(): TreeNode[] {
    const state = this.model.state;
    switch (state.kind) {
      case 'disconnected':
        // Empty: the welcome view (no projects, ...) takes the space; missing credentials are the signed-out row.
        return [];
      case 'loading':
        return [{ kind: 'message', message: 'Loading projects…' }];
      case 'error':
        return [{ kind: 'error', message: state.error.message, code: state.error.code }];
      case 'signedOut':
        return [{ kind: 'signedOut', message: state.error.message, code: state.error.code }];
      case 'loaded': {
        const rows: TreeNode[] = this.model.projects.map((p) => this.keep(`project:${p.project.arn}`, { kind: 'project', projectArn: p.project.arn }));
        const filter = this.model.filter;
        if (rows.length === 0 && filter) {
          return [{ kind: 'message', message: `No project named ${filter.map((n) => `"${n}"`).join(' or ')} (names match exactly)` }];
        }
        if (this.model.hasMore) rows.push(this.keep('loadMore', { kind: 'loadMore' }));
        return rows;
      }
    }
  }

  /**
   * What VS Code was last given, so that a reload of the model that changes nothing redraws
   * nothing, and one that changes a row redraws that row only. A redraw of the whole tree makes
   * VS Code forget every row until it asks again: a command chosen meanwhile on a row's open
   * menu runs without its row. `children` and `view` record what they hand out.
   */
  private readonly shownChildren = new Map<string, string>();
  private readonly shownViews = new WeakMap<TreeNode, string>();

  /**
   * The nodes to redraw for a model change, or [undefined]: the whole tree. A dataset's change:
   * its node (refreshTarget). A reload of the whole model: the whole tree when the rows at the
   * top changed (projects added or gone, a page loaded, another state), else each project whose
   * children changed and each node that looks different, and nothing when nothing did.
   */
  refreshTargets(change: ModelChange): Array<TreeNode | undefined> {
    if (change.kind === 'dataset') return [this.refreshTarget(change)];
    const roots = this.roots();
    if (this.shownChildren.get('') !== signature(roots)) {
      this.clear();
      return [undefined];
    }
    const out: TreeNode[] = [];
    for (const root of roots) {
      const children = this.childrenOf(root);
      const key = nodeKey(root);
      if (this.shownChildren.has(key) && this.shownChildren.get(key) !== signature(children)) {
        out.push(root);
        continue;
      }
      for (const node of [root, ...children]) {
        const shown = this.shownViews.get(node);
        if (shown !== undefined && shown !== JSON.stringify(this.viewOf(node))) out.push(node);
      }
    }
    return out;
  }

  children(node?: TreeNode): TreeNode[] {
    const out = this.childrenOf(node);
    this.shownChildren.set(node ? nodeKey(node) : '', signature(out));
    return out;
  }

  view(node: TreeNode): NodeView {
    const v = this.viewOf(node);
    this.shownViews.set(node, JSON.stringify(v));
    return v;
  }

  private childrenOf(node?: TreeNode): TreeNode[] {
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

  private viewOf(node: TreeNode): NodeView {
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
      case 'loadMore':
        return this.loadMoreView();
      case 'signedOut':
        return this.signedOutView(node);
    }
  }

  /** Forgets the kept nodes and what VS Code was given (the whole tree is redrawn). */
  clear(): void {
    this.nodes.clear();
    this.shownChildren.clear();
  }

  private keep(key: string, fresh: TreeNode): TreeNode {
    const old = this.nodes.get(key);
    if (old && sameNode(old, fresh)) return old;
    this.nodes.set(key, fresh);
    return fresh;
  }

  private loadMoreView(): NodeView {
    const shown = this.model.projects.length;
    const more = this.model.more;
    const view: NodeView = {
      label: 'Load more…',
      id: 'customLabels.loadMore',
      expanded: false,
      icon: { id: 'more' },
      description: `${shown.toLocaleString('en-US')} project${shown === 1 ? '' : 's'} shown`,
      tooltip: 'The account has more projects than are shown: select to load the next page (DescribeProjects).',
      contextValue: 'loadMore',
      command: { command: Commands.loadMoreProjects, title: 'Load More Projects', arguments: [] },
    };
    if (more.kind === 'loading') return { ...view, label: 'Loading more…', icon: { id: 'loading~spin' } };
    if (more.kind === 'error') {
      return { ...view, icon: { id: 'error', color: 'errorForeground' }, description: `could not load: ${more.error.message}`, tooltip: `${more.error.message}\n\nSelect to try again.` };
    }
    return view;
  }

  private signedOutView(node: Extract<TreeNode, { kind: 'signedOut' }>): NodeView {
    const { profile, sso } = this.account();
    const who = profile ? `profile ${profile}` : 'the default credentials';
    const signIn = sso
      ? `**Sign In Again**: run \`${ssoLoginCommand(profile)}\` (offered in a terminal), then the explorer reconnects.`
      : '**Sign In Again**: renew the keys of the profile (~/.aws/credentials, environment), then try again.';
    return {
      label: signedOutLabel(node),
      id: 'customLabels.signedOut',
      expanded: false,
      icon: { id: 'warning', color: 'problemsWarningIcon.foreground' },
      description: `${who} · select to sign in again`,
      tooltip: [
        `${node.message}${node.code ? ` (\`${node.code}\`)` : ''}`,
        '',
        signIn,
        '',
        '**Select Profile…**: use another profile.',
        '',
        '**Use the Local Sandbox**: work offline, nothing is sent to AWS.',
        '',
        'Nothing is asked of AWS until one of these is chosen.',
      ].join('\n'),
      contextValue: sso ? 'signedOut;sso' : 'signedOut',
      command: { command: Commands.signInAgain, title: 'Sign In Again', arguments: [] },
    };
  }

  /** Shows each project's model versions (from `versions`) after its datasets. */
  showVersions(versions: VersionsModel): void {
    this.versions = versions;
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

/** A node's identity in the tree: its kind and ARN, or its kind and words. */
function nodeKey(node: TreeNode): string {
  switch (node.kind) {
    case 'project':
      return `project:${node.projectArn}`;
    case 'dataset':
      return `dataset:${node.datasetArn}`;
    case 'version':
      return `version:${node.versionArn}`;
    case 'versionsError':
      return `versionsError:${node.projectArn}:${node.code ?? ''}:${node.message}`;
    case 'missingDataset':
      return `missing:${node.projectArn}:${node.type}`;
    case 'error':
      return `error:${node.datasetArn ?? ''}:${node.code ?? ''}:${node.message}`;
    case 'message':
      return `message:${node.message}`;
    case 'loadMore':
      return 'loadMore';
    case 'signedOut':
      return `signedOut:${node.code ?? ''}:${node.message}`;
  }
}

function signature(nodes: readonly TreeNode[]): string {
  return JSON.stringify(nodes.map(nodeKey));
}

function sameNode(a: TreeNode, b: TreeNode): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'error' && b.kind === 'error') return a.message === b.message && a.code === b.code;
  return true;
}
