/**
 * Domain types of the Custom Labels service layer. Pure: no `vscode` import and no
 * AWS SDK import (the SDK is loaded lazily, on the first AWS call).
 */
import type { PushPlan } from './push-plan';

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

/** One UpdateDatasetEntries call of a push. */
export interface PushBatch {
  index: number;
  /** 0-based lines of the plan (indexes into the pushed lines when lines were pushed). */
  lines: number[];
  bytes: number;
  state: 'sent' | 'failed' | 'not-sent';
  error?: string;
}

export interface RejectedLine {
  /** 0-based index into the pushed lines. */
  line: number;
  reason: string;
  code?: string;
}

export interface PushResult {
  /** Lines (0-based indexes) that reached the dataset. */
  accepted: number[];
  /** Lines refused locally (would be silently dropped, or over the size limit). */
  rejected: RejectedLine[];
  /** Lines that were valid but were not sent because a batch failed or the push was cancelled. */
  notSent: number[];
  batches: PushBatch[];
  cancelled: boolean;
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

/** The operations the editor uses. Implemented over the AWS SDK in `service.ts`. */
export interface CustomLabelsService {
  listProjects(options?: { features?: ProjectFeature[]; cancellation?: Cancellation }): Promise<Project[]>;
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
  distribute(trainArn: string, testArn: string, options?: WaitOptions): Promise<{ train: Dataset; test: Dataset }>;
  waitForStatus(datasetArn: string, options?: WaitOptions): Promise<Dataset>;
}
