/**
 * "Show Label Statistics": per label, images and boxes in training and test, for the active
 * manifest, a local train/test pair, or a project's two datasets (streamed entries), in a
 * webview (page-html.ts and page/main.ts; messages.ts, checked on arrival: strict CSP, theme
 * colours, a table a screen reader reads). Clicking a label browses
 * the project's training entries with that label, or shows its first line in a local manifest.
 */
import * as vscode from 'vscode';
import { uriLines } from '../ui/uri-lines';
import { Commands, LANGUAGE_ID } from '../constants';
import type { CustomLabelsService } from '../rekognition';
import { labelStats, profileDataset, type LabelStats } from '../training';
import { requireService, type DatasetsContext } from '../ui/context';
import { labelStatsHtml } from './page-html';
import { readPageToStats } from './messages';
import { newNonce } from '../webview/head';
import { receiver } from '../webview/messages';
import { PAGE_SCRIPTS, PAGE_SCRIPTS_DIR, pageOptions } from '../webview/panel-options';
import { resolveTrainingProject, targetOf } from '../ui/pickers';
import { registerCommand, withProgress } from '../ui/command-edge';

export interface LabelStatsOutcome {
  panel: vscode.WebviewPanel;
  stats: LabelStats;
  html: string;
  /** Resolves when the page's script has run (the table is drawn). */
  ready: Promise<void>;
}

/** `{ train, test? }` local manifests; a `vscode.Uri` (explorer menu); a project tree node or `{ projectName }`. */
export interface LabelStatsArgs {
  train?: vscode.Uri;
  test?: vscode.Uri;
  projectName?: string;
  projectArn?: string;
}

type Source =
  | { kind: 'local'; title: string; train: () => AsyncIterable<string>; test?: () => AsyncIterable<string>; trainUri?: vscode.Uri; testUri?: vscode.Uri }
  | { kind: 'project'; title: string; service: CustomLabelsService; trainArn: string; testArn?: string };

export function registerLabelStatsCommand(context: vscode.ExtensionContext, ctx: DatasetsContext): vscode.Disposable[] {
  return [
    registerCommand(ctx, Commands.showLabelStatistics, 'Showing label statistics', async (arg?: unknown): Promise<LabelStatsOutcome | undefined> => {
      const source = await resolveSource(ctx, arg);
      if (!source) return undefined;
      const stats = await withProgress(`Counting labels: ${source.title}`, true, async (_progress, cancellation) => {
        if (source.kind === 'local') {
          const train = await profileDataset(source.train());
          return labelStats(train, source.test ? await profileDataset(source.test()) : undefined);
        }
        const lines = async function* (arn: string) {
          for await (const page of source.service.listEntries(arn, {}, cancellation)) yield* page;
        };
        const train = await profileDataset(lines(source.trainArn));
        return labelStats(train, source.testArn ? await profileDataset(lines(source.testArn)) : undefined);
      });
      // The page shows no images: its script's folder is all it may load.
      const panel = vscode.window.createWebviewPanel(
        'customLabels.labelStatistics',
        `Labels: ${source.title}`,
        vscode.ViewColumn.Active,
        pageOptions(vscode.Uri.joinPath(context.extensionUri, PAGE_SCRIPTS_DIR)),
      );
      const script = panel.webview.asWebviewUri(vscode.Uri.joinPath(context.extensionUri, PAGE_SCRIPTS.labelStats)).toString();
      const html = labelStatsHtml({ title: source.title, stats, browsable: true, nonce: newNonce(), script });
      let drawn: () => void = () => undefined;
      const ready = new Promise<void>((resolve) => (drawn = resolve));
      const read = receiver('Label statistics', readPageToStats, (text) => ctx.log.warn(text));
      panel.webview.onDidReceiveMessage((data: unknown) => {
        const m = read(data);
        if (m?.type === 'ready') drawn();
        if (m?.type !== 'browse') return;
        const row = stats.rows.find((r) => r.label === m.label);
        void browse(source, m.label, row !== undefined && row.trainImages === 0 && row.testImages > 0 ? 'test' : 'train');
      });
      panel.webview.html = html;
      return { panel, stats, html, ready };
    }),
  ];
}

