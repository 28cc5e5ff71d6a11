/**
 * Keeps one incremental ManifestDocument per open manifest: every content change is applied
 * at once (only the changed lines are re-validated), and diagnostics are published after a
 * short pause in typing.
 */
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, ENTRIES_SCHEME, LANGUAGE_ID } from '../constants';
import { ManifestDocument } from '../manifest';
import type { Problem, ValidateOptions } from '../manifest';
import { groupByLine, toDiagnostic } from './diagnostics';

export interface TrackedManifest {
  readonly uri: vscode.Uri;
  readonly model: ManifestDocument;
  /** The problems last published as diagnostics, by line (what code actions look up). */
  published: Map<number, Problem[]>;
  timer?: ReturnType<typeof setTimeout>;
}

/** For a file's lines: the names of the datasets that recorded `code` on `line`. */
export type RecordedBy = (uri: vscode.Uri, lines: { lineCount: number; lineText(i: number): string }) => (line: number, code: string) => string[];

export class ManifestDocuments implements vscode.Disposable {
  readonly diagnostics = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly tracked = new Map<string, TrackedManifest>();
  private readonly updated = new vscode.EventEmitter<TrackedManifest>();
  /** Fires after a manifest's diagnostics were published. */
  readonly onDidUpdate = this.updated.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** The datasets that recorded a problem on a line (entry-diagnostics.ts): named in the problem's diagnostic. */
  private recordedBy: RecordedBy | undefined;

  constructor(
    private options: ValidateOptions,
    private debounceMs: number,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.open(d)),
      vscode.workspace.onDidCloseTextDocument((d) => this.close(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.change(e)),
    );
    for (const d of vscode.workspace.textDocuments) this.open(d);
  }

  get(uri: vscode.Uri): TrackedManifest | undefined {
    return this.tracked.get(uri.toString());
  }

  /** Who says which datasets recorded the same problem (set once, by RecordedEntryErrors). */
  setRecordedBy(recordedBy: RecordedBy): void {
    this.recordedBy = recordedBy;
  }

  /** Publishes an open manifest's diagnostics again now; false when the file is not tracked. */
  republish(uri: vscode.Uri): boolean {
    const tracked = this.tracked.get(uri.toString());
    if (!tracked) return false;
    clearTimeout(tracked.timer);
    this.publish(tracked);
    return true;
  }

  configure(options: ValidateOptions, debounceMs: number): void {
    this.options = options;
    this.debounceMs = debounceMs;
    for (const t of this.tracked.values()) {
      t.model.setOptions(options);
      this.publish(t);
    }
  }

  private open(document: vscode.TextDocument): void {
    if (document.languageId !== LANGUAGE_ID || this.tracked.has(document.uri.toString())) return;
    const started = Date.now();
    const tracked: TrackedManifest = {
      uri: document.uri,
      model: new ManifestDocument(document.getText(), this.options),
      published: new Map(),
    };
    this.tracked.set(document.uri.toString(), tracked);
    this.log.debug(`Validated ${document.uri.fsPath || document.uri.toString()} (${document.lineCount} lines) in ${Date.now() - started} ms`);
    this.publish(tracked);
  }

  private close(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const tracked = this.tracked.get(key);
    if (!tracked) return;
    clearTimeout(tracked.timer);
    this.tracked.delete(key);
    this.diagnostics.delete(document.uri);
  }

  private change(e: vscode.TextDocumentChangeEvent): void {
    const tracked = this.tracked.get(e.document.uri.toString());
    if (!tracked || e.contentChanges.length === 0) return;
    try {
      for (const c of e.contentChanges) {
        tracked.model.applyEdit(
          {
            startLine: c.range.start.line,
            startCharacter: c.range.start.character,
            endLine: c.range.end.line,
            endCharacter: c.range.end.character,
          },
          c.text,
        );
      }
    } catch (error) {
      // The validator never throws on content; an edit that cannot be applied means our copy
      // drifted. Start again from the document rather than show stale problems.
      this.log.warn(`Re-reading ${e.document.uri.toString()} after an edit could not be applied: ${String(error)}`);
      tracked.model.setText(e.document.getText());
    }
    if (tracked.model.lineCount !== e.document.lineCount) {
      this.log.warn(`Re-reading ${e.document.uri.toString()}: line counts drifted`);
      tracked.model.setText(e.document.getText());
    }
    clearTimeout(tracked.timer);
    tracked.timer = setTimeout(() => this.publish(tracked), this.debounceMs);
  }

  private publish(tracked: TrackedManifest): void {
    tracked.timer = undefined;
    if (this.tracked.get(tracked.uri.toString()) !== tracked) return;
    const all = tracked.model.problems();
    const problems = isFilteredView(tracked.uri) ? all.filter((p) => p.scope !== 'file') : all;
    tracked.published = groupByLine(problems);
    const recordedBy = this.recordedBy?.(tracked.uri, tracked.model);
    this.diagnostics.set(
      tracked.uri,
      problems.map((p) => {
        const d = toDiagnostic(tracked.uri, p);
        const by = recordedBy?.(p.line, p.code) ?? [];
        // The same problem the service recorded on the pushed entry: shown once, here, saying so.
        if (by.length) d.message += ` Also recorded by ${by.join(' and ')} on its entry.`;
        return d;
      }),
    );
    this.updated.fire(tracked);
  }

  dispose(): void {
    for (const t of this.tracked.values()) clearTimeout(t.timer);
    this.tracked.clear();
    vscode.Disposable.from(...this.subscriptions).dispose();
    this.updated.dispose();
    this.diagnostics.dispose();
  }
}

/**
 * A browse document that shows only the entries a filter picked (labels, with errors, ...): the
 * whole-file rules (share of invalid lines, duplicates across the file) would judge the sample,
 * not the dataset ("100% of the lines are invalid" when you asked for the entries with errors).
 */
export function isFilteredView(uri: vscode.Uri): boolean {
  if (uri.scheme !== ENTRIES_SCHEME) return false;
  return [...new URLSearchParams(uri.query).keys()].some((k) => k !== 'arn');
}
