/**
 * The preview's zoom and pan, as the part of the image shown: a rectangle in image pixels (the
 * SVG's viewBox), the whole image unzoomed. Pure (no DOM): edit.ts applies it and maps the pointer
 * through the SVG's screen matrix, so a box drawn zoomed is in image pixels exactly.
 * - The wheel zooms around the pointer: the image point under it stays under it.
 * - Space+drag pans by what the pointer moved, in image pixels at the scale the drag began at.
 * - Never smaller than 1/MAX_ZOOM of the image, never larger than the image, never past its edges.
 */
export interface ViewRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The deepest zoom: 1/32 of the image's side. */
export const MAX_ZOOM = 32;

/** The whole image. */
export function wholeImage(size: { width: number; height: number }): ViewRect {
  return { x: 0, y: 0, width: size.width, height: size.height };
}

/** `view` zoomed by `factor` (> 1: in) around `at` (image pixels), kept inside the image. */
export function zoomAround(view: ViewRect, size: { width: number; height: number }, at: { x: number; y: number }, factor: number): ViewRect {
  const width = Math.min(size.width, Math.max(size.width / MAX_ZOOM, view.width / factor));
  const k = width / view.width;
  return inside({ x: at.x - (at.x - view.x) * k, y: at.y - (at.y - view.y) * k, width, height: view.height * k }, size);
}

/** `view` moved by (dx, dy) image pixels, kept inside the image. */
export function panBy(view: ViewRect, size: { width: number; height: number }, dx: number, dy: number): ViewRect {
  return inside({ ...view, x: view.x + dx, y: view.y + dy }, size);
}

function inside(view: ViewRect, size: { width: number; height: number }): ViewRect {
  const width = Math.min(view.width, size.width);
  const height = Math.min(view.height, size.height);
  return { x: Math.min(Math.max(0, view.x), size.width - width), y: Math.min(Math.max(0, view.y), size.height - height), width, height };
}

/** The view is the whole image (no zoom). */
export function isWhole(view: ViewRect, size: { width: number; height: number }): boolean {
  return view.x === 0 && view.y === 0 && view.width >= size.width && view.height >= size.height;
}
