/**
 * jsonc-parser helpers for ONE manifest line: parse it into a tree, find properties,
 * and build minimal edits (insert a property, remove a property or an array element,
 * replace a value) that keep the line's own spacing. Pure: no `vscode` import.
 */
import { parseTree, getNodeValue, type Node, type ParseError } from 'jsonc-parser';
import { SERVICE_KEYS, SERVICE_METADATA_KEY } from './service-findings';

/** A replacement inside one line: offsets are UTF-16 code units into the line. */
export interface LineEdit {
  start: number;
  end: number;
  newText: string;
}

/** Keys on a line that are neither the image nor a label attribute. */
export const NON_ATTRIBUTE_KEYS: ReadonlySet<string> = new Set(['source-ref', ...SERVICE_KEYS]);

export const CLASSIFICATION_TYPE = 'groundtruth/image-classification';
export const DETECTION_TYPE = 'groundtruth/object-detection';
export const MULTILABEL_TYPE = 'groundtruth/image-classification-multilabel';

export interface ParsedLine {
  root: Node;
  /** True when jsonc-parser reported no syntax error: the line is strict JSON. */
  strict: boolean;
}

/**
 * Parses a line. Returns undefined unless the line's top level is an object.
 * Never throws. Comments and trailing commas count as errors (`strict` false).
 */
export function parseLine(text: string): ParsedLine | undefined {
  try {
    const errors: ParseError[] = [];
    const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
    if (!root || root.type !== 'object') return undefined;
    return { root, strict: errors.length === 0 && text.trim().startsWith('{') };
  } catch {
    return undefined;
  }
}

/** Parses a line that must be strict JSON (what a fix needs before it edits). */
export function parseStrict(text: string): Node | undefined {
  const parsed = parseLine(text);
  return parsed?.strict ? parsed.root : undefined;
}

/** The property nodes of an object node (each has children [key, value?]). */
export function properties(obj: Node | undefined): Node[] {
  if (!obj || obj.type !== 'object') return [];
  return (obj.children ?? []).filter((c) => c.type === 'property' && c.children && c.children.length > 0);
}

export function keyOf(property: Node): string {
  const key = property.children?.[0];
  return key && typeof key.value === 'string' ? key.value : '';
}

export function valueOf(property: Node | undefined): Node | undefined {
  return property?.children?.[1];
}

/** The LAST property with this key (JSON.parse keeps the last duplicate). */
export function findProperty(obj: Node | undefined, key: string): Node | undefined {
  const props = properties(obj);
  for (let i = props.length - 1; i >= 0; i--) if (keyOf(props[i]) === key) return props[i];
  return undefined;
}

export function childValue(obj: Node | undefined, key: string): Node | undefined {
  return valueOf(findProperty(obj, key));
}

/** The plain value of a node; undefined on anything jsonc-parser cannot turn into a value. */
export function plain(node: Node | undefined): unknown {
  if (!node) return undefined;
  try {
    return getNodeValue(node);
  } catch {
    return undefined;
  }
}

export function numberOf(node: Node | undefined): number | undefined {
  return node?.type === 'number' && typeof node.value === 'number' ? node.value : undefined;
}

export function stringOf(node: Node | undefined): string | undefined {
  return node?.type === 'string' && typeof node.value === 'string' ? node.value : undefined;
}

/** Label attribute names: keys that are not source-ref / service keys and do not end in -metadata. */
export function attributeNames(root: Node): string[] {
  const out: string[] = [];
  for (const p of properties(root)) {
    const k = keyOf(p);
    if (!k || NON_ATTRIBUTE_KEYS.has(k) || k.endsWith('-metadata') || out.includes(k)) continue;
    out.push(k);
  }
  return out;
}

/** Keys ending in -metadata, with the attribute name they belong to. */
export function metadataNames(root: Node): string[] {
  const out: string[] = [];
  for (const p of properties(root)) {
    const k = keyOf(p);
    if (k.endsWith('-metadata') && k !== SERVICE_METADATA_KEY && !out.includes(k)) out.push(k);
  }
  return out;
}

export type AttributeShape = 'classification' | 'detection' | 'multilabel' | 'unknown';

/** What an attribute's value looks like: an integer, an object with annotations, an array of ids. */
export function shapeOf(value: Node | undefined): AttributeShape {
  if (!value) return 'unknown';
  if (value.type === 'number') return 'classification';
  if (value.type === 'object' && (findProperty(value, 'annotations') || findProperty(value, 'image_size'))) {
    return 'detection';
  }
  if (value.type === 'array' && (value.children ?? []).every((c) => c.type === 'number')) return 'multilabel';
  return 'unknown';
}

