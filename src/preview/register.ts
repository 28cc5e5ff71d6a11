/**
 * "Open Preview to the Side" (the manifest editor's title bar, the palette): one preview panel,
 * shown beside the editor and following the active manifest (panel.ts). Images from the folder
 * given as an argument, or the `customLabels.images.folder` setting, or S3 with the connection.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { Commands, LANGUAGE_ID, Settings } from '../constants';
import type { DatasetsContext } from '../ui/context';
import { registerCommand } from '../ui/command-edge';
import type { ManifestDocuments } from '../language/manifest-documents';
import { ManifestPreview } from './panel';
import { chooseManifest } from '../ui/manifest-choice';

export interface OpenPreviewArgs {
  /** The manifest (default: the active editor's). */
  uri?: vscode.Uri;
  /** Read s3://bucket/key from <imagesDir>/bucket/key (instead of the setting or S3). */
  imagesDir?: string;
}

/** The images folder setting, absolute (a relative one is taken from the first workspace folder); undefined when empty. */
export function imagesFolderSetting(): string | undefined {
  const value = vscode.workspace.getConfiguration(Settings.section).get<string>(Settings.imagesFolder, '')?.trim();
  if (!value) return undefined;
  if (path.isAbsolute(value)) return value;
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  return root?.scheme === 'file' ? path.join(root.fsPath, value) : undefined;
}

/** The open preview, if any (Detect Labels with This Model draws on it). */
let current: ManifestPreview | undefined;
export function openPreview(): ManifestPreview | undefined {
  return current;
}

export function registerPreview(context: vscode.ExtensionContext, ctx: DatasetsContext, manifests: ManifestDocuments): vscode.Disposable[] {
  /** A folder given with a manifest (Label Images: the images beside it) holds that manifest's images only. */
  let given: { uri: string; dir: string } | undefined;
  const imagesDir = (uri: vscode.Uri): string | undefined => (given && given.uri === uri.toString() ? given.dir : imagesFolderSetting());
  /** Opens (or moves) the one preview for a manifest: the URI given, the active editor's, or the one the person chooses. */
  async function open(arg?: OpenPreviewArgs | vscode.Uri): Promise<ManifestPreview | undefined> {
    const args: OpenPreviewArgs = arg instanceof vscode.Uri ? { uri: arg } : (arg ?? {});
    const active = vscode.window.activeTextEditor?.document;
    const uri = args.uri ?? (active?.languageId === LANGUAGE_ID ? active.uri : await chooseManifest('Open Preview', 'The preview shows a line of a Custom Labels manifest: open one (a .manifest file) and run it again.'));
    if (!uri) return undefined;
    const document = await vscode.workspace.openTextDocument(uri);
    const position = vscode.window.visibleTextEditors.find((e) => e.document === document)?.selection.active;
    const before = imagesDir(document.uri);
    if (args.imagesDir !== undefined) given = { uri: document.uri.toString(), dir: args.imagesDir };
    if (current) {
      if (imagesDir(document.uri) !== before) current.resetSource();
      current.follow(document, position);
      current.panel.reveal(undefined, true);
      return current;
    }
    const preview = new ManifestPreview({ context, ctx, manifests, imagesDir }, document, position);
    current = preview;
    preview.onDidClose(() => {
      if (current === preview) current = undefined;
    });
    return preview;
  }
  return [
    registerCommand(ctx, Commands.openPreviewToSide, 'Opening the preview', (arg?: OpenPreviewArgs | vscode.Uri) => open(arg)),
    // For a manifest's URI (or the active one): the preview beside it, in edit mode. Returns the preview.
    registerCommand(ctx, Commands.openPreviewInEditMode, 'Opening the preview in edit mode', async (arg?: OpenPreviewArgs | vscode.Uri) => {
      const preview = await open(arg);
      preview?.setEditMode(true);
      return preview;
    }),
    registerCommand(ctx, Commands.togglePreviewEditMode, 'Toggling edit mode', async () => {
      if (current) {
        current.setEditMode(!current.editMode);
        return current;
      }
      const preview = await open(undefined);
      preview?.setEditMode(true);
      return preview;
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${Settings.section}.${Settings.imagesFolder}`)) current?.resetSource();
    }),
    { dispose: () => current?.dispose() },
  ];
}
