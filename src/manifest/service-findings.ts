/**
 * What the service writes into the entries it stores (ListDatasetEntries): `errors` /
 * `cl-errors` and `warnings` / `cl-warnings` arrays of {code, message} at the line, in a label
 * attribute, in its metadata and in each annotation, plus `"cl-metadata": {"is_labeled": true}`.
 * The one list of those keys, and the reader that takes the findings out of an entry and places
 * them on the local lines with the same source-ref. Pure: no `vscode` import.
 */

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

function walk(value: unknown, path: string, out: EntryIssue[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, `${path}[${i}]`, out));
    return;
  }
  if (!value || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const severity = findingSeverity(key);
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
