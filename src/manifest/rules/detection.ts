/**
 * Object localization: `"<attr>": {image_size, annotations}` with `-metadata` {objects,
 * class-map, ...}. Pure: no `vscode` import.
 */
import { Limits, LocalCodes, ServiceCodes } from '../codes';
import { scaleFactor } from '../scale';
import type { JsonPath, LineProblems } from './line-problems';
import { checkCommonMetadata, checkLabelName, describe, isLabelName, isNumber, isObject, type EntryLabels, type JsonObject } from './common';

interface Size {
  width: number;
  height: number;
}

const BOX_SIDES = ['top', 'left', 'width', 'height'] as const;

/**
 * Checks one detection attribute (`metaKey`: its metadata key, `attribute` + "-metadata"); returns
 * the number of boxes it holds (for the per-image limit).
 */
export function checkDetection(
  attribute: string,
  metaKey: string,
  value: unknown,
  meta: JsonObject,
  p: LineProblems,
  out: EntryLabels,
  boxesBefore: number,
): number {
  const classMap = checkClassMap(meta, metaKey, attribute, p);
  checkCommonMetadata(meta, metaKey, attribute, p);
  if (!isObject(value)) {
    p.add(
      ServiceCodes.INVALID_LABEL_ATTRIBUTE_FORMAT,
      `The bounding-box attribute "${attribute}" must be an object with "image_size" and "annotations", not ${describe(value)}.`,
      [attribute],
      'value',
      { attribute, expectedType: 'object' },
    );
    return 0;
  }
  const size = checkImageSize(value['image_size'], attribute, p);

  const anns = value['annotations'];
  if (anns === undefined || (Array.isArray(anns) && anns.length === 0)) {
    p.add(
      ServiceCodes.NO_ATTRIBUTE_ANNOTATIONS,
      `"${attribute}" has no bounding boxes ("annotations" is ${anns === undefined ? 'missing' : 'empty'}): the line is imported but not used for training. ` +
        'Add boxes, or remove the attribute.',
      [attribute, 'annotations'],
      'key',
      { attribute },
    );
    return 0;
  }
  if (!Array.isArray(anns)) {
    p.add(
      ServiceCodes.INVALID_LABEL_ATTRIBUTE_FORMAT,
      `"annotations" must be an array of {class_id, top, left, width, height}, not ${describe(anns)}.`,
      [attribute, 'annotations'],
      'value',
      { attribute, expectedType: 'array' },
    );
    return 0;
  }
  if (boxesBefore + anns.length > Limits.maxBoxesPerImage) {
    p.add(
      ServiceCodes.TOO_MANY_BOUNDING_BOXES,
      `This image has ${boxesBefore + anns.length} bounding boxes; the service accepts at most ${Limits.maxBoxesPerImage} per image. ` +
        'Remove boxes (each with its "objects" entry).',
      [attribute, 'annotations'],
      'key',
      { attribute, count: boxesBefore + anns.length },
    );
  }

  const objects = meta['objects'];
  if (objects === undefined) {
    p.add(
      ServiceCodes.MISSING_BOUNDING_BOX_CONFIDENCE,
      `"${metaKey}" has no "objects": add one {"confidence": 1} per box, in the order of "annotations".`,
      [metaKey, 'objects'],
      'key',
      { attribute, missingKey: 'objects' },
    );
  } else if (!Array.isArray(objects)) {
    p.add(
      ServiceCodes.INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT,
      `"objects" must be an array of {"confidence": number}, one per box, not ${describe(objects)}.`,
      [metaKey, 'objects'],
      'value',
      { attribute, expectedType: 'array' },
    );
  }

  let validBoxes = 0;
  for (let i = 0; i < anns.length; i++) {
    const before = p.drafts.length;
    const ann: unknown = anns[i];
    if (!isObject(ann)) {
      p.add(
        ServiceCodes.INVALID_LABEL_ATTRIBUTE_FORMAT,
        `Box ${i + 1} must be an object {class_id, top, left, width, height}, not ${describe(ann)}.`,
        [attribute, 'annotations', i],
        'value',
        { attribute, annotationIndex: i, expectedType: 'object' },
      );
      continue;
    }
    checkClassId(ann, attribute, i, classMap, metaKey, p, out);
    checkBox(ann, attribute, i, size, p);
    if (Array.isArray(objects)) checkConfidence(objects, i, metaKey, attribute, p);
    if (!p.hasErrorSince(before)) validBoxes++;
  }
  // The service drops a broken box and keeps the others; when none is left, the attribute itself
  // is invalid. Said only when there are several boxes: for one, its own problem says it all.
  if (validBoxes === 0 && anns.length > 1) {
    p.add(
      ServiceCodes.NO_VALID_ANNOTATIONS,
      `None of the ${anns.length} boxes of "${attribute}" is valid (see the problem on each box): ` +
        'the service drops them all and the attribute labels nothing. Fix the boxes.',
      [attribute, 'annotations'],
      'key',
      { attribute, count: anns.length },
    );
  }
  return anns.length;
}

