/**
 * The line writer of the label editor: one manifest line's text and one gesture (add a box, move
 * or resize box i, set box i's label, delete box i, add or remove an image-level label) give the
 * line's new text. Only what the gesture owns changes, in place, by small text edits on the line
 * (json-line.ts: a value replaced, a property or an element inserted or removed in the line's own
 * spacing): the key order and every key we do not own stay as they were. Never re-serialised.
 *
 * The formats are the guide's (md-create-manifest-file-object-detection.md: "annotations" with
 * class_id, top, left, width, height in pixels; "-metadata" with "objects" (one confidence per
 * annotation, by index), "class-map", "type": "groundtruth/object-detection", "human-annotated":
 * "yes", "creation-date" in UTC, "job-name"; md-create-manifest-file-classification.md: an
 * attribute holding an integer, its metadata with "class-name", "confidence" between 0 and 1,
 * "type": "groundtruth/image-classification"; several image-level labels are several attribute
 * pairs ("Adding multiple image-level labels to an image")). The creation-date is written as the
 * guide's examples write it, UTC without a zone: "2020-03-06T17:46:39.176".
 *
 * Which attribute a gesture edits:
 * - a box is named by its attribute and its index in that attribute's annotations (as the
 *   preview numbers them), so a line with two detection attributes edits the one the box is in;
 * - a new box goes to the first object-detection attribute of the line (line order); a line
 *   without one gets a new pair, "bounding-box" (or "bounding-box-2", ... when taken);
 * - a new image-level label is a new classification pair named after the label when that name is
 *   free and plain, else "label", "label-2", ...; removing a label removes every classification
 *   pair whose class-name is that label.
 * Boxes are whole pixels of the image's real size (the caller's `imageSize`, read from the image),
 * kept inside the image; an attribute whose image_size declares another size is not edited (its
 * boxes are in another frame): the gesture is refused with the reason.
 * A box's label that the class-map does not have gets the smallest free class id (not a key of the
 * class-map, not a class_id of the annotations). Class-map names and labels are looked up as text
 * in the line's nodes (never as keys of `{}`): "constructor" and "__proto__" are labels like others.
 * Pure: no `vscode` import; never throws (a failure is a refusal with its reason).
 */
import type { Node } from 'jsonc-parser';
import {
  DETECTION_TYPE,
  CLASSIFICATION_TYPE,
  NON_ATTRIBUTE_KEYS,
  annotationsOf,
  applyLineEdits,
  childValue,
  findProperty,
  insertAtEnd,
  keyOf,
  numberOf,
  parseStrict,
  properties,
  propertyText,
  removeChild,
  replaceNode,
  serialize,
  stringOf,
  styleOf,
  type LineEdit,
  type LineStyle,
} from '../json-line';
import { Limits } from '../codes';

/** A box in whole pixels of the image: left, top, width, height. */
export interface PixelBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A box of the line: its attribute and its index in that attribute's annotations. */
export interface BoxRef {
  attribute: string;
  annotation: number;
}

/** What a person did on the image. */
export type LabelGesture =
  | { kind: 'addBox'; box: PixelBox; label: string }
  | { kind: 'moveBox'; ref: BoxRef; box: PixelBox }
  | { kind: 'setBoxLabel'; ref: BoxRef; label: string }
  | { kind: 'deleteBox'; ref: BoxRef }
  | { kind: 'addLabel'; label: string }
  | { kind: 'removeLabel'; label: string };

export interface WriteContext {
  /** The image's real size in pixels (read from the image, not from the line). */
  imageSize: { width: number; height: number };
  /** The time written as creation-date. */
  now: Date;
}

/** The new line, or why the gesture cannot be written (a sentence a person can act on). */
export type WriteResult = { text: string; /** The box the gesture made or changed, as it is in the new line. */ box?: BoxRef } | { refused: string };

/** The attribute name a new detection pair takes (the guide's example's). */
export const NEW_DETECTION_ATTRIBUTE = 'bounding-box';
/** The longest label written: the class-map and class-name take any string, a person types short ones. */
export const MAX_LABEL_CHARS = 256;

/** The creation-date of a label made at `now`: UTC, as the guide's examples write it ("2020-03-06T17:46:39.176"). */
export function creationDate(now: Date): string {
  return now.toISOString().slice(0, 23);
}

