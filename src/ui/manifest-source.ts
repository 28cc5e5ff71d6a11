/** Where the lines of a push come from: given lines, a file, the active editor (or its selection), or a picked file. */
import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../constants';
import { decodeLines, splitLines as splitManifestLines, withoutCr } from '../manifest';

export interface ManifestSource {
  /** The file the lines belong to (diagnostics go there); undefined for given lines. */
  uri?: vscode.Uri;
  lines: string[];
  /** File line (0-based) of lines[0]. */
  firstLine: number;
  /** "birds.manifest" or "birds.manifest, lines 3-9". */
  label: string;
  /** Taken from the active editor (or its selection) because nothing else named the lines. */
  fromEditor?: boolean;
}

export interface SourceOptions {
  /** Lines to push as they are (tests, scripts). */
  lines?: string[];
  firstLine?: number;
  /** A manifest file (URI or absolute path). */
  uri?: vscode.Uri | string;
  /** Push only the selected lines of the active editor (default: when something is selected). */
  selection?: boolean;
}

/** The manifest's lines as every reader splits them (manifest/lines.ts), without the '\r' of CRLF. */
export function splitLines(text: string): string[] {
  return splitManifestLines(text).map(withoutCr);
}

function toUri(value: vscode.Uri | string): vscode.Uri {
  if (typeof value !== 'string') return value;
  return /^[a-z][a-z0-9+.-]+:/i.test(value) && !/^[a-z]:[\\/]/i.test(value) ? vscode.Uri.parse(value) : vscode.Uri.file(value);
}

export async function readSource(uri: vscode.Uri): Promise<ManifestSource> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  const lines = open ? splitLines(open.getText()) : decodeLines(await vscode.workspace.fs.readFile(uri)).lines.map(withoutCr);
  return { uri, lines, firstLine: 0, label: baseName(uri) };
}

export function isManifestDocument(document: vscode.TextDocument): boolean {
  return document.languageId === LANGUAGE_ID || /\.(manifest|jsonl)$/i.test(document.fileName);
}

/** Resolves the lines to push, prompting for a file only when nothing else names them. */
export async function resolveSource(arg: unknown, options: SourceOptions): Promise<ManifestSource | undefined> {
  if (options.lines) {
    const uri = options.uri ? toUri(options.uri) : undefined;
    return { uri, lines: options.lines, firstLine: options.firstLine ?? 0, label: uri ? baseName(uri) : 'the given lines' };
  }
  if (arg instanceof vscode.Uri) return readSource(arg);
  if (options.uri) return readSource(toUri(options.uri));
  const editor = vscode.window.activeTextEditor;
  if (editor && isManifestDocument(editor.document)) {
    const document = editor.document;
    const selection = editor.selection;
    const useSelection = options.selection ?? !selection.isEmpty;
    if (useSelection && !selection.isEmpty) {
      const start = selection.start.line;
      const end = selection.end.character === 0 && selection.end.line > start ? selection.end.line - 1 : selection.end.line;
      const lines: string[] = [];
      for (let l = start; l <= end; l++) lines.push(document.lineAt(l).text);
      return {
        uri: document.uri,
        lines,
        firstLine: start,
        label: `${baseName(document.uri)}, ${start === end ? `line ${start + 1}` : `lines ${start + 1}-${end + 1}`}`,
        fromEditor: true,
      };
    }
    return { uri: document.uri, lines: splitLines(document.getText()), firstLine: 0, label: baseName(document.uri), fromEditor: true };
  }
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: 'Push',
    title: 'Manifest to push',
    filters: { 'Manifests (JSON Lines)': ['manifest', 'jsonl', 'json'], 'All files': ['*'] },
  });
  return picked?.[0] ? readSource(picked[0]) : undefined;
}

export function baseName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || uri.toString();
}
