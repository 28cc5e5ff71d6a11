/**
 * What the service writes into the entries it stores (ListDatasetEntries): `errors` /
 * `cl-errors` and `warnings` / `cl-warnings` arrays of {code, message} at the line, in a label
 * attribute, in its metadata and in each annotation, plus `"cl-metadata": {"is_labeled": true}`.
 * The one list of those keys, and the reader that takes the findings out of an entry and places
 * them on the local lines with the same source-ref, and the writer that records the validator's
 * findings on an entry the way the service does (`recordFindings`, used by the sandbox).
 * Pure: no `vscode` import.
 */

import { ServiceCodes } from './codes';
import type { Problem } from './types';

/** Keys under which the service records errors. */
export const SERVICE_ERROR_KEYS = ['errors', 'cl-errors'] as const;
/** Keys under which the service records warnings. */
export const SERVICE_WARNING_KEYS = ['warnings', 'cl-warnings'] as const;
/** Every key under which the service records a finding. */
export const SERVICE_FINDING_KEYS = [...SERVICE_ERROR_KEYS, ...SERVICE_WARNING_KEYS] as const;
/** The service's own bookkeeping on a line (`is_labeled`). */
export const SERVICE_METADATA_KEY = 'cl-metadata';

/** Keys of a line that are neither `source-ref` nor label attributes. */
export const SERVICE_KEYS: ReadonlySet<string> = new Set([...SERVICE_FINDING_KEYS, SERVICE_METADATA_KEY]);
/** Keys under which the service records findings, as a set. */
export const SERVICE_FINDING_KEY_SET: ReadonlySet<string> = new Set(SERVICE_FINDING_KEYS);

const ERROR_KEY_SET: ReadonlySet<string> = new Set(SERVICE_ERROR_KEYS);
const WARNING_KEY_SET: ReadonlySet<string> = new Set(SERVICE_WARNING_KEYS);

/** 'error' or 'warning' for a key the service records findings under; undefined for any other key. */
export function findingSeverity(key: string): 'error' | 'warning' | undefined {
  return ERROR_KEY_SET.has(key) ? 'error' : WARNING_KEY_SET.has(key) ? 'warning' : undefined;
}

export interface EntryIssue {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  /** Where in the entry: "" (the line), "bird", "bird-metadata", "bird.annotations[0]". */
  path: string;
}

/** The source-ref of a dataset entry and every error/warning the service recorded in it. */
export function entryIssues(entryJson: string): { sourceRef?: string; issues: EntryIssue[] } {
  let value: unknown;
  try {
    value = JSON.parse(entryJson);
  } catch {
    return { issues: [] };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { issues: [] };
  const issues: EntryIssue[] = [];
  walk(value, '', issues);
  const sourceRef = (value as Record<string, unknown>)['source-ref'];
  return { sourceRef: typeof sourceRef === 'string' ? sourceRef : undefined, issues };
}

/** One finding as the service wrote it in an object's lists; code and message as found (not always strings). */
export interface FindingItem {
  severity: 'error' | 'warning';
  /** The list's key (`errors`, `cl-errors`, `warnings`, `cl-warnings`) and the item's index in it. */
  key: string;
  index: number;
  code: string | undefined;
  message: string | undefined;
}

/**
 * The one reader of what the service wrote in one object of an entry (the line, an attribute,
 * its metadata, an annotation): every {code, message} item of its finding lists, in key order.
 * The validator's rule (rules/service-reported.ts) and entryIssues both read through it.
 */
export function findingItems(container: Record<string, unknown>): FindingItem[] {
  const items: FindingItem[] = [];
  for (const key of SERVICE_FINDING_KEYS) {
    const list = Object.hasOwn(container, key) ? container[key] : undefined;
    if (!Array.isArray(list)) continue;
    const severity = findingSeverity(key)!;
    for (let index = 0; index < list.length; index++) {
      const item: unknown = list[index];
      if (!item || typeof item !== 'object' || Array.isArray(item)) continue;
      const { code, message } = item as { code?: unknown; message?: unknown };
      items.push({ severity, key, index, code: typeof code === 'string' ? code : undefined, message: typeof message === 'string' ? message : undefined });
    }
  }
  return items;
}

function walk(value: unknown, path: string, out: EntryIssue[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, `${path}[${i}]`, out));
    return;
  }
  if (!value || typeof value !== 'object') return;
  const object = value as Record<string, unknown>;
  for (const f of findingItems(object)) {
    out.push({ severity: f.severity, code: f.code ?? 'SERVICE_REPORTED', message: f.message ?? f.code ?? 'The service reported a problem.', path });
  }
  for (const [key, child] of Object.entries(object)) {
    if (findingSeverity(key)) continue;
    walk(child, path ? `${path}.${key}` : key, out);
  }
}

