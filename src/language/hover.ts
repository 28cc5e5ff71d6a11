/** Hover over labels, boxes, types and service error codes in a manifest. */
import * as vscode from 'vscode';
import { Limits } from '../manifest';
import { hoverAt } from '../manifest';
import type { ManifestDocuments } from './manifest-documents';

export class ManifestHover implements vscode.HoverProvider {
  constructor(private readonly documents: ManifestDocuments) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    this.documents.noteHover(document.uri, position);
    const text = document.lineAt(position.line).text;
    if (text.length > Limits.maxLineChars) return undefined;
    const tracked = this.documents.get(document.uri);
    const result = hoverAt(text, position.character, { labelCounts: tracked?.model.stats.labels });
    if (!result) return undefined;
    return new vscode.Hover(
      new vscode.MarkdownString(result.markdown),
      new vscode.Range(position.line, result.start, position.line, result.end),
    );
  }
}
