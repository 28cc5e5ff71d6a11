/**
 * The explorer's data: projects and the state of their datasets. It loads, keeps and
 * polls; the tree provider only renders it. Pure: no `vscode` import, timers injected,
 * so it is unit-tested in plain Node without real waiting.
 *
 * Polling runs only while a dataset (or project) is in progress: quickly at first, then
 * slower, up to the polling interval setting. At most one DescribeDataset per dataset is
 * ever in flight, and a poll tick starts only after the previous one settled.
 *
 * Projects come a DescribeProjects page at a time (`pageSize`, at most the model's 100): the
 * first page on load, the next one on `loadMore()`; a reload fetches again as many pages as were
 * shown. `setFilter(names)` asks DescribeProjects for those exact names only (ProjectNames).
 * A credential failure (expired, missing, rejected) signs the model out: one state, no more
 * requests (no poll repeats it) until the connection is made again.
 */
import type { CustomLabelsService, Dataset, DatasetRef, Project } from '../rekognition';
import { Emitter, type Disposable } from './emitter';
import { isInProgress } from '../rekognition';

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface ProjectsModelOptions {
  timers?: Timers;
  /** First poll delay in ms (default 500); doubles on every tick up to maxIntervalMs(). */
  initialIntervalMs?: number;
  /** Slowest poll delay in ms, read on every tick (the pollingIntervalMs setting; default 5000). */
  maxIntervalMs?: () => number;
  log?: (message: string) => void;
  /** Projects per DescribeProjects page (1-100; default PROJECTS_PAGE_SIZE). */
  pageSize?: number;
}

/**
 * Projects per page: 50. Each project shown costs a DescribeDataset per dataset (two rows, two
 * calls), so a page of the model's maximum (100) would start 200 calls at once; 50 fills a tall
 * side bar several times over (three rows a project) and keeps a first page quick.
 */
export const PROJECTS_PAGE_SIZE = 50;

/**
 * The error codes of credentials that are missing, expired or refused: the SDK's provider errors
 * (CredentialsProviderError, TokenProviderError: an SSO session that ended), the service's
 * ExpiredToken(Exception), UnrecognizedClientException, InvalidSignatureException,
 * InvalidClientTokenId, and ours (NO_CREDENTIALS: no credentials at connection time).
 */
export const CREDENTIAL_ERROR_CODES: ReadonlySet<string> = new Set([
  'CredentialsProviderError',
  'TokenProviderError',
  'ExpiredToken',
  'ExpiredTokenException',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'InvalidClientTokenId',
  'NO_CREDENTIALS',
]);

export function isCredentialError(error: LoadError): boolean {
  return error.code !== undefined && CREDENTIAL_ERROR_CODES.has(error.code);
}

export interface LoadError {
  message: string;
  code?: string;
}

export type ModelState =
  | { kind: 'disconnected'; reason?: string }
  | { kind: 'loading' }
  | { kind: 'loaded' }
  | { kind: 'error'; error: LoadError }
  /** Credentials missing, expired or refused: nothing more is asked until the connection is made again. */
  | { kind: 'signedOut'; error: LoadError };

export interface DatasetState {
  projectArn: string;
  ref: DatasetRef;
  /** The last DescribeDataset answer. */
  dataset?: Dataset;
  /** The last DescribeDataset failure (cleared by the next success). */
  error?: LoadError;
}

export interface ProjectState {
  project: Project;
  datasets: DatasetState[];
}

export type ModelChange = { kind: 'all' } | { kind: 'dataset'; arn: string };

/** The "Load more…" row's state. */
export type MoreState = { kind: 'idle' } | { kind: 'loading' } | { kind: 'error'; error: LoadError };

export class ProjectsModel implements Disposable {
  private readonly changeEmitter = new Emitter<ModelChange>();
  /** Fires after every change of state, projects or a dataset. */
  readonly onDidChange = this.changeEmitter.event;

