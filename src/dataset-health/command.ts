/**
 * "Check Dataset Health": src/health's report over a training manifest and its test manifest (a
 * manifest in the editor or the explorer, the test manifest chosen by the person), or over a
 * project's training and test datasets (their entries, from the explorer's project row). Each
 * image is read once from the manifest's images folder or S3, as Check Images reads them
 * (../ui/image-source.ts), with progress in counts, cancellable; an image whose ETag is unchanged
 * is answered by the fingerprint cache, kept in the extension's global storage between windows
 * (loaded on first use, saved with async fs after a check that read an image); the host is never held between
 * images (readImages awaits each read), and the lines are read in steps (src/health's
 * ...InSteps). Then the findings on the manifests' lines as diagnostics (diagnostics.ts) and
 * the whole report in the Dataset Health view (page-html.ts, page/main.ts;
 * messages.ts, checked on arrival), whose every finding opens the gallery on its entries (Show
 * Gallery with `lines`). "Clear Health Findings" removes the diagnostics.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { Commands, LANGUAGE_ID } from '../constants';
import { ImageReadError } from '../images';
import { KeptFingerprints, checkHealth, healthLinesInSteps, jpegDecoderProblem, lineNotes, linesInSteps, readImages, type DatasetName, type HealthLine, type HealthReport, type ImageLocation } from '../health';
import { createCancellationSource, CustomLabelsError, type CustomLabelsService } from '../rekognition';
import { labelStats, profileDataset } from '../training';
import { requireService, type DatasetsContext } from '../ui/context';
import { registerCommand } from '../ui/command-edge';
import { pickImages, type ImageSourceArgs } from '../ui/image-source';
import { chooseManifest } from '../ui/manifest-choice';
import { resolveTrainingProject, targetOf } from '../ui/pickers';
import { uriLines } from '../ui/uri-lines';
import { newNonce } from '../webview/head';
import { receiver } from '../webview/messages';
import { PAGE_SCRIPTS, PAGE_SCRIPTS_DIR, pageOptions } from '../webview/panel-options';
import { HealthDiagnostics } from './diagnostics';
import { distributions } from './distributions';
import { healthHtml } from './page-html';
import { readPageToHealth } from './messages';

/** `{ train, test? }` local manifests (no question about the test manifest); a `vscode.Uri`; a project tree node or `{ projectName }`. */
export interface HealthArgs extends ImageSourceArgs {
  train?: vscode.Uri;
  test?: vscode.Uri;
  projectName?: string;
  projectArn?: string;
  /** The fingerprint cache file, loaded afresh and saved for this check alone (default: the session's, kept in the extension's global storage). */
  cacheFile?: vscode.Uri;
}

export interface HealthOutcome {
  panel: vscode.WebviewPanel;
  report: HealthReport;
  html: string;
  /** Resolves when the page's script has run (the report is drawn). */
  ready: Promise<void>;
  /** Images whose bytes this check read (the others were unchanged and answered by the fingerprint cache). */
  imagesRead: number;
}

/** Fingerprints kept for the session and in the cache file (a few hundred bytes each). */
const FINGERPRINTS_KEPT = 50_000;

/** The fingerprint cache's file in the extension's global storage. */
const CACHE_FILE = 'health-fingerprints.json';
/** The gallery's fingerprints saved once its decodes have stopped for this long. */
const SAVE_AFTER_MS = 5_000;

type Source =
  | { kind: 'local'; title: string; train: vscode.Uri; test?: vscode.Uri }
  | { kind: 'project'; title: string; service: CustomLabelsService; trainArn: string; testArn?: string };

/** The fingerprints of the extension's global storage; one for the window (made by datasets/register.ts, shared with the gallery). */
export function keptFingerprints(context: vscode.ExtensionContext, log?: { warn(text: string): void }): KeptFingerprints {
  return new KeptFingerprints(vscode.Uri.joinPath(context.globalStorageUri, CACHE_FILE).fsPath, FINGERPRINTS_KEPT, SAVE_AFTER_MS, (e) =>
    log?.warn(`The image fingerprints could not be saved for the next window (${e instanceof Error ? e.message : String(e)}); they will be read again then.`),
  );
}

