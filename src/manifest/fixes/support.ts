/**
 * What the quick-fix builders share: the in-line fix shape, picking the attribute a problem
 * is about (from `data` as a hint, else from the problem's range, else every candidate), label
 * suggestions, and a bounded look at other lines for the label a class id has there.
 * Pure: no `vscode` import.
 */
import type { Node } from 'jsonc-parser';
import type { Problem } from '../types';
import {
  childValue,
  findProperty,
  overlaps,
  parseStrict,
  plain,
  properties,
  keyOf,
  type LineEdit,
} from '../json-line';

/** A fix whose edits all sit on the problem's line. */
export interface LineFix {
  title: string;
  isPreferred?: boolean;
  edits: LineEdit[];
}

export interface FixInputs {
  /** The problem's line text. */
  text: string;
  problem: Problem;
  lineText(line: number): string;
  lineCount: number;
  now: () => Date;
  labels: readonly string[];
}

/** At most this many "use label X" fixes: a longer light-bulb menu helps nobody. */
export const MAX_LABEL_SUGGESTIONS = 10;
/** How far (in lines, each way) we look for the label a class id has elsewhere in the file. */
export const CLASS_ID_SCAN_LINES = 2000;

export function dataString(problem: Problem, key: string): string | undefined {
  const v = problem.data?.[key];
  return typeof v === 'string' ? v : undefined;
}

export function dataNumber(problem: Problem, key: string): number | undefined {
  const v = problem.data?.[key];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
  return undefined;
}

/**
 * The attribute(s) a problem is about, among `candidates` (names of label attributes on the line).
 * data.attribute (or data.path[0]) wins when it names a candidate; then candidates whose attribute
 * or metadata property overlaps the problem's range; then all candidates.
 */
export function targetAttributes(root: Node, problem: Problem, candidates: readonly string[]): string[] {
  const hinted = attributeHint(problem);
  if (hinted !== undefined && candidates.includes(hinted)) return [hinted];
  const hit = candidates.filter(
    (a) =>
      overlaps(findProperty(root, a), problem.start, problem.end) ||
      overlaps(findProperty(root, `${a}-metadata`), problem.start, problem.end),
  );
  // A problem spanning the whole line overlaps everything: only trust narrow hits.
  if (hit.length > 0 && hit.length < candidates.length) return hit;
  return [...candidates];
}

/** The attribute name data names: `attribute`, or the first element of `path` (minus -metadata). */
export function attributeHint(problem: Problem): string | undefined {
  const attr = dataString(problem, 'attribute');
  if (attr !== undefined) return attr.endsWith('-metadata') ? attr.slice(0, -'-metadata'.length) : attr;
  const path = problem.data?.path;
  if (Array.isArray(path) && typeof path[0] === 'string') {
    const p = path[0];
    return p.endsWith('-metadata') ? p.slice(0, -'-metadata'.length) : p;
  }
  return undefined;
}

/** Labels worth suggesting: the file's labels minus the excluded ones, at most MAX_LABEL_SUGGESTIONS. */
export function labelSuggestions(labels: readonly string[], exclude: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  for (const l of labels) {
    if (typeof l !== 'string' || l.length === 0 || exclude.has(l) || out.includes(l)) continue;
    out.push(l);
    if (out.length >= MAX_LABEL_SUGGESTIONS) break;
  }
  return out;
}

/** The class-map of a metadata object as a plain record (empty when absent or malformed). */
export function classMapOf(metadata: Node | undefined): Record<string, unknown> {
  const v = plain(childValue(metadata, 'class-map'));
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/**
 * The label class id `id` has on the nearest other line whose class-map names it, looking at most
 * CLASS_ID_SCAN_LINES lines each way (a code action must stay fast on a 250,000-line file).
 */
export function classIdLabelElsewhere(
  inputs: Pick<FixInputs, 'lineText' | 'lineCount'>,
  line: number,
  id: string,
): { label: string; line: number } | undefined {
  const needle = `"${id}"`;
  for (let d = 1; d <= CLASS_ID_SCAN_LINES; d++) {
    for (const other of [line - d, line + d]) {
      if (other < 0 || other >= inputs.lineCount) continue;
      let text: string;
      try {
        text = inputs.lineText(other);
      } catch {
        continue;
      }
      if (typeof text !== 'string' || !text.includes('"class-map"') || !text.includes(needle)) continue;
      const root = parseStrict(text);
      if (!root) continue;
      for (const p of properties(root)) {
        if (!keyOf(p).endsWith('-metadata')) continue;
        const label = classMapOf(p.children?.[1])[id];
        if (typeof label === 'string' && label.length > 0) return { label, line: other };
      }
    }
    if (line - d < 0 && line + d >= inputs.lineCount) break;
  }
  return undefined;
}

/**
 * A timestamp as the creation-date rule wants it: UTC ISO-8601. A timestamp without a zone
 * (as Ground Truth writes them) is taken as UTC. Undefined when it is not a date at all.
 */
export function normalizeTimestamp(value: string): string | undefined {
  const trimmed = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}/.test(trimmed)) return undefined;
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed) || !trimmed.includes('T') ? trimmed : `${trimmed}Z`;
  const ms = Date.parse(zoned.length === 10 ? `${zoned}T00:00:00Z` : zoned);
  if (Number.isNaN(ms)) return undefined;
  return new Date(ms).toISOString();
}