  private service: CustomLabelsService | undefined;
  private stateValue: ModelState = { kind: 'disconnected' };
  private projectStates: ProjectState[] = [];
  /** Bumped whenever the service changes: answers from an older generation are dropped. */
  private generation = 0;
  private loading: Promise<void> | undefined;
  private readonly inFlight = new Map<string, Promise<Dataset | undefined>>();
  private pollHandle: unknown;
  private pollRunning = false;
  private interval: number;
  private readonly timers: Timers;
  private readonly initialIntervalMs: number;
  private readonly maxIntervalMs: () => number;
  private readonly log: (message: string) => void;
  private readonly pageSize: number;
  /** The next page's token; undefined: every page is shown. */
  private nextToken: string | undefined;
  /** Pages shown (1 + "Load more…"): a reload fetches as many. */
  private pagesWanted = 1;
  private filterNames: readonly string[] | undefined;
  private moreValue: MoreState = { kind: 'idle' };
  private loadingMore: Promise<void> | undefined;
  /** Number of DescribeDataset calls made (diagnostics and tests). */
  describeCalls = 0;

  constructor(options: ProjectsModelOptions = {}) {
    this.timers = options.timers ?? realTimers;
    this.initialIntervalMs = options.initialIntervalMs ?? 500;
    this.maxIntervalMs = options.maxIntervalMs ?? (() => 5000);
    this.log = options.log ?? (() => undefined);
    this.pageSize = Math.min(100, Math.max(1, Math.floor(options.pageSize ?? PROJECTS_PAGE_SIZE)));
    this.interval = this.initialIntervalMs;
  }

  /** More projects than shown: the next page can be loaded. */
  get hasMore(): boolean {
    return this.stateValue.kind === 'loaded' && this.nextToken !== undefined;
  }

  get more(): MoreState {
    return this.moreValue;
  }

  /** The exact names DescribeProjects is asked for; undefined: every project. */
  get filter(): readonly string[] | undefined {
    return this.filterNames;
  }

  get state(): ModelState {
    return this.stateValue;
  }

  get projects(): readonly ProjectState[] {
    return this.projectStates;
  }

  get connected(): boolean {
    return this.service !== undefined;
  }

  /** True while a poll is scheduled or running. */
  get polling(): boolean {
    return this.pollHandle !== undefined || this.pollRunning;
  }

  /**
   * Points the model at a service (or at none, with the reason) and reloads from the first page.
   * Another account (`keepFilter` false, the default) starts without a filter too.
   */
  setService(service: CustomLabelsService | undefined, reason?: string, options: { keepFilter?: boolean } = {}): Promise<void> {
    this.reset();
    this.service = service;
    if (!options.keepFilter) this.filterNames = undefined;
    if (!service) {
      this.stateValue = { kind: 'disconnected', reason };
      this.fire({ kind: 'all' });
      return Promise.resolve();
    }
    return this.load();
  }

  /** No credentials for the connection (found before any call): the signed-out state, no service. */
  signOut(error: LoadError): void {
    this.reset();
    this.service = undefined;
    this.stateValue = { kind: 'signedOut', error };
    this.fire({ kind: 'all' });
  }

  /** Shows only the projects with these exact names (1-10; none: every project), from the first page. */
  setFilter(names: readonly string[] | undefined): Promise<void> {
    const service = this.service;
    this.reset();
    this.service = service;
    this.filterNames = names && names.length ? [...names] : undefined;
    if (!service) {
      this.fire({ kind: 'all' });
      return Promise.resolve();
    }
    return this.load();
  }

