/**
 * The preview beside a manifest: one webview panel showing the image of the line under the
 * cursor with its boxes (model.ts, html.ts, page/main.ts; messages.ts, checked on arrival). It
 * follows the cursor, the edits of that line (debounced lightly) and the active manifest
 * editor; the box the cursor is in, or the one the editor's hover is over, is highlighted. The page is drawn once; every update is a message.
 * Images: a local folder (DIR/bucket/key) shown as it is, or S3 with the current connection
 * copied into the image cache (images/cache.ts), as the gallery does.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../constants';
import type { DatasetsContext } from '../ui/context';
import { cached, createFolderSource, createS3Source, probeImage, type ImageSource } from '../images';
import { locationFile } from '../folder-paths';
import type { ManifestDocuments } from '../language/manifest-documents';
import { previewHtml } from './html';
import { readPageToPreview, type PageBoxRef, type PageEdit, type PageGesture, type PagePredictions, type PreviewToPage } from './messages';
import { newNonce } from '../webview/head';
import { receiver } from '../webview/messages';
import { PAGE_SCRIPTS, PAGE_SCRIPTS_DIR, pageOptions } from '../webview/panel-options';
import { boxAt, editability, previewOf } from './model';
import { changedSpan, writeGesture } from '../manifest';

/**
 * Milliseconds between the last keystroke in the shown document and the redraw: after the
 * typing pauses, not between two keys (a redraw posted while a person types costs the workbench
 * frames that the typed characters wait for).
 */
export const EDIT_DEBOUNCE_MS = 300;
/** Images whose webview URI and size are remembered (per panel). */
const KNOWN_IMAGES = 500;

export interface PreviewDeps {
  context: vscode.ExtensionContext;
  ctx: DatasetsContext;
  manifests: ManifestDocuments;
  /** The local folder standing in for S3 (argument or setting); undefined: S3. */
  /** The folder standing in for S3 for the manifest at `uri` (given with it, or the setting); undefined: S3. */
  imagesDir(uri: vscode.Uri): string | undefined;
}

type ImageInfo = { uri: string; width: number; height: number };

export class ManifestPreview implements vscode.Disposable {
  static readonly viewType = 'customLabels.preview';
  readonly panel: vscode.WebviewPanel;
  private document: vscode.TextDocument;
  private line: number;
  /** The box highlighted (cursor or hover), as previewOf numbers them. */
  private highlighted: number | undefined;
  private ready = false;
  private generation = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The last view posted to the page (as JSON): the same one is not posted again. */
  private lastShow: string | undefined;
  private source: Promise<{ dir?: string; source: ImageSource }> | undefined;
  private disposed = false;
  private readonly images = new Map<string, ImageInfo>();
  private readonly abort = new AbortController();
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly shown = new vscode.EventEmitter<{ line: number; boxes: number }>();
  /** Fires when the page has drawn a line (tests wait on it). */
  readonly onDidShow = this.shown.event;
  private readonly closed = new vscode.EventEmitter<void>();
  readonly onDidClose = this.closed.event;
  /** Edit mode: gestures on the image write the line (one WorkspaceEdit each: one undo step). */
  private editing = false;
  /** The shown line's image size when it can be edited (what the gestures are written in). */
  private editable: { uri: string; line: number; width: number; height: number } | undefined;
  /** The box to select in the next show (the one the last gesture made or changed). */
  private select: PageBoxRef | undefined;
  /** Why the last gesture was not written, shown once. */
  private refused: string | undefined;
  /** A model's predictions for a line of a document (drawn again when that line is shown again). */
  private predictions: { uri: string; predictions: PagePredictions } | undefined;
  /** The page's number of the last gesture handled (written, refused or dropped): each view carries it. */
  private applied = 0;

