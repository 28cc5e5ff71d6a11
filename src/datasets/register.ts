/**
 * The explorer and the dataset commands: one entry point for the composition root.
 */
import * as vscode from 'vscode';
import { ContextKeys, Settings, Views } from '../constants';
import { registerCheckProjectTrainingCommand } from '../commands/check-project-training-command';
import { registerCheckImagesCommand } from '../check-images/command';
import { registerGalleryCommand } from '../gallery/command';
import { registerLabelStatsCommand } from '../label-stats/command';
import { registerConnectionCommands } from '../commands/connection-commands';
import { ImageFindings } from '../ui/image-findings';
import type { DatasetsContext } from '../ui/context';
import { registerDatasetCommands } from '../commands/dataset-commands';
import { registerDistributeCommand } from '../commands/distribute-command';
import { EntriesProvider, registerEntriesDocuments } from '../browse/entries-document';
import { registerProjectCommands } from '../commands/project-commands';
import { registerPushCommand } from '../commands/push-command';
import { registerPreview } from '../preview/register';
import { ConnectionManager, type SandboxHandle } from '../connection/connection-manager';
import { checkCredentials } from '../connection/credentials';
import { RecordedEntryErrors } from '../language/entry-diagnostics';
import type { ManifestDocuments } from '../language/manifest-documents';
import { createCustomLabelsService } from '../rekognition';
import { ProjectsModel } from '../views/projects-model';
import { ProjectsTreeProvider } from '../views/projects-provider';
import { VersionsModel, modelsClient } from '../views/versions-model';
import { registerModelCommands } from '../commands/model-commands';
import { registerEvaluationCommand } from '../evaluation/command';

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
  const tree = new ProjectsTreeProvider(model);
  // Each project's model versions, after its datasets, polled on their own.
  const versions = new VersionsModel({ intervalMs: () => connection.config.pollingIntervalMs, log: (m) => log.debug(m) });
  tree.showVersions(versions);
  const view = vscode.window.createTreeView(Views.projects, { treeDataProvider: tree, showCollapseAll: true });
  const recorded = new RecordedEntryErrors(manifests);
  const datasetDiagnostics = recorded.collection;
  const ctx: DatasetsContext = { log, model, connection, recorded, imageFindings: new ImageFindings() };
  const entries = new EntriesProvider(ctx);

  const updateView = (): void => {
    view.description = connection.label;
    // The side bar shows "Custom Labels: <title>" and cuts it at its default width: a short
    // title keeps the mode readable ("Custom Labels: Projects (Sandbox)" showed "...: Projects").
    view.title = connection.config.mode === 'sandbox' ? 'Sandbox' : 'Projects';
    const state = connection.state;
    // No message for noCredentials: a view message hides the welcome content, whose buttons
    // (use the sandbox, select a profile) are the way out. The SDK's reason goes to the log.
    view.message = state.kind === 'error' ? `Not connected: ${state.reason}` : undefined;
  };
  const updateNoProjects = (): void => {
    const empty = model.state.kind === 'loaded' && model.projects.length === 0;
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
      updateView();
      // Another account, region or sandbox: what the datasets of the last one recorded goes.
      if (connection.state.kind === 'ready') recorded.keepConnection(connection.label);
      const state = connection.state;
      void model.setService(connection.service, state.kind === 'ready' ? undefined : state.kind);
    }),
    { dispose: model.onDidChange(updateNoProjects).dispose },
    {
      // A dataset deleted elsewhere (console, CLI, another window): what it recorded goes too.
      dispose: model.onDidChange((change) => {
        if (change.kind !== 'all' || model.state.kind !== 'loaded' || recorded.datasets.size === 0) return;
        recorded.keepDatasets(connection.label, new Set(model.allDatasets().map((d) => d.ref.arn)));
      }).dispose,
    },
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${Settings.section}.${Settings.pollingIntervalMs}`)) void model.watch();
    }),
    ...registerConnectionCommands(ctx),
    ...registerProjectCommands(ctx),
    ...registerDatasetCommands(ctx),
    ...registerPushCommand(ctx),
    ...registerDistributeCommand(ctx),
    ...registerCheckProjectTrainingCommand(ctx),
    ...registerModelCommands(context, ctx, versions),
    ...registerEvaluationCommand(context, ctx, versions),
    ...registerLabelStatsCommand(context, ctx),
    ...registerCheckImagesCommand(ctx, manifests),
    ...registerGalleryCommand(context, ctx),
    ...registerPreview(context, ctx, manifests),
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
