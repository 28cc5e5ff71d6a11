/**
 * The sandbox's stand-in for a trained model: NOT a model. What it "predicts" for an image is
 * the image's ground truth (from the training and test datasets) with seeded noise: labels and
 * boxes missed, boxes shifted, labels confused, a few false positives, confidences drawn at
 * random; the same model and image always give the same answer (the sandbox's seeded PRNG,
 * seeded by the model's seed and the source-ref; the model's seed comes from its project, version
 * name and datasets' lines, never from the time it was created: training-run.ts `modelSeed`). An image the model does not know gets no label.
 * Confidences are percentages (0..100), boxes ratios of the image (DetectCustomLabels' units).
 */
import { readEntry } from '../../manifest';
import { seededRandom } from '../entries/seeded-random';
import type { KnownImage } from '../state/records';

export interface Prediction {
  label: string;
  /** 0..100. */
  confidence: number;
  /** Object detection: ratios of the image. */
  box?: { left: number; top: number; width: number; height: number };
}

/** What a stand-in model knows of an image: the ground truth of its line (undefined: no source-ref or no label). */
export function knownImage(line: string): KnownImage | undefined {
  const e = readEntry(line);
  if (e.sourceRef === undefined) return undefined;
  const size = e.imageSize;
  const boxes = size && size.width > 0 && size.height > 0
    ? e.boxes.map((b) => ({ label: b.label, left: b.left / size.width, top: b.top / size.height, width: b.width / size.width, height: b.height / size.height }))
    : [];
  const labels = e.classNames;
  if (labels.length === 0 && boxes.length === 0) return undefined;
  return { sourceRef: e.sourceRef, labels, boxes, ...(size ? { size: { width: size.width, height: size.height } } : {}) };
}

/** FNV-1a of the text, mixed with the seed: each (model, image) has its own stream. */
export function imageSeed(seed: number, sourceRef: string): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < sourceRef.length; i++) {
    h ^= sourceRef.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const round = (n: number, places = 3) => Math.round(n * 10 ** places) / 10 ** places;
const clamp01 = (n: number) => Math.min(1, Math.max(0, n));

/**
 * Every label the model scores for the image (image-level: each of the model's labels, most far
 * below any threshold), or every box it finds (object detection), before any threshold.
 */
export function predict(image: KnownImage, type: 'image-level' | 'object-detection', labels: readonly string[], seed: number): Prediction[] {
  const random = seededRandom(imageSeed(seed, image.sourceRef));
  // Confidences in hundredths of a percent: the files' ratios (4 places) are these exactly, so a threshold judges both alike.
  const between = (lo: number, hi: number) => round(lo + random() * (hi - lo), 2);
  const other = (not: string) => {
    const rest = labels.filter((l) => l !== not);
    return rest.length === 0 ? not : rest[Math.floor(random() * rest.length)];
  };
  if (type === 'image-level') {
    const scores = new Map<string, number>();
    for (const l of labels) {
      const r = random();
      if (image.labels.includes(l)) scores.set(l, Math.max(scores.get(l) ?? 0, r < 0.82 ? between(55, 99.5) : between(10, 45)));
      else scores.set(l, Math.max(scores.get(l) ?? 0, r < 0.06 ? between(55, 85) : between(0.5, 30)));
    }
    // Now and then a true label is confused with another: the other scores high, the true one low.
    for (const l of image.labels) {
      if (!scores.has(l) || random() >= 0.05) continue;
      const o = other(l);
      if (o === l) continue;
      scores.set(o, between(60, 90));
      scores.set(l, between(5, 40));
    }
    return [...scores].map(([label, confidence]) => ({ label, confidence }));
  }
  const out: Prediction[] = [];
  for (const b of image.boxes) {
    const r = random();
    const jitter = (size: number) => (random() - 0.5) * 0.08 * size;
    if (r < 0.8) {
      out.push({ label: b.label, confidence: between(60, 99.5), box: box(b.left + jitter(b.width), b.top + jitter(b.height), b.width + jitter(b.width), b.height + jitter(b.height)) });
    } else if (r < 0.88) {
      // Shifted by more than half its size: it misses (IoU under 0.5).
      out.push({ label: b.label, confidence: between(55, 80), box: box(b.left + 0.6 * b.width, b.top + 0.3 * b.height, b.width, b.height) });
    } else if (r < 0.93) {
      out.push({ label: other(b.label), confidence: between(50, 80), box: box(b.left + jitter(b.width), b.top + jitter(b.height), b.width, b.height) });
    } else {
      out.push({ label: b.label, confidence: between(5, 35), box: box(b.left + jitter(b.width), b.top + jitter(b.height), b.width, b.height) });
    }
  }
  if (random() < 0.15 && labels.length > 0) {
    const w = 0.1 + random() * 0.3;
    const h = 0.1 + random() * 0.3;
    out.push({ label: labels[Math.floor(random() * labels.length)], confidence: between(45, 75), box: box(random() * (1 - w), random() * (1 - h), w, h) });
  }
  return out;
}

function box(left: number, top: number, width: number, height: number): { left: number; top: number; width: number; height: number } {
  const l = clamp01(left);
  const t = clamp01(top);
  return { left: round(l, 4), top: round(t, 4), width: round(Math.min(clamp01(width), 1 - l), 4), height: round(Math.min(clamp01(height), 1 - t), 4) };
}