  constructor(
    private readonly deps: PreviewDeps,
    document: vscode.TextDocument,
    position: vscode.Position | undefined,
  ) {
    this.document = document;
    this.line = position?.line ?? 0;
    this.highlighted = position ? boxAt(this.lineText(), position.character) : undefined;
    this.panel = vscode.window.createWebviewPanel(
      ManifestPreview.viewType,
      this.panelTitle(),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      this.options(),
    );
    const script = this.panel.webview.asWebviewUri(vscode.Uri.joinPath(deps.context.extensionUri, PAGE_SCRIPTS.preview)).toString();
    this.panel.webview.html = previewHtml({ nonce: newNonce(), cspSource: this.panel.webview.cspSource, script });
    const read = receiver('Preview', readPageToPreview, (text) => deps.ctx.log.warn(text));
    this.subscriptions.push(
      this.panel.onDidDispose(() => this.dispose()),
      // Hidden: nothing to draw (and without retainContextWhenHidden its page goes). Shown again:
      // drawn anew (a new page also says ready, and is drawn then).
      this.panel.onDidChangeViewState((e) => {
        this.ready = e.webviewPanel.visible;
        this.lastShow = undefined;
        if (this.ready) this.schedule(0);
      }),
      this.panel.webview.onDidReceiveMessage((data: unknown) => {
        const m = read(data);
        if (m?.type === 'ready') {
          this.ready = true;
          this.lastShow = undefined;
          void this.render();
        } else if (m?.type === 'shown') {
          this.shown.fire({ line: m.line, boxes: m.boxes });
        } else if (m?.type === 'edit') {
          void this.applyGesture(m.line, m.gesture, m.seq);
        } else if (m?.type === 'editMode') {
          this.setEditMode(m.on);
        } else if (m?.type === 'step') {
          this.step(m.by);
        } else if (m?.type === 'undo' || m?.type === 'redo') {
          void this.undoRedo(m.type);
        }
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (this.isShown(e.textEditor.document)) {
          this.document = e.textEditor.document;
          this.moveTo(e.selections[0]?.active ?? e.textEditor.selection.active);
        } else if (e.textEditor === vscode.window.activeTextEditor) {
          this.followActive();
        }
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.followActive()),
      // A file becomes a manifest after it opened (detection, Treat File as Manifest): the
      // document is opened again with the manifest language.
      vscode.workspace.onDidOpenTextDocument((d) => {
        if (d === vscode.window.activeTextEditor?.document) this.followActive();
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (!this.isShown(e.document) || e.contentChanges.length === 0) return;
        this.document = e.document;
        this.schedule(EDIT_DEBOUNCE_MS);
      }),
      deps.manifests.onDidHover(({ uri, position }) => {
        if (uri.toString() !== this.document.uri.toString() || position.line !== this.line) return;
        const box = boxAt(this.lineText(), position.character) ?? this.cursorBox();
        this.highlight(box);
      }),
      deps.ctx.connection.onDidChange(() => {
        if (!deps.imagesDir(this.document.uri)) this.resetSource();
      }),
    );
  }

  private isShown(document: vscode.TextDocument): boolean {
    return document === this.document || document.uri.toString() === this.document.uri.toString();
  }

  /** The active editor holds another manifest: show it. */
  private followActive(): void {
    const editor = vscode.window.activeTextEditor;
    if (editor && editor.document.languageId === LANGUAGE_ID && !this.isShown(editor.document)) this.follow(editor.document, editor.selection.active);
  }

  /** Shows another manifest (the active editor changed, or the command ran on another file). */
  follow(document: vscode.TextDocument, position: vscode.Position | undefined): void {
    // Another manifest may read its images elsewhere (a folder given with one manifest is its own).
    const moved = this.deps.imagesDir(document.uri) !== this.deps.imagesDir(this.document.uri);
    this.document = document;
    if (moved) this.resetSource();
    this.line = Math.min(position?.line ?? 0, Math.max(0, document.lineCount - 1));
    this.highlighted = position ? boxAt(this.lineText(), position.character) : undefined;
    this.panel.title = this.panelTitle();
    this.schedule(0);
  }

  get editMode(): boolean {
    return this.editing;
  }

  /** Turns edit mode on or off (the page's button, Escape, the toggle command). */
  setEditMode(on: boolean): void {
    if (this.editing === on) return;
    this.editing = on;
    this.select = undefined;
    this.schedule(0);
  }

  /** Writes a gesture into the shown line: one WorkspaceEdit replacing that line (one undo step). */
  private async applyGesture(line: number, gesture: PageGesture, seq: number | undefined): Promise<void> {
    try {
      await this.writeGesture(line, gesture);
    } finally {
      // Every gesture is answered by a view made after it (the page draws no older one).
      if (seq !== undefined) this.applied = seq;
      this.schedule(0);
    }
  }

  private async writeGesture(line: number, gesture: PageGesture): Promise<void> {
    const document = this.document;
    const editable = this.editable;
    // A gesture made on a line no longer shown (the cursor moved meanwhile) is not written.
    if (!this.editing || !editable || editable.uri !== document.uri.toString() || editable.line !== line || line >= document.lineCount) return;
    const text = document.lineAt(line).text;
    const result = writeGesture(text, gesture, { imageSize: { width: editable.width, height: editable.height }, now: new Date() });
    if ('refused' in result) {
      this.refused = result.refused;
      return;
    }
    this.select = result.box;
    if (result.text === text) return;
    // Only the characters that differ (a moved box: its four numbers): still one edit of that one
    // line (one undo step), and the editor's cursor and the rest of the line stay as they were.
    const { start, end, insert } = changedSpan(text, result.text);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(line, start, line, end), insert);
    if (!(await vscode.workspace.applyEdit(edit))) {
      this.refused = 'The editor did not take the change (is the file read-only?).';
    }
  }

