/**
 * The one reader of what a manifest line holds, for the code that shows or checks it (gallery
 * cards, the preview, Check Images): its source-ref and S3 location, the declared image size,
 * the boxes with their class ids, class-map names and confidences, and the labels. The line is
 * parsed once (JSON.parse, as the validator does); with `spans` the places of the source-ref,
 * each image_size and each box are found in one scan of the same text (rules/path-scan.ts, the
 * validator's own range finder). The label attributes are the keys the validator's key plan
 * says they are (rules/key-plan.ts: not source-ref, not the service's keys, not "-metadata").
 *
 * It is not the validator: it judges nothing, it reads what can be read. A line that is not a
 * JSON object has nothing (`json` false); a value of the wrong shape is left out; it never throws.
 * Pure: no `vscode` import.
 */
import { CLASSIFICATION_TYPE, DETECTION_TYPE } from './json-line';
import { keyPlan } from './rules/key-plan';
import { scanPaths } from './rules/path-scan';
import { s3Location, type S3Location } from './s3-uri';

/** A place in the line: UTF-16 offsets, `end` exclusive. */
export interface EntrySpan {
  start: number;
  end: number;
}

export interface EntryBox {
  /** The label attribute the box is in. */
  attribute: string;
  /** 0-based in the attribute's annotations array. */
  index: number;
  /** The annotation's class_id when it is a number. */
  classId?: number;
  /** The class-map's name for the class_id, or "class <class_id>" when the class-map has none. */
  label: string;
  left: number;
  top: number;
  width: number;
  height: number;
  /** The metadata's objects[index].confidence, when a number. */
  confidence?: number;
  /** The annotation object (with `spans`). */
  span?: EntrySpan;
}

export interface EntryAttribute {
  name: string;
  /** What the metadata's `type` says, else what the value looks like (as the validator infers it); undefined: neither. */
  kind?: 'classification' | 'detection';
  /** The attribute has a "-metadata" object. */
  hasMetadata: boolean;
  /** Classification: the metadata's class-name and confidence, and the value when it is a number. */
  className?: string;
  classId?: number;
  confidence?: number;
  /** Detection: the declared image_size (one-element array or bare object) when width and height are numbers. */
  imageSize?: { width: number; height: number; span?: EntrySpan };
  /** Detection: the annotations that have four numbers left, top, width, height. */
  boxes: EntryBox[];
}

export interface ManifestEntry {
  /** The line is a JSON object ('object'), other JSON ('other'), or not JSON ('invalid'); only an object is read. */
  json: 'object' | 'other' | 'invalid';
  /** The source-ref, when it is a string. */
  sourceRef?: string;
  /** The source-ref's value, quotes included (with `spans`). */
  sourceRefSpan?: EntrySpan;
  /** The bucket and key of an s3:// source-ref. */
  location?: S3Location;
  /** The first declared image_size over the attributes. */
  imageSize?: { width: number; height: number };
  /** The label attributes, in the line's order (with or without their metadata). */
  attributes: EntryAttribute[];
  /** Every box of the line, attribute by attribute (the same objects as the attributes'). */
  boxes: EntryBox[];
  /** The class-name of each metadata object (its attribute there or not), each once. */
  classNames: string[];
  /** Each label once: the class-names, then the boxes' labels. */
  labels: string[];
}

export interface ReadOptions {
  /** Also find where the source-ref, the image sizes and the boxes are in the text. */
  spans?: boolean;
}

const META = '-metadata';
const nothing = (json: ManifestEntry['json']): ManifestEntry => ({ json, attributes: [], boxes: [], classNames: [], labels: [] });

/** What `text` (one manifest line) holds. Never throws. */
export function readEntry(text: string, options: ReadOptions = {}): ManifestEntry {
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch {
    return nothing('invalid');
  }
  if (!isObject(obj)) return nothing('other');
  try {
    return readObject(text, obj, options.spans === true);
  } catch {
    return nothing('object');
  }
}

type JsonObject = Record<string, unknown>;

function isObject(v: unknown): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

