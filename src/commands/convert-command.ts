/**
 * "Convert Annotations to Manifest…": the editor face of src/convert. Picks the format, the
 * inputs and the S3 folder of the images, converts on the one validator, and opens the result
 * as an untitled manifest (nothing on disk is written or overwritten). What could not be
 * converted goes to the log, with where it came from, and the message says how many. Images
 * without labels are kept as unlabelled lines (source-ref only); the message says how many and
 * offers "Leave Them Out", which converts again without them.
 */
import * as vscode from 'vscode';
import { Commands, LANGUAGE_ID } from '../constants';
import { convertFiles, ConvertUsageError, FORMAT_DESCRIPTIONS, FORMATS, formatOrigin, imagesPrefix, type ConvertResult, type Format } from '../convert';
import { reportError, type CommandContext } from '../ui/command-edge';

/** Arguments a caller (a test, another command) may pass to skip the pickers. */
export interface ConvertArgs {
  format?: Format;
  inputs?: vscode.Uri[];
  images?: string;
  imageDir?: vscode.Uri;
  classes?: vscode.Uri;
  /** Leave images without labels out instead of writing them as unlabelled lines. */
  skipUnlabelled?: boolean;
}

export interface ConvertOutcome {
  document: vscode.TextDocument;
  result: ConvertResult;
}

const NEEDS_IMAGES: ReadonlySet<Format> = new Set<Format>(['coco', 'yolo', 'voc']);

export function registerConvertCommand(context: vscode.ExtensionContext, ctx: CommandContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.convert, (args?: ConvertArgs) => convertCommand(ctx, args ?? {})),
  );
}

