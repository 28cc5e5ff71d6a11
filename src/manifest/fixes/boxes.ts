/**
 * Quick fixes for object-detection attributes: a class id missing from the class-map, a box
 * outside the image (clamp it, or remove it with its `objects` entry), a box too small, missing
 * box confidences, and image_size written as a bare object. Pure: no `vscode` import.
 */
import type { Node } from 'jsonc-parser';
import { Limits } from '../codes';
import { scaleFactor } from '../scale';
import {
  annotationsOf,
  attributeNames,
  childValue,
  findProperty,
  imageSizeOf,
  insertAtEnd,
  numberOf,
  overlaps,
  propertyText,
  removeChild,
  replaceNode,
  serialize,
  shapeOf,
  stringOf,
  styleOf,
  type LineEdit,
} from '../json-line';
import {
  classIdLabelElsewhere,
  classMapOf,
  dataNumber,
  labelSuggestions,
  targetAttributes,
  type FixInputs,
  type LineFix,
} from './support';

const PLACEHOLDER_LABEL = 'LABEL';

function detectionAttributes(root: Node): string[] {
  return attributeNames(root).filter((a) => shapeOf(childValue(root, a)) === 'detection');
}

function classIdKey(annotation: Node): string | undefined {
  const node = childValue(annotation, 'class_id');
  const n = numberOf(node);
  if (n !== undefined) return String(n);
  const s = stringOf(node);
  return s !== undefined && s.length > 0 ? s : undefined;
}

/** ERROR_MISSING_CLASS_MAP_ID: add `"<id>": "<label>"` to the class-map. */
export function missingClassMapIdFixes(root: Node, inputs: FixInputs): LineFix[] {
  const style = styleOf(inputs.text, root);
  const hintId = dataNumber(inputs.problem, 'classId');
  const fixes: LineFix[] = [];
  for (const attr of targetAttributes(root, inputs.problem, detectionAttributes(root))) {
    const metaProp = findProperty(root, `${attr}-metadata`);
    const meta = metaProp?.children?.[1];
    if (!meta || meta.type !== 'object') continue;
    const classMapNode = childValue(meta, 'class-map');
    if (classMapNode && classMapNode.type !== 'object') continue;
    const classMap = classMapOf(meta);
    const missing: string[] = [];
    for (const a of annotationsOf(childValue(root, attr))) {
      const id = classIdKey(a);
      if (id !== undefined && !(id in classMap) && !missing.includes(id)) missing.push(id);
    }
    const ids = hintId !== undefined && missing.includes(String(hintId)) ? [String(hintId)] : missing;
    const used = new Set(Object.values(classMap).filter((v): v is string => typeof v === 'string'));
    for (const id of ids) {
      const edit = (label: string): LineEdit =>
        classMapNode
          ? insertAtEnd(classMapNode, [propertyText(id, label, style)], style)
          : insertAtEnd(meta, [propertyText('class-map', { [id]: label }, style)], style);
      const elsewhere = classIdLabelElsewhere(inputs, inputs.problem.line, id);
      const options: LineFix[] = [];
      if (elsewhere) {
        options.push({
          title: `Add "${id}": "${elsewhere.label}" to the class-map (as on line ${elsewhere.line + 1})`,
          isPreferred: true,
          edits: [edit(elsewhere.label)],
        });
      }
      const excluded = new Set(used);
      if (elsewhere) excluded.add(elsewhere.label);
      const labels = labelSuggestions(inputs.labels, excluded);
      for (const l of labels) {
        options.push({ title: `Add "${id}": "${l}" to the class-map`, edits: [edit(l)] });
      }
      const placeholder = `${PLACEHOLDER_LABEL}-${id}`;
      options.push({
        title: `Add "${id}": "${placeholder}" to the class-map (placeholder: edit the label)`,
        isPreferred: !elsewhere && labels.length === 0,
        edits: [edit(placeholder)],
      });
      fixes.push(...options);
    }
  }
  return fixes;
}

