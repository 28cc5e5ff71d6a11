/**
 * Completion inside one manifest line: the keys valid where the cursor is (top level, metadata,
 * detection attribute, annotation, image_size, objects entry, class-map ids), values for `type`,
 * `human-annotated`, `creation-date`, labels already used for class-name / class-map values,
 * class ids from the line's class-map for `class_id`, a new label attribute with its metadata at
 * a line's top level, and whole-line snippets on an empty line.
 * Works on half-typed lines (jsonc-parser's getLocation). Never throws.
 * Pure: no `vscode` import.
 */
import { findNodeAtLocation, getLocation, type JSONPath, type Node } from 'jsonc-parser';
import { Limits } from '../codes';
import {
  annotationsOf,
  attributeNames,
  CLASSIFICATION_TYPE,
  childValue,
  DETECTION_TYPE,
  keyOf,
  metadataNames,
  parseLine,
  plain,
  properties,
  shapeOf,
  styleOf,
  type AttributeShape,
  type LineStyle,
} from '../json-line';
import { ACCEPTED_TYPES, KEY_DOCS, TYPE_DOCS } from './manifest-terms';

export type CompletionKind = 'property' | 'value' | 'label' | 'classId' | 'snippet';
export interface CompletionSpec {
  label: string;
  kind: CompletionKind;
  insertText: string;
  isSnippet?: boolean;
  detail?: string;
  documentation?: string;
  /** Replace range in the line. */
  start: number;
  end: number;
  sortText?: string;
  /**
   * What the editor matches the typed text (line[start..cursor]) against. Set when the range
   * starts at a quote: the typed text then starts with `"`, which the bare label never matches
   * (VS Code would filter every item out and say "No suggestions.").
   */
  filterText?: string;
}
export interface CompletionContext {
  /** Labels used anywhere in the file. */
  labels?: string[];
  /** Clock for creation-date values (tests pin it). */
  now?: () => Date;
}

const METADATA_KEYS: Record<'classification' | 'detection' | 'unknown', readonly string[]> = {
  classification: ['confidence', 'class-name', 'human-annotated', 'creation-date', 'type', 'job-name'],
  detection: ['objects', 'class-map', 'type', 'human-annotated', 'creation-date', 'job-name'],
  unknown: ['confidence', 'class-name', 'human-annotated', 'creation-date', 'type', 'job-name', 'class-map', 'objects'],
};
const ANNOTATION_KEYS = ['class_id', 'top', 'left', 'width', 'height'];
const IMAGE_SIZE_KEYS = ['width', 'height', 'depth'];

export function completionsAt(lineText: string, character: number, context: CompletionContext = {}): CompletionSpec[] {
  try {
    if (typeof lineText !== 'string' || lineText.length > Limits.maxLineChars) return [];
    if (!Number.isInteger(character) || character < 0 || character > lineText.length) return [];
    return complete(lineText, character, context).map((item) =>
      lineText[item.start] === '"' && item.filterText === undefined ? { ...item, filterText: JSON.stringify(item.label) } : item,
    );
  } catch {
    return [];
  }
}

interface Site {
  text: string;
  offset: number;
  root: Node;
  style: LineStyle;
  now: string;
  labels: string[];
}

function complete(text: string, offset: number, context: CompletionContext): CompletionSpec[] {
  const now = (context.now ?? (() => new Date()))().toISOString();
  if (text.trim() === '') return lineSnippets(text, now);
  const parsed = parseLine(text);
  if (!parsed) return [];
  const location = getLocation(text, offset);
  const site: Site = {
    text,
    offset,
    root: parsed.root,
    style: styleOf(text, parsed.root),
    now,
    labels: (context.labels ?? []).filter((l) => typeof l === 'string' && l.length > 0),
  };
  const prev = location.previousNode;
  if (location.isAtPropertyKey) {
    // A key typed without its closing quote runs to the end of the line (`{"|}` parses as the key
    // "}"): replace only up to the cursor, so the `}` after it stays.
    const open = prev !== undefined && text[prev.offset] === '"' && !(prev.length >= 2 && text[prev.offset + prev.length - 1] === '"');
    const range = prev && offset >= prev.offset && offset <= prev.offset + prev.length
      ? { start: prev.offset, end: open ? offset : prev.offset + prev.length }
      : wordRange(text, offset);
    return keyCompletions(site, location.path.slice(0, -1), range, prev);
  }
  let range: { start: number; end: number };
  if (prev && offset >= prev.offset && offset <= prev.offset + prev.length) {
    const end = prev.offset + prev.length;
    const closed = prev.type === 'string' && prev.length >= 2 && text[end - 1] === '"' && text[end - 2] !== '\\';
    if (offset === end && closed) return []; // after a finished string: nothing to complete
    range = { start: prev.offset, end };
  } else {
    range = wordRange(text, offset);
  }
  return valueCompletions(site, location.path, range);
}

