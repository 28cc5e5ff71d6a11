/**
 * Keeps one incremental ManifestDocument per open manifest: every content change is applied
 * at once (only the changed lines are re-validated), and diagnostics are published after a
 * short pause in typing.
 *
 * A whole text (opening a file, new settings, a paste or deletion of many lines) is validated
 * in steps of at most STEP_MS, yielding to the editor between them; edits made meanwhile wait
 * and are applied, in order, when the text is done. Only what VS Code shows is published: at
 * most 1,000 diagnostics per file, errors first, with a note saying how many more there are.
 */
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, ENTRIES_SCHEME, LANGUAGE_ID } from '../constants';
import { ManifestDocument, PublishedItems, type EditRange } from '../manifest';
import type { Problem, ValidateOptions } from '../manifest';
import { SHOWN_PROBLEMS_LIMIT, groupByLine, moreProblemsNote, toDiagnostic } from './diagnostics';

/** The longest the validator holds the extension host in one go (a few frames). */
const STEP_MS = 20;
/** An edit that replaces or adds more lines than this re-validates the whole text in steps. */
const LINES_FOR_STEPS = 2000;

interface QueuedEdit {
  range: EditRange;
  text: string;
}

export interface TrackedManifest {
  readonly uri: vscode.Uri;
  readonly model: ManifestDocument;
  /** The problems last published as diagnostics, by line (what code actions look up). */
  published: Map<number, Problem[]>;
  /** The diagnostics last published, kept per problem: an edit rebuilds only those of the lines it changed. */
  readonly diagnosticItems: PublishedItems<vscode.Diagnostic>;
  /** The note counting the problems not shown, as last published. */
  note?: vscode.Diagnostic;
  /**
   * The last publish: diagnostics built (the rest were kept from the publish before), and
   * whether they were handed to VS Code (not when they are the very ones it has).
   */
  lastPublish?: { shown: number; built: number; sent: boolean };
  timer?: ReturnType<typeof setTimeout>;
  /**
   * The last validation of the whole text: how long it took, in how many steps, the longest of
   * them (wall and CPU time: on a busy machine a step may wait for a core), and the CPU time of
   * reading the document's text on open (one block: VS Code's getText()).
   */
  lastValidation?: { ms: number; steps: number; longestStepMs: number; longestStepCpuMs: number; readCpuMs: number };
  /** While the model validates a whole text in steps: the next step, and the edits that wait for it. */
  stepping?: { next?: ReturnType<typeof setImmediate>; queued: QueuedEdit[]; longestStepMs: number; longestStepCpuMs: number };
}

/** For a file's lines: the names of the datasets that recorded `code` on `line`. */
export type RecordedBy = (uri: vscode.Uri, lines: { lineCount: number; lineText(i: number): string }) => (line: number, code: string) => string[];

export class ManifestDocuments implements vscode.Disposable {
  readonly diagnostics = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly tracked = new Map<string, TrackedManifest>();
  private readonly updated = new vscode.EventEmitter<TrackedManifest>();
  /** Fires after a manifest's diagnostics were published. */
  readonly onDidUpdate = this.updated.event;
  private readonly hovered = new vscode.EventEmitter<{ uri: vscode.Uri; position: vscode.Position }>();
  /** Fires when the editor asks for a manifest's hover at a place (the preview highlights the box there). */
  readonly onDidHover = this.hovered.event;
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

  /** The hover provider was asked about `position` in `uri`. */
  noteHover(uri: vscode.Uri, position: vscode.Position): void {
    this.hovered.fire({ uri, position });
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
    this.publish(tracked, true);
    return true;
  }

  configure(options: ValidateOptions, debounceMs: number): void {
    this.options = options;
    this.debounceMs = debounceMs;
    for (const t of this.tracked.values()) {
      this.cancelSteps(t);
      t.model.startOptions(options);
      this.validateInSteps(t);
    }
  }