/** The line `text` after `gesture`. Never throws. */
export function writeGesture(text: string, gesture: LabelGesture, context: WriteContext): WriteResult {
  try {
    return write(text, gesture, context);
  } catch (error) {
    return { refused: `The line could not be edited: ${error instanceof Error ? error.message : String(error)}` };
  }
}

class Refused extends Error {}

function write(text: string, gesture: LabelGesture, context: WriteContext): WriteResult {
  if (typeof text !== 'string' || text.length > Limits.maxLineChars) return { refused: 'This line is too long to edit here.' };
  const root = parseStrict(text);
  if (!root) return { refused: 'This line is not a JSON object: fix it in the editor first.' };
  const { width, height } = context.imageSize;
  if (!isPositiveInteger(width) || !isPositiveInteger(height)) return { refused: "The image's size is not known: the line cannot be edited." };
  if ('label' in gesture) {
    const why = labelProblem(gesture.label);
    if (why) return { refused: why };
  }
  const line = new Line(text, root);
  let box: BoxRef | undefined;
  try {
    switch (gesture.kind) {
      case 'addBox':
        box = addBox(line, gesture.box, gesture.label.trim(), context);
        break;
      case 'moveBox':
        moveBox(line, gesture.ref, gesture.box, context);
        box = gesture.ref;
        break;
      case 'setBoxLabel':
        setBoxLabel(line, gesture.ref, gesture.label.trim(), context);
        box = gesture.ref;
        break;
      case 'deleteBox':
        deleteBox(line, gesture.ref, context);
        break;
      case 'addLabel':
        addLabel(line, gesture.label.trim(), context);
        break;
      case 'removeLabel':
        removeLabel(line, gesture.label.trim());
        break;
      default:
        return { refused: 'This change is not one the editor knows.' };
    }
  } catch (error) {
    if (error instanceof Refused) return { refused: error.message };
    throw error;
  }
  return box ? { text: line.text, box } : { text: line.text };
}

function isPositiveInteger(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0;
}

function labelProblem(label: unknown): string | undefined {
  if (typeof label !== 'string' || label.trim() === '') return 'A label needs a name: type one.';
  if (label.length > MAX_LABEL_CHARS) return `A label is at most ${MAX_LABEL_CHARS} characters.`;
  return undefined;
}

/** The line being edited: each step parses the current text and applies its edits to it. */
class Line {
  readonly style: LineStyle;
  /** The tree of `text`, parsed once per text: a gesture reads the tree many times between two edits (a 5 KB line takes ~0.2 ms to parse). */
  private parsed: { text: string; root: Node } | undefined;
  constructor(public text: string, root: Node) {
    this.style = styleOf(text, root);
    this.parsed = { text, root };
  }
  root(): Node {
    if (this.parsed?.text === this.text) return this.parsed.root;
    const root = parseStrict(this.text);
    if (!root) throw new Error('the edited line is no longer JSON');
    this.parsed = { text: this.text, root };
    return root;
  }
  apply(...edits: LineEdit[]): void {
    this.text = applyLineEdits(this.text, edits);
  }
  /** `"key": value` in the line's spacing. */
  property(key: string, value: unknown): string {
    return propertyText(key, value, this.style);
  }
  value(value: unknown): string {
    return serialize(value, this.style);
  }
}

/** Inserts raw element texts at the end of an array node. */
function appendToArray(array: Node, texts: string[], style: LineStyle): LineEdit {
  const items = array.children ?? [];
  const last = items[items.length - 1];
  if (last) {
    const at = last.offset + last.length;
    return { start: at, end: at, newText: texts.map((t) => style.comma + t).join('') };
  }
  const at = array.offset + 1;
  return { start: at, end: at, newText: texts.join(style.comma) };
}

/** Sets `key` of the object at `path` (from the root) to `value`: the value replaced in place, or the property added at the object's end. */
function setKey(line: Line, path: string[], key: string, value: unknown): void {
  const obj = objectAt(line.root(), path);
  const prop = findProperty(obj, key);
  const node = prop?.children?.[1];
  if (node) line.apply(replaceNode(node, line.value(value)));
  else line.apply(insertAtEnd(obj, [line.property(key, value)], line.style));
}

function objectAt(root: Node, path: string[]): Node {
  let node: Node | undefined = root;
  for (const key of path) node = node?.type === 'array' ? node.children?.[Number(key)] : childValue(node, key);
  if (!node || node.type !== 'object') throw new Refused(`"${path.join('.')}" is not an object: fix it in the editor first.`);
  return node;
}

