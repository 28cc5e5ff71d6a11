/**
 * "Show Gallery": the entries of the active manifest as cards in a webview (page-html.ts,
 * page/main.ts; messages.ts, checked on arrival), each image with its boxes and labels and the
 * line's problems. The entries are built in steps (entries.ts) and posted to the page as they
 * come; the page renders the visible cards only and asks for their images, which are fetched
 * here at most 8 at a time, newest request first (image-queue.ts). Images come from a local folder (DIR/bucket/key)
 * or from S3 with the current connection, copied into a bounded cache in the extension's global
 * storage (keyed by bucket/key/ETag); a card shows the image's thumbnail, made once in a worker
 * thread and cached beside them (card-images.ts), or the full image when it cannot be decoded
 * here. Clicking a card reveals its line.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { Commands, LANGUAGE_ID } from '../constants';
import { type ImageSource } from '../images';
import { sharedDecodePool, type KeptFingerprints } from '../health';
import { createCancellationSource } from '../rekognition';
import { isTreeNode } from '../views/tree-nodes';
import { requireService, type DatasetsContext } from '../ui/context';
import { datasetName, hasEntries, resolveDataset, targetOf, type TargetOptions } from '../ui/pickers';
import { buildEntries, type GalleryEntry } from './entries';
import { galleryHtml } from './page-html';
import { readPageToGallery, type GalleryToPage, type MarkOutcome, type RenderedReport } from './messages';
import { newNonce } from '../webview/head';
import { receiver } from '../webview/messages';
import { PAGE_SCRIPTS, PAGE_SCRIPTS_DIR, pageOptions } from '../webview/panel-options';
import { ImageQueue } from './image-queue';
import { keepLines, linesNote } from './only-lines';
import { cardImage } from './card-images';
import { pickSource, type ImageSourceArgs } from '../ui/image-source';

import { registerCommand } from '../ui/command-edge';
import { uriLines } from '../ui/uri-lines';
import { chooseManifest } from '../ui/manifest-choice';

/** Images fetched at once. */
export const IMAGE_CONCURRENCY = 8;

/** What the page reports after drawing (messages.ts `rendered`). */
export type GalleryRendered = RenderedReport;

export interface GalleryOutcome {
  panel: vscode.WebviewPanel;
  html: string;
  /** When the page first drew cards: ms since the command started. */
  firstCards: Promise<{ ms: number; rendered: GalleryRendered }>;
  /** When every entry has been built and posted (or the build stopped). */
  loaded: Promise<{ ms: number; lines: number; entries: number; cancelled: boolean; steps: number; longestStepMs: number; longestStepCpuMs: number }>;
  /** The page's latest report. */
  rendered(): GalleryRendered | undefined;
  readonly onRendered: vscode.Event<GalleryRendered>;
  /** Image fetches started, and the most at once. */
  images(): { requested: number; peak: number; dropped: number };
  /** Per entry id answered: the file its card was given (a thumbnail or the full image), or null when none. */
  imageFiles(): ReadonlyMap<number, { file: string; thumbnail: boolean } | null>;
}

/** A gallery to open: where its lines come from, where its images are, what a click does. */
export interface GallerySpec {
  title: string;
  /** Where the thumbnail decodes put the images' fingerprints (Check Dataset Health's cache). */
  fingerprints?: KeptFingerprints;
  tabTitle: string;
  /** The lines; reading stops when `signal` aborts (the panel closed, the progress cancelled). */
  lines: (signal: AbortSignal) => Iterable<string> | AsyncIterable<string | readonly string[]>;
  source: ImageSource;
  imagesDir?: string;
  reveal: (entry: { id: number; line: number; ref: string }) => Promise<void>;
  /** A dataset's gallery (its account's data): closed when the connection changes. */
  ofConnection?: boolean;
  /** The gallery of mistakes (mistakes.ts): the entry of each snapshot line, the filters it opens with. */
  mistakes?: { entry: (id: number, line: number, text: string) => GalleryEntry | undefined; labels: string[]; outcomes: MarkOutcome[] };
  /** Only these lines (0-based; a dataset's: its entries in listing order); absent: every line. */
  only?: ReadonlySet<number>;
}

/** Show Gallery's argument may add `lines`: only the entries of these 0-based lines (a health finding's). */
export interface OnlyLinesArgs {
  lines?: readonly number[];
}

function onlyOf(arg: unknown): ReadonlySet<number> | undefined {
  const lines = arg && typeof arg === 'object' && !(arg instanceof vscode.Uri) ? (arg as OnlyLinesArgs).lines : undefined;
  return Array.isArray(lines) ? new Set(lines.filter((l) => Number.isInteger(l) && l >= 0)) : undefined;
}

