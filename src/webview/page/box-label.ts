/**
 * A box's label in a page's SVG picture (the preview's, the gallery's cards): the whole text on a
 * plate (a solid background, ../label-place.ts BOX_LABEL_STYLE), placed inside the image's viewBox
 * by ../label-place.ts `placeLabel`, never cut by an edge (issue #21 item 2: a label cut at the
 * right edge read as another class's name). The text is measured in the page (getBBox) once its
 * SVG is in the document; before that, a conservative estimate places it. Browser code.
 */
import { fitScale, placeLabel, type Rect } from '../label-place';

const SVG = 'http://www.w3.org/2000/svg';
const boxes = new WeakMap<SVGTextElement, { box: Rect; plate: SVGRectElement; font: number }>();

/** Appends the label of `box` to its group `g` (a plate, then the text) and places it. */
export function addBoxLabel(g: SVGGElement, box: Rect, text: string, font: number): SVGTextElement {
  const plate = document.createElementNS(SVG, 'rect');
  plate.setAttribute('class', 'plate');
  const label = document.createElementNS(SVG, 'text');
  label.setAttribute('class', 'label');
  label.textContent = text;
  g.append(plate, label);
  boxes.set(label, { box, plate, font });
  placeBoxLabel(label);
  return label;
}

/**
 * Places again every label under `root` (call once its SVG is in the document and shown: the text
 * is measured then), in document order, each clear of the plates placed before it in its picture.
 */
export function placeBoxLabels(root: ParentNode): void {
  const taken = new Map<SVGSVGElement, Rect[]>();
  for (const label of Array.from(root.querySelectorAll<SVGTextElement>('text.label'))) {
    const svg = label.ownerSVGElement;
    if (!svg) continue;
    let placed = taken.get(svg);
    if (!placed) taken.set(svg, (placed = []));
    const rect = placeBoxLabel(label, placed);
    if (rect) placed.push(rect);
  }
}

function placeBoxLabel(label: SVGTextElement, taken: readonly Rect[] = []): Rect | undefined {
  const known = boxes.get(label);
  const svg = label.ownerSVGElement;
  if (!known || !svg) return undefined;
  const vb = svg.viewBox.baseVal;
  const image = { width: vb.width || 100, height: vb.height || 100 };
  let font = known.font;
  let size = measure(label, font);
  const pad = (f: number): number => Math.max(1, Math.round(f * 0.2));
  const scale = fitScale({ width: size.width + 2 * pad(font), height: size.height + 2 * pad(font) }, image);
  if (scale < 1) {
    font = Math.max(1, font * scale * 0.95);
    size = measure(label, font);
  }
  const p = pad(font);
  const plate = { width: size.width + 2 * p, height: size.height + 2 * p };
  const at = placeLabel(known.box, plate, image, taken);
  for (const [k, v] of [['x', at.x], ['y', at.y], ['width', plate.width], ['height', plate.height]] as const) known.plate.setAttribute(k, String(v));
  // The text's origin is its baseline: its box starts at (size.x, size.y) from there.
  label.setAttribute('x', String(at.x + p - size.x));
  label.setAttribute('y', String(at.y + p - size.y));
  return { left: at.x, top: at.y, width: plate.width, height: plate.height };
}

/** The text's box (relative to its origin) at this font size; estimated (wide) when it is not rendered. */
function measure(label: SVGTextElement, font: number): { x: number; y: number; width: number; height: number } {
  label.setAttribute('font-size', String(font));
  label.setAttribute('x', '0');
  label.setAttribute('y', '0');
  let box: DOMRect | undefined;
  try {
    box = label.getBBox();
  } catch {
    box = undefined;
  }
  if (box && box.width > 0 && box.height > 0) return { x: box.x, y: box.y, width: box.width, height: box.height };
  const chars = (label.textContent ?? '').length;
  return { x: 0, y: -0.9 * font, width: 0.7 * font * chars, height: 1.2 * font };
}
