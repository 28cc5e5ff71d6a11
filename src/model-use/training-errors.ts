/**
 * When training fails: "Show Training Errors" (a TRAINING_FAILED version's row, the palette, the
 * failure notification's "Show Errors on My Manifest") reads the training and testing validation
 * manifests and the manifest summary the service wrote (DescribeProjectVersions names them:
 * TrainingDataResult / TestingDataResult Validation and ManifestSummary,
 * rekognition-model-versions.json; "You can access the validation manifests after training
 * completes", tm-debugging-scope-json-line), places each line's errors on the person's own
 * manifest lines with the same source-ref (open manifests and the workspace's) and records them
 * in the "(dataset)" diagnostics beside a push's entry errors, with the service's codes. When no
 * local manifest holds those source-refs it says so and offers the errors as a read-only document.
 * "Validation results ... are only created if there are no Terminal manifest file errors"
 * (tm-debugging-scope-json-line): then the status message is all there is, and it is said.
 *
 * The explorer's polling notices a training that failed (VersionsModel.onDidSettle): a
 * notification says so, why (the status message in words) and offers the errors on the lines.
 */
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { splitLines } from '../manifest';
import { CustomLabelsError } from '../rekognition';
import {
  datasetWords,
  placeTrainingErrors,
  readManifestSummary,
  readValidationManifest,
  refsWithErrors,
  statusInWords,
  trainingErrorsReport,
  type DatasetValidation,
  type ManifestSummary,
  type PlacedTrainingError,
  type UnplacedTrainingError,
} from '../models';
import { requireService, type DatasetsContext } from '../ui/context';
import { info, registerCommand, withProgress } from '../ui/command-edge';
import { openReport } from '../ui/report-document';
import { resolveVersion } from '../ui/version-picker';
import type { VersionsModel } from '../views/versions-model';
import type { VersionInfo } from '../views/version-status';
import { manifestsHolding } from './local-manifests';
import { readS3Text } from '../ui/s3-text';

/**
 * The most read of a file training wrote: a validation manifest is a copy of a dataset ("copies
 * of the training and testing datasets with error information added", tm-debugging-scope-json-line),
 * so at most 250,000 lines of 100,000 characters; above it, said with what to do.
 */
const MAX_TRAINING_FILE_BYTES = 512 * 1024 * 1024;

export const SHOW_ERRORS = 'Show Errors on My Manifest';
export const OPEN_REPORT = 'Open Errors as a Document';

export interface TrainingErrorsOutcome {
  placed: PlacedTrainingError[];
  unplaced: UnplacedTrainingError[];
  /** The manifests the errors were recorded on (URI strings). */
  files: string[];
}

export function registerTrainingErrors(ctx: DatasetsContext, versions: VersionsModel): vscode.Disposable[] {
  return [
    registerCommand(ctx, Commands.showTrainingErrors, 'Show training errors', async (arg?: unknown): Promise<TrainingErrorsOutcome | undefined> => {
      await requireService(ctx);
      const target = (arg ?? {}) as { versionArn?: string };
      const version = await resolveVersion(ctx, versions, target.versionArn, 'Failed training whose errors to show', (v) => v.status === 'TRAINING_FAILED');
      if (!version) return undefined;
      const title = versionTitle(ctx, version);
      if (version.status !== 'TRAINING_FAILED') {
        throw new CustomLabelsError(`Model ${title} did not fail training (${version.status}).`, 'PRECONDITION_FAILED', 'Only a failed training has errors to show.');
      }
      const read = await withProgress(`Reading the training errors of ${title}…`, false, () => readResults(ctx, version));
      const report = () => void openReport(`${title} training errors`, trainingErrorsReport(`Training errors of ${title}`, version.statusMessage, read.summary, read.validations));
      if (!read.named) {
        // Terminal manifest file errors: no validation results.
        void vscode.window.showWarningMessage(`Training ${title} failed: ${statusInWords(version.statusMessage)} It wrote no validation manifests (a whole-file error stops training before lines are checked), so no line shows an error.`);
        return { placed: [], unplaced: [], files: [] };
      }
      const wanted = refsWithErrors(read.validations);
      const manifests = await manifestsHolding(wanted);
      const { placed, unplaced } = placeTrainingErrors(read.validations, manifests.map((m) => ({ file: m.uri.toString(), found: m.found })));
      const files = record(ctx, version, manifests.map((m) => m.uri), placed);
      if (wanted.size === 0) {
        const choice = await vscode.window.showWarningMessage(
          `Training ${title} failed: ${statusInWords(version.statusMessage)} Its validation manifests hold no line errors: the failure is about the datasets as a whole.`,
          OPEN_REPORT,
        );
        if (choice === OPEN_REPORT) report();
      } else if (placed.length === 0) {
        const choice = await vscode.window.showWarningMessage(
          `None of your manifests (open or in the workspace) holds the ${wanted.size === 1 ? 'image' : `${wanted.size.toLocaleString('en-US')} images`} the training of ${title} reported errors on.`,
          OPEN_REPORT,
        );
        if (choice === OPEN_REPORT) report();
      } else {
        void vscode.commands.executeCommand('workbench.actions.view.problems');
        const lines = new Set(placed.map((p) => `${p.file}\u0000${p.fileLine}`)).size;
        const names = files.map((f) => vscode.Uri.parse(f).path.split('/').pop()).join(', ');
        const rest = unplaced.length > 0 ? ` ${unplaced.length.toLocaleString('en-US')} more ${unplaced.length === 1 ? 'line is' : 'lines are'} in no manifest of yours: open the errors as a document to see them.` : '';
        info(ctx, `The training of ${title} reported ${count(placed.length, 'error')} on ${count(lines, 'line')} of ${names}: they are in the Problems panel.${rest}`);
      }
      return { placed, unplaced, files };
    }),

    { dispose: versions.onDidSettle(({ version, from }) => {
      if (version.status !== 'TRAINING_FAILED' || from !== 'TRAINING_IN_PROGRESS') return;
      const title = versionTitle(ctx, version);
      const text = `Training model ${title} failed: ${statusInWords(version.statusMessage)}`;
      ctx.log.warn(`${text} (${version.statusMessage ?? 'no status message'})`);
      const lines = version.trainingValidation || version.testingValidation;
      void (lines ? vscode.window.showWarningMessage(text, SHOW_ERRORS) : vscode.window.showWarningMessage(text)).then((choice) => {
        if (choice === SHOW_ERRORS) void vscode.commands.executeCommand(Commands.showTrainingErrors, { versionArn: version.arn });
      });
    }).dispose },
  ];
}

