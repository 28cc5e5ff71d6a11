/**
 * Where a box's label goes in its picture (issue #21 item 2): the label is a plate (a solid
 * background) holding the whole text, and the whole plate lies inside the image's viewBox. The
 * preview and the gallery place every label with this one rule (page/box-label.ts measures the
 * text in the page and applies it):
 * - above the box, at its left edge, when it fits there;
 * - else below the box; else inside the box, at its top;
 * - shifted left (never past x 0) when it would run past the right edge, and up or down to stay
 *   within the top and bottom edges;
 * - never over a plate already placed in the same picture (`taken`: a predicted box on a true
 *   one, two boxes side by side): the next of those places that is free, else the first place
 *   moved down (then up) a plate's height at a time until it is free; only when no place in the
 *   picture is free does it overlap.
 * A plate wider (or taller) than the image is the caller's to shrink first (`fitScale`).
 * Pure: no DOM, no `vscode`.
 */

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * The plate's top-left corner for a box, a plate of `plate` size, in an image of `image` size,
 * clear of the plates in `taken` (the same picture's, placed before) when there is room.
 */
export function placeLabel(
  box: Rect,
  plate: { width: number; height: number },
  image: { width: number; height: number },
  taken: readonly Rect[] = [],
): { x: number; y: number } {
  const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(v, hi));
  const maxY = Math.max(0, image.height - plate.height);
  const x = clamp(box.left, 0, Math.max(0, image.width - plate.width));
  const above = box.top - plate.height;
  const below = box.top + box.height;
  const ys: number[] = [];
  if (above >= 0) ys.push(above);
  if (below + plate.height <= image.height) ys.push(below);
  ys.push(box.top, box.top + box.height - plate.height);
  const first = clamp(ys[0]!, 0, maxY);
  const free = (y: number): boolean => !taken.some((t) => overlaps({ left: x, top: y, width: plate.width, height: plate.height }, t));
  if (taken.length === 0) return { x, y: first };
  for (const y of ys) if (free(clamp(y, 0, maxY))) return { x, y: clamp(y, 0, maxY) };
  const step = Math.max(1, plate.height);
  for (let d = step; d <= image.height; d += step) {
    if (first + d <= maxY && free(first + d)) return { x, y: first + d };
    if (first - d >= 0 && free(first - d)) return { x, y: first - d };
  }
  return { x, y: first };
}

/** Whether two rectangles share some area (touching edges do not). */
export function overlaps(a: Rect, b: Rect): boolean {
  return a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;
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
