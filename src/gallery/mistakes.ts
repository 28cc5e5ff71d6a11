/**
 * "Show Mistakes in Gallery": a trained model version's evaluation manifest snapshot in the
 * gallery (the gallery of mistakes), each test image a card with its ground truth (solid boxes,
 * labels) and the model's predictions (dashed boxes, or labels, with their confidence) judged true
 * positive, false positive or false negative (mistake-entries.ts), with filters by outcome and
 * label. The snapshot's location is DescribeProjectVersions' `TestingDataResult`
 * (im-access-summary-evaluation-manifest: "`TestingDataResult` – The location of the evaluation
 * manifest snapshot used for testing"), the thresholds are the summary file's
 * (`EvaluationResult`). From a version's row, the palette, or the Evaluation view (a label's
 * counts: `{ versionArn, label, outcome }`). A card reveals its line in a local manifest (an open
 * one, else a workspace `.manifest` file) holding its source-ref, else its entry in the browse
 * document of the project's test dataset (or training dataset, when training split it off).
 */
import * as vscode from 'vscode';
import { Commands, LANGUAGE_ID } from '../constants';
import { CustomLabelsError } from '../rekognition';
import { readSummaryFile } from '../models';
import { requireService, type DatasetsContext } from '../ui/context';
import { registerCommand, withProgress } from '../ui/command-edge';
import { resolveVersion } from '../ui/version-picker';
import { pickSource } from '../ui/image-source';
import { readS3Text } from '../ui/s3-text';
import type { VersionsModel } from '../views/versions-model';
import { lineOfEntry, lineOfRef, openGallery, type GalleryOutcome } from './command';
import { mistakeEntries } from './mistake-entries';
import type { MarkOutcome } from './messages';

/** The most the snapshot may weigh (a line per test image). */
const MAX_SNAPSHOT_BYTES = 256 * 1024 * 1024;
const MAX_SUMMARY_BYTES = 8 * 1024 * 1024;
const OUTCOMES: readonly MarkOutcome[] = ['tp', 'fp', 'fn'];

export function registerMistakesCommand(context: vscode.ExtensionContext, ctx: DatasetsContext, versions: VersionsModel): vscode.Disposable[] {
  return [
    registerCommand(ctx, Commands.showMistakes, 'Showing the mistakes', async (arg?: unknown): Promise<GalleryOutcome | undefined> => {
      await requireService(ctx);
      const target = (arg ?? {}) as { versionArn?: string; label?: unknown; outcome?: unknown };
      const version = await resolveVersion(ctx, versions, target.versionArn, 'Model version whose mistakes to show', (v) => v.testingSnapshot !== undefined);
      if (!version) return undefined;
      const snapshot = version.testingSnapshot;
      if (!snapshot) {
        throw new CustomLabelsError(`Model ${version.name} has no evaluation manifest snapshot (${version.status}).`, 'PRECONDITION_FAILED', 'Only a model whose training completed has one.');
      }
      const project = ctx.model.findProject(version.projectArn);
      const { text, thresholds } = await withProgress(`Reading the evaluation of ${version.name}…`, false, async () => {
        const summary = version.summary ? readSummaryFile(await readS3Text(ctx, version.summary, 'The summary file', MAX_SUMMARY_BYTES)) : undefined;
        return {
          text: await readS3Text(ctx, snapshot, 'The evaluation manifest snapshot', MAX_SNAPSHOT_BYTES),
          thresholds: new Map((summary?.labels ?? []).map((l) => [l.label, l.threshold] as const)),
        };
      });
      const source = await pickSource(ctx, { s3: true }, 'Show Mistakes in Gallery');
      if (!source) return undefined;
      const name = `${project ? `${project.project.name} ` : ''}${version.name}`;
      const datasets = project?.datasets ?? [];
      const browsed = datasets.find((d) => d.ref.type === 'TEST') ?? datasets.find((d) => d.ref.type === 'TRAIN');
      return openGallery(context, ctx, {
        title: `Mistakes of ${name} on its test images`,
        tabTitle: `Mistakes: ${name}`,
        source,
        ofConnection: true,
        lines: () => text.split('\n'),
        mistakes: {
          entry: mistakeEntries(thresholds),
          labels: typeof target.label === 'string' ? [target.label] : [],
          outcomes: OUTCOMES.filter((o) => o === target.outcome),
        },
        reveal: async (entry) => {
          const local = await localLine(entry.ref);
          if (local) return showLine(local.document, local.line, vscode.ViewColumn.One);
          if (!browsed) {
            void vscode.window.showInformationMessage(`No local manifest holds ${entry.ref}, and the project has no dataset to browse: open the manifest that holds it and click the card again.`);
            return;
          }
          const document = await vscode.commands.executeCommand<vscode.TextDocument | undefined>(Commands.browseEntries, { datasetArn: browsed.ref.arn, filter: {} });
          if (document) await showLine(document, await lineOfEntry(document, { line: 0, ref: entry.ref }), undefined);
        },
      });
    }),
  ];
}

/** The line holding `"source-ref": ref` in an open manifest, else in a workspace `.manifest` file. */
async function localLine(ref: string): Promise<{ document: vscode.TextDocument; line: number } | undefined> {
  for (const document of vscode.workspace.textDocuments) {
    if (document.languageId !== LANGUAGE_ID) continue;
    const line = lineOfRef(document, ref, 0);
    if (line !== undefined) return { document, line };
  }
  const quoted = JSON.stringify(ref);
  for (const uri of await vscode.workspace.findFiles('**/*.manifest', '**/node_modules/**', 200)) {
    const bytes = await vscode.workspace.fs.readFile(uri).then(undefined, () => undefined);
    if (!bytes || !new TextDecoder('utf-8').decode(bytes).includes(quoted)) continue;
    const document = await vscode.workspace.openTextDocument(uri);
    const line = lineOfRef(document, ref, 0);
    if (line !== undefined) return { document, line };
  }
  return undefined;
}

async function showLine(document: vscode.TextDocument, line: number, viewColumn: vscode.ViewColumn | undefined): Promise<void> {
  const editor = await vscode.window.showTextDocument(document, { preview: true, preserveFocus: false, ...(viewColumn ? { viewColumn } : {}) });
  const position = new vscode.Position(line, 0);
  editor.selection = new vscode.Selection(position, position);
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
