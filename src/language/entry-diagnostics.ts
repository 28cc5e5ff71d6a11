/**
 * The errors the service recorded on pushed entries, shown as diagnostics on the local lines
 * with the same source-ref (beside the validator's own diagnostics, in their own collection).
 */
import * as vscode from 'vscode';
import { DATASET_DIAGNOSTICS } from '../constants';
import { mapIssuesToLines, type MappedIssue } from '../manifest';
import type { EntryFilter } from '../rekognition';
import { linkedCode } from './diagnostics';

export interface EntryDiagnosticsDeps {
  /** The dataset's entries, page by page (ListDatasetEntries). */
  listEntries(datasetArn: string, filter: EntryFilter): AsyncIterable<string[]>;
  collection: vscode.DiagnosticCollection;
  log: { warn(message: string): void };
}

/**
 * Lists the dataset's entries with errors and shows them on the pushed local lines with the
 * same source-ref. Diagnostics of lines outside this push (a selection push) are kept; those
 * inside it are replaced. Never throws: a failed read-back is logged and maps nothing.
 */
export async function showEntryErrors(
  deps: EntryDiagnosticsDeps,
  datasetArn: string,
  uri: vscode.Uri,
  pushed: readonly { fileLine: number; sourceRef?: string }[],
  textOf: (fileLine: number) => string,
): Promise<MappedIssue[]> {
  try {
    const entries: string[] = [];
    for await (const page of deps.listEntries(datasetArn, { hasErrors: true })) entries.push(...page);
    const issues = mapIssuesToLines(entries, pushed);
    const pushedLines = new Set(pushed.map((l) => l.fileLine));
    const kept = (deps.collection.get(uri) ?? []).filter((d) => !pushedLines.has(d.range.start.line));
    const fresh = issues.map((issue) => {
      const d = new vscode.Diagnostic(
        new vscode.Range(issue.fileLine, 0, issue.fileLine, textOf(issue.fileLine).length),
        `${issue.message}${issue.path ? ` (at ${issue.path})` : ''} — recorded by the service on the dataset entry.`,
        issue.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
      );
      d.source = DATASET_DIAGNOSTICS;
      d.code = issue.code ? linkedCode(issue.code) : undefined;
      return d;
    });
    deps.collection.set(uri, [...kept, ...fresh]);
    return issues;
  } catch (error) {
    deps.log.warn(`Could not read back the entries with errors of ${datasetArn}: ${error instanceof Error ? error.message : String(error)}`);
    return [];
  }
}