export interface MappedIssue extends EntryIssue {
  fileLine: number;
  sourceRef: string;
}

/** Issues of dataset entries, placed on the local lines with the same source-ref. */
export function mapIssuesToLines(
  entries: readonly string[],
  lines: readonly { fileLine: number; sourceRef?: string }[],
): MappedIssue[] {
  const bySource = new Map<string, number>();
  for (const l of lines) if (l.sourceRef !== undefined && !bySource.has(l.sourceRef)) bySource.set(l.sourceRef, l.fileLine);
  const mapped: MappedIssue[] = [];
  for (const entry of entries) {
    const { sourceRef, issues } = entryIssues(entry);
    if (sourceRef === undefined) continue;
    const fileLine = bySource.get(sourceRef);
    if (fileLine === undefined) continue;
    for (const issue of issues) mapped.push({ ...issue, fileLine, sourceRef });
  }
  return mapped.sort((a, b) => a.fileLine - b.fileLine);
}

/** Where in an entry the service writes a finding (tm-debugging-json-line-errors.md). */
export type FindingLevel = 'line' | 'attribute' | 'metadata' | 'annotation';

/** The key the service writes errors under on the entries it stores (the guide's newer key). */
export const RECORDED_ERROR_KEY = 'cl-errors';
/** The key the service writes warnings under (the guide's examples: `warnings`, at every level). */
export const RECORDED_WARNING_KEY = 'warnings';

const SERVICE_CODE_SET: ReadonlySet<string> = new Set(Object.values(ServiceCodes));

/** Whether the service itself reports `code` (its ERROR_/WARNING_ codes; never one of ours, CL_...). */
export function isServiceCode(code: string): boolean {
  return SERVICE_CODE_SET.has(code);
}

/**
 * The level of the entry a problem sits at, by its JSON path: the line (no path, or source-ref),
 * a label attribute's metadata (`x-metadata`), one annotation (`x.annotations[i]...`), or the
 * label attribute.
 */
export function findingLevel(problem: Problem): FindingLevel {
  const at = (problem.data?.path as (string | number)[] | undefined) ?? [];
  if (at.length === 0 || (at.length === 1 && at[0] === 'source-ref')) return 'line';
  if (typeof at[0] === 'string' && at[0].endsWith('-metadata')) return 'metadata';
  return at[1] === 'annotations' && typeof at[2] === 'number' ? 'annotation' : 'attribute';
}

