/**
 * The diff before a push: the local lines against the dataset's entries, by source-ref.
 *
 * - added: the source-ref is not in the dataset;
 * - changed: it is, with other content;
 * - unchanged: the dataset holds the line as it is (it is not sent again);
 * - only in the dataset: entries no local line names (no API deletes an entry: listed, never touched).
 *
 * "The same content" is compared after normalising both sides (`canonicalEntry` writes the
 * form; `sameEntry` compares two parsed values the same way without building it): the keys the
 * service writes into entries (`errors`, `cl-errors`, `warnings`, `cl-warnings`, `cl-metadata`,
 * at any depth: manifest/service-findings.ts) are left out, key order does not count, and JSON
 * spacing and number/escape spellings do not either (both sides are parsed).
 *
 * Bounded memory: the dataset is read page by page and no entry is kept. What is held is one
 * index of the LOCAL lines (source-ref -> position) and one byte of state per local line; a
 * local line is normalised only when the dataset has an entry with its source-ref. Of the
 * entries only in the dataset, the count and the first `listLimit` source-refs are kept.
 * Pure: no `vscode` import.
 */
import { SERVICE_KEYS, s3Location } from '../manifest';
import { throwIfCancelled } from './cancellation';
import type { Cancellation, Progress, PushDiff } from './types';

/** How many source-refs of entries only in the dataset a diff keeps (the count is always exact). */
export const ONLY_IN_DATASET_LISTED = 1000;

interface DiffLine {
  fileLine: number;
  text: string;
  sourceRef?: string;
}

function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(value as Record<string, unknown>).sort()) {
    if (SERVICE_KEYS.has(key)) continue;
    out[key] = normalise((value as Record<string, unknown>)[key]);
  }
  return out;
}

/** A line or entry in its comparable form; undefined when it is not a JSON object. */
export function canonicalEntry(text: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return canonicalValue(value);
}

/**
 * The same entry, as `canonicalEntry` compares them, without building the canonical forms:
 * service keys skipped on both sides, key order ignored, arrays in order.
 */
export function sameEntry(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameEntry(a[i], b[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let n = 0;
  for (const key of Object.keys(x)) {
    if (SERVICE_KEYS.has(key)) continue;
    if (!Object.prototype.hasOwnProperty.call(y, key) || !sameEntry(x[key], y[key])) return false;
    n++;
  }
  for (const key of Object.keys(y)) if (!SERVICE_KEYS.has(key)) n--;
  return n === 0;
}

function canonicalValue(value: unknown): string | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  try {
    return JSON.stringify(normalise(value));
  } catch {
    return undefined; // nested too deep (RangeError)
  }
}

// State per local line: 0 added (not seen in the dataset), 1 unchanged, 2 changed.
const UNCHANGED = 1;
const CHANGED = 2;

export interface DiffOptions {
  cancellation?: Cancellation;
  progress?: Progress;
  /** Source-refs of entries only in the dataset to keep (default ONLY_IN_DATASET_LISTED). */
  listLimit?: number;
}

/**
 * Compares `lines` (each with its source-ref, as planned) with the dataset's entries, streamed
 * page by page. Lines without a source-ref count as added. Throws CANCELLED between pages.
 */
export async function diffEntries(
  lines: readonly DiffLine[],
  pages: AsyncIterable<readonly string[]>,
  options: DiffOptions = {},
): Promise<PushDiff> {
  const limit = options.listLimit ?? ONLY_IN_DATASET_LISTED;
  const position = new Map<string, number>();
  lines.forEach((l, i) => {
    if (l.sourceRef !== undefined && !position.has(l.sourceRef)) position.set(l.sourceRef, i);
  });
  const state = new Uint8Array(lines.length);
  const onlyInDataset: string[] = [];
  let onlyCount = 0;
  let entries = 0;
  const buckets = new Map<string, number>();
  for await (const page of pages) {
    throwIfCancelled(options.cancellation, 'Comparing with the dataset');
    for (const entry of page) {
      entries++;
      let value: unknown;
      try {
        value = JSON.parse(entry);
      } catch {
        continue;
      }
      const ref = value && typeof value === 'object' ? (value as Record<string, unknown>)['source-ref'] : undefined;
      if (typeof ref !== 'string') continue;
      const bucket = s3Location(ref)?.bucket;
      if (bucket !== undefined) buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1);
      const i = position.get(ref);
      if (i === undefined) {
        onlyCount++;
        if (onlyInDataset.length < limit) onlyInDataset.push(ref);
        continue;
      }
      let same = false;
      try {
        same = sameEntry(JSON.parse(lines[i]!.text), value);
      } catch {
        // Not JSON, or nested too deep to compare (RangeError): send it again, which is harmless.
      }
      state[i] = same ? UNCHANGED : CHANGED;
    }
    options.progress?.report(`Comparing with the dataset: ${entries.toLocaleString('en-US')} entries read`);
  }
  const diff: PushDiff = {
    added: [],
    changed: [],
    unchanged: [],
    onlyInDataset: { count: onlyCount, sourceRefs: onlyInDataset },
    entries,
    datasetBuckets: [...buckets].map(([bucket, n]) => ({ bucket, entries: n })),
  };
  lines.forEach((l, i) => {
    const s = state[i];
    (s === UNCHANGED ? diff.unchanged : s === CHANGED ? diff.changed : diff.added).push(l.fileLine);
  });
  return diff;
}