/** The run of word characters (a bare key or value being typed) around the cursor. */
function wordRange(text: string, offset: number): { start: number; end: number } {
  let start = offset;
  let end = offset;
  while (start > 0 && /[\w.\-/]/.test(text[start - 1])) start--;
  while (end < text.length && /[\w.\-/]/.test(text[end])) end++;
  return { start, end };
}

function keyCompletions(site: Site, objectPath: JSONPath, range: { start: number; end: number }, typing: Node | undefined): CompletionSpec[] {
  const obj = objectPath.length === 0 ? site.root : findNodeAtLocation(site.root, objectPath);
  if (obj && obj.type !== 'object') return [];
  const existing = new Set(
    properties(obj)
      .filter((p) => !typing || p.children?.[0]?.offset !== typing.offset)
      .map(keyOf),
  );
  // Editing the name of a key that already has a value: replace the name only.
  const keyOnly = /^\s*:/.test(site.text.slice(range.end));
  const items: { key: string; value: string; doc?: string; kind?: CompletionKind }[] = [];
  const add = (key: string, value: string, doc = KEY_DOCS[key], kind: CompletionKind = 'property'): void => {
    if (!existing.has(key)) items.push({ key, value, doc, kind });
  };
  const { colon, comma } = site.style;
  const kv = (k: string, v: string): string => `${JSON.stringify(k)}${colon}${v}`;

  // The key being typed is no attribute of the line yet (`"` typed before `}` parses as a key "}").
  const typed = typing && properties(site.root).find((p) => p.children?.[0]?.offset === typing.offset && (p.children?.length ?? 0) < 2);
  const typedKey = typed ? keyOf(typed) : undefined;
  const attributes = attributeNames(site.root).filter((a) => a !== typedKey);
  const metadata = metadataNames(site.root).filter((m) => m !== typedKey);
  if (objectPath.length === 0) {
    add('source-ref', '"s3://${1:bucket}/${2:image.jpg}"');
    for (const attr of attributes) {
      add(`${attr}-metadata`, metadataSnippet(site, attr), `The metadata of label attribute \`${attr}\`.`);
    }
    for (const meta of metadata) {
      const attr = meta.slice(0, -'-metadata'.length);
      const type = plain(childValue(childValue(site.root, meta), 'type'));
      add(attr, type === DETECTION_TYPE ? detectionAttributeSnippet(site) : '${1:1}', `The label attribute of \`${meta}\`.`);
    }
  } else if (objectPath.length === 1 && typeof objectPath[0] === 'string') {
    const top = objectPath[0];
    if (top.endsWith('-metadata')) {
      const attr = top.slice(0, -'-metadata'.length);
      const shape = kindOf(shapeOf(childValue(site.root, attr)));
      for (const key of METADATA_KEYS[shape]) add(key, metadataValueSnippet(site, attr, key, shape));
    } else if (!KEY_DOCS[top]) {
      add('image_size', `[{${kv('width', '${1:640}')}${comma}${kv('height', '${2:480}')}${comma}${kv('depth', '3')}}]`);
      add('annotations', `[${annotationSnippet(site, 1)}]`);
    }
  } else if (objectPath.length === 3 && objectPath[1] === 'annotations' && typeof objectPath[2] === 'number') {
    for (const key of ANNOTATION_KEYS) add(key, key === 'class_id' ? '${1:0}' : '$1');
  } else if (objectPath[1] === 'image_size' && (objectPath.length === 2 || (objectPath.length === 3 && typeof objectPath[2] === 'number'))) {
    for (const key of IMAGE_SIZE_KEYS) add(key, key === 'depth' ? '3' : '$1');
  } else if (objectPath.length === 3 && objectPath[1] === 'objects' && typeof objectPath[2] === 'number') {
    add('confidence', '${1:1}');
  } else if (objectPath.length === 2 && objectPath[1] === 'class-map' && typeof objectPath[0] === 'string') {
    const attr = objectPath[0].slice(0, -'-metadata'.length);
    for (const id of classIdsOf(site.root, attr)) {
      add(id, '"$1"', `Class id ${id}, used by a box of \`${attr}\`: give it a label.`, 'classId');
    }
  }

  const specs: CompletionSpec[] = items.map((item, i) => ({
    label: item.key,
    kind: item.kind ?? 'property',
    insertText: keyOnly ? JSON.stringify(item.key) : kv(escapeSnippetKey(item.key), item.value),
    isSnippet: !keyOnly,
    ...(item.doc ? { documentation: item.doc } : {}),
    start: range.start,
    end: range.end,
    sortText: String(i).padStart(3, '0'),
  }));
  // At the top level of a line without labels yet, the next keys are a label attribute and its
  // metadata, offered as the pair the service reads (after `"source-ref": "…",` nothing else would be).
  if (objectPath.length === 0 && !keyOnly && attributes.length === 0 && metadata.length === 0) {
    // The name typed so far: the key's text up to the cursor when its closing quote is missing.
    const name = typing && range.end < typing.offset + typing.length ? site.text.slice(typing.offset + 1, range.end) : typedKey;
    specs.push(...labelPairs(site, range, specs.length, name));
  }
  return specs;
}