function readObject(text: string, obj: JsonObject, spans: boolean): ManifestEntry {
  const plan = keyPlan(obj);
  const entry = nothing('object');
  const ref = plan.hasRef ? obj['source-ref'] : undefined;
  if (typeof ref === 'string') {
    entry.sourceRef = ref;
    const location = s3Location(ref);
    if (location) entry.location = location;
  }
  const labels = new Set<string>();
  // Every metadata object's class-name, with or without its attribute (what the gallery and the preview have always shown).
  for (const metaKey of plan.metaKeys) {
    const meta = obj[metaKey];
    if (isObject(meta) && typeof meta['class-name'] === 'string') labels.add(meta['class-name']);
  }
  entry.classNames = [...labels];
  for (const name of plan.plain) {
    const value = obj[name];
    const meta = obj[name + META];
    const attribute = readAttribute(name, value, isObject(meta) ? meta : undefined);
    entry.attributes.push(attribute);
    if (attribute.imageSize && !entry.imageSize) entry.imageSize = { width: attribute.imageSize.width, height: attribute.imageSize.height };
    for (const b of attribute.boxes) {
      labels.add(b.label);
      entry.boxes.push(b);
    }
  }
  entry.labels = [...labels];
  if (spans) addSpans(text, entry);
  return entry;
}

function readAttribute(name: string, value: unknown, meta: JsonObject | undefined): EntryAttribute {
  const attribute: EntryAttribute = { name, hasMetadata: meta !== undefined, boxes: [] };
  const kind = kindOf(value, meta);
  if (kind) attribute.kind = kind;
  if (meta && typeof meta['class-name'] === 'string') attribute.className = meta['class-name'];
  if (typeof value === 'number') attribute.classId = value;
  const confidence = num(meta?.confidence);
  if (confidence !== undefined) attribute.confidence = confidence;
  if (!isObject(value)) return attribute;
  const size = Array.isArray(value.image_size) ? value.image_size[0] : value.image_size;
  if (isObject(size) && typeof size.width === 'number' && typeof size.height === 'number') attribute.imageSize = { width: size.width, height: size.height };
  const annotations = value.annotations;
  if (!Array.isArray(annotations)) return attribute;
  const classMap = isObject(meta?.['class-map']) ? (meta!['class-map'] as JsonObject) : undefined;
  const objects = Array.isArray(meta?.objects) ? (meta!.objects as unknown[]) : undefined;
  annotations.forEach((a, index) => {
    if (!isObject(a)) return;
    const { class_id: id, left, top, width, height } = a;
    if (typeof left !== 'number' || typeof top !== 'number' || typeof width !== 'number' || typeof height !== 'number') return;
    // An own property only: a class-map is user text, and "constructor" is no class name.
    const mapped = classMap && Object.prototype.hasOwnProperty.call(classMap, String(id)) ? classMap[String(id)] : undefined;
    const box: EntryBox = { attribute: name, index, label: typeof mapped === 'string' ? mapped : `class ${String(id)}`, left, top, width, height };
    if (typeof id === 'number') box.classId = id;
    const o = objects?.[index];
    const c = isObject(o) ? num(o.confidence) : undefined;
    if (c !== undefined) box.confidence = c;
    attribute.boxes.push(box);
  });
  return attribute;
}

/** The validator's reading: the metadata's type, else the value's shape (rules/check-line.ts inferKind). */
function kindOf(value: unknown, meta: JsonObject | undefined): EntryAttribute['kind'] {
  const type = meta?.type;
  if (type === CLASSIFICATION_TYPE) return 'classification';
  if (type === DETECTION_TYPE) return 'detection';
  if (type !== undefined) return undefined;
  if (isObject(value) || meta?.['class-map'] !== undefined) return 'detection';
  if (typeof value === 'number' || meta?.['class-name'] !== undefined) return 'classification';
  return undefined;
}

/** The places of the source-ref, the sizes and the boxes, found in one scan of the text. */
function addSpans(text: string, entry: ManifestEntry): void {
  const paths: Array<Array<string | number>> = [['source-ref']];
  for (const a of entry.attributes) {
    if (a.imageSize) paths.push([a.name, 'image_size']);
    for (const b of a.boxes) paths.push([a.name, 'annotations', b.index]);
  }
  const found = scanPaths(text, paths);
  if (!found) return;
  const at = (i: number): EntrySpan | undefined => {
    const f = found[i];
    return f && f.depth === paths[i]!.length ? { start: f.node.value.start, end: f.node.value.end } : undefined;
  };
  let i = 0;
  const ref = at(i++);
  if (ref && entry.sourceRef !== undefined) entry.sourceRefSpan = ref;
  for (const a of entry.attributes) {
    if (a.imageSize) {
      const s = at(i++);
      if (s) a.imageSize.span = s;
    }
    for (const b of a.boxes) {
      const s = at(i++);
      if (s) b.span = s;
    }
  }
}
