/** Create, delete, download and inspect datasets; copy ARNs; refresh and retry the explorer. */
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { validateLine } from '../manifest';
import { DatasetFailedError, parseS3Uri, planPush } from '../rekognition';
import { CustomLabelsError, type DatasetSource, type DatasetType, type LabelStats } from '../rekognition';
import { isInProgress } from '../rekognition';
import { datasetDescription, datasetTypeLabel, statusLabel } from '../views/dataset-status';
import { isTreeNode } from '../views/tree-nodes';
import { requireService, type DatasetsContext } from '../ui/context';
import { baseName, isManifestDocument, resolveSource, type SourceOptions } from '../ui/manifest-source';
import { datasetName, hasEntries, normalizeType, resolveDataset, resolveProject, targetOf, type TargetOptions } from '../ui/pickers';
import { decideInvalidLines, pushToDataset, type PushOptions } from './push-command';
import { info, registerCommand, withProgress } from '../ui/command-edge';
import { saidBusy } from '../ui/busy-dataset';

export interface CreateDatasetOptions extends TargetOptions, SourceOptions {
  source?: 'empty' | 's3' | 'copy' | 'manifest';
  /** For 's3': s3://bucket/key. */
  s3Uri?: string;
  s3Version?: string;
  /** For 'copy': the dataset to copy. */
  copyFrom?: string;
  onInvalid?: PushOptions['onInvalid'];
}

export interface ConfirmOptions extends TargetOptions {
  confirmed?: boolean;
}

export interface DownloadOptions extends TargetOptions {
  /** Where to write the manifest (skips the save dialog). */
  targetUri?: vscode.Uri | string;
}

export interface ListLabelsOptions extends TargetOptions {
  /** false: return the labels without showing a quick pick. */
  show?: boolean;
}

export function registerDatasetCommands(ctx: DatasetsContext): vscode.Disposable[] {
  return [
    registerCommand(ctx, Commands.createDataset, 'Create dataset', (arg?: unknown) => createDataset(ctx, arg)),

    registerCommand(ctx, Commands.deleteDataset, 'Delete dataset', async (arg?: unknown) => {
      const service = await requireService(ctx);
      const options = targetOf(arg) as ConfirmOptions;
      const target = await resolveDataset(ctx, options, 'Dataset to delete');
      if (!target) return undefined;
      if (saidBusy(ctx, target, 'delete it')) return undefined;
      const name = datasetName(ctx, target);
      if (!options.confirmed) {
        const choice = await vscode.window.showWarningMessage(
          `Delete ${name}?`,
          { modal: true, detail: `Its ${target.dataset?.stats.totalEntries ?? 'unknown number of'} entries are deleted with it. This cannot be undone.` },
          'Delete',
        );
        if (choice !== 'Delete') return undefined;
      }
      await withProgress(`Deleting ${name}…`, false, () => service.deleteDataset(target.ref.arn));
      ctx.recorded.forgetDataset(target.ref.arn);
      await ctx.model.watch();
      // The service deletes in the background: the explorer drops the node when it is gone.
      info(ctx, ctx.model.findDataset(target.ref.arn) ? `Deleting ${name}: it leaves the explorer when the service is done.` : `Deleted ${name}.`);
      return { deleted: target.ref.arn };
    }),

    registerCommand(ctx, Commands.copyArn, 'Copy ARN', async (arg?: unknown) => {
      const t = targetOf(arg);
      const arn = t.datasetArn ?? t.projectArn;
      if (!arn) throw new CustomLabelsError('Nothing selected.', 'INVALID_PARAMETER', 'Right-click a project or dataset in the explorer.');
      await vscode.env.clipboard.writeText(arn);
      void vscode.window.setStatusBarMessage(`Copied ${arn}`, 3000);
      return arn;
    }),

    registerCommand(ctx, Commands.refresh, 'Refresh', async () => {
      // Not connected (no credentials yet, sandbox down) or signed out: check again (a new
      // client reads the credentials anew), the user may have fixed it.
      await ctx.connection.connect(ctx.connection.state.kind !== 'ready' || ctx.model.state.kind === 'signedOut');
      await ctx.model.load();
    }),

    registerCommand(ctx, Commands.retry, 'Retry', async (arg?: unknown) => {
      if (isTreeNode(arg) && arg.kind === 'error' && arg.datasetArn) {
        await ctx.model.refreshDataset(arg.datasetArn);
        const still = ctx.model.findDataset(arg.datasetArn)?.error;
        // The node looks the same when it fails again: say so rather than seem to ignore the click.
        if (still) throw new CustomLabelsError(`The dataset still cannot be loaded: ${still.message}`, still.code ?? 'LOAD_FAILED');
        return;
      }
      await ctx.connection.connect(true);
      await ctx.model.load();
    }),

    registerCommand(ctx, Commands.downloadDataset, 'Download dataset', async (arg?: unknown) => {
      const service = await requireService(ctx);
      const options = targetOf(arg) as DownloadOptions;
      const target = await resolveDataset(ctx, options, 'Dataset to download', hasEntries);
      if (!target) return undefined;
      const name = datasetName(ctx, target);
      let uri = typeof options.targetUri === 'string' ? vscode.Uri.file(options.targetUri) : options.targetUri;
      if (!uri) {
        const project = ctx.model.findProject(target.projectArn)?.project.name ?? 'dataset';
        const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
        const fileName = `${project}-${target.ref.type.toLowerCase()}.manifest`;
        uri = await vscode.window.showSaveDialog({
          title: `Download ${name}`,
          defaultUri: folder ? vscode.Uri.joinPath(folder, fileName) : undefined,
          filters: { Manifests: ['manifest'] },
        });
        if (!uri) return undefined;
      }
      const target_ = uri;
      const count = await withProgress(`Downloading ${name}`, true, async (progress, cancellation) => {
        const lines: string[] = [];
        for await (const page of service.listEntries(target.ref.arn, undefined, cancellation)) {
          lines.push(...page);
          progress.report(`${lines.length} entries…`);
          if (cancellation.isCancelled) throw new CustomLabelsError('Download was cancelled.', 'CANCELLED');
        }
        await vscode.workspace.fs.writeFile(target_, new TextEncoder().encode(lines.length ? `${lines.join('\n')}\n` : ''));
        return lines.length;
      });
      void vscode.window.showInformationMessage(`Downloaded ${count} entries of ${name} to ${target_.fsPath}.`, 'Open').then((choice) => {
        if (choice === 'Open') void vscode.window.showTextDocument(target_);
      });
      ctx.log.info(`Downloaded ${count} entries of ${name} to ${target_.fsPath}.`);
      return { uri: target_, entries: count };
    }),

    registerCommand(ctx, Commands.listLabels, 'List labels', async (arg?: unknown) => {
      const service = await requireService(ctx);
      const options = targetOf(arg) as ListLabelsOptions;
      const target = await resolveDataset(ctx, options, 'Dataset whose labels to list', hasEntries);
      if (!target) return undefined;
      const name = datasetName(ctx, target);
      const labels: LabelStats[] = await withProgress(`Listing labels of ${name}…`, false, () => service.listLabels(target.ref.arn));
      labels.sort((a, b) => b.entryCount - a.entryCount || a.name.localeCompare(b.name));
      if (options.show !== false) {
        if (labels.length === 0) {
          info(ctx, `${name} has no labels yet.`);
        } else {
          // Not awaited: the command returns the labels; picking one browses its entries.
          void vscode.window
            .showQuickPick(
              labels.map((l) => ({
                label: l.name,
                description: `${l.entryCount} entr${l.entryCount === 1 ? 'y' : 'ies'}${l.boundingBoxCount ? ` · ${l.boundingBoxCount} box${l.boundingBoxCount === 1 ? '' : 'es'}` : ''}`,
              })),
              { title: `${labels.length} label${labels.length === 1 ? '' : 's'} in ${name}`, placeHolder: 'Pick a label to browse its entries' },
            )
            .then((picked) => {
              if (picked) void vscode.commands.executeCommand(Commands.browseEntries, { datasetArn: target.ref.arn, filter: { containsLabels: [picked.label] } });
            });
        }
      }
      return labels;
    }),
  ];
}