async function convertCommand(ctx: CommandContext, args: ConvertArgs): Promise<ConvertOutcome | undefined> {
  const format = args.format ?? (await pickFormat());
  if (!format) return undefined;
  const inputs = args.inputs ?? (await pickInputs(format));
  if (!inputs || inputs.length === 0) return undefined;
  const nonLocal = inputs.find((u) => u.scheme !== 'file');
  if (nonLocal) {
    void vscode.window.showErrorMessage(`Convert reads local files only; ${nonLocal.toString()} is not on this machine's disk. Copy it into a local folder.`);
    return undefined;
  }
  const images = args.images ?? (await askImages(format));
  if (images === undefined) return undefined;

  try {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Converting ${format} annotations`, cancellable: false },
      () =>
        convertFiles({
          format,
          inputs: inputs.map((u) => u.fsPath),
          images: images === '' ? undefined : images,
          imageDir: args.imageDir?.fsPath,
          classes: args.classes?.fsPath,
          skipUnlabelled: args.skipUnlabelled,
        }),
    );
    const content = result.lines.map((l) => `${l}\n`).join('');
    const document = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content });
    await vscode.window.showTextDocument(document);
    const skipped = result.issues.filter((i) => i.kind === 'skipped');
    for (const issue of result.issues) ctx.log.warn(`Convert: ${formatOrigin(issue)}: ${issue.kind === 'skipped' ? 'not converted' : issue.kind}: ${issue.message}`);
    const { images: n, labels, boxes } = result.stats;
    const unlabelled = result.unlabelled.count;
    const unlabelledText =
      unlabelled === 0 ? '' : result.unlabelled.skipped
        ? ` ${unlabelled} image${unlabelled === 1 ? '' : 's'} without labels left out.`
        : ` ${unlabelled} image${unlabelled === 1 ? ' has' : 's have'} no labels: kept as unlabelled lines (source-ref only), to label later.`;
    const summary = `Converted ${n} image${n === 1 ? '' : 's'} (${labels} label${labels === 1 ? '' : 's'}${boxes ? `, ${boxes} box${boxes === 1 ? '' : 'es'}` : ''}) into an unsaved manifest.${unlabelledText}`;
    ctx.log.info(summary);
    const problems = result.issues.filter((i) => i.kind !== 'note');
    const leaveOut = unlabelled > 0 && !result.unlabelled.skipped ? ['Leave Them Out'] : [];
    if (problems.length > 0 || leaveOut.length > 0) {
      const what =
        problems.length === 0 ? '' : skipped.length > 0 ? ` ${skipped.length} item${skipped.length === 1 ? ' was' : 's were'} not converted: the log lists each with its file and line.` : ` ${problems.length} item(s) were changed: the log lists each with its file and line.`;
      // Images without a size: the images may be in a folder we did not look in.
      const sizeless = args.imageDir === undefined && skipped.some((i) => i.message.includes('image without size') || i.message.includes('has no size'));
      const actions = [...leaveOut, ...(sizeless ? ['Pick Image Folder…'] : []), ...(problems.length > 0 ? ['Show Logs'] : [])];
      void vscode.window.showWarningMessage(`${summary}${what}`, ...actions).then(async (pick) => {
        if (pick === 'Show Logs') ctx.log.show(true);
        if (pick === 'Leave Them Out') await convertCommand(ctx, { ...args, format, inputs, images, skipUnlabelled: true });
        if (pick !== 'Pick Image Folder…') return;
        const folder = (await vscode.window.showOpenDialog({ canSelectFiles: false, canSelectFolders: true, openLabel: 'Read sizes here', title: 'The folder with the images' }))?.[0];
        if (folder) await convertCommand(ctx, { ...args, format, inputs, images, imageDir: folder });
      });
    } else {
      void vscode.window.showInformationMessage(`${summary} Save it where you want it.`);
    }
    return { document, result };
  } catch (error) {
    if (error instanceof ConvertUsageError) {
      void vscode.window.showErrorMessage(`Convert: ${error.message}`);
      return undefined;
    }
    reportError(ctx, 'Converting the annotations', error);
    return undefined;
  }
}

async function pickFormat(): Promise<Format | undefined> {
  const pick = await vscode.window.showQuickPick(
    FORMATS.map((f) => ({ label: f, detail: FORMAT_DESCRIPTIONS[f], format: f })),
    { title: 'Convert annotations to a Custom Labels manifest', placeHolder: 'The format of your annotations' },
  );
  return pick?.format;
}

async function pickInputs(format: Format): Promise<vscode.Uri[] | undefined> {
  const folders = format === 'yolo' || format === 'voc';
  const filters: Record<Format, Record<string, string[]>> = {
    coco: { 'COCO JSON': ['json'] },
    csv: { CSV: ['csv'] },
    'groundtruth-multilabel': { Manifests: ['manifest', 'jsonl', 'json'] },
    yolo: { 'YOLO labels': ['txt'] },
    voc: { 'Pascal VOC XML': ['xml'] },
  };
  return vscode.window.showOpenDialog({
    canSelectMany: true,
    canSelectFiles: true,
    canSelectFolders: folders,
    openLabel: 'Convert',
    title: folders ? `The ${format} files, or their folder` : `The ${format} file(s)`,
    filters: { ...filters[format], 'All files': ['*'] },
  });
}

/** The S3 folder of the images; '' when the format can do without (CSV with S3 URLs, Ground Truth); undefined: cancelled. */
async function askImages(format: Format): Promise<string | undefined> {
  if (format === 'groundtruth-multilabel') return '';
  const required = NEEDS_IMAGES.has(format);
  return vscode.window.showInputBox({
    title: 'Where are the images in S3?',
    prompt: required
      ? 'The S3 folder the images are (or will be) uploaded to; each source-ref is this folder + the image name.'
      : 'The S3 folder of the images; leave empty when the CSV\'s first column already holds s3:// URLs.',
    placeHolder: 's3://bucket/prefix/',
    ignoreFocusOut: true,
    validateInput: (v) => {
      if (v.trim() === '') return required ? 'Needed: source-refs are S3 URLs.' : undefined;
      const p = imagesPrefix(v);
      return 'error' in p ? p.error : undefined;
    },
  });
}
