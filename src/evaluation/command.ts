/**
 * "Show Evaluation" of a trained model version: reads its summary file from S3 (the location
 * DescribeProjectVersions gives in EvaluationResult.Summary; the sandbox's S3 folder in sandbox
 * mode) and shows each label's precision, recall, F1 score, threshold and test images in a
 * webview (page-html.ts and page/main.ts; messages.ts, checked on arrival), one panel per version.
 */
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { CustomLabelsError } from '../rekognition';
import { createS3Source } from '../images';
import { requireService, type DatasetsContext } from '../ui/context';
import { registerCommand, withProgress } from '../ui/command-edge';
import { resolveVersion } from '../ui/version-picker';
import type { VersionsModel } from '../views/versions-model';
import type { S3ObjectRef } from '../views/version-status';
import { newNonce } from '../webview/head';
import { receiver } from '../webview/messages';
import { PAGE_SCRIPTS, PAGE_SCRIPTS_DIR, pageOptions } from '../webview/panel-options';
import { readPageToEvaluation } from './messages';
import { evaluationHtml } from './page-html';
import { evaluationModel, type EvaluationModel } from './page-model';
import { readSummaryFile } from '../models';

/** The most the summary file may weigh: it holds a row per label (at most 250). */
const MAX_SUMMARY_BYTES = 8 * 1024 * 1024;

export interface EvaluationOutcome {
  panel: vscode.WebviewPanel;
  model: EvaluationModel;
  /** Resolves when the page's script has run (the table is drawn). */
  ready: Promise<void>;
}

export function registerEvaluationCommand(context: vscode.ExtensionContext, ctx: DatasetsContext, versions: VersionsModel): vscode.Disposable[] {
  const panels = new Map<string, vscode.WebviewPanel>();
  return [
    registerCommand(ctx, Commands.showEvaluation, 'Show evaluation', async (arg?: unknown): Promise<EvaluationOutcome | undefined> => {
      await requireService(ctx);
      const target = (arg ?? {}) as { versionArn?: string };
      const version = await resolveVersion(ctx, versions, target.versionArn, 'Model version whose evaluation to show', (v) => v.summary !== undefined);
      if (!version) return undefined;
      const summaryRef = version.summary;
      if (!summaryRef) {
        throw new CustomLabelsError(`Model ${version.name} has no evaluation (${version.status}).`, 'PRECONDITION_FAILED', 'Only a model whose training completed has one.');
      }
      const project = ctx.model.findProject(version.projectArn)?.project.name ?? '';
      const text = await withProgress(`Reading the evaluation of ${version.name}…`, false, () => readS3Text(ctx, summaryRef));
      const summary = readSummaryFile(text);
      if (!summary) {
        throw new CustomLabelsError(`The summary file s3://${summaryRef.bucket}/${summaryRef.key} is not the JSON summary training writes.`, 'INVALID_SUMMARY', 'Check the file in S3; training writes it again only when a model is trained again.');
      }
      const title = `${project ? `${project} ` : ''}${version.name}: evaluation`;
      const model = evaluationModel(summary, title);
      panels.get(version.arn)?.dispose();
      const panel = vscode.window.createWebviewPanel('customLabels.evaluation', title, vscode.ViewColumn.Active, pageOptions(vscode.Uri.joinPath(context.extensionUri, PAGE_SCRIPTS_DIR)));
      panels.set(version.arn, panel);
      panel.onDidDispose(() => {
        if (panels.get(version.arn) === panel) panels.delete(version.arn);
      });
      const script = panel.webview.asWebviewUri(vscode.Uri.joinPath(context.extensionUri, PAGE_SCRIPTS.evaluation)).toString();
      let drawn: () => void = () => undefined;
      const ready = new Promise<void>((resolve) => (drawn = resolve));
      const read = receiver('Evaluation', readPageToEvaluation, (t) => ctx.log.warn(t));
      panel.webview.onDidReceiveMessage((data: unknown) => {
        if (read(data)?.type === 'ready') drawn();
      });
      panel.webview.html = evaluationHtml({ model, nonce: newNonce(), script });
      return { panel, model, ready };
    }),
    { dispose: () => panels.forEach((p) => p.dispose()) },
  ];
}

/** An S3 object's text, through the connection's S3 (the sandbox's folder in sandbox mode). */
async function readS3Text(ctx: DatasetsContext, ref: S3ObjectRef): Promise<string> {
  const source = createS3Source(await ctx.connection.imageSettings());
  try {
    const head = await source.head(ref.bucket, ref.key);
    if (!head) throw new CustomLabelsError(`The summary file s3://${ref.bucket}/${ref.key} is not there.`, 'NOT_FOUND', 'It may have been deleted from S3 after training.');
    if (head.size > MAX_SUMMARY_BYTES) throw new CustomLabelsError(`The summary file s3://${ref.bucket}/${ref.key} is ${head.size.toLocaleString('en-US')} bytes: too large to be one.`, 'INVALID_SUMMARY');
    if (head.size === 0) return '';
    const bytes = await source.read(ref.bucket, ref.key, 0, head.size - 1);
    return new TextDecoder('utf-8').decode(bytes);
  } finally {
    source.dispose();
  }
}
