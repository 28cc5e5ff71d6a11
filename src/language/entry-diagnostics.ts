/**
 * The errors the service recorded on pushed entries, shown as diagnostics on the local lines
 * with the same source-ref (beside the validator's own diagnostics, in their own collection).
 *
 * A recorded error belongs to the line AS IT WAS PUSHED and to the dataset that recorded it:
 * - it shows only on a line whose text is still the pushed text (edit the line, fix it, and the
 *   error the dataset recorded on the old text goes; undo the edit and it is back, because the
 *   dataset still holds that entry);
 * - it goes for good when its dataset is deleted (or its project, or the connection changes to
 *   another account), and when the same line is pushed to the same dataset again;
 * - when the validator finds the same problem (same code, same line) the problem shows once:
 *   the local diagnostic, saying which dataset recorded it too (`recordedBy`).
 */
import * as vscode from 'vscode';
import { DATASET_DIAGNOSTICS } from '../constants';
import { mapIssuesToLines, placeByText, type MappedIssue } from '../manifest';
import type { EntryFilter } from '../rekognition';
import { linkedCode } from './diagnostics';
import type { ManifestDocuments } from './manifest-documents';

export interface EntryDiagnosticsDeps {
  /** The dataset's entries, page by page (ListDatasetEntries). */
  listEntries(datasetArn: string, filter: EntryFilter): AsyncIterable<string[]>;
  log: { warn(message: string): void };
}

/** The dataset a push went to, as the recorded errors name it. */
export interface RecordingDataset {
  datasetArn: string;
  projectArn: string;
  /** How a person reads it: "birds › Training dataset". */
  name: string;
  /** The connection it was read through (its label): another connection is another account. */
  connection: string;
}

/** A pushed line: where it is in the file, its source-ref, and its text as pushed. */
export interface PushedLine {
  fileLine: number;
  sourceRef?: string;
  text: string;
}

interface Recorded extends RecordingDataset {
  sourceRef: string;
  /** The line's text when it was pushed: the error shows only where the file still has it. */
  text: string;
  /** Where that text was last seen (0-based); undefined while the file does not have it. */
  line: number | undefined;
  issue: MappedIssue;
  /** Recorded by a failed training (its version's ARN), not a push: see `recordTraining`. */
  version?: string;
  /** The diagnostic's ending (default: recorded on its entry when this line was pushed). */
  said?: string;
}

/** An error a failed training reported on a local line (its validation manifests, by source-ref). */
export interface TrainingLineError {
  fileLine: number;
  /** The line's text when it was placed: the error shows only where the file still has it. */
  text: string;
  sourceRef: string;
  issue: MappedIssue;
  /** The dataset whose validation manifest holds it (its ARN, its name). */
  dataset: RecordingDataset;
}

type Lines = { lineCount: number; lineText(i: number): string };

