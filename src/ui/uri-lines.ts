/**
 * The lines of a manifest at a URI, streamed: a local file streamed (any size),
 * a virtual file system's file read whole; both split by the one line splitter of src/manifest.
 */
import * as vscode from 'vscode';
import { decodeLines, fileLines } from '../manifest';

export async function* uriLines(uri: vscode.Uri): AsyncGenerator<string> {
  if (uri.scheme === 'file') {
    yield* fileLines(uri.fsPath);
    return;
  }
  yield* decodeLines(await vscode.workspace.fs.readFile(uri)).lines;
}