function checkClassMap(meta: JsonObject, metaKey: string, attribute: string, p: LineProblems): JsonObject | undefined {
  const map = meta['class-map'];
  if (map === undefined) {
    p.add(
      ServiceCodes.INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT,
      `"${metaKey}" has no "class-map": add {"<class_id>": "<label>"} for every class_id used by the boxes.`,
      [metaKey, 'class-map'],
      'key',
      { attribute, missingKey: 'class-map' },
    );
    return undefined;
  }
  if (!isObject(map)) {
    p.add(
      ServiceCodes.INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT,
      `"class-map" must be an object {"<class_id>": "<label>"}, not ${describe(map)}.`,
      [metaKey, 'class-map'],
      'value',
      { attribute, expectedType: 'object' },
    );
    return undefined;
  }
  if (allLabelNames(map)) return map;
  for (const id in map) {
    const label = map[id];
    if (typeof label === 'string' && label.length >= 1 && label.length <= Limits.maxLabelNameLength) continue;
    checkLabelName(label, [metaKey, 'class-map', id], attribute, `The class-map label of class_id ${id}`, p);
  }
  return map;
}

/**
 * Every value of the class-map is a well-formed label name (the usual case), decided on the values
 * alone: for-in is slow on a class-map, whose keys ("0", "1", ...) are array indices, which V8
 * cannot list from its per-shape key cache (profiled: most of checkClassMap's time).
 */
function allLabelNames(map: JsonObject): boolean {
  const labels = Object.values(map);
  for (let i = 0; i < labels.length; i++) if (!isLabelName(labels[i])) return false;
  return true;
}

function checkClassId(
  ann: JsonObject,
  attribute: string,
  i: number,
  classMap: JsonObject | undefined,
  metaKey: string,
  p: LineProblems,
  out: EntryLabels,
): void {
  const id = ann['class_id'];
  if (id === undefined) {
    p.add(
      ServiceCodes.INVALID_LABEL_ATTRIBUTE_FORMAT,
      `Box ${i + 1} has no "class_id": add the id of its label in "${metaKey}"."class-map".`,
      [attribute, 'annotations', i, 'class_id'],
      'key',
      { attribute, annotationIndex: i, missingKey: 'class_id' },
    );
    return;
  }
  if (!Number.isInteger(id) || (id as number) < 0) {
    p.add(
      ServiceCodes.INVALID_LABEL_ATTRIBUTE_FORMAT,
      `"class_id" of box ${i + 1} must be a non-negative integer, not ${isNumber(id) ? id : describe(id)}.`,
      [attribute, 'annotations', i, 'class_id'],
      'value',
      { attribute, annotationIndex: i, expectedType: 'integer' },
    );
    return;
  }
  if (!classMap) return;
  // A number as a property key is the same key as its String(): no string made per box.
  const label = classMap[id as number];
  if (label === undefined) {
    p.add(
      ServiceCodes.MISSING_CLASS_MAP_ID,
      `class_id ${id} of box ${i + 1} is not in "class-map": add "${id}": "<label>" to "${metaKey}"."class-map".`,
      [attribute, 'annotations', i, 'class_id'],
      'value',
      { attribute, annotationIndex: i, classId: id },
    );
  } else if (typeof label === 'string' && label.length >= 1 && label.length <= Limits.maxLabelNameLength) {
    out.addBox(label);
  }
}

