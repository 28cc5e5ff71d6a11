/**
 * Turns pushed or imported JSON Lines into stored entries, with the SAME validator the editor
 * uses (`validateLine`). What the service does, and so what this does:
 * - lines the validator marks `dropped` (invalid JSON, missing/malformed source-ref, too long)
 *   and repeated source-refs within one request vanish silently;
 * - other lines are stored with the service's findings written where the service writes them
 *   (`recordFindings`: the service's own ERROR_/WARNING_ codes only, under `cl-errors` and
 *   `warnings`, on the line, in the label attribute, in its metadata or on the annotation, as
 *   tm-debugging-json-line-errors.md prints them); what the service wrote on a pushed line is
 *   stripped first. An entry has errors (HasErrors, ErrorEntries) when it carries one of them;
 * - only lines with TERMINAL CONTENT errors (the ones it drops: a problem whose code is in
 *   DROPPING_CODES, or a repeated source-ref) count toward ERROR_TOO_MANY_RECORDS_IN_ERROR; lines
 *   with non-terminal errors are imported with their errors and never fail a create or update.
 */
import { DROPPING_CODES, Limits, SERVICE_KEYS, recordFindings, splitLines, stripFindings, validateLine, withoutCr } from '../../manifest';
import type { RecordOptions } from '../../manifest';
import type { EntryRecord } from '../state/records';

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

/** The lines of a payload as every reader counts them (src/manifest/lines.ts), without a CRLF's '\r'. */
export function payloadLines(text: string): string[] {
  return splitLines(text).map(withoutCr);
}

/** Removes what the service writes on an entry (findings at every level, `cl-metadata`). */
function stripServiceKeys(text: string): string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return text;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return text;
  const obj = value as Record<string, unknown>;
  return stripFindings(obj) ? (safeStringify(obj) ?? text) : text;
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
  const sourceRef = result.entry?.sourceRef;
  const terminal = result.dropped || result.problems.some((p) => DROPPING_CODES.has(p.code));
  if (terminal) return { terminal: true };
  // Not an entry and not a terminal error: a blank line (counted as a line, stored nowhere).
  if (!result.entry || sourceRef === undefined) return { terminal: false };
  const labeled = result.entry.labeled;
  // The service's `is_labeled`: the line carries a label attribute, valid or not (the guide's
  // "groundtruth/wrongtype" entry is `"is_labeled": true` beside ERROR_NO_VALID_LABEL_ATTRIBUTES).
  const isLabeled = labeled || result.entry.attributes.length > 0;
  // Each try parses the line afresh: recordFindings writes into the object it is given.
  const attempt = (options: RecordOptions): { line: string; errors: number } | undefined => {
    let obj: Record<string, unknown>;
    try {
      obj = JSON.parse(clean) as Record<string, unknown>;
    } catch {
      return undefined;
    }
    const errors = recordFindings(obj, result.problems, isLabeled, options);
    const text = safeStringify(obj);
    if (text !== undefined) return { line: text, errors };
    // A line nested too deep for JSON.stringify (valid JSON all the same) keeps its own text,
    // with the findings written at the line level and spliced in.
    const top = JSON.parse(clean) as Record<string, unknown>;
    const flat = recordFindings(top, result.problems.map((p) => ({ ...p, data: undefined })), isLabeled, options);
    return { line: splice(clean, top), errors: flat };
  };
  // The validator accepted something JSON.parse does not (it should not happen): drop it as the service would.
  let recorded = attempt({});
  if (!recorded) return { terminal: true };
  const hasErrors = recorded.errors > 0;
  // ListDatasetEntries answers entries of at most 100,000 characters (the model's DatasetEntry):
  // a line near the limit keeps its codes and loses the messages; still over, the first error code only.
  if (recorded.line.length > Limits.maxLineChars) recorded = attempt({ codesOnly: true }) ?? recorded;
  if (recorded.line.length > Limits.maxLineChars) recorded = attempt({ firstErrorOnly: true }) ?? recorded;
  const line = recorded.line.length > Limits.maxLineChars ? clean.trim() : recorded.line;
  const entry: EntryRecord = {
    sourceRef,
    line,
    labels: [...result.entry.labels],
    boxLabels: boxCounts(result.entry.boxLabels),
    labeled,
    hasErrors,
  };
  return { entry, terminal: false };
}

/** `text` (a JSON object) with the service keys of `obj` added before its closing brace. */
function splice(text: string, obj: Record<string, unknown>): string {
  const added = [...SERVICE_KEYS].filter((k) => obj[k] !== undefined).map((k) => `${JSON.stringify(k)}:${JSON.stringify(obj[k])}`);
  if (added.length === 0) return text.trim();
  const body = text.trimEnd();
  return `${body.slice(0, -1)},${added.join(',')}}`;
}

export function ingest(text: string): IngestResult {
  const lines = payloadLines(text);
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