interface Box {
  attr: string;
  index: number;
  node: Node;
  left?: number;
  top?: number;
  width?: number;
  height?: number;
  imageWidth?: number;
  imageHeight?: number;
}

function boxesOf(root: Node, attr: string): Box[] {
  const value = childValue(root, attr);
  const size = imageSizeOf(value);
  return annotationsOf(value).map((node, index) => ({
    attr,
    index,
    node,
    left: numberOf(childValue(node, 'left')),
    top: numberOf(childValue(node, 'top')),
    width: numberOf(childValue(node, 'width')),
    height: numberOf(childValue(node, 'height')),
    imageWidth: size.width,
    imageHeight: size.height,
  }));
}

function isOffImage(b: Box): boolean {
  const { left, top, width, height, imageWidth: W, imageHeight: H } = b;
  if (left === undefined || top === undefined || width === undefined || height === undefined) return true;
  if (left < 0 || top < 0 || width < 0 || height < 0) return true;
  if (W !== undefined && left + width > W) return true;
  if (H !== undefined && top + height > H) return true;
  return false;
}

function tooSmall(width: number, height: number, W: number, H: number): boolean {
  const f = scaleFactor(W, H);
  return width * f <= Limits.minBoxSidePx || height * f <= Limits.minBoxSidePx;
}

