/**
 * "Detect Labels with This Model" (the preview's title bar and context menu, the palette): the
 * image of the preview's line goes to a RUNNING model version with DetectCustomLabels — as an S3
 * object when the image is read from S3, as bytes when it is a local file ("You can provide an
 * input image as an image byte array ... or as an Amazon S3 object", detecting-custom-labels;
 * bytes "must be smaller than 4.0 MB", running-model) — with MinConfidence 0 ("To get all labels,
 * regardless of confidence, specify a MinConfidence value of 0"), so the preview's slider filters
 * without calling again. The answer is drawn over the ground truth: boxes dashed, image-level
 * labels as chips, each with its confidence.
 * No running version: the person picks one to start (Start Model asks first and says the billing:
 * "You are charged for the number of hours that your model is running and for the number of
 * inference units that your model uses while it's running", running-model). What a call costs is
 * said in the preview: on AWS the running model's hours, not the call; on the sandbox nothing.
 */
import * as fs from 'fs';
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { CustomLabelsError, type DetectImage, type DetectedLabel } from '../rekognition';
import { requireService, type DatasetsContext } from '../ui/context';
import { registerCommand, withProgress } from '../ui/command-edge';
import type { VersionsModel } from '../views/versions-model';
import { versionDescription, type VersionInfo } from '../views/version-status';

/** Image bytes DetectCustomLabels takes (running-model: "less than 4.0 MB"). */
const MAX_BYTES = 4 * 1024 * 1024;
/** Where the slider starts: the confidence most labels' assumed thresholds are near. */
const START_CONFIDENCE = 50;

/** What the command needs of the open preview (preview/panel.ts `ManifestPreview`). */
export interface DetectTarget {
  shownImage(): Promise<{ line: number; title: string; s3?: { bucket: string; key: string }; file?: string } | { note: string }>;
  showPredictions(p: { line: number; model: string; note: string; minConfidence: number; labels: DetectedLabel[] }): void;
}

export interface DetectOutcome {
  versionArn: string;
  labels: DetectedLabel[];
}

export function registerDetect(ctx: DatasetsContext, versions: VersionsModel, preview: () => DetectTarget | undefined): vscode.Disposable[] {
  return [
    registerCommand(ctx, Commands.detectWithModel, 'Detect labels with the model', async (arg?: unknown): Promise<DetectOutcome | undefined> => {
      const service = await requireService(ctx);
      const target = preview();
      if (!target) throw new CustomLabelsError('No preview is open.', 'PRECONDITION_FAILED', 'Open the preview of a manifest line (Open Preview to the Side), then detect.');
      const shown = await target.shownImage();
      if ('note' in shown) throw new CustomLabelsError('The preview shows no image a model can look at.', 'PRECONDITION_FAILED', shown.note);
      const version = await runningVersion(ctx, versions, ((arg ?? {}) as { versionArn?: string }).versionArn);
      if (!version) return undefined;
      let image: DetectImage;
      if (shown.s3) image = { s3: shown.s3 };
      else {
        const bytes = await fs.promises.readFile(shown.file!);
        if (bytes.length > MAX_BYTES) {
          throw new CustomLabelsError(`The image of ${shown.title} is ${bytes.length.toLocaleString('en-US')} bytes: DetectCustomLabels takes at most 4 MB as bytes.`, 'TOO_LARGE', 'Upload the images to S3 (Upload Images to S3) and detect from there.');
        }
        image = { bytes };
      }
      const labels = await withProgress(`Detecting labels in ${shown.title} with ${version.name}…`, false, () => service.detectLabels(version.arn, image, { minConfidence: 0 }));
      const project = ctx.model.findProject(version.projectArn)?.project.name;
      const sandbox = ctx.connection.config.mode === 'sandbox';
      const note = sandbox
        ? `${labels.length} predictions of the sandbox's SIMULATED model, sent ${shown.s3 ? 'as an S3 object' : 'as image bytes'}. The sandbox bills nothing.`
        : `${labels.length} predictions, sent ${shown.s3 ? 'as an S3 object' : 'as image bytes'}. On AWS the running model is billed for every hour it runs, per inference unit, whether or not it is called: stop it (Stop Model) when you are done.`;
      target.showPredictions({ line: shown.line, model: project ? `${project} ${version.name}` : version.name, note, minConfidence: START_CONFIDENCE, labels });
      return { versionArn: version.arn, labels };
    }),
  ];
}

/** The RUNNING version to use: the one named, the only one, or the person's pick; none running: one they choose to start (Start Model asks, with the billing). */
async function runningVersion(ctx: DatasetsContext, versions: VersionsModel, arn: string | undefined): Promise<VersionInfo | undefined> {
  const title = (v: VersionInfo) => `${ctx.model.findProject(v.projectArn)?.project.name ?? ''} ${v.name}`.trim();
  if (arn) {
    const v = versions.find(arn);
    if (!v) throw new CustomLabelsError(`There is no model version ${arn} in ${ctx.connection.label}.`, 'NOT_FOUND', 'Refresh the explorer.');
    if (v.status !== 'RUNNING') throw new CustomLabelsError(`Model ${title(v)} is not running (${v.status}).`, 'RESOURCE_NOT_READY', 'Start it (Start Model…) and wait until it runs.');
    return v;
  }
  const running = versions.all().filter((v) => v.status === 'RUNNING');
  if (running.length === 1) return running[0];
  if (running.length > 1) {
    const pick = await vscode.window.showQuickPick(running.map((v) => ({ label: title(v), description: versionDescription(v), version: v })), { placeHolder: 'Running model to detect labels with' });
    return pick?.version;
  }
  const startable = versions.all().filter((v) => v.status === 'TRAINING_COMPLETED' || v.status === 'STOPPED');
  if (startable.length === 0) throw new CustomLabelsError(`No model in ${ctx.connection.label} is running or can be started.`, 'NOT_FOUND', 'Train a model first (Train Model… on a project).');
  const pick = await vscode.window.showQuickPick(
    startable.map((v) => ({ label: title(v), description: versionDescription(v), version: v })),
    { title: 'No model is running: start one? A running model is billed for every hour it runs, until it is stopped.', placeHolder: 'Model version to start' },
  );
  if (!pick) return undefined;
  const started = (await vscode.commands.executeCommand(Commands.startModel, { versionArn: pick.version.arn })) as { ended?: Promise<VersionInfo | undefined> } | undefined;
  const now = await started?.ended;
  if (!now) return undefined;
  if (now.status !== 'RUNNING') throw new CustomLabelsError(`Model ${title(now)} did not start (${now.status}).`, 'RESOURCE_NOT_READY', now.statusMessage ?? 'Look at its row in the explorer.');
  return now;
}
