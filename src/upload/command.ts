/**
 * "Upload Images to S3…" (the manifest editor's title bar, the palette): a manifest's images, from
 * a local folder (DIR/bucket/key: the folder Label Images wrote it for, or one the person picks)
 * or from other buckets, to one bucket and prefix the person chooses (plan.ts, uploader.ts), under
 * a cancellable progress with counts and bytes. When every image is there, the manifest's
 * source-refs are rewritten in ONE WorkspaceEdit (one undo; only the source-ref values change,
 * rewrite.ts); after a stop or a failure the manifest is left as it is, and running the command
 * again sends only what is not there yet.
 */
import * as vscode from 'vscode';
import { Commands, LANGUAGE_ID, Settings } from '../constants';
import { createS3Client } from '../images';
import { CustomLabelsError } from '../rekognition';
import { registerCommand, withProgress } from '../ui/command-edge';
import type { DatasetsContext } from '../ui/context';
import { chooseManifest } from '../ui/manifest-choice';
import { parseTarget, planUpload, type UploadTarget } from './plan';
import { sourceRefEdits } from './rewrite';
import { runUpload, type UploadResult } from './uploader';

/** Where a manifest's local images are, as Label Images recorded it (labelling/made-manifests.ts). */
export interface ImagesDirLookup {
  get(uri: vscode.Uri): { imagesDir?: string } | undefined;
}

/** What the command is given instead of asking (tests, scripts). */
export interface UploadImagesArgs {
  uri?: vscode.Uri;
  /** The images are in this folder (s3://bucket/key = DIR/bucket/key). */
  imagesDir?: string;
  /** The images are in S3 (other buckets): copy them. */
  fromS3?: boolean;
  /** s3://bucket/prefix/ */
  target?: string;
}

export interface UploadImagesOutcome {
  result: UploadResult;
  /** Lines whose source-ref was rewritten (0 when the manifest was left as it is). */
  rewritten: number;
}

const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