/**
 * A new label attribute with its `-metadata`, for an image-level label and for a bounding box,
 * named as typed (none when the name typed cannot be an attribute's: it contains `-metadata` or
 * ends in `-ref`).
 */
function labelPairs(site: Site, range: { start: number; end: number }, first: number, typed: string | undefined): CompletionSpec[] {
  if (typed && (typed.includes('-metadata') || typed.endsWith('-ref'))) return [];
  const { colon, comma } = site.style;
  const kv = (k: string, v: string): string => `"${k}"${colon}${v}`;
  const inKey = (name: string): string => escapeSnippetKey(JSON.stringify(name).slice(1, -1));
  const labelName = `\${1:${inKey(typed || 'label-attribute')}}`;
  const boxName = `\${1:${inKey(typed || 'bounding-box')}}`;
  const classification = [
    kv(labelName, '1'),
    kv(`${labelName}-metadata`, `{${[
      kv('confidence', '1'),
      kv('class-name', '"${2:label}"'),
      kv('human-annotated', '"yes"'),
      kv('creation-date', `"${site.now}"`),
      kv('type', `"${CLASSIFICATION_TYPE}"`),
    ].join(comma)}}`),
  ].join(comma);
  const detection = [
    kv(
      boxName,
      `{${kv('image_size', `[{${[kv('width', '${2:640}'), kv('height', '${3:480}'), kv('depth', '3')].join(comma)}}]`)}${comma}${kv('annotations', `[${annotationSnippet(site, 4)}]`)}}`,
    ),
    kv(`${boxName}-metadata`, `{${[
      kv('objects', `[{${kv('confidence', '1')}}]`),
      kv('class-map', `{${kv('0', '"${9:label}"')}}`),
      kv('type', `"${DETECTION_TYPE}"`),
      kv('human-annotated', '"yes"'),
      kv('creation-date', `"${site.now}"`),
    ].join(comma)}}`),
  ].join(comma);
  const pair = (label: string, insertText: string, detail: string, documentation: string, i: number): CompletionSpec => ({
    label,
    kind: 'snippet',
    insertText,
    isSnippet: true,
    detail,
    documentation,
    start: range.start,
    end: range.end,
    sortText: String(first + i).padStart(3, '0'),
  });
  const named = (name: string, kind: string): string => `${name}, ${name}-metadata${typed ? ` (${kind})` : ''}`;
  return [
    pair(named(typed || 'label-attribute', 'image-level label'), classification, 'an image-level label and its metadata', TYPE_DOCS[CLASSIFICATION_TYPE], 0),
    pair(named(typed || 'bounding-box', 'bounding box'), detection, 'an object-detection box and its metadata', TYPE_DOCS[DETECTION_TYPE], 1),
  ];
}

