/**
 * The explorer's model versions: each project's versions (DescribeProjectVersions, every page,
 * through a `VersionsSource`), kept beside the ProjectsModel (which knows the projects and their
 * datasets) and polled on their own. Pure: no `vscode` import, timers injected.
 *
 * Polling runs only while a version is in progress (training, starting, stopping, deleting,
 * copying): never faster than the polling interval setting, then slower (x1.5 a tick) up to a
 * minute, since training takes from 30 minutes to 24 hours (tm-train-model). At most one
 * DescribeProjectVersions per project is in flight; a tick starts after the previous one settled.
 * When a version leaves a busy status, `onDidSettle` says so (the Train Model command notifies).
 */
import { Emitter, type Disposable } from './emitter';
import { isVersionBusy, type VersionInfo } from './version-status';
import { realTimers, toLoadError, type LoadError, type Timers } from './projects-model';
import type { CustomLabelsService } from '../rekognition';

/** Where the versions come from (the service's DescribeProjectVersions, all pages, newest first). */
export interface VersionsSource {
  listVersions(projectArn: string): Promise<VersionInfo[]>;
}

/** The model operations the commands use, over the current connection. */
export interface ModelsClient extends VersionsSource {
  /** CreateProjectVersion from the project's datasets; the version's ARN. */
  train(projectArn: string, versionName: string, output: { bucket: string; prefix: string }): Promise<string>;
  /** DeleteProjectVersion. */
  delete(versionArn: string): Promise<void>;
  /** StartProjectVersion with this many inference units. */
  start(versionArn: string, inferenceUnits: number): Promise<void>;
  /** StopProjectVersion. */
  stop(versionArn: string): Promise<void>;
}

export interface ProjectVersions {
  projectArn: string;
  versions: VersionInfo[];
  /** False until the first answer. */
  loaded: boolean;
  /** The last failure (cleared by the next success). */
  error?: LoadError;
}

/** The model operations of a connected service. */
export function modelsClient(service: CustomLabelsService): ModelsClient {
  return {
    listVersions: async (projectArn) => (await service.listModels(projectArn)).map((v) => ({ ...v, projectArn })),
    train: (projectArn, versionName, output) => service.trainModel(projectArn, versionName, output),
    delete: async (versionArn) => {
      await service.deleteModel(versionArn);
    },
    start: async (versionArn, inferenceUnits) => {
      await service.startModel(versionArn, inferenceUnits);
    },
    stop: async (versionArn) => {
      await service.stopModel(versionArn);
    },
  };
}

export type VersionsChange = { kind: 'all' } | { kind: 'project'; projectArn: string };

export interface VersionsModelOptions {
  timers?: Timers;
  /** The fastest poll, read on every tick (the pollingIntervalMs setting; default 5000). */
  intervalMs?: () => number;
  /** The slowest poll (default 60,000). */
  maxIntervalMs?: number;
  log?: (message: string) => void;
}

export class VersionsModel implements Disposable {
  private readonly changeEmitter = new Emitter<VersionsChange>();
  readonly onDidChange = this.changeEmitter.event;
  private readonly settleEmitter = new Emitter<{ version: VersionInfo; from: string }>();
  /** A version left a busy status (training ended, started, stopped): what it is now and what it was. */
  readonly onDidSettle = this.settleEmitter.event;

  private source: VersionsSource | undefined;

  /** The connection's model operations (undefined: not connected). */
  get client(): ModelsClient | undefined {
    const s = this.source;
    return s && 'train' in s ? (s as ModelsClient) : undefined;
  }

  /** Every version known, in tree order. */
  all(): VersionInfo[] {
    return [...this.states.values()].flatMap((s) => s.versions);
  }
  private generation = 0;
  private readonly states = new Map<string, ProjectVersions>();
  private readonly inFlight = new Map<string, Promise<VersionInfo[] | undefined>>();
  private pollHandle: unknown;
  private pollRunning = false;
  private delay: number | undefined;
  private readonly timers: Timers;
  private readonly intervalMs: () => number;
  private readonly maxIntervalMs: number;
  private readonly log: (message: string) => void;
  /** DescribeProjectVersions listings made (tests). */
  listCalls = 0;

  constructor(options: VersionsModelOptions = {}) {
    this.timers = options.timers ?? realTimers;
    this.intervalMs = options.intervalMs ?? (() => 5000);
    this.maxIntervalMs = options.maxIntervalMs ?? 60_000;
    this.log = options.log ?? (() => undefined);
  }

  /** Another connection (or none): everything known is dropped. */
  setSource(source: VersionsSource | ModelsClient | undefined): void {
    this.generation++;
    this.source = source;
    this.stopPolling();
    this.inFlight.clear();
    this.states.clear();
    this.changeEmitter.fire({ kind: 'all' });
  }

  /** The projects the explorer lists now: new ones are loaded (and those whose listing failed, again), gone ones forgotten. */
  syncProjects(projectArns: readonly string[]): void {
    const keep = new Set(projectArns);
    for (const arn of [...this.states.keys()]) if (!keep.has(arn)) this.states.delete(arn);
    for (const arn of projectArns) {
      const state = this.states.get(arn);
      if (!state) this.states.set(arn, { projectArn: arn, versions: [], loaded: false });
      if (!state || state.error) void this.refresh(arn);
    }
  }

  of(projectArn: string): ProjectVersions | undefined {
    return this.states.get(projectArn);
  }

  find(versionArn: string): VersionInfo | undefined {
    for (const s of this.states.values()) {
      const v = s.versions.find((x) => x.arn === versionArn);
      if (v) return v;
    }
    return undefined;
  }

