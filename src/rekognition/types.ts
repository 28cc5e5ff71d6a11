/**
 * Domain types of the Custom Labels service layer. Pure: no `vscode` import and no
 * AWS SDK import (the SDK is loaded lazily, on the first AWS call).
 */
import type { PushPlan, RejectedLine } from './push-plan';
import type { DetectedLabel, DetectImage, ModelStatus, ModelVersion } from './model-versions';

export type DatasetType = 'TRAIN' | 'TEST';

export type DatasetStatus =
  | 'CREATE_IN_PROGRESS'
  | 'CREATE_COMPLETE'
  | 'CREATE_FAILED'
  | 'UPDATE_IN_PROGRESS'
  | 'UPDATE_COMPLETE'
  | 'UPDATE_FAILED'
  | 'DELETE_IN_PROGRESS';

export type StatusMessageCode = 'SUCCESS' | 'SERVICE_ERROR' | 'CLIENT_ERROR';

export type ProjectStatus = 'CREATING' | 'CREATED' | 'DELETING';

export type ProjectFeature = 'CUSTOM_LABELS' | 'CONTENT_MODERATION';

export interface DatasetRef {
  arn: string;
  type: DatasetType;
  status?: DatasetStatus;
  statusMessage?: string;
  statusMessageCode?: StatusMessageCode;
  created?: Date;
}

export interface Project {
  arn: string;
  /** The name part of the ARN. */
  name: string;
  status: ProjectStatus;
  feature: ProjectFeature;
  created?: Date;
  datasets: DatasetRef[];
}

export interface DatasetStats {
  labeledEntries: number;
  totalEntries: number;
  totalLabels: number;
  errorEntries: number;
}

export interface Dataset {
  arn: string;
  type: DatasetType;
  status: DatasetStatus;
  statusMessage?: string;
  statusMessageCode?: StatusMessageCode;
  created?: Date;
  lastUpdated?: Date;
  stats: DatasetStats;
}

export interface LabelStats {
  name: string;
  entryCount: number;
  boundingBoxCount: number;
}

export type DatasetSource =
  | { kind: 'empty' }
  | { kind: 's3'; bucket: string; key: string; version?: string }
  | { kind: 'copy'; datasetArn: string };

export interface EntryFilter {
  /** 1-10 label names. */
  containsLabels?: string[];
  labeled?: boolean;
  sourceRefContains?: string;
  hasErrors?: boolean;
}

/** Cancellation without `vscode`: the editor adapter bridges its CancellationToken to this. */
export interface Cancellation {
  readonly isCancelled: boolean;
  onCancelled(listener: () => void): { dispose(): void };
}

export interface Progress {
  /** Called with a short message and, when known, the fraction done (0-1). */
  report(message: string, fraction?: number): void;
}

export interface WaitOptions {
  cancellation?: Cancellation;
  /** Give up after this many milliseconds (default 30 minutes). */
  timeoutMs?: number;
  /** First poll delay in ms (default 250); grows to maxIntervalMs. */
  initialIntervalMs?: number;
  /** Largest poll delay in ms (default 5000). */
  maxIntervalMs?: number;
  onStatus?: (dataset: Dataset) => void;
}

/**
 * What became of one UpdateDatasetEntries call of a push:
 * - landed: the dataset reached UPDATE_COMPLETE after it: its lines are in the dataset;
 * - refused: the service refused it (the call failed before anything was applied, or the
 *   dataset ended UPDATE_FAILED, which changes nothing): its lines are not in the dataset;
 * - unknown: sent, but whether it was applied is not known (the status wait timed out or was
 *   cancelled while the dataset was updating; the response was lost; a network failure; the
 *   SDK retried a call an earlier attempt of which may have landed). The next push finds out
 *   from the dataset's entries (`PushDiff`) before anything is sent again;
 * - not-sent: never sent (an earlier batch failed or was unknown, or the push was cancelled).
 */
export type PushBatchState = 'landed' | 'refused' | 'unknown' | 'not-sent';

/** One UpdateDatasetEntries call of a push. */
export interface PushBatch {
  index: number;
  /** File lines (0-based) of the plan in this request. */
  lines: number[];
  bytes: number;
  state: PushBatchState;
  /** Why it was refused, or why its outcome is unknown. */
  error?: string;
}

/**
 * The local lines against the dataset's entries, by source-ref (`push-diff.ts`), over the
 * lines a push could send (valid lines and lines with errors the service imports). File lines.
 */
export interface PushDiff {
  /** Source-ref not in the dataset. */
  added: number[];
  /** Source-ref in the dataset with other content (service keys and key order aside). */
  changed: number[];
  /** The dataset holds the line as it is: not sent. */
  unchanged: number[];
  /** Entries no local line names (no API deletes an entry): exact count, first source-refs. */
  onlyInDataset: { count: number; sourceRefs: string[] };
  /** Entries read from the dataset. */
  entries: number;
  /** The S3 buckets of the dataset's entries, with how many entries each (a dataset's images should be in one). */
  datasetBuckets: { bucket: string; entries: number }[];
}

/**
 * What a push did, line by line (0-based file lines of the plan). Every line of the plan is in
 * exactly one of `landed`, `unknown`, `notLanded`, `unchanged`, `rejected`.
 */