function valueCompletions(site: Site, path: JSONPath, range: { start: number; end: number }): CompletionSpec[] {
  const last = path[path.length - 1];
  const top = path[0];
  const item = (label: string, kind: CompletionKind, insertText: string, extra: Partial<CompletionSpec> = {}): CompletionSpec => ({
    label,
    kind,
    insertText,
    start: range.start,
    end: range.end,
    ...extra,
  });
  if (typeof top !== 'string') return [];

  if (top.endsWith('-metadata') && path.length === 2) {
    const attr = top.slice(0, -'-metadata'.length);
    if (last === 'type') {
      const implied = kindOf(shapeOf(childValue(site.root, attr)));
      return ACCEPTED_TYPES.map((t) =>
        item(t, 'value', JSON.stringify(t), {
          documentation: TYPE_DOCS[t],
          sortText: (implied === 'classification' && t === CLASSIFICATION_TYPE) || (implied === 'detection' && t === DETECTION_TYPE) ? '0' : '1',
        }),
      );
    }
    if (last === 'human-annotated') {
      return [
        item('yes', 'value', '"yes"', { detail: 'a person made the annotation', sortText: '0' }),
        item('no', 'value', '"no"', { detail: 'made by a machine', sortText: '1' }),
      ];
    }
    if (last === 'creation-date') return [item(site.now, 'value', JSON.stringify(site.now), { detail: 'now (UTC)' })];
    if (last === 'class-name') return labelItems(site, range, item);
  }
  if (typeof top === 'string' && top.endsWith('-metadata') && path.length === 3 && path[1] === 'class-map') {
    return labelItems(site, range, item);
  }
  if (path.length === 4 && path[1] === 'annotations' && typeof path[2] === 'number' && last === 'class_id') {
    const classMap = plain(childValue(childValue(site.root, `${top}-metadata`), 'class-map'));
    if (!classMap || typeof classMap !== 'object' || Array.isArray(classMap)) return [];
    return Object.entries(classMap as Record<string, unknown>).map(([id, label], i) =>
      item(id, 'classId', /^\d+$/.test(id) ? id : JSON.stringify(id), {
        ...(typeof label === 'string' ? { detail: label } : {}),
        sortText: String(i).padStart(3, '0'),
      }),
    );
  }
  return [];
}

/** The file's labels plus the ones on this line (except the one being typed), each once. */
function labelItems(
  site: Site,
  range: { start: number; end: number },
  item: (label: string, kind: CompletionKind, insertText: string) => CompletionSpec,
): CompletionSpec[] {
  const seen = new Set<string>();
  const out: CompletionSpec[] = [];
  const push = (l: string): void => {
    if (seen.has(l)) return;
    seen.add(l);
    out.push(item(l, 'label', JSON.stringify(l)));
  };
  for (const l of site.labels) push(l);
  const pushNode = (n: Node | undefined): void => {
    if (n?.type === 'string' && typeof n.value === 'string' && n.value.length > 0 && n.offset !== range.start) push(n.value);
  };
  for (const meta of metadataNames(site.root)) {
    const m = childValue(site.root, meta);
    pushNode(childValue(m, 'class-name'));
    for (const p of properties(childValue(m, 'class-map'))) pushNode(p.children?.[1]);
  }
  return out;
}

function kindOf(shape: AttributeShape): 'classification' | 'detection' | 'unknown' {
  return shape === 'classification' || shape === 'detection' ? shape : 'unknown';
}

/** Distinct class ids the boxes of `attr` use that its class-map does not name yet. */
function classIdsOf(root: Node, attr: string): string[] {
  const cm = plain(childValue(childValue(root, `${attr}-metadata`), 'class-map'));
  const named = cm && typeof cm === 'object' ? new Set(Object.keys(cm)) : new Set<string>();
  const out: string[] = [];
  for (const a of annotationsOf(childValue(root, attr))) {
    const v = plain(childValue(a, 'class_id'));
    const id = typeof v === 'number' || typeof v === 'string' ? String(v) : undefined;
    if (id !== undefined && !named.has(id) && !out.includes(id)) out.push(id);
  }
  return out;
}

function escapeSnippetKey(key: string): string {
  return key.replace(/[\\$}]/g, (c) => `\\${c}`);
}

function annotationSnippet(site: Site, first: number): string {
  const { colon, comma } = site.style;
  const kv = (k: string, v: string): string => `"${k}"${colon}${v}`;
  return `{${[
    kv('class_id', `\${${first}:0}`),
    kv('top', `\${${first + 1}:0}`),
    kv('left', `\${${first + 2}:0}`),
    kv('width', `\${${first + 3}:100}`),
    kv('height', `\${${first + 4}:100}`),
  ].join(comma)}}`;
}