  /** N / P in the page: the editor's cursor to the next or previous line (the preview follows it). */
  private step(by: 1 | -1): void {
    const target = Math.min(Math.max(0, this.line + by), Math.max(0, this.document.lineCount - 1));
    const editor = vscode.window.visibleTextEditors.find((e) => this.isShown(e.document));
    if (editor) {
      const at = new vscode.Position(target, 0);
      editor.selection = new vscode.Selection(at, at);
      editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    } else if (target !== this.line) {
      this.moveTo(new vscode.Position(target, 0));
    }
  }

  /** Ctrl+Z / Ctrl+Y in the page: the manifest editor's own undo and redo, then the keyboard back to the page. */
  private async undoRedo(command: 'undo' | 'redo'): Promise<void> {
    const editor = vscode.window.visibleTextEditors.find((e) => this.isShown(e.document));
    if (!editor) return;
    await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false });
    await vscode.commands.executeCommand(command);
    this.panel.reveal(undefined, false);
  }

  /** The images' folder or the connection changed: read them again from where they are now. */
  resetSource(): void {
    void this.source?.then((s) => s.source.dispose(), () => undefined);
    this.source = undefined;
    this.images.clear();
    // New options reload the page (its selection, zoom and a label being typed gone): set only
    // when the folders the page may read change, not on every settings event.
    const options = this.options();
    if (rootsOf(options) !== rootsOf(this.panel.webview.options)) this.panel.webview.options = { ...this.panel.webview.options, ...options };
    this.schedule(0);
  }

  private moveTo(position: vscode.Position): void {
    const box = boxAt(this.document.lineAt(position.line).text, position.character);
    if (position.line !== this.line) {
      this.line = position.line;
      this.highlighted = box;
      this.panel.title = this.panelTitle();
      this.schedule(0);
    } else {
      this.highlight(box);
    }
  }

  private highlight(box: number | undefined): void {
    if (box === this.highlighted) return;
    this.highlighted = box;
    this.post({ type: 'highlight', ...(box === undefined ? {} : { box }) });
  }

  private cursorBox(): number | undefined {
    const editor = vscode.window.visibleTextEditors.find((e) => this.isShown(e.document));
    const at = editor?.selection.active;
    return at && at.line === this.line ? boxAt(this.lineText(), at.character) : undefined;
  }

  private lineText(): string {
    return this.line < this.document.lineCount ? this.document.lineAt(this.line).text : '';
  }

  private panelTitle(): string {
    return `Preview ${path.basename(this.document.uri.path)}`;
  }

  /** The page's script, and its images: the image cache and the images folder, if any. */
  private options(): vscode.WebviewOptions {
    const dir = this.deps.imagesDir(this.document.uri);
    const images = [vscode.Uri.joinPath(this.deps.context.globalStorageUri, 'images'), ...(dir ? [vscode.Uri.file(dir)] : [])];
    return pageOptions(vscode.Uri.joinPath(this.deps.context.extensionUri, PAGE_SCRIPTS_DIR), images);
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.render(), delayMs);
  }

  private post(message: PreviewToPage): void {
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  private async render(): Promise<void> {
    if (!this.ready) return;
    const generation = ++this.generation;
    const document = this.document;
    // Read with the line's text: the gestures this view answers.
    const applied = this.applied;
    const line = Math.min(this.line, Math.max(0, document.lineCount - 1));
    const view = previewOf(line, document.lineAt(line).text);
    let image: ImageInfo | undefined;
    let imageNote: string | undefined;
    if (view.image) {
      const found = await this.image(view.image.bucket, view.image.key);
      if (generation !== this.generation) return;
      if ('note' in found) imageNote = found.note;
      else image = found;
    }
    const title = `Preview of ${path.basename(document.uri.path)}, line ${line + 1}`;
    const edit = this.editState(document, line, image, imageNote, applied);
    const show: PreviewToPage = { type: 'show', title, view, ...(image ? { image } : {}), ...(imageNote ? { imageNote } : {}), ...(this.highlighted === undefined ? {} : { highlight: this.highlighted }), edit };
    // An edit elsewhere in the file, or one undone, leaves the view as the page shows it.
    const json = JSON.stringify(show);
    if (json === this.lastShow) return;
    this.lastShow = json;
    this.post(show);
    const p = this.predictions;
    if (p && p.uri === document.uri.toString() && p.predictions.line === line) this.post({ type: 'predictions', predictions: p.predictions });
  }

  /**
   * The image of the line shown, for a model to look at: in S3 (its bucket and key) or, with a
   * folder standing in for S3, its file there; or why there is none.
   */
  async shownImage(): Promise<{ line: number; title: string; s3?: { bucket: string; key: string }; file?: string } | { note: string }> {
    const line = Math.min(this.line, Math.max(0, this.document.lineCount - 1));
    const image = previewOf(line, this.document.lineAt(line).text).image;
    const title = `line ${line + 1} of ${path.basename(this.document.uri.path)}`;
    if (!image) return { note: `${title[0]!.toUpperCase()}${title.slice(1)} names no image (no valid source-ref).` };
    const dir = this.deps.imagesDir(this.document.uri);
    if (!dir) return { line, title, s3: image };
    const found = await locationFile(dir, image.bucket, image.key);
    if (!('path' in found)) return { note: `s3://${image.bucket}/${image.key} ${'refused' in found ? `is ${found.refused}` : `is not in ${dir}`}.` };
    return { line, title, file: found.path };
  }

  /** Draws a model's predictions over line `predictions.line` (now, and whenever it is shown again). */
  showPredictions(predictions: PagePredictions): void {
    this.predictions = { uri: this.document.uri.toString(), predictions };
    this.post({ type: 'predictions', predictions });
  }

  /** Edit mode for the line about to be shown: whether it can be edited, the file's labels, the box to select. */
  private editState(document: vscode.TextDocument, line: number, image: ImageInfo | undefined, imageNote: string | undefined, applied: number): PageEdit {
    const text = document.lineAt(line).text;
    const why = editability(text, image, imageNote);
    this.editable = why === undefined && image ? { uri: document.uri.toString(), line, width: image.width, height: image.height } : undefined;
    const labels = this.deps.manifests.get(document.uri)?.model.labels() ?? [];
    const edit: PageEdit = { on: this.editing, editable: why === undefined, labels, ...(why === undefined ? {} : { why }), ...(applied ? { applied } : {}) };
    if (this.select) edit.select = this.select;
    if (this.refused) edit.refused = this.refused;
    this.select = undefined;
    this.refused = undefined;
    return edit;
  }

  /** The image's webview URI and real size, or why there is none. Never throws. */
  private async image(bucket: string, key: string): Promise<ImageInfo | { note: string }> {
    const known = this.images.get(`${bucket}/${key}`);
    if (known) return known;
    const uri = `s3://${bucket}/${key}`;
    try {
      const where = await this.imageSource();
      const probe = await probeImage(where.source, bucket, key, this.abort.signal);
      if (probe.kind === 'missing') return { note: `${uri} is not in ${where.source.where}.` };
      if (probe.kind === 'unreadable') return { note: `${uri} could not be read: ${probe.message}` };
      if ((probe.format !== 'png' && probe.format !== 'jpg') || !probe.width || !probe.height) return { note: `${uri} is not a PNG or JPEG image.` };
      let file: string | undefined;
      if (where.dir) {
        // The webview is handed a file under the folder only (folder-paths: no '..', no link out).
        const found = await locationFile(where.dir, bucket, key);
        if (!('path' in found)) return { note: `${uri} ${'refused' in found ? `is ${found.refused}` : `is not in ${where.source.where}.`}` };
        file = found.path;
      } else {
        file = await cached(where.source, bucket, key, probe.etag, probe.size, vscode.Uri.joinPath(this.deps.context.globalStorageUri, 'images').fsPath, this.abort.signal);
        if (!file) return { note: `${uri} could not be copied into the image cache.` };
      }
      const info = { uri: this.panel.webview.asWebviewUri(vscode.Uri.file(file)).toString(), width: probe.width, height: probe.height };
      if (this.images.size >= KNOWN_IMAGES) this.images.delete(this.images.keys().next().value!);
      this.images.set(`${bucket}/${key}`, info);
      return info;
    } catch (error) {
      this.deps.ctx.log.warn(`Preview: ${uri} could not be read: ${error instanceof Error ? error.message : String(error)}`);
      return { note: `${uri} could not be read: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  private imageSource(): Promise<{ dir?: string; source: ImageSource }> {
    if (!this.source) {
      const dir = this.deps.imagesDir(this.document.uri);
      const made = dir ? Promise.resolve({ dir, source: createFolderSource(dir) }) : this.deps.ctx.connection.imageSettings().then((s) => ({ source: createS3Source(s) }));
      // A failure (not connected yet) is not kept: the next line asks again.
      made.catch(() => {
        if (this.source === made) this.source = undefined;
      });
      this.source = made;
    }
    return this.source;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.timer);
    this.abort.abort();
    void this.source?.then((s) => s.source.dispose(), () => undefined);
    vscode.Disposable.from(...this.subscriptions.splice(0)).dispose();
    this.panel.dispose();
    this.closed.fire();
    this.closed.dispose();
    this.shown.dispose();
  }
}

/** The folders a webview may read, as one comparable string. */
function rootsOf(options: vscode.WebviewOptions): string {
  return (options.localResourceRoots ?? []).map((u) => u.toString()).join('\n');
}
