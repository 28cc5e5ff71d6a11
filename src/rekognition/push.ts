/**
 * Pushing manifest lines into a dataset with UpdateDatasetEntries.
 *
 * 1. Every line is validated first; lines the service would drop without a word (invalid JSON,
 *    missing or malformed source-ref, over 100,000 characters, a source-ref already pushed) are
 *    refused here, with the reason and code.
 * 2. The rest are packed, in order, into as few requests as possible (<= maxBatchBytes each).
 * 3. Batches go one at a time; after each, the dataset must reach UPDATE_COMPLETE before the next
 *    (the service refuses an update while one is in progress). Cancellation is honoured between
 *    batches. A failed batch stops the push; later batches are not sent.
 * The result says exactly which lines were accepted, refused or not sent, and which batches landed,
 * so a retry sends `notSent` only and nothing twice.
 */
import {
  CustomLabelsError,
  type Dataset,
  type PushBatch,
  type PushOptions,
  type PushResult,
  type RejectedLine,
} from './types';
import type { LineResult } from '../manifest';
import { DROPPING_CODES, Limits, LocalCodes, ServiceCodes } from '../manifest';
import { ErrorCodes } from './errors';
import { parseDatasetArn } from './arn';
import { encodeBatch, invalidPercent, lineBytes, MAX_BATCH_BYTES, packBatches, spreadInvalid, type PackItem } from './pack';
import { DatasetFailedError, realClock, waitForStatus, type Clock } from './wait';

export type LineValidator = (text: string, line?: number) => LineResult;

export interface PushDeps {
  validateLine: LineValidator;
  update(datasetArn: string, body: Uint8Array): Promise<void>;
  describe(datasetArn: string): Promise<Dataset>;
  clock?: Clock;
}

export interface ScreenResult {
  items: PackItem[];
  rejected: RejectedLine[];
}

/** Validates the lines and keeps those the service would actually import. */
export function screenLines(lines: readonly string[], validateLine: LineValidator): ScreenResult {
  const items: PackItem[] = [];
  const rejected: RejectedLine[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i];
    if (typeof text !== 'string' || text.trim() === '') {
      rejected.push({ line: i, reason: 'The line is blank; the service counts it as an invalid line.', code: LocalCodes.BLANK_LINE });
      continue;
    }
    if (/[\r\n]/.test(text)) {
      rejected.push({
        line: i,
        reason: 'The line contains a line break; the service would read it as two broken lines and drop both. Put each entry on one line.',
        code: ServiceCodes.INVALID_JSON_LINE,
      });
      continue;
    }
    const result = validateLine(text, i);
    if (result.dropped) {
      const p =
        result.problems.find((q) => DROPPING_CODES.has(q.code)) ?? result.problems.find((q) => q.severity === 'error');
      rejected.push({
        line: i,
        reason: `The service would drop this line without reporting it: ${p?.message ?? 'it is not a valid manifest line.'}`,
        ...(p ? { code: p.code } : {}),
      });
      continue;
    }
    const ref = result.entry?.sourceRef;
    if (ref !== undefined) {
      const first = seen.get(ref);
      if (first !== undefined) {
        rejected.push({
          line: i,
          reason: `The source-ref "${ref}" is already on line ${first + 1}; the service keeps one of them and drops the other silently. Keep one line per image.`,
          code: LocalCodes.DUPLICATE_SOURCE_REF,
        });
        continue;
      }
      seen.set(ref, i);
    }
    const invalid = result.problems.some((q) => q.severity === 'error');
    items.push(invalid ? { index: i, bytes: lineBytes(text), invalid } : { index: i, bytes: lineBytes(text) });
  }
  return { items, rejected };
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
  lines: readonly string[],
  options: PushOptions = {},
): Promise<PushResult> {
  parseDatasetArn(datasetArn);
  const clock = deps.clock ?? realClock;
  const maxBytes = Math.min(options.maxBatchBytes ?? MAX_BATCH_BYTES, MAX_BATCH_BYTES);
  const { cancellation, progress } = options;

  const screened = screenLines(lines, deps.validateLine);
  const packed = packForThreshold(screened.items, maxBytes);
  const rejected = [
    ...screened.rejected,
    ...packed.oversize.map((o) => ({
      line: o.index,
      reason: `The line takes ${o.bytes.toLocaleString('en-US')} bytes; one request holds at most ${maxBytes.toLocaleString('en-US')} bytes, so it cannot be sent.`,
      code: LocalCodes.LINE_TOO_LONG,
    })),
  ].sort((a, b) => a.line - b.line);
  const batches: PushBatch[] = packed.batches.map((b, index) => ({ index, lines: b.lines, bytes: b.bytes, state: 'not-sent' }));
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
      await deps.update(datasetArn, encodeBatch(lines, batch.lines));
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
  progress?.report(`Pushed ${accepted.length.toLocaleString('en-US')} of ${lines.length.toLocaleString('en-US')} lines`, 1);
  return finish();
}
