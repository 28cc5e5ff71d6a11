/**
 * What the image checks need of one line, with where each part is: the source-ref, and per
 * object-detection attribute the declared image_size and each box. Pure; never throws.
 */
import type { Node } from 'jsonc-parser';
import { attributeNames, childValue, findProperty, numberOf, parseLine, shapeOf, stringOf, valueOf } from './json-line';

export interface Span {
  start: number;
  end: number;
}

export interface ImageRefBox extends Span {
  index: number;
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface ImageRefDetection {
  attribute: string;
  /** The declared size (a one-element array or a bare object); undefined when missing or not numbers. */
  declared?: { width: number; height: number } & Span;
  boxes: ImageRefBox[];
}

export interface ImageRefs {
  bucket: string;
  key: string;
  /** The source-ref value (quotes included). */
  sourceRef: Span;
  detections: ImageRefDetection[];
}

const S3_URI = /^s3:\/\/([^/]+)\/(.+)$/;

/** The image a line names and what it declares of it; undefined when the line names no s3:// image. */
export function imageRefs(text: string): ImageRefs | undefined {
  const parsed = parseLine(text);
  if (!parsed) return undefined;
  const refNode = childValue(parsed.root, 'source-ref');
  const ref = stringOf(refNode);
  const m = ref === undefined ? null : S3_URI.exec(ref);
  if (!m || !refNode) return undefined;
  const detections: ImageRefDetection[] = [];
  for (const attribute of attributeNames(parsed.root)) {
    const value = valueOf(findProperty(parsed.root, attribute));
    if (shapeOf(value) !== 'detection') continue;
    detections.push({ attribute, declared: declaredSize(childValue(value, 'image_size')), boxes: boxesOf(childValue(value, 'annotations')) });
  }
  return { bucket: m[1]!, key: m[2]!, sourceRef: span(refNode), detections };
}

function span(node: Node): Span {
  return { start: node.offset, end: node.offset + node.length };
}

function declaredSize(node: Node | undefined): ImageRefDetection['declared'] {
  const obj = node?.type === 'array' ? node.children?.[0] : node;
  if (!node || obj?.type !== 'object') return undefined;
  const width = numberOf(childValue(obj, 'width'));
  const height = numberOf(childValue(obj, 'height'));
  if (width === undefined || height === undefined) return undefined;
  return { width, height, ...span(node) };
}

function boxesOf(node: Node | undefined): ImageRefBox[] {
  if (node?.type !== 'array') return [];
  const out: ImageRefBox[] = [];
  (node.children ?? []).forEach((a, index) => {
    const [left, top, width, height] = ['left', 'top', 'width', 'height'].map((k) => numberOf(childValue(a, k)));
    if (left === undefined || top === undefined || width === undefined || height === undefined) return;
    out.push({ index, left, top, width, height, ...span(a) });
  });
  return out;
}
