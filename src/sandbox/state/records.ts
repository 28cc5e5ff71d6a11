/**
 * The sandbox's state: plain, JSON-serializable records (persistence writes them as they are).
 * A transition in progress is stored as `pending`: what the record becomes when its timer fires.
 */

// The same statuses as the service layer's domain types (a pure module: no SDK, no vscode).
import type { DatasetStatus, DatasetType, ProjectStatus, StatusMessageCode } from '../../rekognition';
export type { DatasetStatus, DatasetType, ProjectStatus, StatusMessageCode };

/** One stored dataset entry (an image). */
export interface EntryRecord {
  sourceRef: string;
  /** The JSON line as ListDatasetEntries returns it (service keys included). */
  line: string;
  labels: string[];
  /** Boxes per label (detection lines). */
  boxLabels: Record<string, number>;
  labeled: boolean;
  hasErrors: boolean;
}

export interface StatusTriple {
  status: DatasetStatus;
  message: string;
  code: StatusMessageCode;
}

export interface DatasetPending {
  /** Epoch ms when the transition ends. */
  dueAt: number;
  final?: StatusTriple;
  /** Replacement for the entries when the transition succeeds. */
  entries?: EntryRecord[];
  /** The dataset disappears when the transition ends (DeleteDataset). */
  remove?: boolean;
  /** CreateDataset from a manifest: read and validated when the transition ends. */
  importFrom?: { bucket: string; key: string; version?: string };
}

export interface DatasetRecord {
  arn: string;
  projectArn: string;
  type: DatasetType;
  status: DatasetStatus;
  statusMessage: string;
  statusMessageCode: StatusMessageCode;
  /** Epoch ms. */
  created: number;
  lastUpdated: number;
  entries: EntryRecord[];
  pending?: DatasetPending;
}

export interface ProjectRecord {
  arn: string;
  name: string;
  feature: 'CUSTOM_LABELS' | 'CONTENT_MODERATION';
  autoUpdate?: 'ENABLED' | 'DISABLED';
  status: ProjectStatus;
  /** Epoch ms. */
  created: number;
  /** Epoch ms when CREATING -> CREATED or DELETING -> gone. */
  pendingUntil?: number;
}

/** The statuses of a model version the sandbox goes through (ProjectVersionStatus). */
export type ModelStatus =
  | 'TRAINING_IN_PROGRESS'
  | 'TRAINING_COMPLETED'
  | 'TRAINING_FAILED'
  | 'STARTING'
  | 'RUNNING'
  | 'STOPPING'
  | 'STOPPED'
  | 'DELETING';

/** What a stand-in model knows of one image (../models/stand-in.ts): its ground truth. */
export interface KnownImage {
  sourceRef: string;
  /** Image-level labels. */
  labels: string[];
  /** Boxes as ratios of the image (0..1), with their labels. */
  boxes: { label: string; left: number; top: number; width: number; height: number }[];
  /** Pixels, when the line says (image_size). */
  size?: { width: number; height: number };
}

/** The files training wrote into the output S3 location (keys in OutputConfig.S3Bucket). */
export interface ModelFiles {
  bucket: string;
  trainingValidation?: string;
  testingValidation?: string;
  manifestSummary?: string;
  summary?: string;
  trainingSnapshot?: string;
  testingSnapshot?: string;
}

export interface ModelRecord {
  arn: string;
  projectArn: string;
  versionName: string;
  versionDescription?: string;
  status: ModelStatus;
  statusMessage: string;
  /** Epoch ms. */
  created: number;
  trainingEnded?: number;
  output: { bucket: string; prefix: string };
  /** Where the datasets were when training began (their entries' lines, by dataset). */
  trainArn: string;
  testArn?: string;
  /** Set when training succeeded. */
  modelType?: 'image-level' | 'object-detection';
  labels?: string[];
  /** Per label, the confidence (0..100) from which the model reports it (the summary's Threshold x 100). */
  thresholds?: Record<string, number>;
  f1?: number;
  /** The stand-in model's seed (its predictions' noise). */
  seed?: number;
  files?: ModelFiles;
  /** The images the stand-in model knows (training and test), for DetectCustomLabels. */
  known?: KnownImage[];
  minInferenceUnits?: number;
  maxInferenceUnits?: number;
  /** A transition in progress: the status it ends in, and when. */
  pending?: { dueAt: number; to: ModelStatus | 'GONE' };
}

export interface StateSnapshot {
  version: 1;
  /** Last stamp handed out (ARN suffixes are unique and increasing). */
  lastStamp: number;
  projects: ProjectRecord[];
  datasets: DatasetRecord[];
  /** Model versions (absent in state files written before there were any). */
  models?: ModelRecord[];
}

/** In-memory state with indexes. */
export class State {
  readonly projects = new Map<string, ProjectRecord>();
  readonly datasets = new Map<string, DatasetRecord>();
  readonly models = new Map<string, ModelRecord>();
  private lastStamp = 0;

  /** A unique, increasing epoch-ms stamp for ARNs and timestamps. */
  stamp(now = Date.now()): number {
    this.lastStamp = Math.max(now, this.lastStamp + 1);
    return this.lastStamp;
  }

  datasetsOf(projectArn: string): DatasetRecord[] {
    return [...this.datasets.values()].filter((d) => d.projectArn === projectArn);
  }

  modelsOf(projectArn: string): ModelRecord[] {
    return [...this.models.values()].filter((m) => m.projectArn === projectArn);
  }

  snapshot(): StateSnapshot {
    return {
      version: 1,
      lastStamp: this.lastStamp,
      projects: [...this.projects.values()],
      datasets: [...this.datasets.values()],
      models: [...this.models.values()],
    };
  }

  restore(s: StateSnapshot): void {
    this.projects.clear();
    this.datasets.clear();
    this.models.clear();
    this.lastStamp = s.lastStamp ?? 0;
    for (const m of s.models ?? []) this.models.set(m.arn, m);
    for (const p of s.projects ?? []) this.projects.set(p.arn, p);
    for (const d of s.datasets ?? []) this.datasets.set(d.arn, d);
  }
}