function count(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

function versionTitle(ctx: DatasetsContext, v: VersionInfo): string {
  const project = ctx.model.findProject(v.projectArn)?.project.name;
  return project ? `${v.name} of ${project}` : v.name;
}

interface Results {
  /** The service named at least one validation file. */
  named: boolean;
  validations: DatasetValidation[];
  summary?: ManifestSummary;
}

async function readResults(ctx: DatasetsContext, v: VersionInfo): Promise<Results> {
  const validations: DatasetValidation[] = [];
  if (v.trainingValidation) validations.push({ dataset: 'training', lines: readValidationManifest(splitLines(await readS3Text(ctx, v.trainingValidation, 'The training validation manifest', MAX_TRAINING_FILE_BYTES))) });
  if (v.testingValidation) validations.push({ dataset: 'testing', lines: readValidationManifest(splitLines(await readS3Text(ctx, v.testingValidation, 'The testing validation manifest', MAX_TRAINING_FILE_BYTES))) });
  const summary = v.manifestSummary ? readManifestSummary(await readS3Text(ctx, v.manifestSummary, 'The manifest summary', MAX_TRAINING_FILE_BYTES)) : undefined;
  return { named: validations.length > 0, validations, ...(summary ? { summary } : {}) };
}

/** Records the placed errors on each manifest (what this version recorded before goes); the files that got some. */
function record(ctx: DatasetsContext, v: VersionInfo, uris: readonly vscode.Uri[], placed: readonly PlacedTrainingError[]): string[] {
  ctx.recorded.forgetVersion(v.arn);
  const project = ctx.model.findProject(v.projectArn);
  const datasetArn = (type: 'TRAIN' | 'TEST') => project?.datasets.find((d) => d.ref.type === type)?.ref.arn ?? `${v.arn}/${type}`;
  const by = `the training of ${versionTitle(ctx, v)}`;
  const files: string[] = [];
  for (const uri of uris) {
    const here = placed.filter((p) => p.file === uri.toString());
    if (here.length === 0) continue;
    files.push(uri.toString());
    ctx.recorded.recordTraining(
      v.arn,
      uri,
      here.map((p) => ({
        fileLine: p.fileLine,
        text: p.text,
        sourceRef: p.sourceRef,
        issue: { ...p.issue, fileLine: p.fileLine, sourceRef: p.sourceRef },
        dataset: { datasetArn: datasetArn(p.dataset === 'training' ? 'TRAIN' : 'TEST'), projectArn: v.projectArn, name: by, connection: ctx.connection.label },
      })),
      (e) => `reported by ${by} in the validation manifest of its ${datasetWords(placed.find((p) => p.sourceRef === e.sourceRef && p.fileLine === e.fileLine)?.dataset ?? 'training')}`,
    );
  }
  return files;
}
