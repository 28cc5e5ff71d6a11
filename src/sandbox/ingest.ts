/**
 * Turns pushed or imported JSON Lines into stored entries, with the SAME validator the editor
 * uses (`validateLine`). What the service does, and so what this does:
 * - lines the validator marks `dropped` (invalid JSON, missing/malformed source-ref, too long)
 *   and repeated source-refs within one request vanish silently;
 * - other lines are stored; their error problems are recorded on the entry as
 *   `"errors":[{"code","message"}]` (and warning codes as `"warnings"`), the way ListDatasetEntries
 *   shows non-terminal errors; service keys already on a pushed line are stripped first;
 * - every blank, dropped or erroneous line counts as invalid for the 20% rule.
 */
import { SERVICE_FINDING_KEYS, validateLine } from '../manifest';
import type { Problem } from '../manifest';
import type { EntryRecord } from './state';

/** Keys the service writes onto entries; stripped from a pushed line before it is validated. */
const SERVICE_KEYS = SERVICE_FINDING_KEYS;

export interface IngestResult {
  /** Distinct entries, in first-seen order. */
  entries: EntryRecord[];
  /** Lines in the payload (a final newline does not start a line). */
  lines: number;
  /** Blank, dropped, duplicate or erroneous lines. */
  invalid: number;
  dropped: number;
}

export function splitLines(text: string): string[] {
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Removes service keys at the top level and inside label attribute values/metadata. */
function stripServiceKeys(text: string): string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return text;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return text;
  const obj = value as Record<string, unknown>;
  let changed = false;
  for (const key of SERVICE_KEYS) {
    if (key in obj) {
      delete obj[key];
      changed = true;
    }
  }
  for (const v of Object.values(obj)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      for (const key of SERVICE_KEYS) {
        if (key in (v as Record<string, unknown>)) {
          delete (v as Record<string, unknown>)[key];
          changed = true;
        }
      }
    }
  }
  return changed ? JSON.stringify(obj) : text;
}

/** Validates one line and builds its stored entry; undefined when the service would drop it. */
export function ingestLine(text: string, index = 0): { entry?: EntryRecord; invalid: boolean } {
  const clean = stripServiceKeys(text);
  const result = validateLine(clean, index);
  const errors = result.problems.filter((p: Problem) => p.severity === 'error');
  const sourceRef = result.entry?.sourceRef;
  if (result.dropped || !result.entry || sourceRef === undefined) return { invalid: true };
  const warnings = result.problems.filter((p: Problem) => p.severity === 'warning' && p.code.startsWith('WARNING_'));
  let obj: Record<string, unknown>;
  try {
    obj = JSON.parse(clean) as Record<string, unknown>;
  } catch {
    // The validator accepted something JSON.parse does not (it should not happen): drop it as the service would.
    return { invalid: true };
  }
  if (errors.length > 0) obj.errors = errors.map((p: Problem) => ({ code: p.code, message: p.message }));
  if (warnings.length > 0) obj.warnings = warnings.map((p: Problem) => ({ code: p.code, message: p.message }));
  const entry: EntryRecord = {
    sourceRef,
    line: JSON.stringify(obj),
    labels: [...result.entry.labels],
    boxLabels: { ...(result.entry.boxLabels ?? {}) },
    labeled: result.entry.labeled,
    hasErrors: errors.length > 0,
  };
  return { entry, invalid: errors.length > 0 };
}

export function ingest(text: string): IngestResult {
  const lines = splitLines(text);
  const seen = new Set<string>();
  const entries: EntryRecord[] = [];
  let invalid = 0;
  let dropped = 0;
  lines.forEach((line, i) => {
    const r = ingestLine(line, i);
    if (!r.entry || seen.has(r.entry.sourceRef)) {
      dropped++;
      invalid++;
      return;
    }
    if (r.invalid) invalid++;
    seen.add(r.entry.sourceRef);
    entries.push(r.entry);
  });
  return { entries, lines: lines.length, invalid, dropped };
}

/** Upsert keyed on source-ref: an existing entry is replaced in place, a new one appended. */
export function upsert(existing: readonly EntryRecord[], changes: readonly EntryRecord[]): EntryRecord[] {
  const out = existing.slice();
  const index = new Map<string, number>();
  out.forEach((e, i) => index.set(e.sourceRef, i));
  for (const c of changes) {
    const i = index.get(c.sourceRef);
    if (i === undefined) {
      index.set(c.sourceRef, out.length);
      out.push(c);
    } else {
      out[i] = c;
    }
  }
  return out;
}

/** Distinct labels over entries. */
export function labelsOf(entries: readonly EntryRecord[]): Set<string> {
  const labels = new Set<string>();
  for (const e of entries) for (const l of e.labels) labels.add(l);
  return labels;
}