export function typeForShape(shape: AttributeShape): string | undefined {
  if (shape === 'classification') return CLASSIFICATION_TYPE;
  if (shape === 'detection') return DETECTION_TYPE;
  return undefined;
}

/** The spacing a line uses after ':' and after ',' (so inserted text looks like its neighbours). */
export interface LineStyle {
  colon: string;
  comma: string;
}

export function styleOf(text: string, root: Node): LineStyle {
  let colon = ': ';
  let comma = ', ';
  const first = properties(root)[0];
  const key = first?.children?.[0];
  const value = first?.children?.[1];
  if (key && value) colon = text.slice(key.offset + key.length, value.offset).replace(/[^\s:]/g, '') || ': ';
  const props = properties(root);
  if (props.length >= 2) {
    const between = text.slice(props[0].offset + props[0].length, props[1].offset);
    if (/^\s*,[ \t]*$/.test(between)) comma = between.replace(/^\s*/, '');
  } else if (first) {
    // One property only: guess from the colon (compact lines are compact everywhere).
    comma = colon === ':' ? ',' : ', ';
  }
  return { colon, comma };
}

/** Serializes a value in the line's style: `{"a": 1, "b": [2, 3]}` or `{"a":1,"b":[2,3]}`. */
export function serialize(value: unknown, style: LineStyle): string {
  if (Array.isArray(value)) return `[${value.map((v) => serialize(v, style)).join(style.comma)}]`;
  if (value !== null && typeof value === 'object') {
    const parts = Object.entries(value as Record<string, unknown>).map(
      ([k, v]) => `${JSON.stringify(k)}${style.colon}${serialize(v, style)}`,
    );
    return `{${parts.join(style.comma)}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** `"key": value` in the line's style. */
export function propertyText(key: string, value: unknown, style: LineStyle): string {
  return `${JSON.stringify(key)}${style.colon}${serialize(value, style)}`;
}

/** Inserts raw property texts (each `"k": v`) at the end of an object, after its last property. */
export function insertAtEnd(obj: Node, texts: string[], style: LineStyle): LineEdit {
  const props = properties(obj);
  const last = props[props.length - 1];
  if (last) {
    const at = last.offset + last.length;
    return { start: at, end: at, newText: texts.map((t) => style.comma + t).join('') };
  }
  const at = obj.offset + 1;
  return { start: at, end: at, newText: texts.join(style.comma) };
}

/** Inserts raw property texts right after a given property of its object. */
export function insertAfter(property: Node, texts: string[], style: LineStyle): LineEdit {
  const at = property.offset + property.length;
  return { start: at, end: at, newText: texts.map((t) => style.comma + t).join('') };
}

/** Inserts raw property texts right before a given property of its object. */
export function insertBefore(property: Node, texts: string[], style: LineStyle): LineEdit {
  const at = property.offset;
  return { start: at, end: at, newText: texts.map((t) => t + style.comma).join('') };
}

/** Removes a child (property of an object, element of an array) with the comma that joins it to a neighbour. */
export function removeChild(child: Node): LineEdit {
  const siblings = child.parent?.children ?? [child];
  const i = siblings.indexOf(child);
  if (i >= 0 && i < siblings.length - 1) {
    return { start: child.offset, end: siblings[i + 1].offset, newText: '' };
  }
  if (i > 0) {
    const prev = siblings[i - 1];
    return { start: prev.offset + prev.length, end: child.offset + child.length, newText: '' };
  }
  return { start: child.offset, end: child.offset + child.length, newText: '' };
}

export function replaceNode(node: Node, newText: string): LineEdit {
  return { start: node.offset, end: node.offset + node.length, newText };
}

/** Applies non-overlapping edits to a text (last first). Used by tests and by whole-line conversions. */
export function applyLineEdits(text: string, edits: readonly LineEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** A node whose range overlaps [start, end) (touching counts, so a zero-width range still matches). */
export function overlaps(node: Node | undefined, start: number, end: number): boolean {
  if (!node) return false;
  return node.offset <= end && node.offset + node.length >= start;
}

/** The image width and height of a detection attribute: image_size as [{...}] or a bare object. */
export function imageSizeOf(attrValue: Node | undefined): { width?: number; height?: number } {
  const size = childValue(attrValue, 'image_size');
  const first = size?.type === 'array' ? size.children?.[0] : size;
  return { width: numberOf(childValue(first, 'width')), height: numberOf(childValue(first, 'height')) };
}

/** Annotation object nodes of a detection attribute. */
export function annotationsOf(attrValue: Node | undefined): Node[] {
  const list = childValue(attrValue, 'annotations');
  return list?.type === 'array' ? list.children ?? [] : [];
}