  get polling(): boolean {
    return this.pollHandle !== undefined || this.pollRunning;
  }

  /** Lists the project's versions now; joins the listing in flight, if any. */
  refresh(projectArn: string): Promise<VersionInfo[] | undefined> {
    const pending = this.inFlight.get(projectArn);
    if (pending) return pending;
    const source = this.source;
    if (!source) return Promise.resolve(undefined);
    const generation = this.generation;
    this.listCalls++;
    const run = source
      .listVersions(projectArn)
      .then(
        (versions) => {
          if (generation !== this.generation) return undefined;
          const state = this.states.get(projectArn) ?? { projectArn, versions: [], loaded: false };
          const before = new Map(state.versions.map((v) => [v.arn, v]));
          const changed = !state.loaded || state.error !== undefined || !sameVersions(state.versions, versions);
          this.states.set(projectArn, { projectArn, versions, loaded: true });
          if (changed) this.changeEmitter.fire({ kind: 'project', projectArn });
          for (const v of versions) {
            const old = before.get(v.arn);
            if (old && isVersionBusy(old.status) && !isVersionBusy(v.status)) this.settleEmitter.fire({ version: v, from: String(old.status) });
          }
          return versions;
        },
        (error: unknown) => {
          if (generation !== this.generation) return undefined;
          const e = toLoadError(error);
          this.log(`DescribeProjectVersions failed for ${projectArn}: ${e.message}`);
          const state = this.states.get(projectArn);
          if (state) {
            state.error = e;
            this.changeEmitter.fire({ kind: 'project', projectArn });
          }
          return undefined;
        },
      )
      .finally(() => {
        if (this.inFlight.get(projectArn) === run) this.inFlight.delete(projectArn);
        if (generation === this.generation) this.schedulePoll();
      });
    this.inFlight.set(projectArn, run);
    return run;
  }

  /** Something just changed a version of the project (trained, deleted): list it now and poll from the fastest interval again. */
  watch(projectArn: string): Promise<VersionInfo[] | undefined> {
    this.delay = undefined;
    if (!this.states.has(projectArn)) this.states.set(projectArn, { projectArn, versions: [], loaded: false });
    return this.refresh(projectArn);
  }

  /**
   * Resolves when the version is no longer busy (its status then), or undefined when it is gone
   * or the connection changed. Polling brings the answer; nothing more is asked for it.
   */
  settled(versionArn: string): Promise<VersionInfo | undefined> {
    const now = this.find(versionArn);
    if (now && !isVersionBusy(now.status)) return Promise.resolve(now);
    const generation = this.generation;
    return new Promise((resolve) => {
      const subs: Disposable[] = [];
      const done = (v: VersionInfo | undefined) => {
        for (const s of subs) s.dispose();
        resolve(v);
      };
      subs.push(
        this.settleEmitter.event(({ version }) => {
          if (version.arn === versionArn) done(version);
        }),
        this.changeEmitter.event((change) => {
          if (generation !== this.generation) return done(undefined);
          // Listed without it: deleted meanwhile.
          if (change.kind === 'project' && projectOfVersion(versionArn) === projectOfVersion(change.projectArn) && this.states.get(change.projectArn)?.loaded && !this.find(versionArn)) done(undefined);
        }),
      );
    });
  }

  dispose(): void {
    this.generation++;
    this.source = undefined;
    this.stopPolling();
    this.changeEmitter.dispose();
    this.settleEmitter.dispose();
  }

  private busyProjects(): string[] {
    return [...this.states.values()].filter((s) => s.versions.some((v) => isVersionBusy(v.status))).map((s) => s.projectArn);
  }

  private schedulePoll(): void {
    if (this.pollRunning || this.pollHandle !== undefined || !this.source) return;
    if (this.busyProjects().length === 0) {
      this.delay = undefined;
      return;
    }
    const fastest = Math.max(1, this.intervalMs());
    const delay = Math.max(fastest, this.delay ?? fastest);
    this.delay = Math.min(Math.max(fastest, this.maxIntervalMs), Math.round(delay * 1.5));
    this.pollHandle = this.timers.setTimeout(() => void this.tick(), delay);
  }

  private async tick(): Promise<void> {
    this.pollHandle = undefined;
    this.pollRunning = true;
    const generation = this.generation;
    try {
      await Promise.all(this.busyProjects().map((arn) => this.refresh(arn)));
    } finally {
      if (generation === this.generation) {
        this.pollRunning = false;
        this.schedulePoll();
      }
    }
  }

  private stopPolling(): void {
    if (this.pollHandle !== undefined) this.timers.clearTimeout(this.pollHandle);
    this.pollHandle = undefined;
    this.pollRunning = false;
    this.delay = undefined;
  }
}

/** The `arn:...:project/NAME` part of a project's or a version's ARN. */
function projectOfVersion(arn: string): string {
  const m = /^(.*?:project\/[^/]+)\//.exec(arn);
  return m ? m[1]! : arn;
}

/** True when two listings show the same rows (a poll that finds nothing new redraws nothing). */
export function sameVersions(a: readonly VersionInfo[], b: readonly VersionInfo[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i]!;
    return (
      x.arn === y.arn &&
      x.status === y.status &&
      x.statusMessage === y.statusMessage &&
      x.f1 === y.f1 &&
      x.billableTrainingSeconds === y.billableTrainingSeconds &&
      x.summary?.key === y.summary?.key
    );
  });
}