function checkBox(ann: JsonObject, attribute: string, i: number, size: Size | undefined, p: LineProblems): void {
  const t0 = ann['top'];
  const l0 = ann['left'];
  const w0 = ann['width'];
  const h0 = ann['height'];
  if (typeof t0 === 'number' && typeof l0 === 'number' && typeof w0 === 'number' && typeof h0 === 'number' && t0 >= 0 && l0 >= 0) {
    // The common case, decided without allocating: a box inside the image, large enough.
    if (size === undefined) {
      if (w0 > Limits.minBoxSidePx && h0 > Limits.minBoxSidePx) return;
    } else if (l0 + w0 <= size.width && t0 + h0 <= size.height) {
      const scale = scaleFactor(size.width, size.height);
      if (w0 * scale > Limits.minBoxSidePx && h0 * scale > Limits.minBoxSidePx) return;
    }
  }
  const v: Partial<Record<(typeof BOX_SIDES)[number], number>> = {};
  let complete = true;
  for (const side of BOX_SIDES) {
    const x = ann[side];
    if (x === undefined) {
      complete = false;
      p.add(
        ServiceCodes.INVALID_LABEL_ATTRIBUTE_FORMAT,
        `Box ${i + 1} has no "${side}": a box needs top, left, width and height in pixels.`,
        [attribute, 'annotations', i, side],
        'key',
        { attribute, annotationIndex: i, missingKey: side },
      );
    } else if (!isNumber(x)) {
      complete = false;
      p.add(
        ServiceCodes.INVALID_LABEL_ATTRIBUTE_FORMAT,
        `"${side}" of box ${i + 1} must be a number of pixels, not ${describe(x)}.`,
        [attribute, 'annotations', i, side],
        'value',
        { attribute, annotationIndex: i, expectedType: 'number' },
      );
    } else {
      v[side] = x;
    }
  }
  if (!complete) return;
  const { top, left, width, height } = v as Record<(typeof BOX_SIDES)[number], number>;
  const negative = BOX_SIDES.find((s) => (v[s] as number) < 0);
  if (negative) {
    p.add(
      ServiceCodes.INVALID_BOUNDING_BOX,
      `"${negative}" of box ${i + 1} is negative (${v[negative]}): box values are pixels inside the image, 0 or more.`,
      [attribute, 'annotations', i, negative],
      'value',
      { attribute, annotationIndex: i },
    );
    return;
  }
  if (size) {
    if (left + width > size.width) {
      const side = left >= size.width ? 'left' : 'width';
      p.add(
        ServiceCodes.INVALID_BOUNDING_BOX,
        `Box ${i + 1} ends past the right edge of the image: left ${left} + width ${width} = ${left + width} > image width ${size.width}.`,
        [attribute, 'annotations', i, side],
        'value',
        { attribute, annotationIndex: i, imageWidth: size.width },
      );
      return;
    }
    if (top + height > size.height) {
      const side = top >= size.height ? 'top' : 'height';
      p.add(
        ServiceCodes.INVALID_BOUNDING_BOX,
        `Box ${i + 1} ends past the bottom edge of the image: top ${top} + height ${height} = ${top + height} > image height ${size.height}.`,
        [attribute, 'annotations', i, side],
        'value',
        { attribute, annotationIndex: i, imageHeight: size.height },
      );
      return;
    }
  }
  const scale = size ? scaleFactor(size.width, size.height) : 1;
  const side = width * scale <= Limits.minBoxSidePx ? 'width' : height * scale <= Limits.minBoxSidePx ? 'height' : undefined;
  if (side) {
    const px = (side === 'width' ? width : height) * scale;
    p.add(
      ServiceCodes.BOUNDING_BOX_TOO_SMALL,
      `Box ${i + 1} is too small: its ${side} is ${round(px)} px` +
        (scale < 1 ? ` once the image is scaled to ${Limits.scaledLongestSide} px on its longest side` : '') +
        `; the service needs more than ${Limits.minBoxSidePx} px. Enlarge or remove the box.`,
      [attribute, 'annotations', i, side],
      'value',
      { attribute, annotationIndex: i, scale },
    );
  }
}

function checkConfidence(objects: unknown[], i: number, metaKey: string, attribute: string, p: LineProblems): void {
  const o = objects[i];
  const c = isObject(o) ? o['confidence'] : undefined;
  if (c === undefined) {
    p.add(
      ServiceCodes.MISSING_BOUNDING_BOX_CONFIDENCE,
      i >= objects.length
        ? `Box ${i + 1} has no entry in "objects" (it has ${objects.length}): add {"confidence": 1} for each box, in order.`
        : `The "objects" entry of box ${i + 1} has no "confidence": write {"confidence": 1} (required, not used by the service).`,
      [metaKey, 'objects', i, 'confidence'],
      'key',
      { attribute, annotationIndex: i },
    );
  } else if (!isNumber(c) || c < 0 || c > 1) {
    p.add(
      ServiceCodes.INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT,
      `"confidence" of box ${i + 1} must be a number from 0 to 1, not ${isNumber(c) ? c : describe(c)}.`,
      [metaKey, 'objects', i, 'confidence'],
      'value',
      { attribute, annotationIndex: i, expectedType: 'number' },
    );
  }
}