export function registerGalleryCommand(context: vscode.ExtensionContext, ctx: DatasetsContext, fingerprints?: KeptFingerprints): vscode.Disposable[] {
  return [
    registerCommand(ctx, Commands.showGallery, 'Showing the gallery', async (arg?: ((ImageSourceArgs | TargetOptions) & OnlyLinesArgs) | vscode.Uri): Promise<GalleryOutcome | undefined> => {
      const only = onlyOf(arg);
      if (isTreeNode(arg) || (arg && typeof arg === 'object' && 'datasetArn' in arg && arg.datasetArn)) return datasetGallery(context, ctx, targetOf(arg), only, fingerprints);
      const args: ImageSourceArgs = arg instanceof vscode.Uri ? { uri: arg } : ((arg as ImageSourceArgs | undefined) ?? {});
      const active = vscode.window.activeTextEditor?.document;
      const uri = args.uri ?? (active?.languageId === LANGUAGE_ID ? active.uri : await chooseManifest('Show Gallery', 'The gallery shows a Custom Labels manifest: open one (a .manifest file) and run it again.'));
      if (!uri) return undefined;
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      const source = await pickSource(ctx, args, 'Show Gallery');
      if (!source) return undefined;
      // An open document is read as it is in the editor; a file that is not open is streamed from disk.
      const lines = (): Iterable<string> | AsyncIterable<string> => (open ? documentLines(open) : uriLines(uri));
      return openGallery(context, ctx, {
        ...(fingerprints ? { fingerprints } : {}),
        title: `Gallery of ${vscode.workspace.asRelativePath(uri, false)}${only ? linesNote(only) : ''}`,
        tabTitle: `Gallery: ${path.basename(uri.path)}${only ? linesNote(only) : ''}`,
        lines,
        source,
        ...(only ? { only } : {}),
        ...(args.imagesDir ? { imagesDir: args.imagesDir } : {}),
        reveal: async (entry) => {
          const document = await vscode.workspace.openTextDocument(uri);
          // Lines may have moved since the gallery was built: the card's line is the one with its source-ref.
          const line = lineOfRef(document, entry.ref, entry.line);
          if (line === undefined) {
            void vscode.window.showInformationMessage(`${entry.ref} is no longer in ${path.basename(uri.path)}: open the gallery again to see the file as it is.`);
            return;
          }
          const editor = await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preserveFocus: false });
          const range = document.lineAt(line).range;
          editor.selection = new vscode.Selection(range.start, range.start);
          editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
        },
      });
    }),
  ];
}

/** The gallery of a dataset: its entries page by page (ListDatasetEntries), its images from S3 with the connection. */
async function datasetGallery(context: vscode.ExtensionContext, ctx: DatasetsContext, target: TargetOptions, only?: ReadonlySet<number>, fingerprints?: KeptFingerprints): Promise<GalleryOutcome | undefined> {
  const dataset = await resolveDataset(ctx, target, 'Dataset to show in the gallery', hasEntries);
  if (!dataset) return undefined;
  const service = await requireService(ctx);
  const arn = dataset.ref.arn;
  const name = datasetName(ctx, dataset);
  const source = await pickSource(ctx, { s3: true }, 'Show Gallery');
  if (!source) return undefined;
  return openGallery(context, ctx, {
    ...(fingerprints ? { fingerprints } : {}),
    title: `Gallery of ${name}${only ? linesNote(only) : ''}`,
    tabTitle: `Gallery: ${name}${only ? linesNote(only) : ''}`,
    source,
    ofConnection: true,
    ...(only ? { only } : {}),
    lines: (signal) => datasetLines(service, arn, signal),
    // The browse document of all entries lists them in the order read here: line i is entry i.
    reveal: async (entry) => {
      const document = await vscode.commands.executeCommand<vscode.TextDocument | undefined>(Commands.browseEntries, { datasetArn: arn, filter: {} });
      if (!document) return;
      const line = await lineOfEntry(document, entry);
      const editor = await vscode.window.showTextDocument(document, { preview: true, preserveFocus: false });
      const position = new vscode.Position(line, 0);
      editor.selection = new vscode.Selection(position, position);
      editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    },
  });
}

/** The dataset's entries, one page (an array) at a time: each page is handed to the page as it arrives. */
async function* datasetLines(service: Awaited<ReturnType<typeof requireService>>, arn: string, signal: AbortSignal): AsyncGenerator<readonly string[]> {
  const cancellation = createCancellationSource();
  const stop = (): void => cancellation.cancel();
  signal.addEventListener('abort', stop);
  try {
    for await (const page of service.listEntries(arn, {}, cancellation.token)) yield page;
  } finally {
    signal.removeEventListener('abort', stop);
  }
}

