/**
 * Optional persistence (`--data DIR`). Nothing the sandbox has answered is lost by a crash:
 * - an answer that could reveal a change (the change itself, or a status a transition set since)
 *   is sent only once that change is on disk (`whenWritten`, used by the HTTP layer and the SDK
 *   request handler through SandboxCore.handleSaved): a client that saw UPDATE_COMPLETE finds the
 *   entries after a kill -9 and a restart;
 * - writes are shared: the requests answered in one turn of the event loop wait for one write, and
 *   a change nobody has asked about yet (a transition ending) is written within FLUSH_DELAY_MS
 *   (and close() flushes what is left), so a burst of requests costs one write, not one each;
 * - the state file holds projects and datasets without their entries; each entry list is its own
 *   file, written once (lists are replaced, never changed in place, so a list already on disk is
 *   not written again), so a change to one project does not rewrite 250,000 entries.
 * Files are written to a temporary name and renamed: a crash leaves the previous state whole.
 * Version 1 files (the whole state in one file) are still read.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { DatasetPending, DatasetRecord, EntryRecord, ModelRecord, ProjectRecord, StateSnapshot } from './records';

export const STATE_FILE = 'sandbox-state.json';
const ENTRIES_DIR = 'entries';
/** How long changes are gathered before they are written. */
export const FLUSH_DELAY_MS = 100;

/** A dataset as stored in the state file: its entries (and a pending transition's) by file name. */
interface StoredDataset extends Omit<DatasetRecord, 'entries' | 'pending'> {
  entriesFile?: string;
  entries?: EntryRecord[];
  pending?: Omit<DatasetPending, 'entries'> & { entriesFile?: string; entries?: EntryRecord[] };
}

interface StoredState {
  version: 1 | 2;
  lastStamp: number;
  projects: ProjectRecord[];
  datasets: StoredDataset[];
  models?: ModelRecord[];
}

export class Persistence {
  readonly file: string;
  private readonly entriesDir: string;
  /** The file each entry list already on disk was written to. */
  private readonly written = new WeakMap<readonly EntryRecord[], string>();
  private readonly onDisk = new Set<string>();
  private next = 0;
  private timer?: NodeJS.Timeout;
  private immediate?: NodeJS.Immediate;
  private source?: () => StateSnapshot;
  /** Answers waiting for the next write (whenWritten). */
  private waiters: Array<(error?: Error) => void> = [];
  /** Flushes done (for tests and the bench). */
  flushes = 0;

  constructor(
    readonly dir: string,
    private readonly delayMs = FLUSH_DELAY_MS,
  ) {
    this.file = path.join(dir, STATE_FILE);
    this.entriesDir = path.join(dir, ENTRIES_DIR);
  }

  load(): StateSnapshot | undefined {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch {
      return undefined;
    }
    let s: StoredState | undefined;
    try {
      s = JSON.parse(text) as StoredState;
    } catch {
      s = undefined;
    }
    if (!s || (s.version !== 1 && s.version !== 2) || !Array.isArray(s.projects) || !Array.isArray(s.datasets)) {
      throw new Error(`The sandbox state file ${this.file} is not valid. Move it away (or delete it) to start with an empty sandbox.`);
    }
    this.rememberFiles();
    const datasets = s.datasets.map((d): DatasetRecord => {
      const { entriesFile, pending, ...rest } = d;
      const record: DatasetRecord = { ...rest, entries: this.readEntries(entriesFile, d.entries) };
      if (pending) {
        const { entriesFile: pendingFile, ...p } = pending;
        record.pending = { ...p, entries: pendingFile !== undefined || p.entries ? this.readEntries(pendingFile, p.entries) : undefined };
      }
      return record;
    });
    return { version: 1, lastStamp: s.lastStamp, projects: s.projects, datasets, models: Array.isArray(s.models) ? s.models : [] };
  }

