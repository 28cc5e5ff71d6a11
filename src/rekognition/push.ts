/**
 * Pushing a plan (`push-plan.ts`: which lines go, why the rest do not) into a dataset with
 * UpdateDatasetEntries. This file does not validate: it compares, packs, sends and waits.
 *
 * 1. The dataset must not be busy; then its entries are compared with the lines to send
 *    (`push-diff.ts`, streamed page by page) and only added and changed lines go: a push that
 *    stopped (a crash, a closed window, a failed or unknown batch) is resumed by pushing again.
 * 2. The lines to send are packed, in order, into as few requests as possible (<= maxBatchBytes each).
 * 3. Batches go one at a time; after each, the dataset must reach UPDATE_COMPLETE before the next
 *    (the service refuses an update while one is in progress). Cancellation is honoured between
 *    batches. A batch refused, or whose outcome is unknown, stops the push.
 * The result says exactly which lines landed, which did not, and which are unknown (sent, not
 * confirmed): see `PushResult` and `PushBatchState`. Line numbers are the plan's file lines.
 */
import {
  CustomLabelsError,
  type Cancellation,
  type Dataset,
  type Progress,
  type PushBatch,
  type PushDiff,
  type PushOptions,
  type PushResult,
  type WaitOptions,
} from './types';
import { LocalCodes } from '../manifest';
import { ErrorCodes, mayHaveBeenApplied } from './errors';
import { parseDatasetArn } from './arn';
import { encodeBatch, lineBytes, MAX_BATCH_BYTES, packBatches, type PackItem } from './pack';
import { linesNotSent, linesToSend, type PushPlan } from './push-plan';
import { diffEntries } from './push-diff';
import { DatasetFailedError, realClock, waitForStatus, type Clock } from './wait';

