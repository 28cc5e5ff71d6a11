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

export interface StateSnapshot {
  version: 1;
  /** Last stamp handed out (ARN suffixes are unique and increasing). */
  lastStamp: number;
  projects: ProjectRecord[];
  datasets: DatasetRecord[];
}

/** In-memory state with indexes. */
export class State {
  readonly projects = new Map<string, ProjectRecord>();
  readonly datasets = new Map<string, DatasetRecord>();
  private lastStamp = 0;

  /** A unique, increasing epoch-ms stamp for ARNs and timestamps. */
  stamp(now = Date.now()): number {
    this.lastStamp = Math.max(now, this.lastStamp + 1);
    return this.lastStamp;
  }

  datasetsOf(projectArn: string): DatasetRecord[] {
    return [...this.datasets.values()].filter((d) => d.projectArn === projectArn);
  }

  snapshot(): StateSnapshot {
    return {
      version: 1,
      lastStamp: this.lastStamp,
      projects: [...this.projects.values()],
      datasets: [...this.datasets.values()],
    };
  }

  restore(s: StateSnapshot): void {
    this.projects.clear();
    this.datasets.clear();
    this.lastStamp = s.lastStamp ?? 0;
    for (const p of s.projects ?? []) this.projects.set(p.arn, p);
    for (const d of s.datasets ?? []) this.datasets.set(d.arn, d);
  }
}
