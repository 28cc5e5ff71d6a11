/**
 * Health findings as diagnostics on a manifest's lines (src/health's lineNotes: CL_HEALTH_ codes,
 * warnings and information), in their own collection, "Custom Labels: Health". A note stays on
 * the line that holds the text it was found on: it follows the line when lines move and leaves
 * when that line is edited (placeByText), until the next check or "Clear Health Findings".
 */
import * as vscode from 'vscode';
import { placeByText } from '../manifest';
import type { LineNote } from '../health';
import { DIAGNOSTIC_SOURCE } from '../constants';
import { linkedCode } from '../language/diagnostics';

interface Placed {
  note: LineNote;
  text: string;
  /** 0-based; undefined once the line is gone or changed. */
  line: number | undefined;
}

export class HealthDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('Custom Labels: Health');
  private readonly found = new Map<string, { uri: vscode.Uri; placed: Placed[] }>();
  private readonly subscriptions: vscode.Disposable[] = [
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length > 0 && this.found.has(e.document.uri.toString())) this.publish(e.document.uri, e.document);
    }),
  ];

  /** The notes of the check just made on `uri`, whose lines were `lines` (replacing the last check's). */
  set(uri: vscode.Uri, lines: readonly string[], notes: readonly LineNote[]): void {
    this.found.set(uri.toString(), { uri, placed: notes.map((note) => ({ note, text: lines[note.line - 1] ?? '', line: note.line - 1 })) });
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    this.publish(uri, open);
  }

  clear(): void {
    this.found.clear();
    this.collection.clear();
  }

  dispose(): void {
    this.clear();
    this.collection.dispose();
    for (const s of this.subscriptions) s.dispose();
  }

  private publish(uri: vscode.Uri, document?: vscode.TextDocument): void {
    const file = this.found.get(uri.toString());
    if (!file) return;
    if (document) placeByText(file.placed, { lineCount: document.lineCount, lineText: (i) => document.lineAt(i).text });
    this.collection.set(
      uri,
      file.placed.flatMap((p) => {
        if (p.line === undefined) return [];
        const d = new vscode.Diagnostic(new vscode.Range(p.line, 0, p.line, p.text.length), p.note.message, p.note.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information);
        d.source = DIAGNOSTIC_SOURCE;
        d.code = linkedCode(p.note.code);
        return [d];
      }),
    );
  }
}