/** The label attributes of the line (keys that are not source-ref, the service's, or "-metadata"), in line order, each once. */
function attributes(root: Node): string[] {
  const out: string[] = [];
  for (const p of properties(root)) {
    const k = keyOf(p);
    if (!k || NON_ATTRIBUTE_KEYS.has(k) || k.endsWith('-metadata') || out.includes(k)) continue;
    out.push(k);
  }
  return out;
}

/** What an attribute is, as the validator reads it: the metadata's type, else the value's shape. */
function kindOf(root: Node, attribute: string): 'detection' | 'classification' | undefined {
  const meta = childValue(root, `${attribute}-metadata`);
  const type = stringOf(childValue(meta, 'type'));
  if (type === DETECTION_TYPE) return 'detection';
  if (type === CLASSIFICATION_TYPE) return 'classification';
  if (type !== undefined) return undefined;
  const value = childValue(root, attribute);
  if (value?.type === 'object' || childValue(meta, 'class-map')) return 'detection';
  if (value?.type === 'number' || childValue(meta, 'class-name')) return 'classification';
  return undefined;
}

function usedKeys(root: Node): Set<string> {
  return new Set(properties(root).map(keyOf));
}

/** A free attribute name from `base`: itself, then base-2, base-3, ... (its -metadata free too). */
function freeAttribute(root: Node, base: string): string {
  const taken = usedKeys(root);
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : `${base}-${n}`;
    if (!taken.has(name) && !taken.has(`${name}-metadata`)) return name;
  }
}

/** The metadata every gesture on an attribute writes: a person made the label, now. */
function stamp(line: Line, attribute: string, type: string, context: WriteContext): void {
  const meta = `${attribute}-metadata`;
  setKey(line, [meta], 'type', type);
  setKey(line, [meta], 'human-annotated', 'yes');
  setKey(line, [meta], 'creation-date', creationDate(context.now));
  if (!findProperty(objectAt(line.root(), [meta]), 'job-name')) setKey(line, [meta], 'job-name', `labeling-job/${attribute}`);
}

/** The service's smallest box side, in pixels (a side of 1 px is ERROR_BOUNDING_BOX_TOO_SMALL: it needs more than 1 px). */
const MIN_SIDE = 2;

/** The box in whole pixels inside the image: its edges rounded (no drift from rounding sizes), at least MIN_SIDE a side. */
function fit(box: PixelBox, size: { width: number; height: number }): PixelBox {
  const [left, width] = span(box.left, box.width, size.width);
  const [top, height] = span(box.top, box.height, size.height);
  return { left, top, width, height };
}

/** One side: [start, length] inside [0, extent], edges rounded. */
function span(start: number, length: number, extent: number): [number, number] {
  const finite = (n: unknown): number => (typeof n === 'number' && Number.isFinite(n) ? n : 0);
  const side = Math.min(MIN_SIDE, extent);
  const a = Math.min(Math.max(0, Math.round(finite(start))), extent - side);
  const b = Math.min(Math.max(a + side, Math.round(finite(start) + finite(length))), extent);
  return [a, b - a];
}

/** The detection attribute's declared size must be the image's: else its boxes are in another frame. */
function checkSize(root: Node, attribute: string, size: { width: number; height: number }): void {
  const declared = childValue(childValue(root, attribute), 'image_size');
  const first = declared?.type === 'array' ? declared.children?.[0] : declared;
  const w = numberOf(childValue(first, 'width'));
  const h = numberOf(childValue(first, 'height'));
  if (declared && (w !== size.width || h !== size.height)) {
    throw new Refused(
      `"${attribute}" declares an image_size of ${String(w)} x ${String(h)}, but the image is ${size.width} x ${size.height}: its boxes are in another frame. Set image_size to the image's size first (Check Images has a quick fix).`,
    );
  }
}

/** Writes the image_size as the real size: the whole value when it is missing or not the guide's one-element array. */
function writeSize(line: Line, attribute: string, size: { width: number; height: number }): void {
  const declared = childValue(childValue(line.root(), attribute), 'image_size');
  const first = declared?.type === 'array' ? declared.children?.[0] : undefined;
  if (first?.type === 'object' && declared?.children?.length === 1) {
    setKey(line, [attribute, 'image_size', '0'], 'width', size.width);
    setKey(line, [attribute, 'image_size', '0'], 'height', size.height);
    if (!findProperty(objectAt(line.root(), [attribute, 'image_size', '0']), 'depth')) setKey(line, [attribute, 'image_size', '0'], 'depth', 3);
  } else {
    setKey(line, [attribute], 'image_size', [{ width: size.width, height: size.height, depth: 3 }]);
  }
}

