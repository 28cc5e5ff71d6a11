/**
 * CL_IMAGE_SIZE_MISMATCH (Check Images: the declared image_size is not the real image's size):
 * "Set image_size to W x H". The real size comes from the problem's `data` (width, height, and
 * the attribute), which Check Images read from the image; the edit replaces only the width and
 * height numbers, leaving depth, spacing and the boxes as they are. Pure: no `vscode` import.
 */
import type { Node } from 'jsonc-parser';
import { attributeNames, childValue, numberOf, replaceNode, shapeOf } from '../json-line';
import { dataNumber, targetAttributes, type FixInputs, type LineFix } from './support';

export function imageSizeMismatchFixes(root: Node, inputs: FixInputs): LineFix[] {
  const width = dataNumber(inputs.problem, 'width');
  const height = dataNumber(inputs.problem, 'height');
  if (width === undefined || height === undefined || !Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) return [];
  const detections = attributeNames(root).filter((a) => shapeOf(childValue(root, a)) === 'detection');
  const fixes: LineFix[] = [];
  for (const attr of targetAttributes(root, inputs.problem, detections)) {
    const size = childValue(childValue(root, attr), 'image_size');
    const obj = size?.type === 'array' ? size.children?.[0] : size;
    if (obj?.type !== 'object') continue;
    const w = childValue(obj, 'width');
    const h = childValue(obj, 'height');
    if (numberOf(w) === undefined || numberOf(h) === undefined) continue;
    if (numberOf(w) === width && numberOf(h) === height) continue;
    const edits = [];
    if (numberOf(w) !== width) edits.push(replaceNode(w!, String(width)));
    if (numberOf(h) !== height) edits.push(replaceNode(h!, String(height)));
    fixes.push({ title: `Set image_size of "${attr}" to ${width} x ${height} (the image's real size)`, isPreferred: true, edits });
  }
  return fixes;
}
