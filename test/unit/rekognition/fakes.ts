/** Test doubles shared by the rekognition unit tests (no SDK, no timers). */
import type { Cancellation, Dataset, DatasetStatus } from '../../../src/rekognition/types';
import { cancelledError } from '../../../src/rekognition/cancellation';
import type { Clock } from '../../../src/rekognition/wait';

/** A clock whose sleeps return at once and advance `now`; records every delay asked for. */
export class FakeClock implements Clock {
  time = 1_000_000;
  readonly sleeps: number[] = [];
  /** Called at the start of each sleep (e.g. to cancel from inside). */
  onSleep?: (ms: number) => void;
  now(): number {
    return this.time;
  }
  async sleep(ms: number, cancellation?: Cancellation): Promise<void> {
    this.sleeps.push(ms);
    this.onSleep?.(ms);
    if (cancellation?.isCancelled) throw cancelledError('Waiting');
    this.time += ms;
  }
}

export const TRAIN_ARN = 'arn:aws:rekognition:us-east-1:123456789012:project/p1/dataset/train/1700000000001';
export const TEST_ARN = 'arn:aws:rekognition:us-east-1:123456789012:project/p1/dataset/test/1700000000002';

export function dataset(status: DatasetStatus, extra: Partial<Dataset> = {}): Dataset {
  return {
    arn: TRAIN_ARN,
    type: 'TRAIN',
    status,
    stats: { labeledEntries: 0, totalEntries: 0, totalLabels: 0, errorEntries: 0 },
    ...extra,
  };
}

/** A describe() that returns the given statuses in turn (the last one repeats). */
export function scriptedDescribe(statuses: (DatasetStatus | Dataset)[]): { describe: (arn: string) => Promise<Dataset>; calls: number } {
  const state = {
    calls: 0,
    describe: async (): Promise<Dataset> => {
      const s = statuses[Math.min(state.calls, statuses.length - 1)];
      state.calls++;
      return typeof s === 'string' ? dataset(s) : s;
    },
  };
  return state;
}

import type { LineResult } from '../../../src/manifest/types';

/**
 * The one stand-in for validateLine in the unit tests of push (no validator dependency): the
 * dropping rules, and a line with `"bad": true` carries a non-terminal error (a box off the image).
 */
export function fakeValidateLine(text: string, line = 0): LineResult {
  const problem = (code: string, message: string): LineResult => ({
    dropped: true,
    problems: [{ line, start: 0, end: text.length, severity: 'error', code: code as never, message, scope: 'line' }],
  });
  if (text.length > 100_000) return problem('CL_LINE_TOO_LONG', 'The line is over 100,000 characters.');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return problem('ERROR_INVALID_JSON_LINE', 'The line is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return problem('ERROR_INVALID_JSON_LINE', 'Not an object.');
  const ref = (value as Record<string, unknown>)['source-ref'];
  if (ref === undefined) return problem('ERROR_MISSING_SOURCE_REF', 'The line has no source-ref.');
  if (typeof ref !== 'string' || !/^s3:\/\/[^/]+\/.+/.test(ref)) return problem('ERROR_INVALID_SOURCE_REF_FORMAT', 'The source-ref is not s3://bucket/key.');
  const entry = { sourceRef: ref, attributes: [], labels: [], boxes: 0, labeled: false };
  if ((value as Record<string, unknown>).bad) {
    return {
      dropped: false,
      entry,
      problems: [{ line, start: 0, end: 1, severity: 'error', code: 'ERROR_INVALID_BOUNDING_BOX', message: 'Box off the image.', scope: 'line' }],
    };
  }
  return { dropped: false, problems: [], entry };
}

/** A refusal as the SDK throws it: HTTP 400 on the first attempt (not applied). */
export function refusal(message: string): Error {
  return Object.assign(new Error(message), { name: 'InvalidParameterException', $metadata: { httpStatusCode: 400, attempts: 1 } });
}

/**
 * An in-memory dataset for push unit tests: updates go in progress for `busyPolls` describes,
 * then apply (upsert by source-ref) unless they end UPDATE_FAILED; `list` pages its entries.
 */
export class FakeDataset {
  status: DatasetStatus = 'CREATE_COMPLETE';
  readonly bodies: string[] = [];
  /** Stored entries by source-ref. */
  readonly entries = new Map<string, string>();
  busyPolls = 1;
  private pending = 0;
  private pendingLines: string[] = [];
  /** Batch numbers (1-based) whose update call is refused (HTTP 400, nothing applied). */
  failCall = new Set<number>();
  /** Batch numbers (1-based) that are applied, but whose call then fails (the response is lost). */
  loseResponse = new Set<number>();
  /** Batch numbers (1-based) that end UPDATE_FAILED. */
  failUpdate = new Set<number>();
  describes = 0;
  lists = 0;

  update = async (_arn: string, body: Uint8Array): Promise<void> => {
    const n = this.bodies.length + 1;
    if (this.status.endsWith('IN_PROGRESS')) throw new Error('ResourceInUse: sent while busy');
    if (this.failCall.has(n)) {
      this.failCall.delete(n);
      throw refusal(`Push to dataset failed: injected failure of call ${n}`);
    }
    const text = Buffer.from(body).toString('utf8');
    this.bodies.push(text);
    this.status = 'UPDATE_IN_PROGRESS';
    this.pending = this.busyPolls;
    this.pendingLines = text.split('\n').filter(Boolean);
    this.nextFinal = this.failUpdate.has(n) ? 'UPDATE_FAILED' : 'UPDATE_COMPLETE';
    if (this.loseResponse.has(n)) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
  };
  private nextFinal: DatasetStatus = 'UPDATE_COMPLETE';

  /** The update in progress ends at the next describe. */
  settleSoon(): void {
    this.pending = 0;
  }

  describe = async (): Promise<Dataset> => {
    this.describes++;
    if (this.status.endsWith('IN_PROGRESS')) {
      if (this.pending-- <= 0) {
        this.status = this.status === 'CREATE_IN_PROGRESS' ? 'CREATE_COMPLETE' : this.nextFinal;
        if (this.status === 'UPDATE_COMPLETE') {
          for (const line of this.pendingLines) this.entries.set((JSON.parse(line) as Record<string, string>)['source-ref']!, line);
        }
        this.pendingLines = [];
      }
    }
    return dataset(this.status, this.status === 'UPDATE_FAILED' ? { statusMessage: 'Injected failure', statusMessageCode: 'SERVICE_ERROR' } : {});
  };

  list = (): AsyncIterable<string[]> => {
    this.lists++;
    const all = [...this.entries.values()];
    return (async function* () {
      for (let i = 0; i < all.length; i += 100) yield all.slice(i, i + 100);
      if (all.length === 0) yield [];
    })();
  };
}

export function manifestLine(i: number, pad = 0): string {
  return JSON.stringify({ 'source-ref': `s3://bucket/img-${i}.jpg`, label: 1, pad: 'x'.repeat(pad) });
}
