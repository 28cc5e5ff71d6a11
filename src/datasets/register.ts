/**
 * The explorer and the dataset commands: one entry point for the composition root.
 */
import * as vscode from 'vscode';
import { ContextKeys, Settings, Views } from '../constants';
import { registerCheckProjectTrainingCommand } from '../commands/check-project-training-command';
import { registerCheckImagesCommand } from '../check-images/command';
import { registerGalleryCommand } from '../gallery/command';
import { registerMistakesCommand } from '../gallery/mistakes';
import { registerLabelStatsCommand } from '../label-stats/command';
import { keptFingerprints, registerDatasetHealthCommands } from '../dataset-health/command';
import { registerConnectionCommands } from '../commands/connection-commands';
import { registerExplorerCommands } from '../commands/explorer-commands';
import { ConnectionViews } from '../ui/connection-views';
import { ImageFindings } from '../ui/image-findings';
import type { DatasetsContext } from '../ui/context';
import { registerDatasetCommands } from '../commands/dataset-commands';
import { registerDistributeCommand } from '../commands/distribute-command';
import { EntriesProvider, registerEntriesDocuments } from '../browse/entries-document';
import { registerProjectCommands } from '../commands/project-commands';
import { registerPushCommand } from '../commands/push-command';
import { openPreview, registerPreview } from '../preview/register';
import { registerLabellingCommand } from '../labelling/command';
import { registerUploadCommand } from '../upload/command';
import { ConnectionManager, type SandboxHandle } from '../connection/connection-manager';
import { checkCredentials } from '../connection/credentials';
import { profileUsesSso } from '../connection/profiles';
import { filterDescription } from '../views/project-filter';
import type { SignInAccount } from '../views/projects-tree';
import { RecordedEntryErrors } from '../language/entry-diagnostics';
import type { ManifestDocuments } from '../language/manifest-documents';
import { createCustomLabelsService } from '../rekognition';
import { ProjectsModel } from '../views/projects-model';
import { ProjectsTreeProvider } from '../views/projects-provider';
import { VersionsModel, modelsClient } from '../views/versions-model';
import { registerModelCommands } from '../commands/model-commands';
import { registerEvaluationCommand } from '../evaluation/command';
import { registerTrainingErrors } from '../model-use/training-errors';
import { registerDetect } from '../model-use/detect';

/** What the integration tests (and other features) reach through the extension's API. */
export interface DatasetsApi {
  projectsModel: ProjectsModel;
  projectsTree: ProjectsTreeProvider;
  /** Each project's model versions (the explorer's rows after the datasets). */
  versionsModel: VersionsModel;
  connection: ConnectionManager;
  datasetDiagnostics: vscode.DiagnosticCollection;
  /** Serves the browse documents (streamed entries). */
  entries: EntriesProvider;
  /** Connects if nothing has yet; resolves once that attempt settled. */
  ensureConnected(): Promise<void>;
}

