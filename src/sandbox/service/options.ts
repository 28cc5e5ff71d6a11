/** Options and public shapes of the local sandbox service. Pure: no `vscode` import. */
import type { SandboxClock } from '../lifecycle/clock';

export interface FaultOptions {
  /** Every Nth request (counted over `operations`, or all) fails with ThrottlingException (HTTP 500), as AWS sends it. */
  throttleEveryNth?: number;
  /** Every Nth request (counted over `operations`, or all) fails with InternalServerError (HTTP 500). */
  internalErrorEveryNth?: number;
  /** The next UpdateDatasetEntries or DistributeDatasetEntries ends UPDATE_FAILED (CLIENT_ERROR). Reset once used. */
  failNextUpdate?: boolean;
  /**
   * A lost response: the next request of this operation (e.g. 'UpdateDatasetEntries') is
   * applied, then the connection closes without an answer (the client sees ECONNRESET; the
   * SDK retries). Reset once used.
   */
  loseNextResponse?: string;
  /** Slow transitions: operations started while this is set stay in progress this long (ms) instead of transitionDelayMs. */
  slowTransitionsMs?: number;
  /** Limit the faults to these operation names (e.g. ['UpdateDatasetEntries']). */
  operations?: string[];
}

export interface SandboxOptions {
  /** 0 or undefined: a free port. Always bound to 127.0.0.1. */
  port?: number;
  /** Time a dataset/project spends IN_PROGRESS (or CREATING/DELETING); default 1000 ms. */
  transitionDelayMs?: number;
  /** Seed of DistributeDatasetEntries' split (deterministic). Default 1. */
  seed?: number;
  /** Folder serving "S3": s3://bucket/key -> <s3Root>/bucket/key. */
  s3Root?: string;
  /** State is saved there (JSON; a change is on disk before any answer that could reveal it) and reloaded on start. */
  persistDir?: string;
  /** Default '123456789012'. */
  account?: string;
  /** Default 'us-east-1'. */
  region?: string;
  faults?: FaultOptions;
  /** The time transitions run on (default: the system clock). Tests pass a ManualClock and move it. */
  clock?: SandboxClock;
  /** Creates this many projects at start (`project-001`, ..., CREATED, no dataset; missing ones only): an account to page through. */
  seedProjects?: number;
}

/** One request the sandbox saw. */
export interface RequestRecord {
  operation: string;
  /** Size in bytes of the request body as received (the JSON document). */
  bytes: number;
  /** UpdateDatasetEntries only: decoded bytes of Changes.GroundTruth. */
  payloadBytes?: number;
  /** S3 requests (operation 'S3.GetObject', 'S3.HeadObject', 'S3.ListObjectsV2'): the HTTP status answered. */
  status?: number;
  /** S3.GetObject: the Range header sent, if any. */
  range?: string;
  /** S3 requests: bytes of the answer's body (the byte range of the object streamed, or the XML), headers not counted. */
  sent?: number;
}

export interface Sandbox {
  /** http://127.0.0.1:PORT */
  readonly endpoint: string;
  readonly port: number;
  readonly region: string;
  /** Mutable at run time by tests. */
  faults: FaultOptions;
  /** The most recent requests (at most 10,000), for tests (operation name + body size), newest last. */
  readonly requests: ReadonlyArray<RequestRecord>;
  /** Requests seen since the start (not bounded by what `requests` keeps): `requests.slice(-(requestCount - mark))` are those since `mark`. */
  readonly requestCount: number;
  /** Creates `demo-project` with a TRAIN dataset of sample entries (idempotent by name), and its images in the S3 folder when missing. */
  seedDemo(): Promise<{ projectArn: string; trainArn: string }>;
  /** Stops listening, closes open connections and clears every timer. */
  close(): Promise<void>;
}

export const DEFAULT_ACCOUNT = '123456789012';
export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_TRANSITION_DELAY_MS = 1000;