  /** The next page of projects after those shown; joins a load of it in progress. */
  loadMore(): Promise<void> {
    if (this.loadingMore) return this.loadingMore;
    const service = this.service;
    const token = this.nextToken;
    if (!service || token === undefined || this.stateValue.kind !== 'loaded') return Promise.resolve();
    const generation = this.generation;
    this.moreValue = { kind: 'loading' };
    this.fire({ kind: 'all' });
    const run = (async () => {
      let page: { projects: Project[]; nextToken?: string };
      try {
        page = await service.listProjectsPage({ maxResults: this.pageSize, nextToken: token, names: this.filterNames });
      } catch (error) {
        if (generation !== this.generation) return;
        const e = toLoadError(error);
        this.log(`DescribeProjects (next page) failed: ${e.message}`);
        if (isCredentialError(e)) return this.signOutKeepingService(e);
        if (e.code === 'InvalidPaginationTokenException') {
          // The listing expired: the pages shown and the next one, from the start.
          this.pagesWanted++;
          this.moreValue = { kind: 'idle' };
          return this.reloadProjects({ silent: true });
        }
        this.moreValue = { kind: 'error', error: e };
        this.fire({ kind: 'all' });
        return;
      }
      if (generation !== this.generation) return;
      this.pagesWanted++;
      this.moreValue = { kind: 'idle' };
      this.nextToken = page.nextToken;
      const known = new Set(this.projectStates.map((p) => p.project.arn));
      const added = page.projects.filter((p) => !known.has(p.arn)).map((p) => projectState(p, new Map()));
      this.projectStates = [...this.projectStates, ...added];
      this.fire({ kind: 'all' });
      await Promise.all(added.flatMap((p) => p.datasets).map((d) => this.refreshDataset(d.ref.arn)));
      this.schedulePoll();
    })().finally(() => {
      if (this.loadingMore === run) this.loadingMore = undefined;
    });
    this.loadingMore = run;
    return run;
  }

  /** Lists the projects, then describes every dataset. A second call while loading joins the first. */
  load(): Promise<void> {
    if (this.loading) return this.loading;
    if (!this.service) return Promise.resolve();
    this.stateValue = { kind: 'loading' };
    this.fire({ kind: 'all' });
    const run = this.reloadProjects().finally(() => {
      if (this.loading === run) this.loading = undefined;
    });
    this.loading = run;
    return run;
  }

  /** Waits for the current load, if any. */
  whenLoaded(): Promise<void> {
    return this.loading ?? Promise.resolve();
  }

  findProject(nameOrArn: string): ProjectState | undefined {
    return this.projectStates.find((p) => p.project.arn === nameOrArn || p.project.name === nameOrArn);
  }

  /**
   * The project by name or ARN, asked of DescribeProjects by its exact name when it is on no page
   * loaded (a command given a project of page 7, a filter that hides it): it is then added after
   * the rows shown, so the tree shows what the command works on. Undefined when there is none.
   */
  async lookUpProject(nameOrArn: string): Promise<ProjectState | undefined> {
    const known = this.findProject(nameOrArn);
    if (known || !this.service || this.stateValue.kind !== 'loaded') return known;
    const name = projectNameIn(nameOrArn);
    if (!name) return undefined;
    const service = this.service;
    const generation = this.generation;
    const page = await service.listProjectsPage({ maxResults: 1, names: [name] });
    if (generation !== this.generation) return undefined;
    const project = page.projects.find((p) => p.arn === nameOrArn || p.name === nameOrArn);
    if (!project) return undefined;
    const again = this.findProject(project.arn);
    if (again) return again;
    const state = projectState(project, new Map());
    this.projectStates = [...this.projectStates, state];
    this.fire({ kind: 'all' });
    await Promise.all(state.datasets.map((d) => this.refreshDataset(d.ref.arn)));
    return this.findProject(project.arn);
  }

  /** The dataset by ARN, its project looked up (lookUpProject) when it is on no page loaded. */
  async lookUpDataset(arn: string): Promise<DatasetState | undefined> {
    const known = this.findDataset(arn);
    if (known) return known;
    const project = /^(arn:[^:]+:rekognition:[^:]*:[^:]*:project\/[^/]+)\/dataset\//.exec(arn)?.[1];
    if (!project) return undefined;
    await this.lookUpProject(project.split('/')[1]!);
    return this.findDataset(arn);
  }

  findDataset(arn: string): DatasetState | undefined {
    for (const p of this.projectStates) {
      const d = p.datasets.find((x) => x.ref.arn === arn);
      if (d) return d;
    }
    return undefined;
  }

  /** Every dataset state, in tree order. */
  allDatasets(): DatasetState[] {
    return this.projectStates.flatMap((p) => p.datasets);
  }

