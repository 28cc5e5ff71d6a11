/**
 * Browse a dataset's entries as a read-only JSON Lines document (scheme ENTRIES_SCHEME),
 * read page by page from ListDatasetEntries with the chosen filters, in the manifest language
 * so the same diagnostics apply.
 */
import * as vscode from 'vscode';
import { Commands, ENTRIES_SCHEME, LANGUAGE_ID } from '../constants';
import { CustomLabelsError, type EntryFilter } from '../rekognition/types';
import { requireService, type DatasetsContext } from './context';
import { datasetName, resolveDataset, targetOf, type TargetOptions } from './pickers';
import { registerCommand, withProgress } from './ui';

export interface BrowseOptions extends TargetOptions {
  /** Filters to apply without asking; an empty object: no filter. */
  filter?: EntryFilter;
}

/** The document's URI carries the dataset and the filter, so each view is its own document. */
export function entriesUri(datasetArn: string, label: string, filter: EntryFilter): vscode.Uri {
  const query = new URLSearchParams({ arn: datasetArn });
  if (filter.containsLabels?.length) query.set('labels', JSON.stringify(filter.containsLabels));
  if (filter.labeled !== undefined) query.set('labeled', String(filter.labeled));
  if (filter.hasErrors !== undefined) query.set('hasErrors', String(filter.hasErrors));
  if (filter.sourceRefContains) query.set('sourceRef', filter.sourceRefContains);
  const path = `/${label.replace(/[^\w.-]+/g, '-')}.manifest`;
  return vscode.Uri.from({ scheme: ENTRIES_SCHEME, path, query: query.toString() });
}

export function parseEntriesUri(uri: vscode.Uri): { datasetArn: string; filter: EntryFilter } {
  const query = new URLSearchParams(uri.query);
  const datasetArn = query.get('arn');
  if (!datasetArn) throw new CustomLabelsError(`${uri.toString()} names no dataset.`, 'INVALID_PARAMETER');
  const filter: EntryFilter = {};
  const labels = query.get('labels');
  if (labels) filter.containsLabels = JSON.parse(labels) as string[];
  if (query.has('labeled')) filter.labeled = query.get('labeled') === 'true';
  if (query.has('hasErrors')) filter.hasErrors = query.get('hasErrors') === 'true';
  const sourceRef = query.get('sourceRef');
  if (sourceRef) filter.sourceRefContains = sourceRef;
  return { datasetArn, filter };
}

class EntriesProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly ctx: DatasetsContext) {}

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const { datasetArn, filter } = parseEntriesUri(uri);
    const service = await requireService(this.ctx);
    const lines: string[] = [];
    try {
      await withProgress(`Reading entries of ${uri.path.slice(1)}`, true, async (progress, cancellation) => {
        const either = {
          get isCancelled() {
            return cancellation.isCancelled || token.isCancellationRequested;
          },
          onCancelled(listener: () => void) {
            const a = cancellation.onCancelled(listener);
            const b = token.onCancellationRequested(listener);
            return { dispose: () => (a.dispose(), b.dispose()) };
          },
        };
        for await (const page of service.listEntries(datasetArn, filter, either)) {
          lines.push(...page);
          progress.report(`${lines.length} entries…`);
          if (either.isCancelled) break;
        }
      });
    } catch (error) {
      this.ctx.log.error(`Reading the entries of ${datasetArn} failed: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
    return lines.length ? `${lines.join('\n')}\n` : '';
  }
}

const YES_NO_ANY = [
  { label: 'Any', value: undefined },
  { label: 'Yes', value: true },
  { label: 'No', value: false },
];

async function askFilter(ctx: DatasetsContext, datasetArn: string): Promise<EntryFilter | undefined> {
  const service = await requireService(ctx);
  const filter: EntryFilter = {};
  const choice = await vscode.window.showQuickPick(
    [
      { label: 'All entries', key: 'all' },
      { label: 'By labels…', key: 'labels' },
      { label: 'Labelled or not…', key: 'labeled' },
      { label: 'With or without errors…', key: 'errors' },
      { label: 'Source-ref contains…', key: 'sourceRef' },
    ],
    { title: 'Browse entries', placeHolder: 'Filter the entries (ListDatasetEntries filters)' },
  );
  if (!choice) return undefined;
  switch (choice.key) {
    case 'labels': {
      const labels = await service.listLabels(datasetArn);
      const picked = await vscode.window.showQuickPick(
        labels.map((l) => ({ label: l.name, description: `${l.entryCount} entries` })),
        { canPickMany: true, title: 'Entries with any of these labels (1-10)' },
      );
      if (!picked || picked.length === 0) return undefined;
      filter.containsLabels = picked.slice(0, 10).map((p) => p.label);
      break;
    }
    case 'labeled': {
      const picked = await vscode.window.showQuickPick(YES_NO_ANY, { title: 'Labelled entries?' });
      if (!picked) return undefined;
      filter.labeled = picked.value;
      break;
    }
    case 'errors': {
      const picked = await vscode.window.showQuickPick(YES_NO_ANY, { title: 'Entries with errors?' });
      if (!picked) return undefined;
      filter.hasErrors = picked.value;
      break;
    }
    case 'sourceRef': {
      const text = await vscode.window.showInputBox({
        title: 'Source-ref contains',
        validateInput: (v) => (v.length < 1 || v.length > 2048 ? 'Enter 1-2048 characters.' : undefined),
      });
      if (!text) return undefined;
      filter.sourceRefContains = text;
      break;
    }
  }
  return filter;
}

export function registerEntriesDocuments(ctx: DatasetsContext): vscode.Disposable[] {
  return [
    vscode.workspace.registerTextDocumentContentProvider(ENTRIES_SCHEME, new EntriesProvider(ctx)),
    registerCommand(ctx, Commands.browseEntries, 'Browse entries', async (arg?: unknown) => {
      const options = targetOf(arg) as BrowseOptions;
      const target = await resolveDataset(ctx, options, 'Dataset to browse');
      if (!target) return undefined;
      const filter = options.filter ?? (await askFilter(ctx, target.ref.arn));
      if (!filter) return undefined;
      const name = datasetName(ctx, target).replace(' › ', '-');
      const uri = entriesUri(target.ref.arn, name, filter);
      let document = await vscode.workspace.openTextDocument(uri);
      if (document.languageId !== LANGUAGE_ID) document = await vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
      await vscode.window.showTextDocument(document, { preview: true });
      return document;
    }),
  ];
}
