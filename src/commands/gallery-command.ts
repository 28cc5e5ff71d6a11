/**
 * "Show Gallery": the active manifest as cards (gallery-html.ts), each image with its boxes and
 * labels and the line's problems. Images come from a local folder (DIR/bucket/key, shown as they
 * are) or from S3 with the current connection, copied into a bounded cache in the extension's
 * global storage (keyed by bucket/key/ETag). Clicking a card reveals its line.
 */
import { randomBytes } from 'crypto';
import * as path from 'path';
import * as vscode from 'vscode';
import { Commands, LANGUAGE_ID } from '../constants';
import { probeImage, type ImageSource } from '../images';
import { validateLine } from '../manifest';
import type { DatasetsContext } from './context';
import { cardOf, galleryHtml, type GalleryCard } from './gallery-html';
import { pickSource, type CheckImagesArgs } from './check-images-command';
import { cached } from './image-cache';
import { registerCommand } from './ui';

/** Cards drawn at most (no virtualized grid yet). */
export const MAX_CARDS = 500;
export { CACHE_MAX_BYTES } from './image-cache';
const CONCURRENCY = 8;

export interface GalleryOutcome {
  panel: vscode.WebviewPanel;
  html: string;
  cards: GalleryCard[];
  /** Resolves when the page's script has run, with the number of cards it found. */
  ready: Promise<number>;
}

export function registerGalleryCommand(context: vscode.ExtensionContext, ctx: DatasetsContext): vscode.Disposable[] {
  return [
    registerCommand(ctx, Commands.showGallery, 'Showing the gallery', async (arg?: CheckImagesArgs | vscode.Uri): Promise<GalleryOutcome | undefined> => {
      const args: CheckImagesArgs = arg instanceof vscode.Uri ? { uri: arg } : (arg ?? {});
      const document = args.uri ? await vscode.workspace.openTextDocument(args.uri) : vscode.window.activeTextEditor?.document;
      if (!document || (document.languageId !== LANGUAGE_ID && !args.uri)) {
        void vscode.window.showInformationMessage('The gallery shows a Custom Labels manifest: open one (a .manifest file) and run it again.');
        return undefined;
      }
      const source = await pickSource(ctx, args);
      if (!source) return undefined;
      const cacheDir = vscode.Uri.joinPath(context.globalStorageUri, 'images');
      const roots = [args.imagesDir ? vscode.Uri.file(args.imagesDir) : undefined, cacheDir].filter((u): u is vscode.Uri => u !== undefined);
      try {
        const { cards, omitted } = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: 'Loading the gallery', cancellable: true },
          (progress, token) => buildCards(document, source, args.imagesDir, cacheDir.fsPath, progress, token),
        );
        const panel = vscode.window.createWebviewPanel('customLabels.gallery', `Gallery: ${path.basename(document.uri.path)}`, vscode.ViewColumn.Beside, {
          enableScripts: true,
          localResourceRoots: roots,
        });
        const shown = cards.map((c) => ({ ...c, imageUri: c.imageUri ? panel.webview.asWebviewUri(vscode.Uri.file(c.imageUri)).toString() : undefined }));
        const nonce = randomBytes(16).toString('base64');
        let ready!: (n: number) => void;
        const readyPromise = new Promise<number>((r) => (ready = r));
        panel.webview.onDidReceiveMessage(async (m: { type?: string; line?: number; cards?: number }) => {
          if (m?.type === 'ready') ready(Number(m.cards) || 0);
          if (m?.type === 'reveal' && Number.isInteger(m.line) && m.line! >= 0 && m.line! < document.lineCount) {
            const editor = await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preserveFocus: false });
            const range = document.lineAt(m.line!).range;
            editor.selection = new vscode.Selection(range.start, range.end);
            editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
          }
        });
        const html = galleryHtml({ title: `Gallery of ${vscode.workspace.asRelativePath(document.uri, false)}`, cards: shown, omitted, nonce, cspSource: panel.webview.cspSource });
        panel.webview.html = html;
        return { panel, html, cards: shown, ready: readyPromise };
      } finally {
        source.dispose();
      }
    }),
  ];
}

async function buildCards(
  document: vscode.TextDocument,
  source: ImageSource,
  imagesDir: string | undefined,
  cacheDir: string,
  progress: vscode.Progress<{ message?: string; increment?: number }>,
  token: vscode.CancellationToken,
): Promise<{ cards: GalleryCard[]; omitted: number }> {
  const controller = new AbortController();
  const sub = token.onCancellationRequested(() => controller.abort());
  try {
    const pending: Array<{ card: NonNullable<ReturnType<typeof cardOf>>; bucket: string; key: string; problems: GalleryCard['problems'] }> = [];
    let omitted = 0;
    for (let line = 0; line < document.lineCount; line++) {
      const text = document.lineAt(line).text;
      const card = cardOf(line, text);
      if (!card) continue;
      if (pending.length >= MAX_CARDS) {
        omitted++;
        continue;
      }
      const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(card.sourceRef);
      pending.push({ card, bucket: m?.[1] ?? '', key: m?.[2] ?? '', problems: validateLine(text, line).problems.map((p) => ({ code: p.code, message: p.message })) });
    }
    const cards: GalleryCard[] = new Array(pending.length);
    let next = 0;
    let done = 0;
    const worker = async (): Promise<void> => {
      for (let i = next++; i < pending.length && !controller.signal.aborted; i = next++) {
        const { card, bucket, key, problems } = pending[i]!;
        let file: string | undefined;
        let real: { width: number; height: number } | undefined;
        if (bucket) {
          const probe = await probeImage(source, bucket, key, controller.signal);
          if (probe.kind === 'image' && probe.width && probe.height && (probe.format === 'png' || probe.format === 'jpg')) {
            real = { width: probe.width, height: probe.height };
            file = imagesDir ? path.join(imagesDir, bucket, ...key.split('/')) : await cached(source, bucket, key, probe.etag, probe.size, probe.format, cacheDir, controller.signal);
          }
        }
        const size = card.declared ?? real ?? { width: 100, height: 100 };
        cards[i] = { line: card.line, sourceRef: card.sourceRef, labels: card.labels, boxes: card.boxes, problems, width: size.width, height: size.height, ...(file ? { imageUri: file } : {}) };
        done++;
        progress.report({ increment: 100 / pending.length, message: `${done} of ${pending.length} images` });
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return { cards: cards.filter((c) => c !== undefined), omitted };
  } finally {
    sub.dispose();
  }
}