  /**
   * Describes one dataset now. Joins the request already in flight for it, if any:
   * never more than one request per dataset at a time.
   */
  refreshDataset(arn: string): Promise<Dataset | undefined> {
    const pending = this.inFlight.get(arn);
    if (pending) return pending;
    const service = this.service;
    const state = this.findDataset(arn);
    if (!service || !state) return Promise.resolve(undefined);
    const generation = this.generation;
    this.describeCalls++;
    const run = service
      .describeDataset(arn)
      .then(
        (dataset) => {
          if (generation !== this.generation) return undefined;
          const current = this.findDataset(arn);
          if (current) {
            // A poll that finds nothing new redraws nothing: a redrawn row under an open
            // context menu makes VS Code run the chosen command without its row.
            const changed = current.error !== undefined || !current.dataset || !sameDataset(current.dataset, dataset);
            current.dataset = dataset;
            current.ref = { ...current.ref, status: dataset.status, statusMessage: dataset.statusMessage, statusMessageCode: dataset.statusMessageCode };
            current.error = undefined;
            if (changed) this.fire({ kind: 'dataset', arn });
          }
          return dataset;
        },
        (error: unknown) => {
          if (generation !== this.generation) return undefined;
          const e = toLoadError(error);
          this.log(`DescribeDataset failed for ${arn}: ${e.message}`);
          if (isCredentialError(e)) {
            this.signOutKeepingService(e);
            return undefined;
          }
          if (e.code === 'ResourceNotFoundException') {
            // Deleted meanwhile: the project listing no longer holds it.
            void this.reloadProjects({ silent: true });
            return undefined;
          }
          const current = this.findDataset(arn);
          if (current) {
            current.error = e;
            this.fire({ kind: 'dataset', arn });
          }
          return undefined;
        },
      )
      .finally(() => {
        if (this.inFlight.get(arn) === run) this.inFlight.delete(arn);
        if (generation === this.generation) this.schedulePoll();
      });
    this.inFlight.set(arn, run);
    return run;
  }

  /**
   * Something just started an operation on this dataset (push, distribute, create):
   * poll it quickly again. Unknown datasets (just created) reload the project list.
   */
  watch(arn?: string): Promise<void> {
    this.interval = this.initialIntervalMs;
    if (!arn || !this.findDataset(arn)) return this.reloadProjects({ silent: true });
    return this.refreshDataset(arn).then(() => undefined);
  }

  /** Reloads the project list without blanking the tree. */
  refreshProjects(): Promise<void> {
    return this.reloadProjects({ silent: true });
  }

  dispose(): void {
    this.generation++;
    this.service = undefined;
    this.stopPolling();
    this.changeEmitter.dispose();
  }

  private async reloadProjects(options: { silent?: boolean } = {}): Promise<void> {
    const service = this.service;
    if (!service) return;
    const generation = this.generation;
    const projects: Project[] = [];
    let token: string | undefined;
    try {
      // As many pages as were shown (the first only, unless "Load more…" was chosen).
      let pages = 0;
      do {
        const page = await service.listProjectsPage({ maxResults: this.pageSize, nextToken: token, names: this.filterNames });
        if (generation !== this.generation) return;
        const known = new Set(projects.map((p) => p.arn));
        projects.push(...page.projects.filter((p) => !known.has(p.arn)));
        token = page.nextToken;
        pages++;
      } while (token !== undefined && pages < this.pagesWanted);
    } catch (error) {
      if (generation !== this.generation) return;
      const e = toLoadError(error);
      this.log(`DescribeProjects failed: ${e.message}`);
      if (isCredentialError(e)) return this.signOutKeepingService(e);
      if (!options.silent || this.stateValue.kind !== 'loaded') {
        this.stateValue = { kind: 'error', error: e };
        this.projectStates = [];
        this.fire({ kind: 'all' });
      }
      return;
    }
    if (generation !== this.generation) return;
    const previous = new Map(this.allDatasets().map((d) => [d.ref.arn, d]));
    this.projectStates = projects.map((project) => projectState(project, previous));
    this.nextToken = token;
    this.stateValue = { kind: 'loaded' };
    this.fire({ kind: 'all' });
    await Promise.all(this.allDatasets().map((d) => this.refreshDataset(d.ref.arn)));
    this.schedulePoll();
  }