/** The class-map's entries as [id, name] text pairs, in order (last duplicate wins, as JSON.parse reads it). */
function classMap(root: Node, attribute: string): Map<string, string> {
  const map = new Map<string, string>();
  const node = childValue(childValue(root, `${attribute}-metadata`), 'class-map');
  for (const p of properties(node)) {
    const name = stringOf(p.children?.[1]);
    const id = keyOf(p);
    map.delete(id);
    if (name !== undefined) map.set(id, name);
  }
  return map;
}

/** The class id `label` has in the attribute's class-map, adding it with the smallest free id when it has none. */
function classIdFor(line: Line, attribute: string, label: string): number {
  const root = line.root();
  const map = classMap(root, attribute);
  for (const [id, name] of map) if (name === label && /^(0|[1-9]\d{0,8})$/.test(id)) return Number(id);
  const used = new Set<string>(map.keys());
  for (const p of properties(childValue(childValue(root, `${attribute}-metadata`), 'class-map'))) used.add(keyOf(p));
  for (const a of annotationsOf(childValue(root, attribute))) {
    const id = childValue(a, 'class_id');
    if (id) used.add(String(numberOf(id) ?? stringOf(id)));
  }
  let id = 0;
  while (used.has(String(id))) id++;
  const meta = objectAt(root, [`${attribute}-metadata`]);
  const node = childValue(meta, 'class-map');
  if (node && node.type === 'object') line.apply(insertAtEnd(node, [line.property(String(id), label)], line.style));
  else setKey(line, [`${attribute}-metadata`], 'class-map', { [String(id)]: label });
  return id;
}

function addBox(line: Line, raw: PixelBox, label: string, context: WriteContext): BoxRef {
  const box = fit(raw, context.imageSize);
  let root = line.root();
  let attribute = attributes(root).find((a) => kindOf(root, a) === 'detection');
  if (attribute === undefined) {
    attribute = freeAttribute(root, NEW_DETECTION_ATTRIBUTE);
    const size = context.imageSize;
    line.apply(
      insertAtEnd(
        root,
        [
          line.property(attribute, { image_size: [{ width: size.width, height: size.height, depth: 3 }], annotations: [] }),
          line.property(`${attribute}-metadata`, { objects: [], 'class-map': {}, type: DETECTION_TYPE, 'human-annotated': 'yes', 'creation-date': creationDate(context.now), 'job-name': `labeling-job/${attribute}` }),
        ],
        line.style,
      ),
    );
    root = line.root();
  }
  checkSize(root, attribute, context.imageSize);
  if (childValue(root, attribute)?.type !== 'object') throw new Refused(`"${attribute}" is not an object: fix it in the editor first.`);
  if (childValue(root, `${attribute}-metadata`)?.type !== 'object') setKey(line, [], `${attribute}-metadata`, {});
  const classId = classIdFor(line, attribute, label);
  writeSize(line, attribute, context.imageSize);
  const annotation = line.value({ class_id: classId, top: box.top, left: box.left, width: box.width, height: box.height });
  const list = childValue(line.root(), attribute);
  const annotations = childValue(list, 'annotations');
  if (annotations?.type === 'array') line.apply(appendToArray(annotations, [annotation], line.style));
  else setKey(line, [attribute], 'annotations', [{ class_id: classId, top: box.top, left: box.left, width: box.width, height: box.height }]);
  alignObjects(line, attribute);
  stamp(line, attribute, DETECTION_TYPE, context);
  return { attribute, annotation: annotationsOf(childValue(line.root(), attribute)).length - 1 };
}

/** objects[] as long as annotations[]: a confidence 1 for each annotation that has none (the guide: "Maps to the annotations array by index"). */
function alignObjects(line: Line, attribute: string): void {
  const root = line.root();
  const count = annotationsOf(childValue(root, attribute)).length;
  const objects = childValue(childValue(root, `${attribute}-metadata`), 'objects');
  if (objects?.type !== 'array') {
    setKey(line, [`${attribute}-metadata`], 'objects', Array.from({ length: count }, () => ({ confidence: 1 })));
    return;
  }
  const have = objects.children?.length ?? 0;
  if (have < count) line.apply(appendToArray(objects, Array.from({ length: count - have }, () => line.value({ confidence: 1 })), line.style));
}

