/**
 * The person's manifests that hold some of the source-refs a failed training reported errors on:
 * the open manifests first (their text as the editor has it, unsaved edits included), then the
 * workspace's `*.manifest` files (streamed from disk, at most MAX_FILES). Only lines that name a
 * wanted source-ref are parsed (models' `findLocalLines`).
 */
import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../constants';
import { LocalLineFinder, type LocalLine } from '../models';
import { uriLines } from '../ui/uri-lines';

const MAX_FILES = 200;
/** Lines of an open document looked at between two turns of the event loop. */
const STEP = 20_000;

export interface LocalManifest {
  uri: vscode.Uri;
  found: Map<string, LocalLine>;
}

/** Each manifest holding at least one of `wanted`, with where. */
export async function manifestsHolding(wanted: ReadonlySet<string>): Promise<LocalManifest[]> {
  const out: LocalManifest[] = [];
  const seen = new Set<string>();
  for (const d of vscode.workspace.textDocuments) {
    if (d.isClosed || d.languageId !== LANGUAGE_ID) continue;
    seen.add(d.uri.toString());
    // In steps, so a large document never holds the extension host for long.
    const finder = new LocalLineFinder(wanted);
    for (let i = 0; i < d.lineCount; i++) {
      finder.next(d.lineAt(i).text);
      if (i % STEP === STEP - 1) await new Promise((resolve) => setImmediate(resolve));
    }
    if (finder.found.size > 0) out.push({ uri: d.uri, found: finder.found });
  }
  const files = await vscode.workspace.findFiles('**/*.manifest', '**/node_modules/**', MAX_FILES).then(
    (f) => f.sort((a, b) => a.path.localeCompare(b.path)),
    () => [] as vscode.Uri[],
  );
  for (const uri of files) {
    if (seen.has(uri.toString())) continue;
    const finder = new LocalLineFinder(wanted);
    try {
      for await (const line of uriLines(uri)) finder.next(line);
    } catch {
      continue;
    }
    if (finder.found.size > 0) out.push({ uri, found: finder.found });
  }
  return out;
}
