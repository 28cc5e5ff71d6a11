/**
 * One object-detection line, as the guide's COCO transform script writes it (key order included:
 * source-ref; the attribute with annotations then image_size [{width, depth, height}]; the
 * metadata with job-name, class-map, human-annotated, objects, creation-date, type), and the box
 * checks every detection converter shares. Pure: no `vscode` import.
 */
import { Limits, scaleFactor } from '../manifest';
import type { ImageSize, PixelBox } from './types';
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

export function detectionEntry(line: DetectionLine): Record<string, unknown> {
  const attribute = line.attribute ?? DEFAULT_ATTRIBUTE;
  const classMap: Record<string, string> = {};
  for (const b of line.boxes) classMap[String(b.classId)] = b.label;
  return {
    'source-ref': line.sourceRef,
    [attribute]: {
      annotations: line.boxes.map((b) => ({ left: b.left, top: b.top, width: b.width, height: b.height, class_id: b.classId })),
      image_size: [{ width: line.size.width, depth: line.size.depth ?? 3, height: line.size.height }],
    },
    [`${attribute}-metadata`]: {
      'job-name': line.jobName,
      'class-map': classMap,
      'human-annotated': 'yes',
      objects: line.boxes.map(() => ({ confidence: 1 })),
      'creation-date': line.creationDate,
      type: 'groundtruth/object-detection',
    },
  };
}

/**
 * Why a box cannot be written on an image of this size (the rules the validator applies:
 * inside the image, positive size, more than 1 px on each side once the longest image side is
 * scaled to 1280), or undefined when it can.
 */
export function boxProblem(b: Pick<PixelBox, 'left' | 'top' | 'width' | 'height'>, size: ImageSize): string | undefined {
  const vals = [b.left, b.top, b.width, b.height];
  if (!vals.every((v) => typeof v === 'number' && Number.isFinite(v))) return `the box is not four numbers (${vals.join(', ')})`;
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
 * image left without boxes is reported and not written (an object-detection line without boxes
 * is not used for training: WARNING_NO_ANNOTATIONS).
 */
export function writeDetection(
  writer: ManifestWriter,
  line: DetectionLine,
  origin: { file: string; line?: number; where?: string },
  hadBoxes = line.boxes.length > 0,
): boolean {
  const kept: PixelBox[] = [];
  for (const b of line.boxes) {
    const why = boxProblem(b, line.size);
    if (why) writer.report(b.origin, 'skipped', `box "${b.label}": ${why}. Fix the annotation or the image size.`);
    else kept.push(b);
  }
  if (kept.length === 0) {
    writer.report(
      origin,
      'skipped',
      hadBoxes
        ? `image ${line.sourceRef} not written: none of its boxes could be converted.`
        : `image ${line.sourceRef} not written: it has no annotations (an object-detection line without boxes is not used for training). Label it, or leave it out.`,
    );
    return false;
  }
  return writer.add(detectionEntry({ ...line, boxes: kept }), origin, { labels: [...new Set(kept.map((b) => b.label))], boxes: kept.length });
}