export class RecordedEntryErrors implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection(DATASET_DIAGNOSTICS);
  private readonly files = new Map<string, { uri: vscode.Uri; records: Recorded[] }>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly documents: ManifestDocuments) {
    documents.setRecordedBy((uri, lines) => this.recordedBy(uri, lines));
    this.subscriptions.push(
      documents.onDidUpdate((t) => this.show(t.uri)),
      // Closed: the validator's diagnostics go, so the recorded errors they stood for show again.
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (this.files.has(d.uri.toString())) this.show(d.uri);
      }),
    );
  }

  /**
   * Lists the dataset's entries with errors and records them on the pushed local lines with the
   * same source-ref, replacing what that dataset recorded before on those lines (a selection
   * push leaves the other lines as they were). Never throws: a failed read-back is logged and
   * maps nothing.
   */
  async readBack(deps: EntryDiagnosticsDeps, dataset: RecordingDataset, uri: vscode.Uri, pushed: readonly PushedLine[]): Promise<MappedIssue[]> {
    let entries: string[];
    try {
      entries = [];
      for await (const page of deps.listEntries(dataset.datasetArn, { hasErrors: true })) entries.push(...page);
    } catch (error) {
      deps.log.warn(`Could not read back the entries with errors of ${dataset.name}: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
    const issues = mapIssuesToLines(entries, pushed);
    const refs = new Set(pushed.flatMap((l) => (l.sourceRef === undefined ? [] : [l.sourceRef])));
    const textOf = new Map(pushed.map((l) => [l.fileLine, l.text]));
    const file = this.file(uri);
    file.records = file.records.filter((r) => !(r.version === undefined && r.datasetArn === dataset.datasetArn && refs.has(r.sourceRef)));
    for (const issue of issues) {
      file.records.push({ ...dataset, sourceRef: issue.sourceRef, text: textOf.get(issue.fileLine) ?? '', line: issue.fileLine, issue });
    }
    this.changed([uri.toString()]);
    return issues;
  }

  /**
   * Records the errors a failed training reported (model version `versionArn`) on a local
   * manifest's lines, replacing what that version recorded on it before; `said` ends each
   * diagnostic (e.g. "found by the training of birds v1 in its training dataset").
   */
  recordTraining(versionArn: string, uri: vscode.Uri, errors: readonly TrainingLineError[], said: (e: TrainingLineError) => string): void {
    const file = this.file(uri);
    file.records = file.records.filter((r) => r.version !== versionArn);
    for (const e of errors) file.records.push({ ...e.dataset, sourceRef: e.sourceRef, text: e.text, line: e.fileLine, issue: e.issue, version: versionArn, said: said(e) });
    this.changed([uri.toString()]);
  }

  /** Forgets what a model version's training recorded (the version deleted). */
  forgetVersion(versionArn: string): void {
    this.forget((r) => r.version === versionArn);
  }

  /** Forgets what a deleted dataset recorded. */
  forgetDataset(datasetArn: string): void {
    this.forget((r) => r.datasetArn === datasetArn);
  }

  /** Forgets what the datasets of a deleted project recorded. */
  forgetProject(projectArn: string): void {
    this.forget((r) => r.projectArn === projectArn);
  }

  /** Forgets what datasets of other connections recorded (another account, region or sandbox). */
  keepConnection(label: string): void {
    this.forget((r) => r.connection !== label);
  }

  /** Forgets what datasets no longer listed by this connection recorded (deleted elsewhere). */
  keepDatasets(connection: string, listed: ReadonlySet<string>): void {
    this.forget((r) => r.connection === connection && !listed.has(r.datasetArn));
  }

  /** Datasets whose errors are recorded somewhere (the arns). */
  get datasets(): ReadonlySet<string> {
    return new Set([...this.files.values()].flatMap((f) => f.records.map((r) => r.datasetArn)));
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions).dispose();
    this.collection.dispose();
  }

  private file(uri: vscode.Uri): { uri: vscode.Uri; records: Recorded[] } {
    const key = uri.toString();
    let file = this.files.get(key);
    if (!file) {
      file = { uri, records: [] };
      this.files.set(key, file);
    }
    return file;
  }

  private forget(drop: (r: Recorded) => boolean): void {
    const touched: string[] = [];
    for (const [key, file] of this.files) {
      const kept = file.records.filter((r) => !drop(r));
      if (kept.length === file.records.length) continue;
      file.records = kept;
      touched.push(key);
    }
    this.changed(touched);
  }

  /** The validator's diagnostics of an open manifest say "recorded by" again; the collection follows. */
  private changed(keys: readonly string[]): void {
    for (const key of keys) {
      const file = this.files.get(key);
      if (!file) continue;
      if (!this.documents.republish(file.uri)) this.show(file.uri);
    }
  }

  /**
   * For the validator's diagnostics (ManifestDocuments.publish): the datasets that recorded
   * `code` on `line`, placing every record on the line that still has its pushed text.
   */
  private recordedBy(uri: vscode.Uri, lines: Lines): (line: number, code: string) => string[] {
    const file = this.files.get(uri.toString());
    if (!file || file.records.length === 0) return () => [];
    placeByText(file.records, lines);
    const names = new Map<string, string[]>();
    for (const r of file.records) {
      if (r.line === undefined) continue;
      const key = `${r.line}\u0000${r.issue.code}`;
      const list = names.get(key) ?? [];
      if (!list.includes(r.name)) list.push(r.name);
      names.set(key, list);
    }
    return (line, code) => names.get(`${line}\u0000${code}`) ?? [];
  }

  /** Sets the collection for a file: its placed records, less those the validator shows itself. */
  private show(uri: vscode.Uri): void {
    const key = uri.toString();
    const file = this.files.get(key);
    if (!file || file.records.length === 0) {
      this.files.delete(key);
      this.collection.delete(uri);
      return;
    }
    const tracked = this.documents.get(uri);
    if (tracked) placeByText(file.records, tracked.model);
    const local = (line: number, code: string) => tracked?.published.get(line)?.some((p) => p.code === code) ?? false;
    const diagnostics: vscode.Diagnostic[] = [];
    for (const r of file.records) {
      if (r.line === undefined || local(r.line, r.issue.code)) continue;
      const d = new vscode.Diagnostic(
        new vscode.Range(r.line, 0, r.line, r.text.length),
        `${r.issue.message}${r.issue.path ? ` (at ${r.issue.path})` : ''} — ${r.said ?? `recorded by ${r.name} on its entry when this line was pushed`}.`,
        r.issue.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
      );
      d.source = DATASET_DIAGNOSTICS;
      d.code = r.issue.code ? linkedCode(r.issue.code) : undefined;
      diagnostics.push(d);
    }
    this.collection.set(uri, diagnostics);
  }
}