export interface PushDeps {
  update(datasetArn: string, body: Uint8Array): Promise<void>;
  describe(datasetArn: string): Promise<Dataset>;
  /** The dataset's entries, page by page (ListDatasetEntries), for the diff. */
  list(datasetArn: string, cancellation?: Cancellation): AsyncIterable<readonly string[]>;
  clock?: Clock;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KB` : `${n} bytes`;
}

/** A dataset whose creation failed has no entries and takes no update. */
function refuseFailedCreation(dataset: Dataset): void {
  if (dataset.status === 'CREATE_FAILED') {
    throw new CustomLabelsError(
      `Push to dataset failed: the dataset could not be created (${dataset.statusMessage ?? 'CREATE_FAILED'}), so it cannot be updated.`,
      ErrorCodes.preconditionFailed,
      'Delete the dataset, create it again, then push.',
    );
  }
}

/**
 * After a cancel, how long a push still waits for the batch the service already accepted, to
 * say whether its lines landed (an update of a few thousand entries takes seconds).
 */
export const CANCEL_GRACE_MS = 20_000;

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function isCancelledError(e: unknown): boolean {
  return e instanceof CustomLabelsError && e.code === ErrorCodes.cancelled;
}

export interface CompareOptions {
  cancellation?: Cancellation;
  progress?: Progress;
  wait?: Omit<WaitOptions, 'cancellation'>;
}

/**
 * The plan's sendable lines (valid, and with errors the service imports) against the dataset:
 * waits while the dataset is busy (an update in flight, perhaps one whose response was lost,
 * must settle before its entries say anything), then streams its entries.
 */
export async function compareWithDataset(deps: PushDeps, datasetArn: string, plan: PushPlan, options: CompareOptions = {}): Promise<PushDiff> {
  parseDatasetArn(datasetArn);
  const { cancellation, progress } = options;
  progress?.report('Waiting for the dataset to be ready');
  const dataset = await waitForStatus(
    deps.describe,
    datasetArn,
    { ...options.wait, ...(cancellation ? { cancellation } : {}), failOnFailed: false, action: 'Compare with the dataset' },
    deps.clock ?? realClock,
  );
  refuseFailedCreation(dataset);
  return diffEntries(linesToSend(plan, true), deps.list(datasetArn, cancellation), { ...(cancellation ? { cancellation } : {}), ...(progress ? { progress } : {}) });
}

export async function pushEntries(
  deps: PushDeps,
  datasetArn: string,
  plan: PushPlan,
  options: PushOptions = {},
): Promise<PushResult> {
  parseDatasetArn(datasetArn);
  const clock = deps.clock ?? realClock;
  const maxBytes = Math.min(options.maxBatchBytes ?? MAX_BATCH_BYTES, MAX_BATCH_BYTES);
  const { cancellation, progress } = options;
  const includeErrors = options.includeErrors ?? true;
  const candidates = linesToSend(plan, includeErrors);
  const rejected = linesNotSent(plan, includeErrors);
  let diff = options.diff;
  let cancelled = false;
  let dataset: Dataset | undefined;
  let batches: PushBatch[] = [];
  let unchanged: number[] = [];
  /** Lines to send that no batch holds yet (before packing, or cancelled before it). */
  let pending: number[] = candidates.map((l) => l.fileLine);

  const finish = (): PushResult => {
    const of = (state: PushBatch['state']): number[] => batches.filter((b) => b.state === state).flatMap((b) => b.lines);
    const byLine = (a: number, b: number): number => a - b;
    return {
      landed: of('landed').sort(byLine),
      unknown: of('unknown').sort(byLine),
      notLanded: [...pending, ...of('refused'), ...of('not-sent')].sort(byLine),
      unchanged,
      rejected: rejected.sort((a, b) => a.line - b.line),
      batches,
      cancelled,
      ...(diff ? { diff } : {}),
      ...(dataset ? { dataset } : {}),
    };
  };
  if (candidates.length === 0) return finish();

  const waitOptions = { ...options.wait, ...(cancellation ? { cancellation } : {}) };
  // The dataset must not be busy before the diff and the first batch.
  try {
    progress?.report('Waiting for the dataset to be ready', 0);
    dataset = await waitForStatus(deps.describe, datasetArn, { ...waitOptions, failOnFailed: false, action: 'Push to dataset' }, clock);
  } catch (e) {
    if (isCancelledError(e)) {
      cancelled = true;
      return finish();
    }
    throw e;
  }
  refuseFailedCreation(dataset);
  if (!diff && options.compare !== false) {
    try {
      diff = await diffEntries(linesToSend(plan, true), deps.list(datasetArn, cancellation), { ...(cancellation ? { cancellation } : {}), ...(progress ? { progress } : {}) });
    } catch (e) {
      if (isCancelledError(e)) {
        cancelled = true;
        return finish();
      }
      throw e;
    }
  }
  const same = new Set(diff?.unchanged ?? []);
  const sending = candidates.filter((l) => !same.has(l.fileLine));
  unchanged = candidates.filter((l) => same.has(l.fileLine)).map((l) => l.fileLine);

  // Packed by position in `sending`; the result speaks in the plan's file lines.
  const texts = sending.map((l) => l.text);
  const fileLine = (i: number): number => sending[i]!.fileLine;
  // In file order: lines with (non-terminal) errors never fail an update, and the lines that
  // count toward ERROR_TOO_MANY_RECORDS_IN_ERROR (terminal ones) are never sent (push-plan.ts).
  const items: PackItem[] = sending.map((l, i) => ({ index: i, bytes: lineBytes(l.text) }));
  const packed = packBatches(items, maxBytes);
  rejected.push(
    ...packed.oversize.map((o) => ({
      line: fileLine(o.index),
      reason: `The line takes ${o.bytes.toLocaleString('en-US')} bytes; one request holds at most ${maxBytes.toLocaleString('en-US')} bytes, so it cannot be sent.`,
      code: LocalCodes.LINE_TOO_LONG,
    })),
  );
  batches = packed.batches.map((b, index) => ({ index, lines: b.lines.map(fileLine), bytes: b.bytes, state: 'not-sent' }));
  pending = [];
  const positions = new Map(packed.batches.map((b, index) => [index, b.lines]));
  const totalBytes = batches.reduce((s, b) => s + b.bytes, 0);

  let sentBytes = 0;
  for (const batch of batches) {
    if (cancellation?.isCancelled) {
      cancelled = true;
      break;
    }
    const n = batches.length;
    progress?.report(
      `Sending batch ${batch.index + 1} of ${n} (${batch.lines.length.toLocaleString('en-US')} lines, ${formatBytes(batch.bytes)})`,
      sentBytes / totalBytes,
    );
    try {
      await deps.update(datasetArn, encodeBatch(texts, positions.get(batch.index)!));
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (mayHaveBeenApplied(e)) {
        // E.g. the response was lost and the SDK's retry found the dataset busy with this very update.
        batch.state = 'unknown';
        batch.error = `The request may have reached the dataset, but no answer confirms it: ${message}`;
        dataset = undefined;
      } else {
        batch.state = 'refused';
        batch.error = message;
      }
      if (isCancelledError(e)) cancelled = true;
      break;
    }
    // Sent; landed only once the dataset says UPDATE_COMPLETE.
    batch.state = 'unknown';
    sentBytes += batch.bytes;
    progress?.report(`Batch ${batch.index + 1} of ${n} sent; waiting for the dataset to finish updating`, sentBytes / totalBytes);
    const action = `Push batch ${batch.index + 1} of ${n}`;
    /** Waits for the batch: landed, or refused (UPDATE_FAILED); any other failure is returned. */
    const settle = async (wait: WaitOptions): Promise<unknown> => {
      try {
        dataset = await waitForStatus(deps.describe, datasetArn, { ...wait, action }, clock);
        batch.state = 'landed';
        return undefined;
      } catch (e) {
        if (!(e instanceof DatasetFailedError)) return e;
        // The service refused the whole batch: none of its lines are in the dataset.
        dataset = e.dataset;
        batch.state = 'refused';
        batch.error = e.message;
        return undefined;
      }
    };
    let failure = await settle(waitOptions);
    if (failure !== undefined && isCancelledError(failure)) {
      // Cancelling stops the batches not sent yet; the one the service accepted is being applied
      // whatever we do. Wait a little longer (not cancellable) to say whether it landed.
      cancelled = true;
      progress?.report(
        `Cancelled: no more batches are sent. Waiting for the dataset to finish batch ${batch.index + 1} (${batch.lines.length.toLocaleString('en-US')} lines), which the service accepted`,
        sentBytes / totalBytes,
      );
      failure = await settle({ ...options.wait, timeoutMs: Math.min(options.wait?.timeoutMs ?? CANCEL_GRACE_MS, CANCEL_GRACE_MS) });
      if (failure !== undefined) batch.error = `Sent and accepted; the dataset was still applying it when the push stopped waiting: ${messageOf(failure)}`;
    } else if (failure !== undefined) {
      // Sent, still being applied (timed out while waiting), or the status could not be read.
      batch.error = `Sent, but the dataset did not confirm it: ${messageOf(failure)}`;
    }
    // Still unknown: what the dataset holds is not known, so neither are its counts.
    if (failure !== undefined) dataset = undefined;
    // (settle() sets the state: read it anew.)
    if ((batch.state as PushBatch['state']) !== 'landed' || cancelled) break;
  }
  if (!cancelled && cancellation?.isCancelled && batches.some((b) => b.state === 'not-sent')) cancelled = true;
  const result = finish();
  progress?.report(
    `Pushed ${result.landed.length.toLocaleString('en-US')} of ${sending.length.toLocaleString('en-US')} lines${result.unchanged.length ? ` (${result.unchanged.length.toLocaleString('en-US')} unchanged, not sent)` : ''}`,
    1,
  );
  return result;
}