function detectionAttributeSnippet(site: Site): string {
  const { colon, comma } = site.style;
  return `{"image_size"${colon}[{"width"${colon}\${1:640}${comma}"height"${colon}\${2:480}${comma}"depth"${colon}3}]${comma}"annotations"${colon}[${annotationSnippet(site, 3)}]}`;
}

function metadataValueSnippet(site: Site, attr: string, key: string, shape: 'classification' | 'detection' | 'unknown'): string {
  const { colon, comma } = site.style;
  switch (key) {
    case 'confidence':
      return '${1:1}';
    case 'class-name':
    case 'job-name':
      return '"$1"';
    case 'human-annotated':
      return '"${1|yes,no|}"';
    case 'creation-date':
      return `"${site.now}"`;
    case 'type':
      return shape === 'classification'
        ? `"${CLASSIFICATION_TYPE}"`
        : shape === 'detection'
          ? `"${DETECTION_TYPE}"`
          : `"\${1|${CLASSIFICATION_TYPE},${DETECTION_TYPE}|}"`;
    case 'class-map': {
      const ids = classIdsOf(site.root, attr);
      return ids.length === 0
        ? '{"${1:0}"' + colon + '"$2"}'
        : `{${ids.map((id, i) => `${JSON.stringify(id)}${colon}"\${${i + 1}}"`).join(comma)}}`;
    }
    case 'objects': {
      const n = Math.max(1, annotationsOf(childValue(site.root, attr)).length);
      return `[${Array.from({ length: n }, () => `{"confidence"${colon}1}`).join(comma)}]`;
    }
    default:
      return '$1';
  }
}

function metadataSnippet(site: Site, attr: string): string {
  const { colon, comma } = site.style;
  const shape = kindOf(shapeOf(childValue(site.root, attr)));
  const kv = (k: string, v: string): string => `"${k}"${colon}${v}`;
  if (shape === 'classification') {
    return `{${[
      kv('confidence', '1'),
      kv('class-name', '"${1:label}"'),
      kv('human-annotated', '"yes"'),
      kv('creation-date', `"${site.now}"`),
      kv('type', `"${CLASSIFICATION_TYPE}"`),
    ].join(comma)}}`;
  }
  if (shape === 'detection') {
    return `{${[
      kv('objects', metadataValueSnippet(site, attr, 'objects', shape)),
      kv('class-map', metadataValueSnippet(site, attr, 'class-map', shape)),
      kv('type', `"${DETECTION_TYPE}"`),
      kv('human-annotated', '"yes"'),
      kv('creation-date', `"${site.now}"`),
    ].join(comma)}}`;
  }
  return '{$1}';
}

/** A whole classification line and a whole detection line, for an empty line. */
function lineSnippets(text: string, now: string): CompletionSpec[] {
  const classification =
    '{"source-ref": "s3://${1:bucket}/${2:image.jpg}", "${3:label-attribute}": 1, "${3:label-attribute}-metadata": ' +
    `{"confidence": 1, "class-name": "\${4:label}", "human-annotated": "yes", "creation-date": "${now}", "type": "${CLASSIFICATION_TYPE}"}}`;
  const detection =
    '{"source-ref": "s3://${1:bucket}/${2:image.jpg}", "${3:bounding-box}": {"image_size": [{"width": ${4:640}, "height": ${5:480}, "depth": 3}], ' +
    '"annotations": [{"class_id": 0, "top": ${6:0}, "left": ${7:0}, "width": ${8:100}, "height": ${9:100}}]}, ' +
    '"${3:bounding-box}-metadata": {"objects": [{"confidence": 1}], "class-map": {"0": "${10:label}"}, ' +
    `"type": "${DETECTION_TYPE}", "human-annotated": "yes", "creation-date": "${now}"}}`;
  return [
    {
      label: 'Image-level label line',
      kind: 'snippet',
      insertText: classification,
      isSnippet: true,
      detail: 'source-ref with one image-classification label',
      documentation: TYPE_DOCS[CLASSIFICATION_TYPE],
      start: 0,
      end: text.length,
      sortText: '0',
    },
    {
      label: 'Bounding-box line',
      kind: 'snippet',
      insertText: detection,
      isSnippet: true,
      detail: 'source-ref with one object-detection box',
      documentation: TYPE_DOCS[DETECTION_TYPE],
      start: 0,
      end: text.length,
      sortText: '1',
    },
  ];
}
