/**
 * Browse a dataset's entries as a read-only JSON Lines document (scheme ENTRIES_SCHEME),
 * streamed page by page from ListDatasetEntries with the chosen filters, in the manifest
 * language so the same diagnostics apply.
 */
import * as vscode from 'vscode';
import { Commands, ENTRIES_SCHEME, LANGUAGE_ID } from '../constants';
import { CustomLabelsError, type EntryFilter } from '../rekognition';
import { requireService, type DatasetsContext } from '../ui/context';
import { datasetName, hasEntries, resolveDataset, targetOf, type TargetOptions } from '../ui/pickers';
import { EntriesStream, type StreamState } from './entries-stream';
import { describeError, info, registerCommand, warn, withProgress } from '../ui/command-edge';

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
  const path = `/${`${label}${describeFilter(filter)}`.replace(/[^\w .,()-]+/g, '-')}.manifest`;
  return vscode.Uri.from({ scheme: ENTRIES_SCHEME, path, query: query.toString() });
}

/** ListDatasetEntries takes 1 to 10 labels. */
const MAX_FILTER_LABELS = 10;

/** " (labels a, b; labelled)": the filter in the document's name, so each view has its own tab title. */
export function describeFilter(filter: EntryFilter): string {
  const parts: string[] = [];
  if (filter.containsLabels?.length) parts.push(`labels ${filter.containsLabels.join(', ')}`);
  if (filter.labeled !== undefined) parts.push(filter.labeled ? 'labelled' : 'unlabelled');
  if (filter.hasErrors !== undefined) parts.push(filter.hasErrors ? 'with errors' : 'without errors');
  if (filter.sourceRefContains) parts.push(`source-ref ${filter.sourceRefContains}`);
  const text = parts.join('; ');
  return text ? ` (${text.length > 80 ? `${text.slice(0, 77)}...` : text})` : '';
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

/**
 * Serves entries documents. The first page opens the document; later pages are appended as they
 * arrive (onDidChange, throttled). The notification's Cancel stops reading and keeps what was
 * read. A stream is kept while its document is open, and dropped when the user browses again
 * and the document is no longer open (not on the close event: switching the document's language
 * closes and reopens it, and reading must go on across that).
 */
export class EntriesProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changeEmitter.event;
  private readonly streams = new Map<string, Promise<EntriesStream>>();
  /** How the last reading of each document ended (kept after its stream is dropped: a state, no lines). */
  private readonly reads = new Map<string, Promise<StreamState>>();

  private readonly subscription: vscode.Disposable;

  constructor(private readonly ctx: DatasetsContext) {
    // A page that arrived while the document was being reopened (a language switch) was
    // announced to nobody: announce it again to the reopened document.
    this.subscription = vscode.workspace.onDidOpenTextDocument((document) => {
      const starting = this.streams.get(document.uri.toString());
      void starting?.then((stream) => {
        if (stream.text().length !== document.getText().length) this.changeEmitter.fire(document.uri);
      }, () => undefined);
    });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const key = uri.toString();
    let starting = this.streams.get(key);
    if (!starting) {
      starting = this.start(uri);
      this.streams.set(key, starting);
      starting.catch(() => this.streams.delete(key));
    }
    const stream = await starting;
    this.reads.set(key, stream.finished);
    await stream.firstPage;
    if (stream.state === 'failed' && stream.lines.length === 0) {
      this.streams.delete(key); // opening it again tries again
      throw stream.error;
    }
    return stream.text();
  }

  /** Resolves when the document's entries are all in (or reading stopped); for tests and callers. */
  whenRead(uri: vscode.Uri): Promise<StreamState | undefined> {
    return this.reads.get(uri.toString()) ?? Promise.resolve(undefined);
  }

  /**
   * Before a browse: drops the streams of documents no longer open (their memory, and browsing
   * such a listing again reads it afresh). An open one is shown as it is.
   */
  dropClosed(): void {
    const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    for (const key of this.streams.keys()) {
      if (open.has(key)) continue;
      void this.streams.get(key)?.then((stream) => stream.cancel(), () => undefined);
      this.streams.delete(key);
    }
  }

  dispose(): void {
    for (const starting of this.streams.values()) void starting.then((stream) => stream.cancel(), () => undefined);
    this.streams.clear();
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }

  private async start(uri: vscode.Uri): Promise<EntriesStream> {
    const { datasetArn, filter } = parseEntriesUri(uri);
    const service = await requireService(this.ctx);
    const name = uri.path.slice(1);
    const stream = new EntriesStream((cancellation) => service.listEntries(datasetArn, filter, cancellation), {
      onGrow: () => this.changeEmitter.fire(uri),
    });
    void withProgress(`Reading the entries of ${name}`, true, async (progress, cancellation) => {
      const stop = cancellation.onCancelled(() => stream.cancel());
      const report = this.onDidChange((changed) => {
        if (changed.toString() === uri.toString()) progress.report(`${stream.lines.length.toLocaleString('en-US')} entries…`);
      });
      try {
        return await stream.finished;
      } finally {
        stop.dispose();
        report.dispose();
      }
    }).then((state) => this.reportEnd(name, stream, state));
    return stream;
  }

  private reportEnd(name: string, stream: EntriesStream, state: StreamState): void {
    const count = `${stream.lines.length.toLocaleString('en-US')} ${stream.lines.length === 1 ? 'entry' : 'entries'}`;
    if (state === 'complete' && stream.lines.length === 0) {
      info(this.ctx, `No entries match: ${name} is empty. Browse again with another filter.`);
    } else if (state === 'complete') {
      this.ctx.log.info(`Read ${count} of ${name}.`);
    } else if (state === 'cancelled') {
      info(this.ctx, `Stopped reading ${name} after ${count}: the document shows those. Close it and browse again to read them all.`);
    } else if (stream.lines.length > 0) {
      // A failure before the first page fails the opening of the document itself.
      const { why } = describeError(stream.error);
      warn(this.ctx, `Reading ${name} stopped after ${count}: ${why} The document shows the entries read so far; close it and browse again to retry.`);
    }
  }
}


