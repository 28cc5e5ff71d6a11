/**
 * Converts Ground Truth's multi-label classification output (`"<attr>": [ids]` with
 * `type: groundtruth/image-classification-multilabel`, which Custom Labels rejects with
 * ERROR_UNSUPPORTED_USE_CASE_TYPE) into the format the Custom Labels guide documents
 * ("Adding multiple image-level labels to an image", md-gt-cl-transform): one
 * image-classification attribute per listed class, named `<attr><index>` with the index as
 * its value, and a metadata object with class-name (from class-map), confidence (from
 * confidence-map), type, job-name, human-annotated and creation-date.
 *
 * One deliberate difference from the guide's Python script: the script copies the old
 * `type` (the multi-label one, which the service rejects); we write
 * `groundtruth/image-classification`, as the guide's format page shows.
 * Pure: no `vscode` import.
 */
import type { Node } from 'jsonc-parser';
import {
  CLASSIFICATION_TYPE,
  applyLineEdits,
  childValue,
  findProperty,
  keyOf,
  numberOf,
  parseStrict,
  plain,
  properties,
  propertyText,
  removeChild,
  stringOf,
  styleOf,
  type LineEdit,
} from '../json-line';

export interface MultilabelConversion {
  /** The edits that turn the line into the converted line (replace the attribute, drop its metadata). */
  edits: LineEdit[];
  /** Labels the new attributes carry, in order. */
  labels: string[];
  /** Class ids the array listed that the class-map does not name (they become "class-<id>"). */
  unnamedIds: number[];
}

/**
 * The edits converting one multi-label attribute of a line. `now` fills a missing creation-date.
 * Undefined when the line is not strict JSON or the attribute is not a multi-label array.
 */
export function convertMultilabel(text: string, attribute: string, now: () => Date = () => new Date()): MultilabelConversion | undefined {
  const root = parseStrict(text);
  if (!root) return undefined;
  const attrProp = findProperty(root, attribute);
  const metaProp = findProperty(root, `${attribute}-metadata`);
  const ids = attrProp?.children?.[1];
  if (!attrProp || !ids || ids.type !== 'array') return undefined;
  if (!(ids.children ?? []).every((c) => c.type === 'number')) return undefined;
  const meta = metaProp?.children?.[1];
  const style = styleOf(text, root);

  const classMap = asRecord(plain(childValue(meta, 'class-map')));
  const confidenceMap = asRecord(plain(childValue(meta, 'confidence-map')));
  const jobName = stringOf(childValue(meta, 'job-name'));
  const human = stringOf(childValue(meta, 'human-annotated')) ?? 'yes';
  const created = stringOf(childValue(meta, 'creation-date')) ?? now().toISOString();

  const taken = new Set(properties(root).map(keyOf));
  taken.delete(attribute);
  taken.delete(`${attribute}-metadata`);

  const pieces: string[] = [];
  const labels: string[] = [];
  const unnamedIds: number[] = [];
  (ids.children ?? []).forEach((idNode: Node, index: number) => {
    const id = numberOf(idNode) ?? index;
    const named = classMap[String(id)];
    const label = typeof named === 'string' && named.length > 0 ? named : `class-${id}`;
    if (label !== named) unnamedIds.push(id);
    const conf = confidenceMap[String(id)];
    const name = freeName(attribute, index, taken);
    taken.add(name);
    taken.add(`${name}-metadata`);
    const metadata: Record<string, unknown> = {
      'class-name': label,
      confidence: typeof conf === 'number' && conf >= 0 && conf <= 1 ? conf : 1,
      type: CLASSIFICATION_TYPE,
    };
    if (jobName !== undefined) metadata['job-name'] = jobName;
    metadata['human-annotated'] = human === 'no' ? 'no' : 'yes';
    metadata['creation-date'] = created;
    pieces.push(propertyText(name, index, style), propertyText(`${name}-metadata`, metadata, style));
    labels.push(label);
  });

  const edits: LineEdit[] = [];
  if (pieces.length > 0) {
    edits.push({ start: attrProp.offset, end: attrProp.offset + attrProp.length, newText: pieces.join(style.comma) });
  } else if (metaProp && adjacent(attrProp, metaProp)) {
    // Two removeChild edits of neighbours both claim the comma between them (and overlap when
    // the pair ends the line): remove the pair as one run.
    edits.push(removeRun(attrProp, metaProp));
  } else {
    edits.push(removeChild(attrProp));
  }
  if (metaProp && !(pieces.length === 0 && adjacent(attrProp, metaProp))) edits.push(removeChild(metaProp));
  // The two ranges are disjoint (distinct properties); they may touch, which editors accept.
  edits.sort((a, b) => a.start - b.start);
  return { edits, labels, unnamedIds };
}

/** Converts every multi-label attribute of a line; returns the new line, or undefined when nothing changed. */
export function convertMultilabelLine(text: string, now: () => Date = () => new Date()): string | undefined {
  let current = text;
  let changed = false;
  for (;;) {
    const root = parseStrict(current);
    if (!root) break;
    const attr = properties(root)
      .map(keyOf)
      .find((k) => k !== 'source-ref' && !k.endsWith('-metadata') && childValue(root, k)?.type === 'array' &&
        stringOf(childValue(childValue(root, `${k}-metadata`), 'type'))?.endsWith('-multilabel'));
    if (!attr) break;
    const conversion = convertMultilabel(current, attr, now);
    if (!conversion) break;
    current = applyLineEdits(current, conversion.edits);
    changed = true;
  }
  return changed ? current : undefined;
}

function adjacent(a: Node, b: Node): boolean {
  const siblings = a.parent?.children ?? [];
  return Math.abs(siblings.indexOf(a) - siblings.indexOf(b)) === 1 && siblings.includes(b);
}

/** Removes two neighbouring properties with the one comma that joins the pair to the rest. */
function removeRun(a: Node, b: Node): LineEdit {
  const siblings = a.parent?.children ?? [a, b];
  const lo = Math.min(siblings.indexOf(a), siblings.indexOf(b));
  const hi = lo + 1;
  if (hi < siblings.length - 1) return { start: siblings[lo].offset, end: siblings[hi + 1].offset, newText: '' };
  const last = siblings[hi];
  if (lo > 0) return { start: siblings[lo - 1].offset + siblings[lo - 1].length, end: last.offset + last.length, newText: '' };
  return { start: siblings[lo].offset, end: last.offset + last.length, newText: '' };
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** `<attr><index>` as the guide names them; `<attr>-<index>`, `<attr>-<index>-2`, ... on a clash. */
function freeName(attribute: string, index: number, taken: ReadonlySet<string>): string {
  const candidates = [`${attribute}${index}`, `${attribute}-${index}`];
  for (const c of candidates) if (!taken.has(c) && !taken.has(`${c}-metadata`)) return c;
  for (let n = 2; ; n++) {
    const c = `${attribute}-${index}-${n}`;
    if (!taken.has(c) && !taken.has(`${c}-metadata`)) return c;
  }
}