  /** Records that the state changed; it is written within delayMs (or at close()). */
  schedule(source: () => StateSnapshot): void {
    this.source = source;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flushInBackground();
    }, this.delayMs);
    this.timer.unref();
  }

  /** Whether a change is not on disk yet. */
  get dirty(): boolean {
    return this.source !== undefined;
  }

  /**
   * Calls `done` once every change recorded so far is on disk: at once when there is none, else
   * after the next write, which the callers of one turn of the event loop share. `done` gets the
   * error when the write failed (the changes stay recorded: the next write tries again).
   */
  whenWritten(done: (error?: Error) => void): void {
    if (!this.source) {
      done();
      return;
    }
    this.waiters.push(done);
    this.immediate ??= setImmediate(() => {
      this.immediate = undefined;
      this.flushInBackground();
    });
  }

  /** Writes what changed since the last flush, now; throws when the write fails. */
  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.immediate) {
      clearImmediate(this.immediate);
      this.immediate = undefined;
    }
    const waiters = this.waiters.splice(0);
    const source = this.source;
    if (source) {
      this.source = undefined;
      try {
        this.write(source());
      } catch (e) {
        // Still to be written: a later change or close() tries again.
        this.source ??= source;
        const error = e instanceof Error ? e : new Error(String(e));
        for (const w of waiters) w(error);
        throw error;
      }
      this.flushes++;
    }
    for (const w of waiters) w();
  }

  /** A flush from a timer: a failure reaches the answers waiting for it, never the process as an uncaught exception. */
  private flushInBackground(): void {
    try {
      this.flush();
    } catch {
      // Reported to the waiting answers (whenWritten); the changes are written again by the next flush.
    }
  }

  close(): void {
    this.flush();
  }

  private write(snapshot: StateSnapshot): void {
    fs.mkdirSync(this.entriesDir, { recursive: true });
    const used = new Set<string>();
    const datasets = snapshot.datasets.map((d): StoredDataset => {
      const { entries, pending, ...rest } = d;
      const stored: StoredDataset = { ...rest, entriesFile: this.entriesFileOf(entries, used) };
      if (pending) {
        const { entries: pendingEntries, ...p } = pending;
        stored.pending = { ...p, entriesFile: pendingEntries ? this.entriesFileOf(pendingEntries, used) : undefined };
      }
      return stored;
    });
    const state: StoredState = { version: 2, lastStamp: snapshot.lastStamp, projects: snapshot.projects, datasets, models: snapshot.models ?? [] };
    writeAtomically(this.file, JSON.stringify(state));
    for (const name of this.onDisk) {
      if (used.has(name)) continue;
      this.onDisk.delete(name);
      fs.rmSync(path.join(this.entriesDir, name), { force: true });
    }
  }

  /** The file holding `entries`, written now if this list is not on disk yet. */
  private entriesFileOf(entries: readonly EntryRecord[], used: Set<string>): string {
    let name = this.written.get(entries);
    if (name === undefined || !this.onDisk.has(name)) {
      do name = `${Date.now().toString(36)}-${(this.next++).toString(36)}.json`;
      while (this.onDisk.has(name));
      writeAtomically(path.join(this.entriesDir, name), JSON.stringify(entries));
      this.written.set(entries, name);
      this.onDisk.add(name);
    }
    used.add(name);
    return name;
  }

  private readEntries(file: string | undefined, inline: EntryRecord[] | undefined): EntryRecord[] {
    if (file === undefined) return inline ?? [];
    if (!/^[a-z0-9-]+\.json$/.test(file)) throw new Error(`The sandbox state file ${this.file} names an entries file '${file}' that is not valid. Move the folder away to start with an empty sandbox.`);
    let entries: EntryRecord[];
    try {
      entries = JSON.parse(fs.readFileSync(path.join(this.entriesDir, file), 'utf8')) as EntryRecord[];
    } catch {
      throw new Error(`The sandbox entries file ${path.join(this.entriesDir, file)} is missing or not valid. Move ${this.dir} away (or delete it) to start with an empty sandbox.`);
    }
    if (!Array.isArray(entries)) throw new Error(`The sandbox entries file ${path.join(this.entriesDir, file)} is not a list. Move ${this.dir} away to start with an empty sandbox.`);
    // Loaded lists are on disk already: remember them, so they are not written again.
    this.written.set(entries, file);
    return entries;
  }

  private rememberFiles(): void {
    let names: string[] = [];
    try {
      names = fs.readdirSync(this.entriesDir);
    } catch {
      // No entries folder yet.
    }
    for (const n of names) if (n.endsWith('.json')) this.onDisk.add(n);
  }
}

function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}
