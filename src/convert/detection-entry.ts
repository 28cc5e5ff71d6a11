/**
 * One object-detection line, as the guide's COCO transform script writes it (key order included:
 * source-ref; the attribute with annotations then image_size [{width, depth, height}]; the
 * metadata with job-name, class-map, human-annotated, objects, creation-date, type), and the box
 * checks every detection converter shares. Pure: no `vscode` import.
 */
import { Limits, scaleFactor } from '../manifest';
import { describeValue } from './describe';
import { originOf, type ImageSize, type PixelBox } from './types';
import type { ManifestWriter } from './manifest-writer';

export const DEFAULT_ATTRIBUTE = 'bounding-box';
export const DEFAULT_JOB_NAME = 'custom-labels-convert';

export interface DetectionLine {
  sourceRef: string;
  size: ImageSize;
  boxes: readonly PixelBox[];
  creationDate: string;
  jobName: string;
  attribute?: string;
}

/**
 * The line's JSON text, built directly: strings through JSON.stringify, numbers as JSON writes
 * them, the class-map's keys in the order JSON.stringify gives an object's (integer keys
 * ascending, then the others as they came), so that the text equals the script's entry compacted.
 */
export function detectionEntry(line: DetectionLine): string {
  const attribute = line.attribute ?? DEFAULT_ATTRIBUTE;
  const names = new Map<string, string>();
  for (const b of line.boxes) names.set(String(b.classId), b.label);
  const keys = [...names.keys()];
  const index = keys.filter(isArrayIndex).sort((a, b) => Number(a) - Number(b));
  const classMap = [...index, ...keys.filter((k) => !isArrayIndex(k))].map((k) => `${JSON.stringify(k)}:${JSON.stringify(names.get(k))}`).join(',');
  const annotations = line.boxes.map((b) => `{"left":${num(b.left)},"top":${num(b.top)},"width":${num(b.width)},"height":${num(b.height)},"class_id":${num(b.classId)}}`).join(',');
  const objects = line.boxes.map(() => '{"confidence":1}').join(',');
  return (
    `{"source-ref":${JSON.stringify(line.sourceRef)},` +
    `${JSON.stringify(attribute)}:{"annotations":[${annotations}],"image_size":[{"width":${num(line.size.width)},"depth":${num(line.size.depth ?? 3)},"height":${num(line.size.height)}}]},` +
    `${JSON.stringify(`${attribute}-metadata`)}:{"job-name":${JSON.stringify(line.jobName)},"class-map":{${classMap}},"human-annotated":"yes",` +
    `"objects":[${objects}],"creation-date":${JSON.stringify(line.creationDate)},"type":"groundtruth/object-detection"}}`
  );
}

/** A number as JSON writes it (null for what JSON cannot hold). */
function num(n: number): string {
  return Number.isFinite(n) ? String(n) : 'null';
}

/** A key an object orders first, ascending: an integer from 0 to 2^32 - 2 written canonically. */
function isArrayIndex(k: string): boolean {
  return /^(0|[1-9]\d*)$/.test(k) && Number(k) < 4294967295;
}

/**
 * Why a box cannot be written on an image of this size (the rules the validator applies:
 * inside the image, positive size, more than 1 px on each side once the longest image side is
 * scaled to 1280), or undefined when it can.
 */
export function boxProblem(b: Pick<PixelBox, 'left' | 'top' | 'width' | 'height'>, size: ImageSize): string | undefined {
  const vals: unknown[] = [b.left, b.top, b.width, b.height];
  if (!vals.every((v) => typeof v === 'number' && Number.isFinite(v))) return `the box is not four numbers (${vals.map(describeValue).join(', ')})`;
  const where = `left ${b.left}, top ${b.top}, width ${b.width}, height ${b.height}`;
  if (b.width <= 0 || b.height <= 0) return `the box has no area (${where})`;
  if (b.left < 0 || b.top < 0 || b.left + b.width > size.width || b.top + b.height > size.height) {
    return `the box (${where}) is outside the ${size.width}x${size.height} image`;
  }
  const scale = scaleFactor(size.width, size.height);
  if (b.width * scale <= Limits.minBoxSidePx || b.height * scale <= Limits.minBoxSidePx) {
    return `the box (${where}) is ${Limits.minBoxSidePx} px or less on a side once the image is scaled to ${Limits.scaledLongestSide} px; the service rejects it`;
  }
  return undefined;
}

/**
 * Writes one image's detection line: boxes that cannot be written are reported and left out; an
 * image left without boxes by that is reported and not written. An image that had no boxes at
 * all is written as an unlabelled line (source-ref only: the service imports it, to be labelled
 * later), or left out when the writer skips unlabelled images.
 */
export function writeDetection(
  writer: ManifestWriter,
  line: DetectionLine,
  origin: { file: string; line?: number; where?: string },
  hadBoxes = line.boxes.length > 0,
): boolean {
  if (!hadBoxes) return writer.addUnlabelled(line.sourceRef, origin);
  const kept: PixelBox[] = [];
  for (const b of line.boxes) {
    const why = boxProblem(b, line.size);
    if (why) writer.report(originOf(b.origin), 'skipped', `box ${describeValue(b.label)}: ${why}. Fix the annotation or the image size.`);
    else kept.push(b);
  }
  if (kept.length === 0) {
    writer.report(origin, 'skipped', `image ${line.sourceRef} not written: none of its boxes could be converted.`);
    return false;
  }
  return writer.add(detectionEntry({ ...line, boxes: kept }), origin, { sourceRef: line.sourceRef, labels: [...new Set(kept.map((b) => b.label))], boxes: kept.length });
}
