/**
 * Pure parts of a push: which lines of a local manifest can go to the dataset, and how the
 * errors the service recorded on entries map back to those lines (by source-ref).
 */
import type { LineResult } from '../manifest';

export type LineValidator = (text: string, line: number) => LineResult;

export interface PlannedLine {
  /** 0-based line in the local file. */
  fileLine: number;
  text: string;
  sourceRef?: string;
}

export interface InvalidLine {
  fileLine: number;
  reason: string;
  code?: string;
  /**
   * The service would import this line as an entry with errors (not drop it). Such a line
   * can still be sent when the user asks for it; dropped and repeated lines never are.
   */
  importable?: PlannedLine;
}

export interface PushPlan {
  valid: PlannedLine[];
  invalid: InvalidLine[];
  /** Blank lines: not entries, never sent. */
  blank: number[];
}

/** The lines to send: the valid ones, plus (when `includeErrors`) those the service imports with errors. */
export function linesToSend(plan: PushPlan, includeErrors: boolean): PlannedLine[] {
  if (!includeErrors) return plan.valid;
  const extra = plan.invalid.flatMap((l) => (l.importable ? [l.importable] : []));
  return [...plan.valid, ...extra].sort((a, b) => a.fileLine - b.fileLine);
}

/**
 * True when sending the lines with errors too would fail the update: the service refuses a
 * whole update when more than `thresholdPercent` of its lines have errors.
 */
export function errorsIncludedWouldFail(plan: PushPlan, thresholdPercent: number): boolean {
  const all = linesToSend(plan, true).length;
  const withErrors = all - plan.valid.length;
  return withErrors * 100 > all * thresholdPercent;
}

/**
 * Splits lines into those worth sending and those that are not: lines the service would
 * drop silently (`dropped`), lines with an error of their own, and repeated source-refs
 * (the service keeps one). `firstLine` is the file line of `lines[0]` (a selection).
 */
export function planPush(lines: readonly string[], validate: LineValidator, firstLine = 0): PushPlan {
  const plan: PushPlan = { valid: [], invalid: [], blank: [] };
  const seen = new Map<string, number>();
  lines.forEach((text, i) => {
    const fileLine = firstLine + i;
    if (!text.trim()) {
      plan.blank.push(fileLine);
      return;
    }
    const result = validate(text, fileLine);
    const error = result.problems.find((p) => p.severity === 'error' && p.scope === 'line');
    if (result.dropped || error) {
      const p = error ?? result.problems[0];
      const sourceRef = result.entry?.sourceRef;
      const importable = !result.dropped && sourceRef !== undefined && !seen.has(sourceRef);
      if (importable) seen.set(sourceRef, fileLine);
      plan.invalid.push({
        fileLine,
        reason: p?.message ?? 'The service would drop this line without reporting it.',
        code: p?.code,
        ...(importable ? { importable: { fileLine, text, sourceRef } } : {}),
      });
      return;
    }
    const sourceRef = result.entry?.sourceRef;
    if (sourceRef !== undefined) {
      const first = seen.get(sourceRef);
      if (first !== undefined) {
        plan.invalid.push({
          fileLine,
          reason: `Same source-ref as line ${first + 1}; the dataset keeps only one entry per image.`,
          code: 'CL_DUPLICATE_SOURCE_REF',
        });
        return;
      }
      seen.set(sourceRef, fileLine);
    }
    plan.valid.push({ fileLine, text, sourceRef });
  });
  return plan;
}

export interface EntryIssue {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  /** Where in the entry: "" (the line), "bird", "bird-metadata", "bird.annotations[0]". */
  path: string;
}

const ERROR_KEYS = new Set(['errors', 'cl-errors']);
const WARNING_KEYS = new Set(['warnings', 'cl-warnings']);

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

function walk(value: unknown, path: string, out: EntryIssue[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, `${path}[${i}]`, out));
    return;
  }
  if (!value || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const severity = ERROR_KEYS.has(key) ? 'error' : WARNING_KEYS.has(key) ? 'warning' : undefined;
    if (severity && Array.isArray(child)) {
      for (const item of child) {
        if (item && typeof item === 'object') {
          const { code, message } = item as { code?: unknown; message?: unknown };
          out.push({
            severity,
            code: typeof code === 'string' ? code : 'SERVICE_REPORTED',
            message: typeof message === 'string' ? message : String(code ?? 'The service reported a problem.'),
            path,
          });
        }
      }
      continue;
    }
    walk(child, path ? `${path}.${key}` : key, out);
  }
}

export interface MappedIssue extends EntryIssue {
  fileLine: number;
  sourceRef: string;
}

/** Issues of dataset entries, placed on the local lines with the same source-ref. */
export function mapIssuesToLines(entries: readonly string[], lines: readonly PlannedLine[]): MappedIssue[] {
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

/** Splits "s3://bucket/key" into its parts, or says what is wrong. */
export function parseS3Uri(input: string): { bucket: string; key: string } | { error: string } {
  const text = input.trim();
  const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(text);
  if (!m) return { error: 'Enter the manifest location as s3://bucket/path/to/file.manifest.' };
  const [, bucket, key] = m;
  if (bucket!.length < 3 || bucket!.length > 255 || !/^[0-9A-Za-z.\-_]+$/.test(bucket!)) {
    return { error: `"${bucket}" is not a valid bucket name: 3-255 letters, digits, ".", "-" or "_".` };
  }
  if (key!.endsWith('/')) return { error: 'The key names a folder; give the manifest file itself.' };
  return { bucket: bucket!, key: key! };
}
