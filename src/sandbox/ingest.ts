/**
 * Turns pushed or imported JSON Lines into stored entries, with the SAME validator the editor
 * uses (`validateLine`). What the service does, and so what this does:
 * - lines the validator marks `dropped` (invalid JSON, missing/malformed source-ref, too long)
 *   and repeated source-refs within one request vanish silently;
 * - other lines are stored; their error problems are recorded on the entry as
 *   `"errors":[{"code","message"}]` (and warning codes as `"warnings"`), the way ListDatasetEntries
 *   shows non-terminal errors; service keys already on a pushed line are stripped first;
 * - only lines with TERMINAL CONTENT errors (the ones it drops: a problem whose code is in
 *   DROPPING_CODES, or a repeated source-ref) count toward ERROR_TOO_MANY_RECORDS_IN_ERROR; lines
 *   with non-terminal errors are imported with their errors and never fail a create or update.
 */
import { DROPPING_CODES, Limits, SERVICE_FINDING_KEYS, validateLine } from '../manifest';
import type { Problem } from '../manifest';
import type { EntryRecord } from './state';

/** Keys the service writes onto entries; stripped from a pushed line before it is validated. */
const SERVICE_KEYS = SERVICE_FINDING_KEYS;

export interface IngestResult {
  /** Distinct entries, in first-seen order. */
  entries: EntryRecord[];
  /** Lines in the payload, blank ones included (a final newline does not start a line). */
  lines: number;
  /** Lines with terminal content errors, removed: invalid JSON, source-ref missing/malformed/repeated, too long. */
  terminal: number;
  /** Lines imported with non-terminal errors (stored on the entry). */
  withErrors: number;
  /** Lines not stored at all (terminal ones, and blank lines). */
  dropped: number;
}

/** Whether the share of lines with terminal content errors fails the create or update (over 20%). */
export function tooManyTerminal(result: IngestResult): boolean {
  return result.terminal * 100 > result.lines * Limits.invalidShareThresholdPercent;
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
  return changed ? (safeStringify(obj) ?? text) : text;
}

/** JSON.stringify, or undefined when the value nests too deep for it (a RangeError). */
function safeStringify(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

/** Box counts per label, own entries only, in a null-prototype object (labels such as `constructor` are data). */
function boxCounts(from: Record<string, number> | undefined): Record<string, number> {
  const out = Object.create(null) as Record<string, number>;
  if (!from) return out;
  for (const [label, n] of Object.entries(from)) if (typeof n === 'number' && Number.isFinite(n)) out[label] = n;
  return out;
}

/** The boxes an entry has for `label` (0 when none; never a prototype member). */
export function boxCountOf(entry: EntryRecord, label: string): number {
  const n = Object.hasOwn(entry.boxLabels, label) ? entry.boxLabels[label] : 0;
  return typeof n === 'number' ? n : 0;
}

/** Validates one line and builds its stored entry; undefined when the service would drop it. Never throws. */
export interface IngestedLine {
  entry?: EntryRecord;
  /** The line has a terminal content error: the service removes it. */
  terminal: boolean;
}

export function ingestLine(text: string, index = 0): IngestedLine {
  try {
    return ingestLineUnguarded(text, index);
  } catch {
    // A line the validator or the serializer cannot handle fails alone, never its batch.
    return { terminal: true };
  }
}

function ingestLineUnguarded(text: string, index: number): IngestedLine {
  const clean = stripServiceKeys(text);
  const result = validateLine(clean, index);
  const errors = result.problems.filter((p: Problem) => p.severity === 'error');
  const sourceRef = result.entry?.sourceRef;
  const terminal = result.dropped || result.problems.some((p: Problem) => DROPPING_CODES.has(p.code));
  if (terminal) return { terminal: true };
  // Not an entry and not a terminal error: a blank line (counted as a line, stored nowhere).
  if (!result.entry || sourceRef === undefined) return { terminal: false };
  const warnings = result.problems.filter((p: Problem) => p.severity === 'warning' && p.code.startsWith('WARNING_'));
  let obj: Record<string, unknown>;
  try {
    obj = JSON.parse(clean) as Record<string, unknown>;
  } catch {
    // The validator accepted something JSON.parse does not (it should not happen): drop it as the service would.
    return { terminal: true };
  }
  if (errors.length > 0) obj.errors = errors.map((p: Problem) => ({ code: p.code, message: p.message }));
  if (warnings.length > 0) obj.warnings = warnings.map((p: Problem) => ({ code: p.code, message: p.message }));
  // A line nested too deep for JSON.stringify (valid JSON all the same) keeps its own text, with the service keys spliced in.
  let line = safeStringify(obj) ?? splice(clean, obj);
  if (line.length > Limits.maxLineChars) {
    // ListDatasetEntries answers entries of at most 100,000 characters (the model's DatasetEntry):
    // a line near the limit keeps its codes and loses the messages.
    if (errors.length > 0) obj.errors = errors.map((p: Problem) => ({ code: p.code }));
    if (warnings.length > 0) obj.warnings = warnings.map((p: Problem) => ({ code: p.code }));
    line = safeStringify(obj) ?? splice(clean, obj);
    if (line.length > Limits.maxLineChars) {
      // Still over: the first error code only (the entry still counts as having errors).
      delete obj.warnings;
      if (errors.length > 0) obj.errors = [{ code: errors[0].code }];
      line = safeStringify(obj) ?? splice(clean, obj);
      if (line.length > Limits.maxLineChars) line = clean.trim();
    }
  }
  const entry: EntryRecord = {
    sourceRef,
    line,
    labels: [...result.entry.labels],
    boxLabels: boxCounts(result.entry.boxLabels),
    labeled: result.entry.labeled,
    hasErrors: errors.length > 0,
  };
  return { entry, terminal: false };
}

/** `text` (a JSON object) with the service keys of `obj` added before its closing brace. */
function splice(text: string, obj: Record<string, unknown>): string {
  const added = SERVICE_KEYS.filter((k) => obj[k] !== undefined).map((k) => `${JSON.stringify(k)}:${JSON.stringify(obj[k])}`);
  if (added.length === 0) return text.trim();
  const body = text.trimEnd();
  return `${body.slice(0, -1)},${added.join(',')}}`;
}

export function ingest(text: string): IngestResult {
  const lines = splitLines(text);
  const seen = new Set<string>();
  const entries: EntryRecord[] = [];
  let terminal = 0;
  let withErrors = 0;
  let dropped = 0;
  lines.forEach((line, i) => {
    const r = ingestLine(line, i);
    if (!r.entry) {
      dropped++;
      if (r.terminal) terminal++;
      return;
    }
    if (seen.has(r.entry.sourceRef)) {
      // "The value a source-ref field appears more than once": a terminal content error.
      dropped++;
      terminal++;
      return;
    }
    if (r.entry.hasErrors) withErrors++;
    seen.add(r.entry.sourceRef);
    entries.push(r.entry);
  });
  return { entries, lines: lines.length, terminal, withErrors, dropped };
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