export function registerDatasetHealthCommands(context: vscode.ExtensionContext, ctx: DatasetsContext, fingerprints?: KeptFingerprints): vscode.Disposable[] {
  const diagnostics = new HealthDiagnostics();
  // The fingerprints by bucket/key/ETag, loaded from global storage on first use and saved after
  // each check that added some (or after the gallery did): a check in a new window reads no unchanged image.
  const session = fingerprints ?? keptFingerprints(context);
  return [
    diagnostics,
    registerCommand(ctx, Commands.clearHealthFindings, 'Clearing the health findings', () => diagnostics.clear()),
    registerCommand(ctx, Commands.checkDatasetHealth, 'Checking dataset health', async (arg?: HealthArgs | vscode.Uri): Promise<HealthOutcome | undefined> => {
      const problem = jpegDecoderProblem();
      if (problem) throw new CustomLabelsError(problem, 'DECODER_UNAVAILABLE');
      const source = await resolveSource(ctx, arg);
      if (!source) return undefined;
      const args: HealthArgs = arg instanceof vscode.Uri || arg === undefined ? {} : arg;
      const images = await pickImages(ctx, source.kind === 'project' ? { s3: true } : args, 'Check Dataset Health');
      if (!images) return undefined;
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Checking the health of ${source.title}`, cancellable: true },
        async (progress, token) => {
          const controller = new AbortController();
          const cancellation = createCancellationSource();
          const sub = token.onCancellationRequested(() => {
            controller.abort();
            cancellation.cancel();
          });
          try {
            progress.report({ message: 'reading the lines…' });
            const read = async (which: 'train' | 'test'): Promise<string[] | undefined> => {
              if (source.kind === 'local') {
                const uri = source[which];
                return uri ? linesOf(uri) : undefined;
              }
              const arn = which === 'train' ? source.trainArn : source.testArn;
              if (!arn) return undefined;
              const out: string[] = [];
              for await (const page of source.service.listEntries(arn, {}, cancellation.token)) out.push(...page);
              return out;
            };
            const train = (await read('train'))!;
            const test = await read('test');
            if (token.isCancellationRequested) return undefined;
            // In steps (~15 ms each), as checkHealth works: the host stays responsive over 250,000 lines.
            const sets: Array<[DatasetName, HealthLine[]]> = [['train', await healthLinesInSteps(train)]];
            if (test) sets.push(['test', await healthLinesInSteps(test)]);
            const locations: ImageLocation[] = sets.flatMap(([, ls]) => ls.flatMap((l) => (l.location ? [l.location] : [])));
            let shown = 0;
            const kept = args.cacheFile ? new KeptFingerprints(args.cacheFile.fsPath, FINGERPRINTS_KEPT) : session;
            const cache = await kept.cache();
            let imagesRead = 0;
            const fingerprints = await readImages(locations, images.source, {
              signal: controller.signal,
              cache,
              onRead: () => imagesRead++,
              onProgress: (done, total) => {
                const pct = (done / Math.max(1, total)) * 100;
                progress.report({ increment: pct - shown, message: `${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} images read` });
                shown = pct;
              },
            });
            const report = await checkHealth({ train, ...(test ? { test } : {}), images: fingerprints });
            const labels = labelStats(await profileDataset(linesInSteps(train)), test ? await profileDataset(linesInSteps(test)) : undefined);
            if (imagesRead > 0) kept.noteChanged();
            // Async fs: the host is not held while the file is written.
            await kept.save().catch((e: unknown) =>
              ctx.log.warn(`The dataset health fingerprints could not be saved to ${kept.file} (${e instanceof Error ? e.message : String(e)}); the next window reads these images again.`),
            );
            return { report, labels, sizes: distributions(sets, fingerprints), train, test, imagesRead };
          } catch (e) {
            if (e instanceof ImageReadError && e.reason === 'cancelled') return undefined;
            if (e instanceof ImageReadError) throw new CustomLabelsError(`the images cannot be read from ${images.source.where}: ${e.message}`, 'IMAGES_UNAVAILABLE', 'Check the connection, or choose the local folder that holds bucket/key.');
            throw e;
          } finally {
            sub.dispose();
            images.source.dispose();
          }
        },
      );
      if (!result) {
        void vscode.window.showInformationMessage('Check Dataset Health was cancelled: nothing was reported.');
        return undefined;
      }
      const { report } = result;
      if (source.kind === 'local') {
        diagnostics.set(source.train, result.train, lineNotes(report, 'train'));
        if (source.test && result.test) diagnostics.set(source.test, result.test, lineNotes(report, 'test'));
      }
      const panel = vscode.window.createWebviewPanel('customLabels.datasetHealth', `Health: ${source.title}`, vscode.ViewColumn.Active, pageOptions(vscode.Uri.joinPath(context.extensionUri, PAGE_SCRIPTS_DIR)));
      const script = panel.webview.asWebviewUri(vscode.Uri.joinPath(context.extensionUri, PAGE_SCRIPTS.datasetHealth)).toString();
      const html = healthHtml({ title: `Dataset health of ${source.title}`, report, labels: result.labels, sizes: result.sizes, nonce: newNonce(), script });
      if (source.kind === 'project') ctx.connectionViews.add(panel);
      let drawn: () => void = () => undefined;
      const ready = new Promise<void>((resolve) => (drawn = resolve));
      const readMessage = receiver('Dataset health', readPageToHealth, (text) => ctx.log.warn(text));
      panel.webview.onDidReceiveMessage((data: unknown) => {
        const m = readMessage(data);
        if (m?.type === 'ready') drawn();
        if (m?.type !== 'gallery') return;
        const lines = report.findings[m.finding]?.lines[m.dataset];
        if (!lines) return;
        // The finding's 1-based lines to the gallery's 0-based ones; none: the dataset as a whole.
        const only = lines.length > 0 ? { lines: lines.map((l) => l - 1) } : {};
        const where = images.imagesDir ? { imagesDir: images.imagesDir } : { s3: true };
        const target =
          source.kind === 'local'
            ? { uri: m.dataset === 'test' && source.test ? source.test : source.train, ...where, ...only }
            : { datasetArn: m.dataset === 'test' && source.testArn ? source.testArn : source.trainArn, ...only };
        void vscode.commands.executeCommand(Commands.showGallery, target);
      });
      panel.webview.html = html;
      const errors = report.findings.filter((f) => f.severity === 'error').length;
      ctx.log.info(`Dataset health of ${source.title}: ${report.findings.length} findings, ${errors} of them errors (train/test leaks).`);
      return { panel, report, html, ready, imagesRead: result.imagesRead };
    }),
  ];
}

/** The lines of `uri`: as in its editor when it is open, else from disk. */
async function linesOf(uri: vscode.Uri): Promise<string[]> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return Array.from({ length: open.lineCount }, (_, i) => open.lineAt(i).text);
  const out: string[] = [];
  for await (const l of uriLines(uri)) out.push(l);
  return out;
}

async function resolveSource(ctx: DatasetsContext, arg: unknown): Promise<Source | undefined> {
  const a = (arg ?? {}) as HealthArgs;
  if (!(arg instanceof vscode.Uri) && a.train instanceof vscode.Uri) return localSource(a.train, a.test);
  const target = targetOf(arg);
  if (!(arg instanceof vscode.Uri) && (target.projectArn || target.projectName)) return projectSource(ctx, arg);
  const active = vscode.window.activeTextEditor?.document;
  const train = arg instanceof vscode.Uri ? arg : active?.languageId === LANGUAGE_ID ? active.uri : await chooseManifest('Check Dataset Health', 'Dataset health checks a Custom Labels manifest: open one (a .manifest file) and run it again.');
  if (!train) return undefined;
  const test = await chooseTest(train);
  if (test === null) return undefined;
  return localSource(train, test);
}

/** The test manifest of `train`: another .manifest of the workspace, or none; null when the person cancels. */
async function chooseTest(train: vscode.Uri): Promise<vscode.Uri | undefined | null> {
  const files = await vscode.workspace.findFiles('**/*.manifest', '**/node_modules/**', 200).then((f) => f, () => [] as vscode.Uri[]);
  const others = files.filter((f) => f.toString() !== train.toString()).sort((a, b) => a.path.localeCompare(b.path));
  const picks: Array<vscode.QuickPickItem & { uri?: vscode.Uri }> = [
    { label: 'No test manifest', detail: 'Training splits 20% of the images off for testing.' },
    ...others.map((uri) => ({ label: vscode.workspace.asRelativePath(uri, false), uri })),
  ];
  const pick = await vscode.window.showQuickPick(picks, { title: `Check Dataset Health: the test manifest of ${path.basename(train.path)}` });
  return pick ? pick.uri : null;
}

function localSource(train: vscode.Uri, test?: vscode.Uri): Source {
  const name = (u: vscode.Uri) => vscode.workspace.asRelativePath(u, false);
  return { kind: 'local', title: test ? `${name(train)} + ${name(test)}` : name(train), train, ...(test ? { test } : {}) };
}

async function projectSource(ctx: DatasetsContext, arg: unknown): Promise<Source | undefined> {
  const service = await requireService(ctx);
  const project = await resolveTrainingProject(ctx, arg, 'Project whose dataset health to check');
  if (!project) return undefined;
  return { kind: 'project', title: project.name, service, trainArn: project.trainArn, ...(project.testArn ? { testArn: project.testArn } : {}) };
}