/** The annotation object a box names, checked. */
function annotationOf(root: Node, ref: BoxRef, size: { width: number; height: number }): Node {
  if (kindOf(root, ref.attribute) !== 'detection') throw new Refused(`"${ref.attribute}" is not an object-detection attribute of this line: the line changed; try again.`);
  checkSize(root, ref.attribute, size);
  const annotation = annotationsOf(childValue(root, ref.attribute))[ref.annotation];
  if (!annotation || annotation.type !== 'object') throw new Refused(`"${ref.attribute}" has no box ${ref.annotation + 1}: the line changed; try again.`);
  return annotation;
}

function moveBox(line: Line, ref: BoxRef, raw: PixelBox, context: WriteContext): void {
  annotationOf(line.root(), ref, context.imageSize);
  const box = fit(raw, context.imageSize);
  const path = [ref.attribute, 'annotations', String(ref.annotation)];
  for (const key of ['left', 'top', 'width', 'height'] as const) {
    const node = childValue(objectAt(line.root(), path), key);
    if (numberOf(node) !== box[key]) setKey(line, path, key, box[key]);
  }
  writeSize(line, ref.attribute, context.imageSize);
  stamp(line, ref.attribute, DETECTION_TYPE, context);
}

function setBoxLabel(line: Line, ref: BoxRef, label: string, context: WriteContext): void {
  annotationOf(line.root(), ref, context.imageSize);
  const id = classIdFor(line, ref.attribute, label);
  setKey(line, [ref.attribute, 'annotations', String(ref.annotation)], 'class_id', id);
  stamp(line, ref.attribute, DETECTION_TYPE, context);
}

function deleteBox(line: Line, ref: BoxRef, context: WriteContext): void {
  const annotation = annotationOf(line.root(), ref, context.imageSize);
  const objects = childValue(childValue(line.root(), `${ref.attribute}-metadata`), 'objects');
  const object = objects?.type === 'array' ? objects.children?.[ref.annotation] : undefined;
  // The object first (it is later in the line when the metadata follows; each edit on the current text).
  if (object) line.apply(removeChild(object));
  const again = annotationsOf(childValue(line.root(), ref.attribute))[ref.annotation];
  line.apply(removeChild(again ?? annotation));
  stamp(line, ref.attribute, DETECTION_TYPE, context);
}

/** The classification attributes of the line whose class-name is `label`. */
function labelAttributes(root: Node, label: string): string[] {
  return attributes(root).filter((a) => kindOf(root, a) === 'classification' && stringOf(childValue(childValue(root, `${a}-metadata`), 'class-name')) === label);
}

/** A name for a new classification attribute: the label when it is a plain name, else "label". */
function classificationName(root: Node, label: string): string {
  const plain = /^[A-Za-z0-9][A-Za-z0-9 _.]*$/.test(label) && !/-ref$|-metadata/.test(label) && !NON_ATTRIBUTE_KEYS.has(label) && label.length <= 64;
  return freeAttribute(root, plain ? label : 'label');
}

function addLabel(line: Line, label: string, context: WriteContext): void {
  const root = line.root();
  if (labelAttributes(root, label).length > 0) return;
  const attribute = classificationName(root, label);
  const values = attributes(root)
    .map((a) => numberOf(childValue(root, a)))
    .filter((n): n is number => n !== undefined && Number.isSafeInteger(n));
  let value = 0;
  while (values.includes(value)) value++;
  line.apply(
    insertAtEnd(
      root,
      [
        line.property(attribute, value),
        line.property(`${attribute}-metadata`, {
          confidence: 1,
          'job-name': `labeling-job/${attribute}`,
          'class-name': label,
          'human-annotated': 'yes',
          'creation-date': creationDate(context.now),
          type: CLASSIFICATION_TYPE,
        }),
      ],
      line.style,
    ),
  );
}

function removeLabel(line: Line, label: string): void {
  for (const attribute of labelAttributes(line.root(), label)) {
    for (const key of [`${attribute}-metadata`, attribute]) {
      // Every property of that name (a key written twice is read as its last: none may stay behind).
      for (let prop = findProperty(line.root(), key); prop; prop = findProperty(line.root(), key)) line.apply(removeChild(prop));
    }
  }
}
