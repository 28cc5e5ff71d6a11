/**
 * Packing manifest lines into UpdateDatasetEntries requests: as few requests as possible, each
 * at most `maxBytes` decoded bytes (every line counts its UTF-8 bytes plus one '\n'), in line order.
 * Greedy next-fit is optimal here: with the order fixed, filling each request as far as it goes
 * never needs more requests than any other split into consecutive runs.
 */

/** The service's limit on Changes.GroundTruth, in decoded bytes. */
export const MAX_BATCH_BYTES = 5_242_880;

export interface PackItem {
  /** Index of the line in the pushed lines. */
  index: number;
  /** Bytes the line takes in a request: UTF-8 length + 1 for its '\n'. */
  bytes: number;
}

export interface PackedBatch {
  lines: number[];
  bytes: number;
}

export interface PackResult {
  batches: PackedBatch[];
  /** Lines that alone exceed maxBytes (never sent). */
  oversize: PackItem[];
}

/** Bytes one line takes in a request body. */
export function lineBytes(line: string): number {
  return Buffer.byteLength(line, 'utf8') + 1;
}

export function packBatches(items: readonly PackItem[], maxBytes = MAX_BATCH_BYTES): PackResult {
  if (!Number.isInteger(maxBytes) || maxBytes < 2) throw new RangeError(`maxBytes must be an integer >= 2, got ${maxBytes}`);
  const batches: PackedBatch[] = [];
  const oversize: PackItem[] = [];
  let current: PackedBatch | undefined;
  for (const item of items) {
    if (item.bytes > maxBytes) {
      oversize.push(item);
      continue;
    }
    if (!current || current.bytes + item.bytes > maxBytes) {
      current = { lines: [], bytes: 0 };
      batches.push(current);
    }
    current.lines.push(item.index);
    current.bytes += item.bytes;
  }
  return { batches, oversize };
}

/** The request body of a batch: each line followed by '\n', UTF-8. */
export function encodeBatch(lines: readonly string[], indexes: readonly number[]): Buffer {
  const parts: Buffer[] = [];
  const nl = Buffer.from('\n');
  for (const i of indexes) {
    parts.push(Buffer.from(lines[i], 'utf8'), nl);
  }
  return Buffer.concat(parts);
}
