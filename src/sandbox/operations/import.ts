/**
 * CreateDataset from a Ground Truth manifest in the S3 folder, done when the transition ends:
 * unreadable -> CREATE_FAILED ERROR_MANIFEST_INACCESSIBLE_OR_UNSUPPORTED_FORMAT; over 1 GB ->
 * ERROR_MANIFEST_SIZE_TOO_LARGE; over 250,000 lines -> ERROR_MANIFEST_ROWS_EXCEEDS_MAXIMUM; over
 * 250 labels -> ERROR_MANIFEST_TOO_MANY_LABELS; over 20% of lines with terminal content errors ->
 * ERROR_TOO_MANY_RECORDS_IN_ERROR (lines with non-terminal errors are imported with them).
 */
import { Limits, ServiceCodes, splitLines } from '../../manifest';
import type { Context } from '../service/context';
import { ingest, labelsOf, tooManyTerminal } from '../entries/ingest';
import { S3Folder } from '../s3/folder';
import type { DatasetPending, DatasetRecord } from '../state/records';
import { Messages, complete, failed, tooManyLabels, tooManyRecordsInError } from '../lifecycle/status-messages';

export function settleImport(ctx: Context, _ds: DatasetRecord, pending: DatasetPending): void {
  const from = pending.importFrom;
  if (!from) return;
  const where = `s3://${from.bucket}/${from.key}`;
  const inaccessible = (why: string) =>
    failed('CREATE_FAILED', ServiceCodes.MANIFEST_INACCESSIBLE_OR_UNSUPPORTED_FORMAT, `${where} ${why}. Check the bucket and key (the sandbox serves S3 from its --s3 folder) and create the dataset again.`);
  if (!ctx.s3Root) {
    pending.final = inaccessible('cannot be read: the sandbox was started without an S3 folder');
    return;
  }
  const s3 = new S3Folder(ctx.s3Root);
  const size = s3.size(from.bucket, from.key);
  if (size === undefined) {
    pending.final = inaccessible('does not exist or cannot be read');
    return;
  }
  if (size > Limits.maxManifestBytes) {
    pending.final = failed('CREATE_FAILED', ServiceCodes.MANIFEST_SIZE_TOO_LARGE, `${where} is ${size} bytes; a manifest may be at most 1 GB. Split it into several datasets or updates.`);
    return;
  }
  const text = s3.readText(from.bucket, from.key);
  if (text === undefined) {
    pending.final = inaccessible('cannot be read');
    return;
  }
  const lineCount = splitLines(text).length;
  if (lineCount === 0) {
    pending.final = inaccessible('is empty: a manifest holds one JSON object per line');
    return;
  }
  if (lineCount > Limits.maxLines) {
    pending.final = failed('CREATE_FAILED', ServiceCodes.MANIFEST_ROWS_EXCEEDS_MAXIMUM, `${where} has ${lineCount} lines; at most ${Limits.maxLines} are allowed (blank and invalid lines count). Split the manifest.`);
    return;
  }
  const result = ingest(text);
  if (tooManyTerminal(result)) {
    pending.final = tooManyRecordsInError('CREATE_FAILED', result.terminal, result.lines);
    return;
  }
  const labels = labelsOf(result.entries).size;
  if (labels > Limits.maxLabelsPerDataset) {
    pending.final = tooManyLabels('CREATE_FAILED', labels);
    return;
  }
  pending.entries = result.entries;
  pending.final = complete('CREATE_COMPLETE', Messages.createdFromManifest);
}