/** One of two filter values (true for `yes`); undefined when the pick is dismissed. */
async function pickYesNo(yes: string, no: string): Promise<boolean | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: yes, value: true },
      { label: no, value: false },
    ],
    { title: 'Browse entries' },
  );
  return picked?.value;
}

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
      if (labels.length === 0) {
        info(ctx, 'This dataset has no labels yet: browse "All entries", or push labelled lines first.');
        return undefined;
      }
      const picked = await vscode.window.showQuickPick(
        labels.map((l) => ({ label: l.name, description: `${l.entryCount} entries` })),
        { canPickMany: true, title: 'Entries with any of these labels', placeHolder: 'Check 1 to 10 labels, then press Enter' },
      );
      if (!picked) return undefined;
      if (picked.length === 0) {
        info(ctx, 'No label checked: check 1 to 10 labels (click their checkboxes), then press Enter.');
        return undefined;
      }
      if (picked.length > MAX_FILTER_LABELS) {
        info(ctx, `ListDatasetEntries filters on at most ${MAX_FILTER_LABELS} labels: showing entries with ${picked.slice(0, MAX_FILTER_LABELS).map((p) => p.label).join(', ')}.`);
      }
      filter.containsLabels = picked.slice(0, MAX_FILTER_LABELS).map((p) => p.label);
      break;
    }
    case 'labeled': {
      const labeled = await pickYesNo('Labelled entries', 'Unlabelled entries');
      if (labeled === undefined) return undefined;
      filter.labeled = labeled;
      break;
    }
    case 'errors': {
      const hasErrors = await pickYesNo('Entries with errors', 'Entries without errors');
      if (hasErrors === undefined) return undefined;
      filter.hasErrors = hasErrors;
      break;
    }
    case 'sourceRef': {
      const text = await vscode.window.showInputBox({
        title: 'Browse entries',
        prompt: 'Entries whose source-ref contains this text',
        placeHolder: 'e.g. images/2024/ or sparrow',
        validateInput: (v) => (v.length < 1 || v.length > 2048 ? 'Enter 1-2048 characters.' : undefined),
      });
      if (!text) return undefined;
      filter.sourceRefContains = text;
      break;
    }
  }
  return filter;
}

export function registerEntriesDocuments(ctx: DatasetsContext, provider = new EntriesProvider(ctx)): vscode.Disposable[] {
  return [
    provider,
    vscode.workspace.registerTextDocumentContentProvider(ENTRIES_SCHEME, provider),
    registerCommand(ctx, Commands.browseEntries, 'Browse entries', async (arg?: unknown) => {
      const options = targetOf(arg) as BrowseOptions;
      const target = await resolveDataset(ctx, options, 'Dataset to browse', hasEntries);
      if (!target) return undefined;
      const filter = options.filter ?? (await askFilter(ctx, target.ref.arn));
      if (!filter) return undefined;
      const name = datasetName(ctx, target).replace(' › ', '-');
      const uri = entriesUri(target.ref.arn, name, filter);
      provider.dropClosed();
      let document = await vscode.workspace.openTextDocument(uri);
      if (document.languageId !== LANGUAGE_ID) document = await vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
      await vscode.window.showTextDocument(document, { preview: true });
      return document;
    }),
  ];
}