  private open(document: vscode.TextDocument): void {
    if (document.languageId !== LANGUAGE_ID || this.tracked.has(document.uri.toString())) return;
    const c0 = process.cpuUsage();
    const text = document.getText();
    const c = process.cpuUsage(c0);
    const readCpuMs = (c.user + c.system) / 1000;
    const tracked: TrackedManifest = {
      uri: document.uri,
      model: new ManifestDocument(text, this.options, true),
      published: new Map(),
      diagnosticItems: new PublishedItems(),
    };
    this.tracked.set(document.uri.toString(), tracked);
    this.validateInSteps(tracked, readCpuMs);
  }

  /**
   * Validates the model's pending text in steps (the first one at once: a small file is done
   * there), then applies the edits that waited and publishes.
   */
  private validateInSteps(tracked: TrackedManifest, readCpuMs = 0): void {
    const stepping = { queued: [] as QueuedEdit[], longestStepMs: 0, longestStepCpuMs: 0, next: undefined as ReturnType<typeof setImmediate> | undefined };
    tracked.stepping = stepping;
    const started = performance.now();
    let steps = 0;
    const step = (): void => {
      stepping.next = undefined;
      if (tracked.stepping !== stepping || this.tracked.get(tracked.uri.toString()) !== tracked) return;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const until = t0 + STEP_MS;
      const measure = (): void => {
        const c = process.cpuUsage(c0);
        stepping.longestStepMs = Math.max(stepping.longestStepMs, performance.now() - t0);
        stepping.longestStepCpuMs = Math.max(stepping.longestStepCpuMs, (c.user + c.system) / 1000);
      };
      const done = tracked.model.continueText(() => performance.now() >= until);
      steps++;
      if (!done) {
        measure();
        stepping.next = setImmediate(step);
        return;
      }
      tracked.stepping = undefined;
      for (const q of stepping.queued) this.applyEdit(tracked, q.range, q.text);
      measure();
      if (steps === 1) {
        // A small file: validated and published at once.
        finish();
        this.publish(tracked);
        logValidation();
        return;
      }
      // The first publish (up to 1,000 diagnostics built) in a turn of its own, counted as a step:
      // not on top of the last step's work.
      setImmediate(() => {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        finish();
        this.publish(tracked);
        const c = process.cpuUsage(c0);
        const v = tracked.lastValidation;
        if (v) {
          v.longestStepMs = Math.max(v.longestStepMs, performance.now() - t0);
          v.longestStepCpuMs = Math.max(v.longestStepCpuMs, (c.user + c.system) / 1000);
          v.steps++;
        }
        logValidation();
      });
    };
    const finish = (): void => {
      const { longestStepMs, longestStepCpuMs } = stepping;
      tracked.lastValidation = { ms: performance.now() - started, steps, longestStepMs, longestStepCpuMs, readCpuMs };
    };
    const logValidation = (): void => {
      const v = tracked.lastValidation;
      if (!v) return;
      this.log.debug(
        `Validated ${tracked.uri.fsPath || tracked.uri.toString()} (${tracked.model.lineCount} lines) in ${Math.round(v.ms)} ms, ` +
          `${v.steps} steps (the first publish among them), the longest ${v.longestStepMs.toFixed(1)} ms (${v.longestStepCpuMs.toFixed(1)} ms CPU time; reading the text: ${v.readCpuMs.toFixed(1)} ms CPU time)`,
      );
    };
    step();
  }

  private cancelSteps(tracked: TrackedManifest): void {
    if (tracked.stepping?.next) clearImmediate(tracked.stepping.next);
    tracked.stepping = undefined;
  }

  private close(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const tracked = this.tracked.get(key);
    if (!tracked) return;
    clearTimeout(tracked.timer);
    this.cancelSteps(tracked);
    this.tracked.delete(key);
    this.diagnostics.delete(document.uri);
  }