/** The line of the browse document that holds `entry` (its line if the text matches, else found by source-ref), waiting for it to be read. */
export async function lineOfEntry(document: vscode.TextDocument, entry: { line: number; ref: string }): Promise<number> {
  const needle = `"source-ref":${JSON.stringify(entry.ref)}`;
  const find = (): number | undefined => {
    if (entry.line < document.lineCount && document.lineAt(entry.line).text.includes(needle)) return entry.line;
    for (let i = 0; i < document.lineCount; i++) if (document.lineAt(i).text.includes(needle)) return i;
    return undefined;
  };
  const now = find();
  if (now !== undefined) return now;
  return new Promise<number>((resolve) => {
    const done = (line: number): void => {
      sub.dispose();
      clearTimeout(timer);
      resolve(line);
    };
    const sub = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document !== document) return;
      const line = find();
      if (line !== undefined) done(line);
    });
    // Not there after 30 s (the dataset changed since): the top of the document.
    const timer = setTimeout(() => done(0), 30_000);
  });
}

function* documentLines(document: vscode.TextDocument): Generator<string> {
  for (let i = 0; i < document.lineCount; i++) yield document.lineAt(i).text;
}

/** Opens the panel, streams the entries into it, answers its image requests. */
export async function openGallery(context: vscode.ExtensionContext, ctx: DatasetsContext, spec: GallerySpec): Promise<GalleryOutcome> {
  const started = performance.now();
  const cacheDir = vscode.Uri.joinPath(context.globalStorageUri, 'images');
  const thumbDir = vscode.Uri.joinPath(context.globalStorageUri, 'thumbnails');
  const images = [spec.imagesDir ? vscode.Uri.file(spec.imagesDir) : undefined, cacheDir, thumbDir].filter((u): u is vscode.Uri => u !== undefined);
  const panel = vscode.window.createWebviewPanel('customLabels.gallery', spec.tabTitle, vscode.ViewColumn.Beside, {
    ...pageOptions(vscode.Uri.joinPath(context.extensionUri, PAGE_SCRIPTS_DIR), images),
    retainContextWhenHidden: true,
  });
  // A dataset's gallery shows the connection's account: it closes when the connection changes.
  if (spec.ofConnection) ctx.connectionViews.add(panel);
  const webview = panel.webview;
  const post = (message: GalleryToPage): void => void webview.postMessage(message);
  const controller = new AbortController();
  const refs: string[] = [];
  /** Per entry id: its line (what a click reveals); the rest of an entry lives in the page only. */
  const lineOf: number[] = [];
  const imageFiles = new Map<number, { file: string; thumbnail: boolean } | null>();
  let thumbnailProblems = 0;
  const cardOptions = { source: spec.source, ...(spec.imagesDir ? { imagesDir: spec.imagesDir } : {}), cacheDir: cacheDir.fsPath, thumbDir: thumbDir.fsPath, pool: sharedDecodePool(), ...(spec.fingerprints ? { fingerprints: spec.fingerprints } : {}) };
  const queue = new ImageQueue<string>({
    concurrency: IMAGE_CONCURRENCY,
    fetch: async (id, signal) => {
      const image = await cardImage(refs[id]!, cardOptions, signal);
      if (!signal.aborted) imageFiles.set(id, image ? { file: image.file, thumbnail: image.thumbnail } : null);
      // The page shows the full image instead; the log says why, for the first few.
      if (image?.problem && ++thumbnailProblems <= 3) ctx.log.warn(`Gallery: ${refs[id]!} is shown in full, without a thumbnail: ${image.problem}.`);
      return image ? webview.asWebviewUri(vscode.Uri.file(image.file)).toString() : undefined;
    },
    // Answers are batched per tick: a screenful of cached images is one message.
    onImage: (id, uri) => {
      answers.push([id, uri ?? null]);
      if (answers.length === 1) setImmediate(flushAnswers);
    },
  });
  let answers: Array<[number, string | null]> = [];
  const flushAnswers = (): void => {
    const batch = answers;
    answers = [];
    if (batch.length && !controller.signal.aborted) post({ type: 'images', images: batch });
  };
  const renderedEmitter = new vscode.EventEmitter<GalleryRendered>();
  let last: GalleryRendered | undefined;
  let firstCards!: (v: { ms: number; rendered: GalleryRendered }) => void;
  const firstCardsPromise = new Promise<{ ms: number; rendered: GalleryRendered }>((r) => (firstCards = r));
  let pageReady!: () => void;
  const ready = new Promise<void>((r) => (pageReady = r));
  panel.onDidDispose(() => {
    controller.abort();
    // Closed before its page said it was ready (closed at once, or by a connection change): the
    // reading below must not wait for it, or its progress notification would stay forever.
    pageReady();
    queue.dispose();
    spec.source.dispose();
    renderedEmitter.dispose();
  });
  const read = receiver('Gallery', readPageToGallery, (text) => ctx.log.warn(text));
  webview.onDidReceiveMessage(async (data: unknown) => {
    const m = read(data);
    if (m?.type === 'ready') pageReady();
    else if (m?.type === 'visible') queue.want(m.ids.filter((id) => id < refs.length));
    else if (m?.type === 'rendered') {
      last = { cards: m.cards, shown: m.shown, total: m.total, boxes: m.boxes, loaded: m.loaded, drawn: m.drawn };
      if (m.first) firstCards({ ms: performance.now() - started, rendered: last });
      renderedEmitter.fire(last);
    } else if (m?.type === 'reveal' && m.id < refs.length) {
      try {
        await spec.reveal({ id: m.id, line: lineOf[m.id]!, ref: refs[m.id]! });
      } catch (error) {
        ctx.log.error(`Gallery: could not show the entry: ${error instanceof Error ? error.message : String(error)}`);
        void vscode.window.showErrorMessage(`The gallery could not show that entry: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  });
  const script = webview.asWebviewUri(vscode.Uri.joinPath(context.extensionUri, PAGE_SCRIPTS.gallery)).toString();
  const html = galleryHtml({ title: spec.title, nonce: newNonce(), cspSource: webview.cspSource, script, ...(spec.mistakes ? { mistakes: true } : {}) });
  webview.html = html;

  const loaded = vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Loading the gallery', cancellable: true }, async (progress, token) => {
    const sub = token.onCancellationRequested(() => controller.abort());
    try {
      await ready;
      if (spec.mistakes) post({ type: 'filter', labels: spec.mistakes.labels, outcomes: spec.mistakes.outcomes });
      let reported = 0;
      const result = await buildEntries(spec.lines(controller.signal), {
        stepMs: 8,
        signal: controller.signal,
        ...(spec.mistakes ? { entry: spec.mistakes.entry } : {}),
        onEntries: (built, linesRead) => {
          const batch = spec.only ? keepLines(built, spec.only, refs.length) : built;
          for (const e of batch) {
            refs.push(e.ref);
            lineOf.push(e.line);
          }
          if (batch.length > 0) post({ type: 'entries', entries: batch });
          const text = `${refs.length.toLocaleString('en-US')} entries of ${linesRead.toLocaleString('en-US')} lines`;
          post({ type: 'progress', text: `Reading… ${text}` });
          if (linesRead - reported >= 5000) {
            progress.report({ message: text });
            reported = linesRead;
          }
        },
      });
      const text = result.cancelled
        ? `Stopped: ${refs.length.toLocaleString('en-US')} entries of the first ${result.lines.toLocaleString('en-US')} lines.`
        : `${refs.length.toLocaleString('en-US')} entries in ${result.lines.toLocaleString('en-US')} lines.` +
          (result.noImage > 0
            ? ` ${result.noImage.toLocaleString('en-US')} ${result.noImage === 1 ? 'line names' : 'lines name'} no image (not valid JSON, or no source-ref) and ${result.noImage === 1 ? 'has' : 'have'} no card: the Problems view lists ${result.noImage === 1 ? 'it' : 'them'}.`
            : '');
      post({ type: 'progress', text, done: true });
      // Entries: those shown (a gallery of some lines keeps fewer than it builds).
      return { ms: performance.now() - started, ...result, entries: refs.length };
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      ctx.log.error(`Gallery: reading the entries failed: ${why}`);
      post({ type: 'progress', text: `Reading the entries failed: ${why}`, done: true });
      void vscode.window.showErrorMessage(`The gallery could not read all the entries (${why}). The ${refs.length.toLocaleString('en-US')} read so far are shown; open the gallery again to retry.`);
      return { ms: performance.now() - started, lines: 0, entries: refs.length, noImage: 0, cancelled: true, steps: 0, longestStepMs: 0, longestStepCpuMs: 0 };
    } finally {
      sub.dispose();
    }
  });
  return {
    panel,
    html,
    firstCards: firstCardsPromise,
    loaded: Promise.resolve(loaded),
    rendered: () => last,
    onRendered: renderedEmitter.event,
    images: () => ({ requested: queue.requested, peak: queue.peak, dropped: queue.dropped }),
    imageFiles: () => imageFiles,
  };
}

/** The line that holds `"source-ref": ref`: `hint` when it still does, else the first that does. */
export function lineOfRef(document: { lineCount: number; lineAt(i: number): { text: string } }, ref: string, hint: number): number | undefined {
  const quoted = JSON.stringify(ref);
  const holds = (i: number): boolean => {
    const text = document.lineAt(i).text;
    if (!text.includes(quoted)) return false;
    try {
      return (JSON.parse(text) as { 'source-ref'?: unknown })['source-ref'] === ref;
    } catch {
      return false;
    }
  };
  if (hint < document.lineCount && holds(hint)) return hint;
  for (let i = 0; i < document.lineCount; i++) if (holds(i)) return i;
  return undefined;
}
