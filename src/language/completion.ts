/** Completion of keys, type values, labels used in the file and class ids from the class-map. */
import * as vscode from 'vscode';
import { Limits } from '../manifest';
import { completionsAt, type CompletionKind } from '../manifest';
import type { ManifestDocuments } from './manifest-documents';

const KIND: Record<CompletionKind, vscode.CompletionItemKind> = {
  property: vscode.CompletionItemKind.Property,
  value: vscode.CompletionItemKind.Value,
  label: vscode.CompletionItemKind.EnumMember,
  classId: vscode.CompletionItemKind.Constant,
  snippet: vscode.CompletionItemKind.Snippet,
};

export const COMPLETION_TRIGGERS = ['"', ':', ',', '{'];

export class ManifestCompletion implements vscode.CompletionItemProvider {
  constructor(private readonly documents: ManifestDocuments) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    const text = document.lineAt(position.line).text;
    if (text.length > Limits.maxLineChars) return [];
    const labels = this.documents.get(document.uri)?.model.labels() ?? [];
    return completionsAt(text, position.character, { labels }).map((spec) => {
      const item = new vscode.CompletionItem(spec.label, KIND[spec.kind]);
      item.insertText = spec.isSnippet ? new vscode.SnippetString(spec.insertText) : spec.insertText;
      item.range = new vscode.Range(position.line, spec.start, position.line, spec.end);
      item.detail = spec.detail;
      if (spec.documentation) item.documentation = new vscode.MarkdownString(spec.documentation);
      if (spec.sortText) item.sortText = spec.sortText;
      if (spec.filterText) item.filterText = spec.filterText;
      return item;
    });
  }
}