/** Browses the label's entries in the training dataset, or in the test dataset when only it has the label. */
async function browse(source: Source, label: string, dataset: 'train' | 'test'): Promise<void> {
  if (source.kind === 'project') {
    const datasetArn = dataset === 'test' && source.testArn ? source.testArn : source.trainArn;
    await vscode.commands.executeCommand(Commands.browseEntries, { datasetArn, filter: { containsLabels: [label] } });
    return;
  }
  const uri = dataset === 'test' && source.testUri ? source.testUri : source.trainUri;
  if (!uri) return;
  const document = await vscode.workspace.openTextDocument(uri);
  const needle = JSON.stringify(label);
  for (let i = 0; i < document.lineCount; i++) {
    const at = document.lineAt(i).text.indexOf(needle);
    if (at < 0) continue;
    const range = new vscode.Range(i, at, i, at + needle.length);
    await vscode.window.showTextDocument(document, { selection: range });
    return;
  }
  void vscode.window.showInformationMessage(`"${label}" was not found as written in ${vscode.workspace.asRelativePath(uri)}.`);
}

async function resolveSource(ctx: DatasetsContext, arg: unknown): Promise<Source | undefined> {
  if (arg instanceof vscode.Uri) return localSource(arg);
  const a = (arg ?? {}) as LabelStatsArgs;
  if (a.train instanceof vscode.Uri) return localSource(a.train, a.test);
  const target = targetOf(arg);
  if (target.projectArn || target.projectName) return projectSource(ctx, arg);
  const editor = vscode.window.activeTextEditor;
  const picks: { label: string; detail?: string; source: 'editor' | 'files' | 'project' }[] = [];
  if (editor?.document.languageId === LANGUAGE_ID) picks.push({ label: 'The active manifest', detail: vscode.workspace.asRelativePath(editor.document.uri), source: 'editor' });
  picks.push({ label: 'Local manifests…', detail: 'A training manifest and, optionally, its test manifest', source: 'files' });
  picks.push({ label: "A project's datasets…", detail: ctx.connection.label, source: 'project' });
  const pick = await vscode.window.showQuickPick(picks, { title: 'Label statistics of…' });
  if (!pick) return undefined;
  if (pick.source === 'project') return projectSource(ctx, undefined);
  if (pick.source === 'editor' && editor) {
    const document = editor.document;
    return { kind: 'local', title: vscode.workspace.asRelativePath(document.uri), train: () => documentLines(document), trainUri: document.uri };
  }
  const filters = { Manifests: ['manifest', 'jsonl', 'json'], 'All files': ['*'] };
  const train = (await vscode.window.showOpenDialog({ title: 'The training manifest', canSelectMany: false, filters }))?.[0];
  if (!train) return undefined;
  const test = (await vscode.window.showOpenDialog({ title: 'The test manifest (cancel: none)', canSelectMany: false, filters }))?.[0];
  return localSource(train, test);
}

function localSource(train: vscode.Uri, test?: vscode.Uri): Source {
  const name = (u: vscode.Uri) => vscode.workspace.asRelativePath(u, false);
  return { kind: 'local', title: test ? `${name(train)} + ${name(test)}` : name(train), train: () => uriLines(train), test: test ? () => uriLines(test) : undefined, trainUri: train, testUri: test };
}

async function projectSource(ctx: DatasetsContext, arg: unknown): Promise<Source | undefined> {
  const service = await requireService(ctx);
  const project = await resolveTrainingProject(ctx, arg, 'Project whose labels to count');
  if (!project) return undefined;
  return { kind: 'project', title: project.name, service, trainArn: project.trainArn, testArn: project.testArn };
}

async function* documentLines(document: vscode.TextDocument): AsyncGenerator<string> {
  for (let i = 0; i < document.lineCount; i++) yield document.lineAt(i).text;
}
