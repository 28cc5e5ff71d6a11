/**
 * A box's label in a page's SVG picture (the preview's, the gallery's cards): the whole text on a
 * plate (a solid background, ../label-place.ts BOX_LABEL_STYLE), placed inside the image's viewBox
 * by ../label-place.ts `placeLabel`, never cut by an edge (issue #21 item 2: a label cut at the
 * right edge read as another class's name). The text is measured in the page (getBBox) once its
 * SVG is in the document; before that, a conservative estimate places it. Browser code.
 */
import { fitScale, placeLabel, type Rect } from '../label-place';
import { setChanged } from './api';

const SVG = 'http://www.w3.org/2000/svg';
/** Each label's box, plate and font; `sized`: its measured font and size, for the key they were measured for. */
const boxes = new WeakMap<SVGTextElement, { box: Rect; plate: SVGRectElement; font: number; sized?: { key: string; font: number; size: Size } }>();

/**
 * Appends the label of `box` to its group `g` (a plate, then the text), placed by an estimate of
 * its size: nothing is measured here, since measuring text in a picture that is in the page lays
 * the page out, and a page adds many labels. placeBoxLabels measures them all at once after.
 */
export function addBoxLabel(g: SVGGElement, box: Rect, text: string, font: number): SVGTextElement {
  const plate = document.createElementNS(SVG, 'rect');
  plate.setAttribute('class', 'plate');
  const label = document.createElementNS(SVG, 'text');
  label.setAttribute('class', 'label');
  label.textContent = text;
  g.append(plate, label);
  boxes.set(label, { box, plate, font });
  const svg = label.ownerSVGElement;
  if (svg) {
    const image = imageOf(svg);
    const scale = fitScale(plateOf(estimate(label, font), font), image);
    const f = scale < 1 ? Math.max(1, font * scale * 0.95) : font;
    placeAt(label, estimate(label, f), f, image, []);
  }
  return label;
}

/** The label's box moved or resized (its text and font the same): placed again by placeBoxLabels, not measured again. */
export function moveBoxLabel(label: SVGTextElement, box: Rect): void {
  const known = boxes.get(label);
  if (known) known.box = box;
}

/**
 * Places again every label under `root` (call once its SVG is in the document and shown: the text
 * is measured then), in document order, each clear of the plates placed before it in its picture.
 * Writes and reads are not interleaved: every label is set to its font first, then all are
 * measured (one layout of the page), those too large for their picture shrunk and measured again
 * together, then all placed (a 50-box line laid the page out ~100 times, one label after another:
 * 35-40 ms of a mouse-up in the preview's edit mode; npm run bench:editing).
 */
export function placeBoxLabels(root: ParentNode): void {
  type Placed = { label: SVGTextElement; svg: SVGSVGElement; image: { width: number; height: number }; key: string; font: number; size: Size; measured: boolean };
  const labels: Placed[] = [];
  for (const label of Array.from(root.querySelectorAll<SVGTextElement>('text.label'))) {
    const known = boxes.get(label);
    const svg = label.ownerSVGElement;
    if (!known || !svg) continue;
    const image = imageOf(svg);
    // A label measured before at the same font, text and picture size keeps its size (a moved box's label).
    const key = `${known.font} ${image.width} ${image.height} ${label.textContent ?? ''}`;
    const sized = known.sized?.key === key ? known.sized : undefined;
    labels.push({ label, svg, image, key, font: sized?.font ?? known.font, size: sized?.size ?? { x: 0, y: 0, width: 0, height: 0 }, measured: !!sized });
  }
  const unsized = labels.filter((l) => !l.measured);
  // Writes: each label at its font, at the origin (its box is read relative to it).
  for (const l of unsized) atOrigin(l.label, l.font);
  // Reads: one layout for all (a label not rendered, in a picture not shown, is estimated).
  const read = new Set<Placed>();
  const measure = (l: Placed): void => {
    const size = measured(l.label);
    if (size) read.add(l);
    else read.delete(l);
    l.size = size ?? estimate(l.label, l.font);
  };
  unsized.forEach(measure);
  // Too large for its picture: a smaller font, then the shrunk ones read again, together.
  const shrunk = unsized.filter((l) => {
    const scale = fitScale(plateOf(l.size, l.font), l.image);
    if (scale >= 1) return false;
    l.font = Math.max(1, l.font * scale * 0.95);
    atOrigin(l.label, l.font);
    return true;
  });
  shrunk.forEach(measure);
  // Kept only when the text was measured (not an estimate).
  for (const l of read) boxes.get(l.label)!.sized = { key: l.key, font: l.font, size: l.size };
  // Writes: the places, each clear of the plates placed before it in its picture.
  const taken = new Map<SVGSVGElement, Rect[]>();
  for (const l of labels) {
    let placed = taken.get(l.svg);
    if (!placed) taken.set(l.svg, (placed = []));
    placed.push(placeAt(l.label, l.size, l.font, l.image, placed));
  }
}

interface Size {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The picture's size: its viewBox. */
function imageOf(svg: SVGSVGElement): { width: number; height: number } {
  const vb = svg.viewBox.baseVal;
  return { width: vb.width || 100, height: vb.height || 100 };
}

function pad(font: number): number {
  return Math.max(1, Math.round(font * 0.2));
}

function plateOf(size: Size, font: number): { width: number; height: number } {
  return { width: size.width + 2 * pad(font), height: size.height + 2 * pad(font) };
}

/** Writes the plate and the text where placeLabel puts them (no read of the page). */
function placeAt(label: SVGTextElement, size: Size, font: number, image: { width: number; height: number }, taken: readonly Rect[]): Rect {
  const known = boxes.get(label)!;
  const p = pad(font);
  const plate = plateOf(size, font);
  const at = placeLabel(known.box, plate, image, taken);
  for (const [k, v] of [['x', at.x], ['y', at.y], ['width', plate.width], ['height', plate.height]] as const) setChanged(known.plate, k, v);
  setChanged(label, 'font-size', font);
  // The text's origin is its baseline: its box starts at (size.x, size.y) from there.
  setChanged(label, 'x', at.x + p - size.x);
  setChanged(label, 'y', at.y + p - size.y);
  return { left: at.x, top: at.y, width: plate.width, height: plate.height };
}

function atOrigin(label: SVGTextElement, font: number): void {
  label.setAttribute('font-size', String(font));
  label.setAttribute('x', '0');
  label.setAttribute('y', '0');
}

/** The text's box (relative to its origin, set by atOrigin); undefined when it is not rendered. */
function measured(label: SVGTextElement): Size | undefined {
  let box: DOMRect | undefined;
  try {
    box = label.getBBox();
  } catch {
    box = undefined;
  }
  return box && box.width > 0 && box.height > 0 ? { x: box.x, y: box.y, width: box.width, height: box.height } : undefined;
}

/** A conservative (wide) size of the text at this font, for a label not measured. */
function estimate(label: SVGTextElement, font: number): Size {
  const chars = (label.textContent ?? '').length;
  return { x: 0, y: -0.9 * font, width: 0.7 * font * chars, height: 1.2 * font };
}
