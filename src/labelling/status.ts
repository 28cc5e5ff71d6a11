/**
 * The status bar item "Labelled N of M" while a manifest Label Images made is the active editor:
 * M its lines that are not blank, N those with a label attribute (unlabelled.ts), counted again a
 * moment after each edit (only the lines whose text is new are parsed).
 */
import * as vscode from 'vscode';
import { PREFIX } from '../constants';
import type { MadeManifests } from './made-manifests';
import { countLabelled, labelledText } from './unlabelled';

const RECOUNT_MS = 150;

export class LabelledStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(`${PREFIX}.labelledStatus`, vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The active manifest's lines already judged, by text (a recount parses only changed lines). */
  private known = new Map<string, boolean>();
  private knownFor: string | undefined;

  constructor(private readonly made: MadeManifests) {
    this.item.name = 'Custom Labels: Labelled Images';
    this.item.tooltip = 'Lines of this manifest with a label attribute, of its lines';
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === vscode.window.activeTextEditor?.document) this.schedule();
      }),
    );
    this.update();
  }

  /** Counts the active manifest now (after Label Images opened it). */
  update(): void {
    clearTimeout(this.timer);
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !this.made.get(document.uri)) {
      this.item.hide();
      return;
    }
    const lines = function* () {
      for (let i = 0; i < document.lineCount; i++) yield document.lineAt(i).text;
    };
    if (this.knownFor !== document.uri.toString() || this.known.size > 4 * document.lineCount + 1000) {
      this.known = new Map();
      this.knownFor = document.uri.toString();
    }
    this.item.text = labelledText(countLabelled(lines(), this.known));
    this.item.show();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.update(), RECOUNT_MS);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.item.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