export interface PushResult {
  /** In the dataset: sent in a batch that ended UPDATE_COMPLETE. */
  landed: number[];
  /** Sent in a batch whose outcome is unknown (see PushBatchState): push again, the diff finds out. */
  unknown: number[];
  /** To be sent, and not in the dataset: their batch was refused, or not sent (an earlier batch failed, cancelled). */
  notLanded: number[];
  /** Already in the dataset as they are (the diff): not sent. */
  unchanged: number[];
  /** Refused locally, never sent: blank, dropped by the service, repeated, over the size limit, or errors not included. */
  rejected: RejectedLine[];
  batches: PushBatch[];
  cancelled: boolean;
  /** The comparison with the dataset made before sending (absent with `compare: false`). */
  diff?: PushDiff;
  /** The dataset as it stood after the last batch. */
  dataset?: Dataset;
}

export interface PushOptions {
  progress?: Progress;
  cancellation?: Cancellation;
  wait?: Omit<WaitOptions, 'cancellation'>;
  /** Bytes per request (default and maximum 5,242,880). Tests lower it. */
  maxBatchBytes?: number;
  /** Send the lines the service imports as entries with errors too (default true). */
  includeErrors?: boolean;
  /**
   * The diff to send by (from `diffEntries`, e.g. shown to the user first). Without it the
   * push makes one: it reads the dataset's entries and sends only added and changed lines.
   */
  diff?: PushDiff;
  /** false: send every line without comparing with the dataset. Default true. */
  compare?: boolean;
}

/** Where the service layer sends its requests. */
export interface ConnectionSettings {
  region: string;
  /** Named profile from the shared config files; undefined: the SDK's default chain. */
  profile?: string;
  /** Endpoint override (the sandbox, or a VPC endpoint). */
  endpoint?: string;
  /** Static credentials (the sandbox, tests). Never logged. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  maxAttempts?: number;
  retryMode?: 'standard' | 'adaptive';
}

/** A failure the user can act on: what failed, why, and what to do. */
export class CustomLabelsError extends Error {
  constructor(
    message: string,
    /** The service's exception name or our own code (PRECONDITION_FAILED, TIMEOUT, CANCELLED, ...). */
    readonly code: string,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CustomLabelsError';
  }
}

export interface ProjectsPageRequest {
  /** 1 to 100 (the model's ProjectsPageSize). */
  maxResults: number;
  /** The previous page's NextToken; undefined: the first page. */
  nextToken?: string;
  /** Exact names (1 to 10, the model's ProjectNames): only these projects. */
  names?: readonly string[];
  cancellation?: Cancellation;
}

export interface ProjectsPage {
  projects: Project[];
  /** Undefined on the last page. */
  nextToken?: string;
}

/** The operations the editor uses. Implemented over the AWS SDK in `service.ts`. */
export interface CustomLabelsService {
  listProjects(options?: { features?: ProjectFeature[]; cancellation?: Cancellation }): Promise<Project[]>;
  /** One DescribeProjects page (the explorer pages through an account's projects). */
  listProjectsPage(request: ProjectsPageRequest): Promise<ProjectsPage>;
  createProject(name: string): Promise<string>;
  deleteProject(projectArn: string): Promise<void>;
  createDataset(projectArn: string, type: DatasetType, source: DatasetSource): Promise<string>;
  describeDataset(datasetArn: string): Promise<Dataset>;
  deleteDataset(datasetArn: string): Promise<void>;
  /** Streams the entries (JSON Lines strings) page by page. */
  listEntries(datasetArn: string, filter?: EntryFilter, cancellation?: Cancellation): AsyncIterable<string[]>;
  listLabels(datasetArn: string): Promise<LabelStats[]>;
  /** Pushes a plan (see `push-plan.ts`), or lines, which are then planned with the service's validator. */
  pushEntries(datasetArn: string, lines: readonly string[] | PushPlan, options?: PushOptions): Promise<PushResult>;
  /** The plan's sendable lines against the dataset's entries (waits while the dataset is busy). */
  diffEntries(datasetArn: string, plan: PushPlan, options?: { cancellation?: Cancellation; progress?: Progress; wait?: Omit<WaitOptions, 'cancellation'> }): Promise<PushDiff>;
  distribute(trainArn: string, testArn: string, options?: WaitOptions): Promise<{ train: Dataset; test: Dataset }>;
  waitForStatus(datasetArn: string, options?: WaitOptions): Promise<Dataset>;
  /** Model versions (model-versions.ts): every version of the project, newest first. */
  listModels(projectArn: string, options?: { names?: string[]; cancellation?: Cancellation }): Promise<ModelVersion[]>;
  /** CreateProjectVersion from the project's datasets; the version's ARN. */
  trainModel(projectArn: string, versionName: string, output: { bucket: string; prefix?: string }, description?: string): Promise<string>;
  deleteModel(versionArn: string): Promise<ModelStatus>;
  startModel(versionArn: string, minInferenceUnits?: number): Promise<ModelStatus>;
  stopModel(versionArn: string): Promise<ModelStatus>;
  /** DetectCustomLabels with a running model (model-versions.ts `detectLabels`). */
  detectLabels(versionArn: string, image: DetectImage, options?: { minConfidence?: number; maxResults?: number }): Promise<DetectedLabel[]>;
}
