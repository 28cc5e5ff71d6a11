/**
 * Pushing a plan (`push-plan.ts`: which lines go, why the rest do not) into a dataset with
 * UpdateDatasetEntries. This file does not validate: it packs, sends and waits.
 *
 * 1. The lines to send are packed, in order, into as few requests as possible (<= maxBatchBytes each).
 * 2. Batches go one at a time; after each, the dataset must reach UPDATE_COMPLETE before the next
 *    (the service refuses an update while one is in progress). Cancellation is honoured between
 *    batches. A failed batch stops the push; later batches are not sent.
 * The result says exactly which lines were accepted, refused or not sent, and which batches landed,
 * so a retry sends `notSent` only and nothing twice. Line numbers are the plan's file lines.
 */
import {
  CustomLabelsError,
  type Dataset,
  type PushBatch,
  type PushOptions,
  type PushResult,
} from './types';
import { Limits, LocalCodes } from '../manifest';
import { ErrorCodes } from './errors';
import { parseDatasetArn } from './arn';
import { encodeBatch, invalidPercent, lineBytes, MAX_BATCH_BYTES, packBatches, spreadInvalid, type PackItem } from './pack';
import { linesNotSent, linesToSend, type PushPlan } from './push-plan';
import { DatasetFailedError, realClock, waitForStatus, type Clock } from './wait';

export interface PushDeps {
  update(datasetArn: string, body: Uint8Array): Promise<void>;
  describe(datasetArn: string): Promise<Dataset>;
  clock?: Clock;
}

/**
 * Packs in file order; when that puts more than the service's share of lines with errors into
 * one batch (while the push as a whole is under it), packs again with those lines spread out.
 */
function packForThreshold(items: readonly PackItem[], maxBytes: number): ReturnType<typeof packBatches> {
  const inOrder = packBatches(items, maxBytes);
  if (inOrder.batches.length < 2) return inOrder;
  const invalid = new Set(items.filter((i) => i.invalid).map((i) => i.index));
  const over = (batches: { lines: number[] }[]): boolean => batches.some((b) => invalidPercent(b.lines, invalid) > Limits.invalidShareThresholdPercent);
  if (invalid.size === 0 || !over(inOrder.batches)) return inOrder;
  const spread = packBatches(spreadInvalid(items), maxBytes);
  for (const b of spread.batches) b.lines.sort((x, y) => x - y);
  return over(spread.batches) ? inOrder : spread;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KB` : `${n} bytes`;
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

  // Packed by position in `sending`; the result speaks in the plan's file lines.
  const sending = linesToSend(plan, includeErrors);
  const texts = sending.map((l) => l.text);
  const fileLine = (i: number): number => sending[i]!.fileLine;
  const withErrors = new Set(plan.invalid.map((l) => l.fileLine));
  const items: PackItem[] = sending.map((l, i) =>
    withErrors.has(l.fileLine) ? { index: i, bytes: lineBytes(l.text), invalid: true } : { index: i, bytes: lineBytes(l.text) },
  );
  const packed = packForThreshold(items, maxBytes);
  const rejected = [
    ...linesNotSent(plan, includeErrors),
    ...packed.oversize.map((o) => ({
      line: fileLine(o.index),
      reason: `The line takes ${o.bytes.toLocaleString('en-US')} bytes; one request holds at most ${maxBytes.toLocaleString('en-US')} bytes, so it cannot be sent.`,
      code: LocalCodes.LINE_TOO_LONG,
    })),
  ].sort((a, b) => a.line - b.line);
  const batches: PushBatch[] = packed.batches.map((b, index) => ({ index, lines: b.lines.map(fileLine), bytes: b.bytes, state: 'not-sent' }));
  const positions = new Map(packed.batches.map((b, index) => [index, b.lines]));
  const accepted: number[] = [];
  const totalBytes = batches.reduce((s, b) => s + b.bytes, 0);
  let cancelled = false;
  let dataset: Dataset | undefined;

  const finish = (): PushResult => ({
    accepted,
    rejected,
    notSent: batches.filter((b) => b.state !== 'sent').flatMap((b) => b.lines),
    batches,
    cancelled,
    ...(dataset ? { dataset } : {}),
  });
  if (batches.length === 0) return finish();

  const waitOptions = { ...options.wait, ...(cancellation ? { cancellation } : {}) };
  // The dataset must not be busy before the first batch.
  try {
    progress?.report('Waiting for the dataset to be ready', 0);
    dataset = await waitForStatus(deps.describe, datasetArn, { ...waitOptions, failOnFailed: false, action: 'Push to dataset' }, clock);
  } catch (e) {
    if (e instanceof CustomLabelsError && e.code === ErrorCodes.cancelled) {
      cancelled = true;
      return finish();
    }
    throw e;
  }
  if (dataset.status === 'CREATE_FAILED') {
    throw new CustomLabelsError(
      `Push to dataset failed: the dataset could not be created (${dataset.statusMessage ?? 'CREATE_FAILED'}), so it cannot be updated.`,
      ErrorCodes.preconditionFailed,
      'Delete the dataset, create it again, then push.',
    );
  }

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
      batch.state = 'failed';
      batch.error = e instanceof Error ? e.message : String(e);
      break;
    }
    batch.state = 'sent';
    accepted.push(...batch.lines);
    sentBytes += batch.bytes;
    progress?.report(`Batch ${batch.index + 1} of ${n} sent; waiting for the dataset to finish updating`, sentBytes / totalBytes);
    try {
      dataset = await waitForStatus(deps.describe, datasetArn, { ...waitOptions, action: `Push batch ${batch.index + 1} of ${n}` }, clock);
    } catch (e) {
      if (e instanceof DatasetFailedError) {
        // The service refused the whole batch: none of its lines are in the dataset.
        dataset = e.dataset;
        batch.state = 'failed';
        batch.error = e.message;
        accepted.splice(accepted.length - batch.lines.length, batch.lines.length);
      } else if (e instanceof CustomLabelsError && e.code === ErrorCodes.cancelled) {
        // Sent, still being applied by the service; the push stops here.
        cancelled = true;
      } else {
        // Sent, but its outcome is unknown (timeout, network): say so and stop.
        batch.error = `Sent, but the dataset status could not be confirmed: ${e instanceof Error ? e.message : String(e)}`;
      }
      break;
    }
  }
  if (!cancelled && cancellation?.isCancelled && batches.some((b) => b.state === 'not-sent')) cancelled = true;
  const total = plan.valid.length + plan.invalid.length + plan.blank.length;
  progress?.report(`Pushed ${accepted.length.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} lines`, 1);
  return finish();
}
