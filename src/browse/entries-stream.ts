/**
 * Entries of a dataset arriving page by page (ListDatasetEntries), kept for a read-only
 * document that shows them as they come. Pure: no `vscode` import, timers injected.
 *
 * Each new page calls `onGrow`, at most once per `minIntervalMs` (a document re-reads its
 * whole content on every change, so a page of 100 entries must not mean one re-read each),
 * and once more when the last page is in.
 */
import type { Cancellation } from '../rekognition';
import { realTimers, type Timers } from '../views/projects-model';

export type StreamState = 'reading' | 'complete' | 'cancelled' | 'failed';

export interface EntriesStreamOptions {
  onGrow: () => void;
  minIntervalMs?: number;
  timers?: Timers;
}

export class EntriesStream {
  readonly lines: string[] = [];
  private stateValue: StreamState = 'reading';
  private errorValue: unknown;
  private cancelRequested = false;
  private readonly cancelListeners = new Set<() => void>();
  private lastNotified = -Infinity;
  private pending: unknown;
  private readonly minIntervalMs: number;
  private readonly timers: Timers;
  private resolveFirst!: () => void;
  /** Resolves when the first page is in (or reading ended without one). */
  readonly firstPage = new Promise<void>((resolve) => (this.resolveFirst = resolve));
  /** Resolves when reading ends, however it ends. */
  readonly finished: Promise<StreamState>;

  constructor(
    read: (cancellation: Cancellation) => AsyncIterable<string[]>,
    private readonly options: EntriesStreamOptions,
  ) {
    this.minIntervalMs = options.minIntervalMs ?? 300;
    this.timers = options.timers ?? realTimers;
    this.finished = this.run(read);
  }

  get state(): StreamState {
    return this.stateValue;
  }

  get error(): unknown {
    return this.errorValue;
  }

  /** The text of the entries read so far: one JSON line each, newline-terminated. */
  text(): string {
    return this.lines.length ? `${this.lines.join('\n')}\n` : '';
  }

  /** Stops reading after the page in flight; what was read stays. */
  cancel(): void {
    if (this.cancelRequested) return;
    this.cancelRequested = true;
    for (const listener of [...this.cancelListeners]) listener();
  }

  private async run(read: (cancellation: Cancellation) => AsyncIterable<string[]>): Promise<StreamState> {
    const isCancelled = (): boolean => this.cancelRequested;
    const cancellation: Cancellation = {
      get isCancelled() {
        return isCancelled();
      },
      onCancelled: (listener) => {
        if (this.cancelRequested) {
          listener();
          return { dispose() {} };
        }
        this.cancelListeners.add(listener);
        return { dispose: () => this.cancelListeners.delete(listener) };
      },
    };
    try {
      for await (const page of read(cancellation)) {
        if (this.cancelRequested) break;
        for (const line of page) this.lines.push(line);
        this.resolveFirst();
        this.grew();
      }
      this.stateValue = this.cancelRequested ? 'cancelled' : 'complete';
    } catch (error) {
      this.errorValue = error;
      this.stateValue = this.cancelRequested ? 'cancelled' : 'failed';
    }
    if (this.pending !== undefined) this.timers.clearTimeout(this.pending);
    this.pending = undefined;
    this.resolveFirst();
    this.options.onGrow();
    return this.stateValue;
  }

  private grew(): void {
    if (this.pending !== undefined) return; // a notification is already scheduled
    const now = Date.now();
    const wait = this.lastNotified + this.minIntervalMs - now;
    if (wait <= 0) {
      this.notify();
      return;
    }
    this.pending = this.timers.setTimeout(() => {
      this.pending = undefined;
      this.notify();
    }, wait);
  }

  private notify(): void {
    this.lastNotified = Date.now();
    this.options.onGrow();
  }
}