  /** Back to nothing: polling stopped, answers in flight dropped, no projects, no pages. */
  private reset(): void {
    this.generation++;
    this.stopPolling();
    this.inFlight.clear();
    this.loading = undefined;
    this.loadingMore = undefined;
    this.projectStates = [];
    this.nextToken = undefined;
    this.pagesWanted = 1;
    this.moreValue = { kind: 'idle' };
  }

  /** A call was refused for its credentials: signed out, the service kept for a retry (`load`). */
  private signOutKeepingService(error: LoadError): void {
    const service = this.service;
    this.signOut(error);
    this.service = service;
  }

  private needsPolling(): boolean {
    if (!this.service || this.stateValue.kind !== 'loaded') return false;
    return this.projectStates.some(
      (p) =>
        p.project.status !== 'CREATED' ||
        p.datasets.some((d) => isInProgress(d.dataset?.status ?? d.ref.status)),
    );
  }

  private schedulePoll(): void {
    if (this.pollRunning || this.pollHandle !== undefined) return;
    if (!this.needsPolling()) {
      this.interval = this.initialIntervalMs;
      return;
    }
    const delay = this.interval;
    this.interval = Math.min(this.interval * 2, Math.max(this.initialIntervalMs, this.maxIntervalMs()));
    this.pollHandle = this.timers.setTimeout(() => void this.tick(), delay);
  }

  private async tick(): Promise<void> {
    this.pollHandle = undefined;
    this.pollRunning = true;
    const generation = this.generation;
    try {
      if (this.projectStates.some((p) => p.project.status !== 'CREATED')) {
        await this.reloadProjects({ silent: true });
      } else {
        const busy = this.allDatasets().filter((d) => isInProgress(d.dataset?.status ?? d.ref.status));
        await Promise.all(busy.map((d) => this.refreshDataset(d.ref.arn)));
      }
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
    this.interval = this.initialIntervalMs;
  }

  private fire(change: ModelChange): void {
    this.changeEmitter.fire(change);
  }
}

/** The project name in a project ARN (`...:project/NAME/123`), or the name itself. */
function projectNameIn(nameOrArn: string): string | undefined {
  if (!nameOrArn.startsWith('arn:')) return nameOrArn;
  return /:project\/([^/]+)\//.exec(nameOrArn)?.[1];
}

function projectState(project: Project, previous: ReadonlyMap<string, DatasetState>): ProjectState {
  return {
    project,
    datasets: sortDatasets(project.datasets).map((ref) => {
      const old = previous.get(ref.arn);
      // Keep the last description so counts do not flicker; the listing's status is newer.
      return { projectArn: project.arn, ref, dataset: old?.dataset ? { ...old.dataset, status: ref.status ?? old.dataset.status } : undefined, error: old?.error };
    }),
  };
}

function sortDatasets(refs: DatasetRef[]): DatasetRef[] {
  return [...refs].sort((a, b) => (a.type === b.type ? 0 : a.type === 'TRAIN' ? -1 : 1));
}

/** What failed and why, from anything thrown. */
export function toLoadError(error: unknown): LoadError {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code ?? (error.name !== 'Error' ? error.name : undefined);
    const hint = (error as { hint?: unknown }).hint;
    const message = typeof hint === 'string' && hint && !error.message.includes(hint) ? `${error.message} ${hint}` : error.message;
    return { message, code: typeof code === 'string' ? code : undefined };
  }
  return { message: String(error) };
}

/** True when two descriptions of a dataset show the same (status, message, counts, dates). */
export function sameDataset(a: Dataset, b: Dataset): boolean {
  return (
    a.status === b.status &&
    a.statusMessage === b.statusMessage &&
    a.statusMessageCode === b.statusMessageCode &&
    a.created?.getTime() === b.created?.getTime() &&
    a.lastUpdated?.getTime() === b.lastUpdated?.getTime() &&
    a.stats.totalEntries === b.stats.totalEntries &&
    a.stats.labeledEntries === b.stats.labeledEntries &&
    a.stats.totalLabels === b.stats.totalLabels &&
    a.stats.errorEntries === b.stats.errorEntries
  );
}
