/**
 * "Check Training Readiness…": predicts the training-time failures of a local training manifest
 * (and, optionally, its test manifest) with src/training, and opens the findings as a read-only
 * report (plain text: manifest content is never rendered as markup).
 */
import * as vscode from 'vscode';
import { uriLines } from '../ui/uri-lines';
import { Commands, LANGUAGE_ID } from '../constants';
import { openReport } from '../ui/report-document';
import { checkTraining, textReport, type TrainingReport } from '../training';
import { reportError, type CommandContext } from '../ui/command-edge';

export interface CheckTrainingOutcome {
  report: TrainingReport;
  document: vscode.TextDocument;
}

export function registerCheckTrainingCommand(context: vscode.ExtensionContext, ctx: CommandContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.checkTraining, (train?: vscode.Uri, test?: vscode.Uri | null) => checkTrainingCommand(ctx, train, test)),
  );
}

const FILTERS = { Manifests: ['manifest', 'jsonl', 'json'], 'All files': ['*'] };

async function checkTrainingCommand(ctx: CommandContext, trainArg?: vscode.Uri, testArg?: vscode.Uri | null): Promise<CheckTrainingOutcome | undefined> {
  const train = trainArg ?? (await pickTraining());
  if (!train) return undefined;
  let test: vscode.Uri | undefined;
  if (testArg === undefined && trainArg === undefined) {
    const pick = await vscode.window.showQuickPick(
      [
        { label: 'Pick the test manifest…', test: true },
        { label: 'No test manifest', detail: 'Training will split 20% of the training images off as the test set.', test: false },
      ],
      { title: 'Check training readiness: a test manifest?' },
    );
    if (!pick) return undefined;
    if (pick.test) {
      test = (await vscode.window.showOpenDialog({ title: 'The test manifest', openLabel: 'Check', canSelectMany: false, filters: FILTERS }))?.[0];
      if (!test) return undefined;
    }
  } else {
    test = testArg ?? undefined;
  }
  try {
    const report = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Checking training readiness', cancellable: false },
      () => checkTraining(linesOf(train), test ? linesOf(test) : undefined),
    );
    const name = (u: vscode.Uri) => vscode.workspace.asRelativePath(u, false);
    const content = `Training readiness of ${name(train)}${test ? ` with ${name(test)}` : ''}\n\n${textReport(report, name(train), test ? name(test) : undefined)}`;
    const document = await openReport(`Training readiness of ${name(train)}`, content);
    const errors = report.findings.filter((f) => f.severity === 'error').length;
    const warnings = report.findings.length - errors;
    const verdict = errors === 0
      ? `No training errors predicted${warnings ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : ''}.`
      : `${errors} training error${errors === 1 ? '' : 's'} predicted: ${[...new Set(report.findings.filter((f) => f.severity === 'error').map((f) => f.code))].join(', ')}. The report says what to do.`;
    ctx.log.info(`Check training readiness of ${train.toString()}: ${verdict}`);
    if (errors > 0) void vscode.window.showWarningMessage(verdict);
    else void vscode.window.showInformationMessage(verdict);
    return { report, document };
  } catch (error) {
    reportError(ctx, 'Checking training readiness', error);
    return undefined;
  }
}

/** The training manifest: the active manifest editor's (asked first, as Label Statistics does), or a file. */
async function pickTraining(): Promise<vscode.Uri | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId === LANGUAGE_ID) {
    const pick = await vscode.window.showQuickPick(
      [
        { label: 'The active manifest', detail: vscode.workspace.asRelativePath(editor.document.uri, false), uri: editor.document.uri as vscode.Uri | undefined },
        { label: 'Pick the training manifest…', uri: undefined },
      ],
      { title: 'Check training readiness: the training manifest' },
    );
    if (!pick) return undefined;
    if (pick.uri) return pick.uri;
  }
  return (await vscode.window.showOpenDialog({ title: 'The training manifest', openLabel: 'Check', canSelectMany: false, filters: FILTERS }))?.[0];
}

/** An open document as the editor has it (unsaved edits included); any other file from disk. */
function linesOf(uri: vscode.Uri): AsyncIterable<string> | Iterable<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (!open) return uriLines(uri);
  return Array.from({ length: open.lineCount }, (_, i) => open.lineAt(i).text);
}