  private change(e: vscode.TextDocumentChangeEvent): void {
    const tracked = this.tracked.get(e.document.uri.toString());
    if (!tracked || e.contentChanges.length === 0) return;
    const edits = e.contentChanges.map((c) => ({
      range: { startLine: c.range.start.line, startCharacter: c.range.start.character, endLine: c.range.end.line, endCharacter: c.range.end.character },
      text: c.text,
    }));
    if (edits.some((q) => q.range.endLine - q.range.startLine + newlines(q.text) > LINES_FOR_STEPS)) {
      // A paste or deletion of many lines: validating it would hold the editor as long as opening would.
      clearTimeout(tracked.timer);
      this.cancelSteps(tracked);
      tracked.model.startText(e.document.getText());
      this.validateInSteps(tracked);
      return;
    }
    if (tracked.stepping) {
      tracked.stepping.queued.push(...edits);
      return;
    }
    for (const q of edits) this.applyEdit(tracked, q.range, q.text);
    if (tracked.model.lineCount !== e.document.lineCount) {
      this.log.warn(`Re-reading ${e.document.uri.toString()}: line counts drifted`);
      tracked.model.startText(e.document.getText());
      this.validateInSteps(tracked);
      return;
    }
    clearTimeout(tracked.timer);
    tracked.timer = setTimeout(() => this.publish(tracked), this.debounceMs);
  }

  private applyEdit(tracked: TrackedManifest, range: EditRange, text: string): void {
    try {
      tracked.model.applyEdit(range, text);
    } catch (error) {
      // The validator never throws on content; an edit that cannot be applied means our copy
      // drifted. Start again from the document rather than show stale problems.
      this.log.warn(`Re-reading ${tracked.uri.toString()} after an edit could not be applied: ${String(error)}`);
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === tracked.uri.toString());
      if (document) tracked.model.setText(document.getText());
    }
  }

  /**
   * Publishes the problems VS Code shows. Only the diagnostics of problems that changed are
   * built again, and nothing is sent when they are the ones VS Code already has (`force`: send
   * them anyway): a set of up to 1,000 diagnostics costs the workbench every time.
   */
  private publish(tracked: TrackedManifest, force = false): void {
    tracked.timer = undefined;
    if (this.tracked.get(tracked.uri.toString()) !== tracked || tracked.stepping) return;
    const all = tracked.model.shownProblems(SHOWN_PROBLEMS_LIMIT);
    const shown = isFilteredView(tracked.uri) ? { ...all, problems: all.problems.filter((p) => p.scope !== 'file') } : all;
    tracked.published = groupByLine(shown.problems);
    const recordedBy = this.recordedBy?.(tracked.uri, tracked.model);
    // The same problem the service recorded on the pushed entry: shown once, here, saying so.
    const also = (p: Problem): string => {
      const by = recordedBy?.(p.line, p.code);
      return by?.length ? ` Also recorded by ${by.join(' and ')} on its entry.` : '';
    };
    const uri = tracked.uri;
    const { items, changed, built } = tracked.diagnosticItems.update(shown.problems, also, (p, words) => {
      const d = toDiagnostic(uri, p);
      if (words) d.message += words;
      return d;
    });
    const note = moreProblemsNote(shown);
    const noteChanged = note?.message !== tracked.note?.message || note?.severity !== tracked.note?.severity;
    if (noteChanged) tracked.note = note;
    const sent = force || changed || noteChanged;
    if (sent) this.diagnostics.set(uri, tracked.note ? [tracked.note, ...items] : items);
    tracked.lastPublish = { shown: items.length, built: built + (noteChanged && note ? 1 : 0), sent };
    this.updated.fire(tracked);
  }

  dispose(): void {
    for (const t of this.tracked.values()) {
      clearTimeout(t.timer);
      this.cancelSteps(t);
    }
    this.tracked.clear();
    vscode.Disposable.from(...this.subscriptions).dispose();
    this.updated.dispose();
    this.hovered.dispose();
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

function newlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