export function registerUploadCommand(ctx: DatasetsContext, made: ImagesDirLookup): vscode.Disposable[] {
  return [
    registerCommand(ctx, Commands.uploadImages, 'Upload Images to S3', async (arg?: UploadImagesArgs | vscode.Uri): Promise<UploadImagesOutcome | undefined> => {
      const args: UploadImagesArgs = arg instanceof vscode.Uri ? { uri: arg } : (arg ?? {});
      const active = vscode.window.activeTextEditor?.document;
      const uri =
        args.uri ?? (active?.languageId === LANGUAGE_ID ? active.uri : await chooseManifest('Upload Images to S3', 'Open the manifest whose images to upload (a .manifest file) and run it again.'));
      if (!uri) return undefined;
      const document = await vscode.workspace.openTextDocument(uri);
      const lines = () => Array.from({ length: document.lineCount }, (_, i) => document.lineAt(i).text);

      // Where the images are now.
      let imagesDir = args.imagesDir ?? (args.fromS3 ? undefined : made.get(uri)?.imagesDir);
      if (!imagesDir && !args.fromS3) {
        const setting = vscode.workspace.getConfiguration(Settings.section).get<string>(Settings.imagesFolder, '')?.trim();
        const pick = await vscode.window.showQuickPick(
          [
            { label: 'From a local folder…', detail: 's3://bucket/key is read from FOLDER/bucket/key and put into the chosen bucket.', folder: true },
            { label: 'From S3', detail: 'Images in other buckets are copied into the chosen bucket (training needs them in one).', folder: false },
          ],
          { title: 'Upload Images to S3: where are the images now?' },
        );
        if (!pick) return undefined;
        if (pick.folder) {
          const dir = (
            await vscode.window.showOpenDialog({
              title: 'The folder that holds bucket/key',
              canSelectFiles: false,
              canSelectFolders: true,
              openLabel: 'Upload From Here',
              ...(setting ? { defaultUri: vscode.Uri.file(setting) } : {}),
            })
          )?.[0];
          if (!dir) return undefined;
          imagesDir = dir.fsPath;
        }
      }

      // Where they go.
      let target: UploadTarget;
      const given = args.target ?? (await vscode.window.showInputBox({
        title: 'Upload Images to S3: the bucket and prefix',
        prompt: "All the manifest's images go there; its source-refs then point there.",
        placeHolder: 's3://bucket/prefix/',
        validateInput: (v) => {
          const t = parseTarget(v);
          return 'error' in t ? t.error : undefined;
        },
      }));
      if (!given) return undefined;
      const parsed = parseTarget(given);
      if ('error' in parsed) throw new CustomLabelsError(parsed.error, 'INVALID_TARGET');
      target = parsed;

      const plan = planUpload(lines(), imagesDir ? 'folder' : 's3', target);
      for (const s of plan.skipped) ctx.log.warn(`Upload Images: line ${s.line + 1} left as it is: ${s.reason}.`);
      const moving = plan.images.filter((i) => i.action !== 'keep').length;
      if (moving === 0) {
        void vscode.window.showInformationMessage(`Nothing to upload: every image of ${vscode.workspace.asRelativePath(uri)} is already in s3://${target.bucket}.`);
        return undefined;
      }
      const s3 = await createS3Client(await ctx.connection.imageSettings());
      let result: UploadResult;
      try {
        result = await withProgress(`Uploading ${moving} image(s) to s3://${target.bucket}/${target.prefix}`, true, (progress, cancellation) => {
          const controller = new AbortController();
          cancellation.onCancelled(() => controller.abort());
          return runUpload(plan, {
            s3,
            ...(imagesDir ? { imagesDir } : {}),
            signal: controller.signal,
            onProgress: (p) =>
              progress.report(
                `${p.finished} of ${p.total} (${p.sent} sent, ${p.skipped} already there${p.failed ? `, ${p.failed} failed` : ''}), ${mb(p.bytesDone)} of ${mb(p.bytesTotal)}`,
                p.total ? p.finished / p.total : undefined,
              ),
          });
        });
      } finally {
        s3.client.destroy();
      }
      const p = result.progress;
      const counts = `${p.sent} sent, ${p.skipped} already there`;
      if (result.cancelled) {
        void vscode.window.showWarningMessage(`Upload stopped: ${counts}, ${p.total - p.finished} not sent. The manifest is unchanged; run Upload Images to S3 again to send the rest (what is there is skipped).`);
        return { result, rewritten: 0 };
      }
      if (result.failures.length > 0) {
        for (const f of result.failures) ctx.log.error(`Upload Images: line ${f.lines[0]! + 1}: ${f.message}`);
        const first = result.failures[0]!;
        void vscode.window.showErrorMessage(
          `${result.failures.length} image(s) could not be uploaded (${counts}); the first, line ${first.lines[0]! + 1}: ${first.message} The manifest is unchanged: fix this and run Upload Images to S3 again (what is there is skipped).`,
        );
        return { result, rewritten: 0 };
      }
      // Every image is there: the source-refs change, in one edit (one undo), on the document as it is now.
      const edits = sourceRefEdits(lines(), plan.renamed);
      if (edits.length > 0) {
        const edit = new vscode.WorkspaceEdit();
        for (const e of edits) edit.replace(uri, new vscode.Range(e.line, e.start, e.line, e.end), e.text);
        if (!(await vscode.workspace.applyEdit(edit))) {
          throw new CustomLabelsError(`The images are uploaded, but the source-refs of ${vscode.workspace.asRelativePath(uri)} could not be rewritten.`, 'EDIT_FAILED', 'Run Upload Images to S3 again: the images are skipped and the edit is made again.');
        }
      }
      void vscode.window.showInformationMessage(
        `Uploaded the images of ${vscode.workspace.asRelativePath(uri)} to s3://${target.bucket}/${target.prefix} (${counts}); ${edits.length} source-ref(s) now point there. Save the file to keep them.`,
      );
      return { result, rewritten: edits.length };
    }),
  ];
}