async function createDataset(ctx: DatasetsContext, arg: unknown) {
  const service = await requireService(ctx);
  const options = targetOf(arg) as CreateDatasetOptions;
  const project = await resolveProject(ctx, options, 'Project to add a dataset to', {
    keep: (p) => p.project.status === 'CREATED' && p.datasets.length < 2,
    none: `Every project in ${ctx.connection.label} already has a training and a test dataset.`,
    hint: 'Create a new project, or push entries to the existing datasets.',
  });
  if (!project) return undefined;
  const missing = (['TRAIN', 'TEST'] as const).filter((t) => !project.datasets.some((d) => d.ref.type === t));
  let type: DatasetType | undefined = normalizeType(options.type);
  if (type && !missing.includes(type)) {
    throw new CustomLabelsError(
      `Project "${project.project.name}" already has a ${datasetTypeLabel(type).toLowerCase()}.`,
      'ResourceAlreadyExistsException',
      'A project holds one training and one test dataset; delete the existing one first, or push entries to it.',
    );
  }
  if (!type) {
    if (missing.length === 0) {
      throw new CustomLabelsError(`Project "${project.project.name}" already has both datasets.`, 'ResourceAlreadyExistsException', 'Push entries to them instead.');
    }
    type =
      missing.length === 1
        ? missing[0]
        : (await vscode.window.showQuickPick(
            missing.map((t) => ({ label: datasetTypeLabel(t), type: t })),
            { placeHolder: `Which dataset of ${project.project.name}?` },
          ))?.type;
    if (!type) return undefined;
  }
  let kind = options.source;
  if (!kind) {
    kind = (
      await vscode.window.showQuickPick(
        [
          { label: 'Empty', detail: 'Create an empty dataset; push entries to it later.', value: 'empty' as const },
          activeManifestName()
            ? { label: `From ${activeManifestName()}`, detail: 'Create an empty dataset and push this manifest (open in the editor) to it.', value: 'manifest' as const }
            : { label: 'From a local manifest file…', detail: 'Pick a manifest file; create an empty dataset and push the file to it.', value: 'manifest' as const },
          { label: 'From a manifest in S3', detail: 's3://bucket/key (same account and region).', value: 's3' as const },
          { label: 'Copy of another dataset', detail: 'Copies the entries of an existing dataset.', value: 'copy' as const },
        ],
        { placeHolder: `Create the ${datasetTypeLabel(type).toLowerCase()} of ${project.project.name} from…` },
      )
    )?.value;
    if (!kind) return undefined;
  }

  let source: DatasetSource = { kind: 'empty' };
  if (kind === 's3') {
    let s3Uri = options.s3Uri;
    if (s3Uri === undefined) {
      s3Uri = await vscode.window.showInputBox({
        title: 'Manifest in S3',
        prompt: 'Location of a Ground Truth manifest (bucket in the same account and region)',
        placeHolder: 's3://my-bucket/path/train.manifest',
        validateInput: (v) => {
          const p = parseS3Uri(v);
          return 'error' in p ? p.error : undefined;
        },
      });
      if (s3Uri === undefined) return undefined;
    }
    const parsed = parseS3Uri(s3Uri);
    if ('error' in parsed) throw new CustomLabelsError(`"${s3Uri}" is not a manifest location: ${parsed.error}`, 'INVALID_PARAMETER');
    let version = options.s3Version;
    if (version === undefined && options.s3Uri === undefined) {
      version = await vscode.window.showInputBox({ title: 'Object version (optional)', prompt: 'Leave empty for the latest version.' });
      if (version === undefined) return undefined;
    }
    source = { kind: 's3', bucket: parsed.bucket, key: parsed.key, version: version?.trim() || undefined };
  } else if (kind === 'copy') {
    const from = await resolveDataset(ctx, { datasetArn: options.copyFrom }, 'Dataset to copy', (d) => d.projectArn !== project.project.arn || d.ref.type !== type);
    if (!from) return undefined;
    source = { kind: 'copy', datasetArn: from.ref.arn };
  }

  const label = `${project.project.name} › ${datasetTypeLabel(type)}`;
  const manifest = kind === 'manifest' ? await resolveSource(undefined, options) : undefined;
  if (kind === 'manifest' && !manifest) return undefined;
  // Ask about invalid lines before creating: stopping then leaves no empty dataset behind.
  const plan = manifest ? planPush(manifest.lines, validateLine, manifest.firstLine) : undefined;
  const onInvalid = manifest && plan ? await decideInvalidLines(ctx, plan, manifest, label, options.onInvalid) : undefined;
  if (onInvalid === 'stop') {
    info(ctx, `Nothing was created: fix the problems of ${manifest!.label} (see the Problems view), then create ${label} again.`);
    return undefined;
  }

  const created = await withProgress(`Creating ${label}`, true, async (progress, cancellation) => {
    const arn = await service.createDataset(project.project.arn, type!, source);
    await ctx.model.watch();
    progress.report('waiting for the dataset to be ready…');
    try {
      const dataset = await service.waitForStatus(arn, { cancellation, onStatus: () => void ctx.model.watch(arn) });
      return { arn, dataset };
    } catch (error) {
      // A failed import ends the wait with an error: report it below, with what to do next.
      if (error instanceof DatasetFailedError) return { arn, dataset: error.dataset };
      throw error;
    }
  });
  await ctx.model.watch(created.arn);
  if (created.dataset.status === 'CREATE_FAILED') {
    throw new CustomLabelsError(
      `${label} was created but its import failed: ${(created.dataset.statusMessage ?? statusLabel(created.dataset.status)).replace(/\.$/, '')}${created.dataset.statusMessageCode ? ` (${created.dataset.statusMessageCode})` : ''}.`,
      created.dataset.statusMessageCode ?? 'CREATE_FAILED',
      created.dataset.statusMessageCode === 'SERVICE_ERROR'
        ? 'Delete the failed dataset and create it again later.'
        : 'Fix the manifest, delete the failed dataset, and create it again.',
    );
  }
  if (manifest) {
    const state = ctx.model.findDataset(created.arn);
    if (!state) throw new CustomLabelsError(`${label} was created but is not listed yet.`, 'NOT_FOUND', 'Refresh the explorer, then push the manifest to it.');
    const outcome = await pushToDataset(ctx, state, manifest, { onInvalid: onInvalid === 'pushAll' ? undefined : onInvalid }, plan);
    return { datasetArn: created.arn, push: outcome };
  }
  if (!isInProgress(created.dataset.status)) info(ctx, `Created ${label}: ${datasetDescription(created.dataset)}.`);
  return { datasetArn: created.arn, dataset: created.dataset };
}

/** File name of the manifest in the active editor, if it is one. */
function activeManifestName(): string | undefined {
  const document = vscode.window.activeTextEditor?.document;
  return document && isManifestDocument(document) ? baseName(document.uri) : undefined;
}
