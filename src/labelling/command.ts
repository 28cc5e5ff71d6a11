/**
 * "Label Images…": a NEW manifest of unlabelled lines (unlabelled.ts) for the images of a local
 * folder (the Explorer's folder menu, or picked), of an S3 prefix (ListObjectsV2, page by page), or
 * a dataset's unlabelled entries (its menu in the Custom Labels tree: ListDatasetEntries with
 * `Labeled: false`; the labelled result goes back with Push). Saved where the person confirms in
 * a save dialog (beside the images: `<folder>/labels.manifest`; the dialog asks before replacing
 * a file), opened with the preview beside it, and counted in the status bar (status.ts).
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { Commands, Settings } from '../constants';
import { createS3Client } from '../images';
import { CustomLabelsError, type Cancellation } from '../rekognition';
import { registerCommand, withProgress } from '../ui/command-edge';
import type { DatasetsContext } from '../ui/context';
import { datasetName, hasEntries, projectName, resolveDataset, targetOf, type TargetOptions } from '../ui/pickers';
import { requireService } from '../ui/context';
import { isTreeNode } from '../views/tree-nodes';
import { folderLayout, listLocalImages } from './local-images';
import { MadeManifests } from './made-manifests';
import { listS3Images } from './s3-images';
import { LabelledStatus } from './status';
import { unlabelledManifest } from './unlabelled';

/** What the command is given instead of asking (tests, scripts). */
export interface LabelImagesArgs extends TargetOptions {
  /** A local folder of images. */
  folder?: string;
  /** An S3 prefix: s3://bucket/prefix. */
  s3Prefix?: string;
  /** Where to save the manifest (skips the save dialog; an existing file is replaced only when the person says so). */
  targetUri?: vscode.Uri | string;
}

export interface LabelImagesOutcome {
  uri: vscode.Uri;
  lines: number;
}

function signalOf(cancellation: Cancellation): AbortSignal {
  const controller = new AbortController();
  if (cancellation.isCancelled) controller.abort();
  cancellation.onCancelled(() => controller.abort());
  return controller.signal;
}

/** The images folder setting, absolute (relative: from the first workspace folder). */
function imagesFolderSetting(): string | undefined {
  const value = vscode.workspace.getConfiguration(Settings.section).get<string>(Settings.imagesFolder, '')?.trim();
  if (!value) return undefined;
  if (path.isAbsolute(value)) return value;
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  return root?.scheme === 'file' ? path.join(root.fsPath, value) : undefined;
}