/** The boxes a box problem is about: data.annotationIndex, else boxes overlapping the range, else all matching. */
function targetBoxes(root: Node, inputs: FixInputs, matches: (b: Box) => boolean): Box[] {
  const attrs = targetAttributes(root, inputs.problem, detectionAttributes(root));
  const all = attrs.flatMap((a) => boxesOf(root, a));
  const index = dataNumber(inputs.problem, 'annotationIndex');
  if (index !== undefined) {
    const hinted = all.filter((b) => b.index === index && (attrs.length === 1 || matches(b)));
    if (hinted.length === 1) return hinted;
  }
  const { start, end } = inputs.problem;
  const inRange = all.filter((b) => matches(b) && overlaps(b.node, start, end));
  const narrow = inRange.filter((b) => b.node.offset <= start && b.node.offset + b.node.length >= end);
  if (narrow.length > 0) return narrow;
  const matching = all.filter(matches);
  return inRange.length > 0 && inRange.length < matching.length ? inRange : matching;
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

/** ERROR_INVALID_BOUNDING_BOX: clamp the box into the image; remove it (and its objects entry). */
export function invalidBoxFixes(root: Node, inputs: FixInputs): LineFix[] {
  const targets = targetBoxes(root, inputs, isOffImage);
  const fixes: LineFix[] = [];
  for (const b of targets) {
    const clamp = clampEdits(b);
    if (clamp) fixes.push({ title: `Clamp box ${b.index + 1} of "${b.attr}" into the ${b.imageWidth} x ${b.imageHeight} image`, isPreferred: clamp.usable, edits: clamp.edits });
    fixes.push(removeBoxFix(root, b, !clamp?.usable));
  }
  return fixes;
}

function clampEdits(b: Box): { edits: LineEdit[]; usable: boolean } | undefined {
  const { left, top, width, height, imageWidth: W, imageHeight: H } = b;
  if (left === undefined || top === undefined || width === undefined || height === undefined) return undefined;
  if (W === undefined || H === undefined || W <= 0 || H <= 0 || width <= 0 || height <= 0) return undefined;
  const nl = round(Math.min(Math.max(left, 0), W));
  const nt = round(Math.min(Math.max(top, 0), H));
  const nw = round(Math.min(left + width, W) - nl);
  const nh = round(Math.min(top + height, H) - nt);
  if (nw <= 0 || nh <= 0) return undefined; // entirely outside: nothing left to keep
  const edits: LineEdit[] = [];
  const set = (key: string, old: number, next: number): void => {
    const node = childValue(b.node, key);
    if (node && old !== next) edits.push(replaceNode(node, String(next)));
  };
  set('left', left, nl);
  set('top', top, nt);
  set('width', width, nw);
  set('height', height, nh);
  if (edits.length === 0) return undefined;
  return { edits, usable: !tooSmall(nw, nh, W, H) };
}

function removeBoxFix(root: Node, b: Box, preferred: boolean): LineFix {
  const edits: LineEdit[] = [removeChild(b.node)];
  const objects = childValue(childValue(root, `${b.attr}-metadata`), 'objects');
  const entry = objects?.type === 'array' ? objects.children?.[b.index] : undefined;
  if (entry) edits.push(removeChild(entry));
  return {
    title: `Remove box ${b.index + 1} of "${b.attr}"${entry ? ' and its objects entry' : ''}`,
    isPreferred: preferred,
    edits,
  };
}

/** ERROR_BOUNDING_BOX_TOO_SMALL: remove the box (growing it would invent an annotation). */
export function tooSmallBoxFixes(root: Node, inputs: FixInputs): LineFix[] {
  const small = (b: Box): boolean =>
    b.width !== undefined && b.height !== undefined && b.imageWidth !== undefined && b.imageHeight !== undefined &&
    tooSmall(b.width, b.height, b.imageWidth, b.imageHeight);
  return targetBoxes(root, inputs, small).map((b) => removeBoxFix(root, b, true));
}

/** ERROR_MISSING_BOUNDING_BOX_CONFIDENCE: one `{"confidence": 1}` per annotation in `objects`. */
export function missingConfidenceFixes(root: Node, inputs: FixInputs): LineFix[] {
  const style = styleOf(inputs.text, root);
  const fixes: LineFix[] = [];
  for (const attr of targetAttributes(root, inputs.problem, detectionAttributes(root))) {
    const meta = childValue(root, `${attr}-metadata`);
    if (!meta || meta.type !== 'object') continue;
    const count = annotationsOf(childValue(root, attr)).length;
    const objects = childValue(meta, 'objects');
    const edits: LineEdit[] = [];
    if (!objects) {
      edits.push(insertAtEnd(meta, [propertyText('objects', Array.from({ length: count }, () => ({ confidence: 1 })), style)], style));
    } else if (objects.type === 'array') {
      const entries = objects.children ?? [];
      entries.forEach((e, i) => {
        if (i >= count) return;
        if (e.type === 'object' && !findProperty(e, 'confidence')) edits.push(insertAtEnd(e, [propertyText('confidence', 1, style)], style));
      });
      const extra = count - entries.length;
      if (extra > 0) {
        const text = Array.from({ length: extra }, () => serialize({ confidence: 1 }, style));
        const last = entries[entries.length - 1];
        const at = last ? last.offset + last.length : objects.offset + 1;
        edits.push({ start: at, end: at, newText: (last ? style.comma : '') + text.join(style.comma) });
      }
    }
    if (edits.length > 0) {
      fixes.push({ title: `Add confidence 1 for every box of "${attr}"`, isPreferred: true, edits });
    }
  }
  return fixes;
}

/** CL_IMAGE_SIZE_NOT_ARRAY: wrap the bare image_size object in an array. */
export function imageSizeArrayFixes(root: Node, inputs: FixInputs): LineFix[] {
  const fixes: LineFix[] = [];
  for (const attr of targetAttributes(root, inputs.problem, detectionAttributes(root))) {
    const size = childValue(childValue(root, attr), 'image_size');
    if (!size || size.type !== 'object') continue;
    fixes.push({
      title: `Write image_size of "${attr}" as a one-element array`,
      isPreferred: true,
      edits: [
        { start: size.offset, end: size.offset, newText: '[' },
        { start: size.offset + size.length, end: size.offset + size.length, newText: ']' },
      ],
    });
  }
  return fixes;
}
