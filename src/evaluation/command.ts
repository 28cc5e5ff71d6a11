/**
 * "Show Evaluation" of a trained model version: reads its summary file from S3 (the location
 * DescribeProjectVersions gives in EvaluationResult.Summary; the sandbox's S3 folder in sandbox
 * mode) and shows each label's precision, recall, F1 score, threshold and test images, and its
 * true positives, false positives and false negatives counted from the evaluation manifest
 * snapshot (each a button: the gallery of mistakes, `showMistakes`), in a
 * webview (page-html.ts and page/main.ts; messages.ts, checked on arrival), one panel per version.
 */
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { CustomLabelsError } from '../rekognition';
import { readS3Text } from '../ui/s3-text';
import { requireService, type DatasetsContext } from '../ui/context';
import { registerCommand, withProgress } from '../ui/command-edge';
import { resolveVersion } from '../ui/version-picker';
import type { VersionsModel } from '../views/versions-model';
import { newNonce } from '../webview/head';
import { receiver } from '../webview/messages';
import { PAGE_SCRIPTS, PAGE_SCRIPTS_DIR, pageOptions } from '../webview/panel-options';
import { readPageToEvaluation } from './messages';
import { evaluationHtml } from './page-html';
import { evaluationModel, type EvaluationModel, type OutcomeCounts } from './page-model';
import { evaluationTable, readEvaluationLine, readSummaryFile, type EvaluatedImage, type EvaluationSummary } from '../models';

/** The most the summary file may weigh: it holds a row per label (at most 250). */
const MAX_SUMMARY_BYTES = 8 * 1024 * 1024;
/** The most the evaluation manifest snapshot may weigh (a line per test image). */
const MAX_SNAPSHOT_BYTES = 256 * 1024 * 1024;

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
      const text = await withProgress(`Reading the evaluation of ${version.name}…`, false, () => readS3Text(ctx, summaryRef, 'The summary file', MAX_SUMMARY_BYTES));
      const summary = readSummaryFile(text);
      if (!summary) {
        throw new CustomLabelsError(`The summary file s3://${summaryRef.bucket}/${summaryRef.key} is not the JSON summary training writes.`, 'INVALID_SUMMARY', 'Check the file in S3; training writes it again only when a model is trained again.');
      }
      const title = `${project ? `${project} ` : ''}${version.name}: evaluation`;
      const counts = version.testingSnapshot ? await withProgress(`Reading the evaluation manifest snapshot of ${version.name}…`, false, () => snapshotCounts(ctx, version.testingSnapshot!, summary)) : undefined;
      const model = evaluationModel(summary, title, counts);
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
        const m = read(data);
        if (m?.type === 'ready') drawn();
        else if (m?.type === 'mistakes') void vscode.commands.executeCommand(Commands.showMistakes, { versionArn: version.arn, ...(m.label !== undefined ? { label: m.label } : {}), ...(m.outcome ? { outcome: m.outcome } : {}) });
      });
      panel.webview.html = evaluationHtml({ model, nonce: newNonce(), script });
      return { panel, model, ready };
    }),
    { dispose: () => panels.forEach((p) => p.dispose()) },
  ];
}

/**
 * Each label's true positives, false positives and false negatives on the test images: the
 * evaluation manifest snapshot (`TestingDataResult`, im-access-summary-evaluation-manifest) judged
 * by `models`' one rule at the summary file's thresholds. Undefined when the snapshot cannot be
 * read (the table is shown without the counts; the log says why).
 */
async function snapshotCounts(ctx: DatasetsContext, ref: { bucket: string; key: string }, summary: EvaluationSummary): Promise<Map<string, OutcomeCounts> | undefined> {
  try {
    const text = await readS3Text(ctx, ref, 'The evaluation manifest snapshot', MAX_SNAPSHOT_BYTES);
    const images: EvaluatedImage[] = [];
    let n = 0;
    for (const line of text.split('\n')) {
      const image = readEvaluationLine(line);
      if (image) images.push(image);
      // A long snapshot is read in steps: the extension host stays responsive.
      if (++n % 2000 === 0) await new Promise((r) => setImmediate(r));
    }
    const table = evaluationTable(images, new Map(summary.labels.map((l) => [l.label, l.threshold] as const)));
    return new Map(table.rows.map((r) => [r.label, { tp: r.truePositives, fp: r.falsePositives, fn: r.falseNegatives }] as const));
  } catch (error) {
    ctx.log.warn(`Evaluation: the snapshot's counts are not shown: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}