function checkImageSize(raw: unknown, attribute: string, p: LineProblems): Size | undefined {
  let elem: unknown;
  let at: JsonPath;
  if (raw === undefined) {
    p.add(
      ServiceCodes.INVALID_LABEL_ATTRIBUTE_FORMAT,
      `"${attribute}" has no "image_size": add [{"width": W, "height": H, "depth": 3}] with the image's size in pixels.`,
      [attribute, 'image_size'],
      'key',
      { attribute, missingKey: 'image_size' },
    );
    return undefined;
  }
  if (Array.isArray(raw)) {
    if (raw.length !== 1) {
      p.add(
        ServiceCodes.INVALID_LABEL_ATTRIBUTE_FORMAT,
        `"image_size" must hold exactly one {"width", "height", "depth"}, not ${raw.length}.`,
        [attribute, 'image_size'],
        'value',
        { attribute },
      );
      if (raw.length === 0) return undefined;
    }
    elem = raw[0];
    at = [attribute, 'image_size', 0];
  } else if (isObject(raw)) {
    p.add(
      LocalCodes.IMAGE_SIZE_NOT_ARRAY,
      '"image_size" is a bare object; the format is a one-element array: wrap it in [ ].',
      [attribute, 'image_size'],
      'value',
      { attribute, expectedType: 'array' },
    );
    elem = raw;
    at = [attribute, 'image_size'];
  } else {
    p.add(
      ServiceCodes.INVALID_LABEL_ATTRIBUTE_FORMAT,
      `"image_size" must be [{"width": W, "height": H, "depth": 3}], not ${describe(raw)}.`,
      [attribute, 'image_size'],
      'value',
      { attribute, expectedType: 'array' },
    );
    return undefined;
  }
  if (!isObject(elem)) {
    p.add(
      ServiceCodes.INVALID_LABEL_ATTRIBUTE_FORMAT,
      `"image_size" must hold an object {"width", "height", "depth"}, not ${describe(elem)}.`,
      at,
      'value',
      { attribute, expectedType: 'object' },
    );
    return undefined;
  }
  const width = checkDimension(elem, 'width', at, attribute, p);
  const height = checkDimension(elem, 'height', at, attribute, p);
  const depth = elem['depth'];
  if (depth === undefined) {
    p.add(
      ServiceCodes.INVALID_LABEL_ATTRIBUTE_FORMAT,
      '"image_size" has no "depth": add the number of channels (3 for RGB); it is required though not used.',
      [...at, 'depth'],
      'key',
      { attribute, missingKey: 'depth' },
    );
  } else if (!isNumber(depth)) {
    p.add(
      ServiceCodes.INVALID_LABEL_ATTRIBUTE_FORMAT,
      `"depth" must be a number (3 for RGB), not ${describe(depth)}.`,
      [...at, 'depth'],
      'value',
      { attribute, expectedType: 'number' },
    );
  }
  if (width === undefined || height === undefined) return undefined;
  const ratio = Math.max(width, height) / Math.min(width, height);
  if (ratio > 20) {
    p.add(
      ServiceCodes.INVALID_IMAGE_DIMENSION,
      `The image is ${width}x${height}: an aspect ratio of ${round(ratio)}:1 is over the service's 20:1 limit.`,
      at,
      'value',
      { attribute },
    );
  }
  imageSize.width = width;
  imageSize.height = height;
  return imageSize;
}

/**
 * What checkImageSize returns: one object for every attribute (validation is synchronous and
 * checkDetection uses it before the next attribute), not one per attribute.
 */
const imageSize: Size = { width: 0, height: 0 };

/** Returns the dimension when it is a positive number (in or out of range), else undefined. */
function checkDimension(elem: JsonObject, key: 'width' | 'height', at: JsonPath, attribute: string, p: LineProblems): number | undefined {
  const x = elem[key];
  if (x === undefined) {
    p.add(
      ServiceCodes.INVALID_LABEL_ATTRIBUTE_FORMAT,
      `"image_size" has no "${key}": add the image's ${key} in pixels.`,
      [...at, key],
      'key',
      { attribute, missingKey: key },
    );
    return undefined;
  }
  if (!isNumber(x) || x <= 0) {
    p.add(
      isNumber(x) ? ServiceCodes.INVALID_IMAGE_DIMENSION : ServiceCodes.INVALID_LABEL_ATTRIBUTE_FORMAT,
      `"${key}" of the image must be a positive number of pixels, not ${isNumber(x) ? x : describe(x)}.`,
      [...at, key],
      'value',
      { attribute, expectedType: 'number' },
    );
    return undefined;
  }
  if (x < Limits.minImageSidePx || x > Limits.maxImageSidePx) {
    p.add(
      ServiceCodes.INVALID_IMAGE_DIMENSION,
      `An image ${key} of ${x} px is outside what the service accepts (${Limits.minImageSidePx} to ${Limits.maxImageSidePx} px).`,
      [...at, key],
      'value',
      { attribute },
    );
  }
  return x;
}

function round(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(2);
}