export interface RecordOptions {
  /** Codes only, no messages (an entry near the 100,000 characters ListDatasetEntries answers). */
  codesOnly?: boolean;
  /** The first error only, no warnings (an entry still over that limit). */
  firstErrorOnly?: boolean;
  /** Errors only, under `errors`, no `cl-metadata`: a validation manifest's lines (tm-debugging-scope-json-line). */
  validation?: boolean;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Writes the service's findings among `problems` onto `entry` (a parsed line), each at the level
 * the service writes it: errors under `cl-errors`, warnings under `warnings`, on the line, in the
 * label attribute, in its metadata or on the annotation; plus `"cl-metadata": {"is_labeled"}` on
 * an entry with errors. Our own codes (CL_...) are never written: the service has none of them.
 * A finding whose object is not there (an attribute that is not an object) goes one level up.
 * Returns the number of errors written.
 */
export function recordFindings(entry: Record<string, unknown>, problems: readonly Problem[], labeled: boolean, options: RecordOptions = {}): number {
  let findings = problems.filter((p) => isServiceCode(p.code) && p.severity !== 'information');
  if (options.firstErrorOnly) findings = findings.filter((p) => p.code.startsWith('ERROR_')).slice(0, 1);
  if (options.validation) findings = findings.filter((p) => p.code.startsWith('ERROR_'));
  let errors = 0;
  for (const p of findings) {
    const isError = p.code.startsWith('ERROR_');
    const key = options.validation ? 'errors' : isError ? RECORDED_ERROR_KEY : RECORDED_WARNING_KEY;
    const item = options.codesOnly || options.firstErrorOnly ? { code: p.code } : { code: p.code, message: p.message };
    const target = targetOf(entry, p);
    const list = Array.isArray(target[key]) ? (target[key] as unknown[]) : (target[key] = []);
    (list as unknown[]).push(item);
    if (isError) errors++;
  }
  if (errors > 0 && !options.validation) entry[SERVICE_METADATA_KEY] = { is_labeled: labeled };
  return errors;
}

/** The object of `entry` a problem's finding is written on. */
function targetOf(entry: Record<string, unknown>, p: Problem): Record<string, unknown> {
  const level = findingLevel(p);
  if (level === 'line') return entry;
  const at = p.data?.path as (string | number)[];
  const attribute = typeof at[0] === 'string' && Object.hasOwn(entry, at[0]) ? entry[at[0]] : undefined;
  if (!isRecord(attribute)) return entry;
  if (level !== 'annotation') return attribute;
  const annotations = attribute.annotations;
  const annotation = Array.isArray(annotations) ? annotations[at[2] as number] : undefined;
  return isRecord(annotation) ? annotation : attribute;
}

/** Removes what the service wrote on an entry (findings at every level, `cl-metadata`); whether anything was removed. */
export function stripFindings(entry: Record<string, unknown>): boolean {
  let changed = false;
  const strip = (o: Record<string, unknown>): void => {
    for (const key of SERVICE_FINDING_KEYS) {
      if (Object.hasOwn(o, key)) {
        delete o[key];
        changed = true;
      }
    }
  };
  strip(entry);
  if (Object.hasOwn(entry, SERVICE_METADATA_KEY)) {
    delete entry[SERVICE_METADATA_KEY];
    changed = true;
  }
  for (const v of Object.values(entry)) {
    if (!isRecord(v)) continue;
    strip(v);
    if (Array.isArray(v.annotations)) for (const a of v.annotations) if (isRecord(a)) strip(a);
  }
  return changed;
}

/**
 * Puts each record on the line that has its pushed text: where it was last seen if the text is
 * still there (the usual case, O(1)), else the first line with that text (lines inserted or
 * removed above it), else nowhere (the line was edited or deleted).
 */
export function placeByText(records: { text: string; line: number | undefined }[], lines: { lineCount: number; lineText(i: number): string }): void {
  const lost: { text: string; line: number | undefined }[] = [];
  for (const r of records) {
    if (r.line !== undefined && r.line < lines.lineCount && lines.lineText(r.line) === r.text) continue;
    lost.push(r);
  }
  if (lost.length === 0) return;
  // One pass over the file, comparing text only where the length matches.
  const byLength = new Map<number, { text: string; line: number | undefined }[]>();
  for (const r of lost) {
    r.line = undefined;
    const list = byLength.get(r.text.length);
    if (list) list.push(r);
    else byLength.set(r.text.length, [r]);
  }
  for (let i = 0; i < lines.lineCount; i++) {
    const text = lines.lineText(i);
    const candidates = byLength.get(text.length);
    if (!candidates) continue;
    for (const r of candidates) if (r.line === undefined && r.text === text) r.line = i;
  }
}
