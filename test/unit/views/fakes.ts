/** Test doubles for the tree model: a fake service and timers that run only when told. */
import type { CustomLabelsService, Dataset, DatasetStatus, Project, ProjectsPage, ProjectsPageRequest } from '../../../src/rekognition/types';
import type { Timers } from '../../../src/views/projects-model';

export class FakeTimers implements Timers {
  private nextId = 1;
  readonly pending: { id: number; callback: () => void; ms: number }[] = [];
  readonly delays: number[] = [];

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.pending.push({ id, callback, ms });
    this.delays.push(ms);
    return id;
  }

  clearTimeout(handle: unknown): void {
    const i = this.pending.findIndex((t) => t.id === handle);
    if (i >= 0) this.pending.splice(i, 1);
  }

  /** Runs the oldest pending timer. */
  fireNext(): void {
    const t = this.pending.shift();
    if (!t) throw new Error('no timer pending');
    t.callback();
  }
}

/** Lets every already-resolved promise chain run to the end. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

export const PROJECT_ARN = 'arn:aws:rekognition:us-east-1:123456789012:project/birds/1700000000000';
export const TRAIN_ARN = `${PROJECT_ARN.replace(/\/\d+$/, '')}/dataset/train/1700000000001`;
export const TEST_ARN = `${PROJECT_ARN.replace(/\/\d+$/, '')}/dataset/test/1700000000002`;

export function dataset(arn: string, status: DatasetStatus, totalEntries = 0): Dataset {
  return {
    arn,
    type: arn.includes('/train/') ? 'TRAIN' : 'TEST',
    status,
    stats: { totalEntries, labeledEntries: totalEntries, totalLabels: totalEntries > 0 ? 2 : 0, errorEntries: 0 },
  };
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * A fake service: listProjects answers `projects`, describeDataset answers the next
 * status queued for the ARN (the last one repeats), or a manual deferred when `manual`.
 */
export class FakeService implements Partial<CustomLabelsService> {
  projects: Project[] = [];
  listError: Error | undefined;
  readonly statuses = new Map<string, (Dataset | Error)[]>();
  manual = false;
  readonly waiting: { arn: string; d: Deferred<Dataset> }[] = [];
  readonly describeCalls: string[] = [];
  listCalls = 0;
  private readonly active = new Map<string, number>();
  /** Highest number of DescribeDataset calls in flight at once, per ARN. */
  readonly maxConcurrent = new Map<string, number>();

  listProjects = async (): Promise<Project[]> => {
    this.listCalls++;
    if (this.listError) throw this.listError;
    return this.projects;
  };

  /** Every DescribeProjects page asked for: its MaxResults, NextToken and ProjectNames. */
  readonly pageRequests: ProjectsPageRequest[] = [];

  /** Pages `projects` as DescribeProjects does: NextToken is the index of the next project, names exact. */
  listProjectsPage = async (request: ProjectsPageRequest): Promise<ProjectsPage> => {
    this.listCalls++;
    this.pageRequests.push(request);
    if (this.listError) throw this.listError;
    const matching = request.names ? this.projects.filter((p) => request.names!.includes(p.name)) : this.projects;
    const start = request.nextToken === undefined ? 0 : Number(request.nextToken);
    const end = start + request.maxResults;
    return { projects: matching.slice(start, end), nextToken: end < matching.length ? String(end) : undefined };
  };

  describeDataset = async (arn: string): Promise<Dataset> => {
    this.describeCalls.push(arn);
    const now = (this.active.get(arn) ?? 0) + 1;
    this.active.set(arn, now);
    this.maxConcurrent.set(arn, Math.max(now, this.maxConcurrent.get(arn) ?? 0));
    try {
      if (this.manual) {
        const d = deferred<Dataset>();
        this.waiting.push({ arn, d });
        return await d.promise;
      }
      const queue = this.statuses.get(arn) ?? [];
      const next = queue.length > 1 ? queue.shift()! : queue[0];
      if (!next) throw new Error(`no status queued for ${arn}`);
      if (next instanceof Error) throw next;
      return next;
    } finally {
      this.active.set(arn, (this.active.get(arn) ?? 1) - 1);
    }
  };

  asService(): CustomLabelsService {
    return this as unknown as CustomLabelsService;
  }
}

export function project(datasets: { arn: string; status: DatasetStatus }[], status: Project['status'] = 'CREATED'): Project {
  return {
    arn: PROJECT_ARN,
    name: 'birds',
    status,
    feature: 'CUSTOM_LABELS',
    datasets: datasets.map((d) => ({ arn: d.arn, type: d.arn.includes('/train/') ? 'TRAIN' : 'TEST', status: d.status })),
  };
}