export function registerLabellingCommand(context: vscode.ExtensionContext, ctx: DatasetsContext): { made: MadeManifests; disposables: vscode.Disposable[] } {
  const made = new MadeManifests(context.workspaceState);
  const status = new LabelledStatus(made);

  /** The save dialog (or the given target); undefined when dismissed. */
  const target = async (given: LabelImagesArgs['targetUri'], defaultUri: vscode.Uri | undefined, title: string): Promise<vscode.Uri | undefined> => {
    if (given) {
      const uri = typeof given === 'string' ? vscode.Uri.file(given) : given;
      const exists = await vscode.workspace.fs.stat(uri).then(
        () => true,
        () => false,
      );
      if (exists) {
        const answer = await vscode.window.showWarningMessage(`${uri.fsPath} already exists. Replace it with the new manifest?`, { modal: true }, 'Replace');
        if (answer !== 'Replace') return undefined;
      }
      return uri;
    }
    // The dialog itself asks before replacing an existing file.
    return vscode.window.showSaveDialog({ title, defaultUri, filters: { Manifests: ['manifest'] }, saveLabel: 'Save Manifest' });
  };

  const save = async (uri: vscode.Uri, refsOrLines: { text: string; lines: number }, imagesDir: string | undefined): Promise<LabelImagesOutcome> => {
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(refsOrLines.text));
    await made.add(uri, imagesDir ? { imagesDir } : {});
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    status.update();
    // The preview beside it, in edit mode: the new manifest is there to be labelled.
    await vscode.commands.executeCommand(Commands.openPreviewInEditMode, { uri, ...(imagesDir ? { imagesDir } : {}) });
    ctx.log.info(`Label Images: ${refsOrLines.lines} unlabelled line(s) written to ${uri.fsPath}${imagesDir ? ` (images read from ${imagesDir})` : ''}.`);
    return { uri, lines: refsOrLines.lines };
  };

  const fromFolder = async (folder: string, args: LabelImagesArgs): Promise<LabelImagesOutcome | undefined> => {
    const layout = folderLayout(folder, imagesFolderSetting());
    if ('error' in layout) throw new CustomLabelsError(`Cannot label the images of ${folder}: ${layout.error}`, 'INVALID_FOLDER');
    const found = await withProgress(`Listing the images of ${path.basename(folder)}`, true, (_p, cancellation) => listLocalImages(folder, layout, signalOf(cancellation)));
    for (const r of found.refused) ctx.log.warn(`Label Images: left out ${r}`);
    if (found.sourceRefs.length === 0) {
      throw new CustomLabelsError(`${folder} holds no .jpg, .jpeg or .png image (its subfolders included).`, 'NO_IMAGES', 'Choose the folder that holds the images.');
    }
    const uri = await target(args.targetUri, vscode.Uri.file(path.join(folder, 'labels.manifest')), `Label Images: save the manifest of ${found.sourceRefs.length} image(s)`);
    if (!uri) return undefined;
    return save(uri, { text: unlabelledManifest(found.sourceRefs), lines: found.sourceRefs.length }, layout.root);
  };

  const fromS3 = async (prefixUri: string, args: LabelImagesArgs): Promise<LabelImagesOutcome | undefined> => {
    const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(prefixUri.trim());
    if (!m) throw new CustomLabelsError(`"${prefixUri}" is not an S3 prefix.`, 'INVALID_PREFIX', 'Enter it as s3://bucket/prefix/.');
    const [, bucket, prefix] = m as unknown as [string, string, string];
    const s3 = await createS3Client(await ctx.connection.imageSettings());
    let refs: string[];
    try {
      refs = await withProgress(`Listing s3://${bucket}/${prefix}`, true, (progress, cancellation) =>
        listS3Images(s3, bucket, prefix, { signal: signalOf(cancellation), onPage: (n) => progress.report(`${n} image(s)…`) }),
      );
    } catch (e) {
      const err = e as { name?: string; message?: string };
      if (err.name === 'AbortError') return undefined;
      throw new CustomLabelsError(`Could not list s3://${bucket}/${prefix}: ${err.name ?? 'error'}${err.message ? ` (${err.message})` : ''}.`, err.name ?? 'S3_ERROR', 'Check the bucket name and that the credentials in use may list it (s3:ListBucket).');
    } finally {
      s3.client.destroy();
    }
    if (refs.length === 0) throw new CustomLabelsError(`s3://${bucket}/${prefix} holds no .jpg, .jpeg or .png image.`, 'NO_IMAGES');
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `${[bucket, ...prefix.split('/').filter(Boolean)].join('-')}.manifest`;
    const uri = await target(args.targetUri, folder ? vscode.Uri.joinPath(folder, name) : undefined, `Label Images: save the manifest of ${refs.length} image(s)`);
    if (!uri) return undefined;
    return save(uri, { text: unlabelledManifest(refs), lines: refs.length }, undefined);
  };

  const fromDataset = async (args: LabelImagesArgs): Promise<LabelImagesOutcome | undefined> => {
    const service = await requireService(ctx);
    const dataset = await resolveDataset(ctx, args, 'Dataset whose unlabelled images to label', hasEntries);
    if (!dataset) return undefined;
    const name = datasetName(ctx, dataset);
    const lines = await withProgress(`Fetching the unlabelled entries of ${name}`, true, async (progress, cancellation) => {
      const out: string[] = [];
      for await (const page of service.listEntries(dataset.ref.arn, { labeled: false }, cancellation)) {
        out.push(...page);
        progress.report(`${out.length} entries…`);
        if (cancellation.isCancelled) throw new CustomLabelsError('Fetching the unlabelled entries was cancelled.', 'CANCELLED');
      }
      return out;
    });
    if (lines.length === 0) {
      void vscode.window.showInformationMessage(`${name} has no unlabelled images.`);
      return undefined;
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const fileName = `${projectName(ctx, dataset)}-${dataset.ref.type.toLowerCase()}-unlabelled.manifest`;
    const uri = await target(args.targetUri, folder ? vscode.Uri.joinPath(folder, fileName) : undefined, `Label Images: save the ${lines.length} unlabelled entries of ${name}`);
    if (!uri) return undefined;
    const outcome = await save(uri, { text: `${lines.join('\n')}\n`, lines: lines.length }, undefined);
    void vscode.window.showInformationMessage(`${lines.length} unlabelled entries of ${name} are in ${path.basename(uri.fsPath)}. Label them, then push the file to the dataset (Push Entries).`);
    return outcome;
  };

  return {
    made,
    disposables: [
      status,
      registerCommand(ctx, Commands.labelImages, 'Label Images', async (arg?: unknown): Promise<LabelImagesOutcome | undefined> => {
        if (arg instanceof vscode.Uri) return fromFolder(arg.fsPath, {});
        if (isTreeNode(arg)) return fromDataset(targetOf(arg));
        const args = (arg && typeof arg === 'object' ? arg : {}) as LabelImagesArgs;
        if (args.folder) return fromFolder(args.folder, args);
        if (args.s3Prefix) return fromS3(args.s3Prefix, args);
        if (args.datasetArn || args.projectArn || args.projectName) return fromDataset(args);
        const choice = await vscode.window.showQuickPick(
          [
            { label: 'A local folder…', detail: 'Its .jpg, .jpeg and .png images, subfolders included.', source: 'folder' as const },
            { label: 'An S3 prefix…', detail: 'The images under s3://bucket/prefix/.', source: 's3' as const },
            { label: "A dataset's unlabelled images…", detail: 'Its entries without labels, to label and push back.', source: 'dataset' as const },
          ],
          { title: 'Label Images: which images?' },
        );
        if (!choice) return undefined;
        if (choice.source === 'folder') {
          const dir = (await vscode.window.showOpenDialog({ title: 'Label Images: the folder of images', canSelectFiles: false, canSelectFolders: true, openLabel: 'Label These Images' }))?.[0];
          return dir ? fromFolder(dir.fsPath, {}) : undefined;
        }
        if (choice.source === 's3') {
          const prefix = await vscode.window.showInputBox({
            title: 'Label Images: the S3 prefix',
            prompt: 'The images under it are listed (ListObjectsV2).',
            placeHolder: 's3://bucket/prefix/',
            validateInput: (v) => (/^s3:\/\/[^/]+/.test(v.trim()) ? undefined : 'Enter s3://bucket/prefix/'),
          });
          return prefix ? fromS3(prefix, {}) : undefined;
        }
        return fromDataset({});
      }),
    ],
  };
}
