/**
 * A running model's predictions over the preview's line (the "predictions" message): each
 * predicted box drawn dashed over the ground truth with its label and confidence, image-level
 * predictions as chips with their confidence, and a minimum-confidence slider that filters what
 * was sent without asking the model again (the call is made with MinConfidence 0: "To get all
 * labels, regardless of confidence, specify a MinConfidence value of 0", detecting-custom-labels).
 * Confidences are percentages, boxes ratios of the image ("The coordinate values are a ratio of
 * the overall image size"): drawn in the SVG's viewBox, the image's own size. Text only through
 * textContent. Another line shown drops them.
 */
import { byId } from '../../webview/page/api';
import type { PagePredictions } from '../messages';

const SVG = 'http://www.w3.org/2000/svg';

const percent = (n: number): string => `${n.toFixed(1)}%`;

export class Predictions {
  private shown: PagePredictions | undefined;
  private min = 50;

  constructor() {
    const slider = byId<HTMLInputElement>('min-confidence');
    slider.addEventListener('input', () => {
      this.min = Number(slider.value);
      this.draw();
    });
  }

  /** A model's answer for a line; the same answer again (the line shown again) keeps the slider where the person left it. */
  set(p: PagePredictions): void {
    const same = this.shown !== undefined && JSON.stringify(this.shown) === JSON.stringify(p);
    this.shown = p;
    if (!same) {
      this.min = p.minConfidence;
      byId<HTMLInputElement>('min-confidence').value = String(p.minConfidence);
    }
    this.draw();
  }

  /** The page drew line `line` (its SVG anew): the predictions of that line are drawn again, another line's dropped. */
  shownLine(line: number): void {
    if (this.shown && this.shown.line !== line) this.shown = undefined;
    this.draw();
  }

  private draw(): void {
    const p = this.shown;
    const bar = byId('detect-bar');
    const chips = byId('predicted');
    const svg = byId<SVGSVGElement>('image');
    svg.querySelector('#predictions')?.remove();
    bar.hidden = !p;
    byId('detect-note').hidden = !p;
    if (!p) {
      chips.replaceChildren();
      return;
    }
    byId('min-confidence-value').textContent = percent(this.min);
    byId('detect-model').textContent = p.model;
    byId('detect-note').textContent = p.note;
    const kept = p.labels.filter((l) => l.confidence >= this.min);
    byId('detect-count').textContent = `${kept.length} of ${p.labels.length} predictions at or above ${percent(this.min)}`;
    const { width, height } = svg.viewBox.baseVal;
    const stroke = Math.max(1, Math.round(Math.max(width, height) / 200));
    const font = Math.max(10, Math.round(Math.max(width, height) / 32));
    const layer = document.createElementNS(SVG, 'g');
    layer.setAttribute('id', 'predictions');
    for (const l of kept) {
      if (!l.box) continue;
      const g = document.createElementNS(SVG, 'g');
      g.setAttribute('class', 'prediction');
      g.dataset.confidence = String(l.confidence);
      const rect = document.createElementNS(SVG, 'rect');
      const x = l.box.left * width;
      const y = l.box.top * height;
      for (const [k, v] of [['x', x], ['y', y], ['width', l.box.width * width], ['height', l.box.height * height], ['stroke-width', stroke], ['stroke-dasharray', `${stroke * 4} ${stroke * 3}`]] as const) rect.setAttribute(k, String(v));
      const text = document.createElementNS(SVG, 'text');
      text.setAttribute('x', String(x + stroke));
      text.setAttribute('y', String(Math.min(height - stroke, y + l.box.height * height - stroke * 2)));
      text.setAttribute('font-size', String(font));
      text.textContent = `${l.name} ${percent(l.confidence)}`;
      g.append(rect, text);
      layer.appendChild(g);
    }
    // Under edit mode's layer (its handles stay on top) when the line's drawing was kept.
    svg.insertBefore(layer, svg.querySelector(':scope > #edit-layer'));
    chips.replaceChildren(
      ...kept
        .filter((l) => !l.box)
        .map((l) => {
          const chip = document.createElement('span');
          chip.className = 'chip predicted';
          chip.textContent = `${l.name} ${percent(l.confidence)}`;
          return chip;
        }),
    );
  }
}
