/**
 * Where a box's label goes in its picture (issue #21 item 2): the label is a plate (a solid
 * background) holding the whole text, and the whole plate lies inside the image's viewBox. The
 * preview and the gallery place every label with this one rule (page/box-label.ts measures the
 * text in the page and applies it):
 * - above the box, at its left edge, when it fits there;
 * - else below the box; else inside the box, at its top;
 * - shifted left (never past x 0) when it would run past the right edge, and up or down to stay
 *   within the top and bottom edges.
 * A plate wider (or taller) than the image is the caller's to shrink first (`fitScale`).
 * Pure: no DOM, no `vscode`.
 */

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The plate's top-left corner for a box, a plate of `plate` size, in an image of `image` size. */
export function placeLabel(box: Rect, plate: { width: number; height: number }, image: { width: number; height: number }): { x: number; y: number } {
  const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(v, hi));
  const x = clamp(box.left, 0, Math.max(0, image.width - plate.width));
  let y: number;
  if (box.top - plate.height >= 0) y = box.top - plate.height;
  else if (box.top + box.height + plate.height <= image.height) y = box.top + box.height;
  else y = box.top;
  return { x, y: clamp(y, 0, Math.max(0, image.height - plate.height)) };
}

/** The factor (at most 1) a plate's size is scaled by so that it fits within the image. */
export function fitScale(plate: { width: number; height: number }, image: { width: number; height: number }): number {
  return Math.min(1, plate.width > 0 ? image.width / plate.width : 1, plate.height > 0 ? image.height / plate.height : 1);
}

/**
 * The style of the boxes' labels, in the preview's and the gallery's page: white text on a dark
 * plate (75 % black: legible on a white image, a dark one, and the box's own colour), whatever
 * the theme. The images are drawn as stored: image_size and the boxes are in the image's stored
 * frame (see src/images/probe.ts: Ground Truth shows images unrotated), so the browser must not
 * turn a picture by its EXIF orientation under boxes drawn in the stored frame.
 */
export const BOX_LABEL_STYLE = `
.box .plate { fill: #000; fill-opacity: 0.75; stroke: none; }
.box .label { fill: #fff; stroke: none; font-weight: 600; }
.box.highlight .plate { fill: #000; fill-opacity: 0.9; }
svg image, img { image-orientation: none; }
`;