export function registerDatasets(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, manifests: ManifestDocuments): DatasetsApi {
  const connection = new ConnectionManager({
    createService: createCustomLabelsService,
    startSandbox: async (): Promise<SandboxHandle> => {
      const { startSandbox } = await import('../sandbox/index');
      return startSandbox({});
    },
    checkCredentials,
    log,
  });
  const model = new ProjectsModel({
    maxIntervalMs: () => connection.config.pollingIntervalMs,
    log: (m) => log.debug(m),
  });
  // Whose sign-in the signed-out row speaks of; whether it is SSO is read when the connection changes.
  let account: SignInAccount = { sso: false };
  const tree = new ProjectsTreeProvider(model, () => account);
  // Each project's model versions, after its datasets, polled on their own.
  const versions = new VersionsModel({ intervalMs: () => connection.config.pollingIntervalMs, log: (m) => log.debug(m) });
  tree.showVersions(versions);
  const view = vscode.window.createTreeView(Views.projects, { treeDataProvider: tree, showCollapseAll: true });
  const recorded = new RecordedEntryErrors(manifests);
  /** The connection whose account the screen shows (its label: profile · region, or the sandbox's address). */
  let lastLabel: string | undefined;
  const datasetDiagnostics = recorded.collection;
  const connectionViews = new ConnectionViews();
  const ctx: DatasetsContext = { log, model, connection, recorded, imageFindings: new ImageFindings(), connectionViews };
  const entries = new EntriesProvider(ctx);
  // One fingerprint cache for the window: Check Dataset Health reads through it, the gallery's thumbnail decodes fill it.
  const fingerprints = keptFingerprints(context, log);
  const labelling = registerLabellingCommand(context, ctx);

  const updateView = (): void => {
    // The filter first: it is what makes the tree show so little.
    const filter = filterDescription(model.filter);
    view.description = filter ? `${filter} · ${connection.label}` : connection.label;
    void vscode.commands.executeCommand('setContext', ContextKeys.projectsFiltered, filter !== undefined);
    // The side bar shows "Custom Labels: <title>" and cuts it at its default width: a short
    // title keeps the mode readable ("Custom Labels: Projects (Sandbox)" showed "...: Projects").
    view.title = connection.config.mode === 'sandbox' ? 'Sandbox' : 'Projects';
    const state = connection.state;
    // No message for noCredentials: the signed-out row says it, with its actions. The SDK's reason goes to the log.
    // The filter shows above the rows too: a side bar that holds only this view shows its title,
    // not its description.
    const lines = [
      ...(filter ? [`${filter} (exact names). Clear Filter, in the title bar, shows every project.`] : []),
      ...(state.kind === 'error' ? [`Not connected: ${state.reason}`] : []),
    ];
    view.message = lines.length ? lines.join('\n') : undefined;
  };
  const updateNoProjects = (): void => {
    const empty = model.state.kind === 'loaded' && model.projects.length === 0 && !model.filter;
    void vscode.commands.executeCommand('setContext', ContextKeys.noProjects, empty);
  };

  context.subscriptions.push(
    connection,
    model,
    tree,
    view,
    recorded,
    versions,
    { dispose: model.onDidChange((change) => change.kind === 'all' && model.state.kind === 'loaded' && versions.syncProjects(model.projects.map((p) => p.project.arn))).dispose },
    connection.onDidChange(() => {
      versions.setSource(connection.service ? modelsClient(connection.service) : undefined);
      const label = connection.label;
      const another = label !== lastLabel;
      lastLabel = label;
      // Another account, region or sandbox: nothing of the last one stays on screen. What its
      // datasets recorded goes, and their galleries and browse documents close (see
      // ui/connection-views.ts); the tree starts again from the first page, unfiltered.
      if (another) {
        recorded.keepConnection(label);
        void connectionViews.closeAll().then((closed) => {
          if (closed) log.info(`Closed ${closed} gallery or browse tab(s) of the previous connection: they showed its datasets.`);
        });
      }
      const state = connection.state;
      const config = connection.config;
      account = { profile: config.profile, sso: false };
      if (config.mode === 'aws') {
        void profileUsesSso(config.profile).then(
          (sso) => {
            if (sso && account.profile === config.profile) {
              account = { profile: config.profile, sso };
              tree.refresh();
            }
          },
          () => undefined,
        );
      }
      if (state.kind === 'noCredentials') model.signOut({ message: state.reason, code: 'NO_CREDENTIALS' });
      else void model.setService(connection.service, state.kind === 'ready' ? undefined : state.kind, { keepFilter: !another });
      updateView();
    }),
    { dispose: model.onDidChange(updateNoProjects).dispose },
    { dispose: model.onDidChange((change) => change.kind === 'all' && updateView()).dispose },
    {
      // A dataset deleted elsewhere (console, CLI, another window): what it recorded goes too.
      // Only when every project is listed: one not loaded (a later page, filtered out) is not gone.
      dispose: model.onDidChange((change) => {
        if (change.kind !== 'all' || model.state.kind !== 'loaded' || model.hasMore || model.filter || recorded.datasets.size === 0) return;
        recorded.keepDatasets(connection.label, new Set(model.allDatasets().map((d) => d.ref.arn)));
      }).dispose,
    },
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${Settings.section}.${Settings.pollingIntervalMs}`)) void model.watch();
    }),
    ...registerConnectionCommands(ctx),
    ...registerExplorerCommands(ctx),
    ...registerProjectCommands(ctx),
    ...registerDatasetCommands(ctx),
    ...registerPushCommand(ctx),
    ...registerDistributeCommand(ctx),
    ...registerCheckProjectTrainingCommand(ctx),
    ...registerModelCommands(context, ctx, versions),
    ...registerEvaluationCommand(context, ctx, versions),
    ...registerTrainingErrors(ctx, versions),
    ...registerDetect(ctx, versions, openPreview),
    ...registerLabelStatsCommand(context, ctx),
    ...registerCheckImagesCommand(ctx, manifests),
    ...registerDatasetHealthCommands(context, ctx, fingerprints),
    // The window closes: what the gallery added since the last save, saved (best effort).
    { dispose: () => void fingerprints.flush().catch(() => undefined) },
    ...registerGalleryCommand(context, ctx, fingerprints),
    ...registerMistakesCommand(context, ctx, versions),
    ...registerPreview(context, ctx, manifests),
    ...labelling.disposables,
    ...registerUploadCommand(ctx, labelling.made),
    ...registerEntriesDocuments(ctx, entries),
  );
  // Activation does not touch AWS (a manifest opened in an editor only needs the validator):
  // the connection starts when the Projects view is first shown or a command needs the service.
  const connectWhenVisible = (): void => {
    if (view.visible) void connection.ensureConnected();
  };
  context.subscriptions.push(view.onDidChangeVisibility(connectWhenVisible));
  connectWhenVisible();
  updateView();
  return { projectsModel: model, projectsTree: tree, versionsModel: versions, connection, datasetDiagnostics, entries, ensureConnected: () => connection.ensureConnected() };
}
