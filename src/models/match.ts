/**
 * How a prediction is judged against the ground truth, the one rule for the sandbox's evaluation
 * and the editor's evaluation table: an image-level label is a true positive when the image has
 * it and it was predicted at or above its threshold; a box is a true positive when it overlaps a
 * ground-truth box of the same label by an IoU of at least 0.5 (each ground-truth box matched at
 * most once, the most confident prediction first); every other prediction above its threshold
 * is a false positive, every ground-truth box or label left unmatched a false negative.
 * Pure: no `vscode` import.
 */

export const IOU_THRESHOLD = 0.5;

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Intersection over union of two boxes (the same units for both). */
export function iou(a: Box, b: Box): number {
  const x1 = Math.max(a.left, b.left);
  const y1 = Math.max(a.top, b.top);
  const x2 = Math.min(a.left + a.width, b.left + b.width);
  const y2 = Math.min(a.top + a.height, b.top + b.height);
  const inter = Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
  const union = a.width * a.height + b.width * b.height - inter;
  return union <= 0 ? 0 : inter / union;
}

export type Outcome = 'true-positive' | 'false-positive' | 'false-negative' | 'true-negative';

export interface JudgedBox<T> {
  item: T;
  outcome: 'true-positive' | 'false-positive';
  /** The index of the ground-truth box it matched (true positives). */
  matched?: number;
}

/**
 * Boxes of one image: each prediction at or above its label's threshold, most confident first,
 * takes the unmatched ground-truth box of its label it overlaps most, if by IoU >= 0.5.
 * Returns the judged predictions (in the order given) and the ground-truth boxes left unmatched.
 */
export function matchBoxes<P extends { label: string; confidence: number; box: Box }, G extends { label: string; box: Box }>(
  predictions: readonly P[],
  truth: readonly G[],
  threshold: (label: string) => number,
): { judged: JudgedBox<P>[]; missed: number[] } {
  const taken = new Set<number>();
  const order = predictions.map((_, i) => i).filter((i) => predictions[i].confidence >= threshold(predictions[i].label));
  order.sort((a, b) => predictions[b].confidence - predictions[a].confidence || a - b);
  const result = new Map<number, JudgedBox<P>>();
  for (const i of order) {
    const p = predictions[i];
    let best = -1;
    let bestIou = IOU_THRESHOLD;
    truth.forEach((g, j) => {
      if (taken.has(j) || g.label !== p.label) return;
      const v = iou(p.box, g.box);
      if (v >= bestIou) {
        bestIou = v;
        best = j;
      }
    });
    if (best >= 0) {
      taken.add(best);
      result.set(i, { item: p, outcome: 'true-positive', matched: best });
    } else {
      result.set(i, { item: p, outcome: 'false-positive' });
    }
  }
  const judged = order.slice().sort((a, b) => a - b).map((i) => result.get(i)!);
  const missed = truth.map((_, j) => j).filter((j) => !taken.has(j));
  return { judged, missed };
}

/** An image-level label's outcome on one image. */
export function labelOutcome(inTruth: boolean, confidence: number | undefined, threshold: number): Outcome {
  const predicted = confidence !== undefined && confidence >= threshold;
  if (inTruth) return predicted ? 'true-positive' : 'false-negative';
  return predicted ? 'false-positive' : 'true-negative';
}

/** Precision, recall and F1 from counts (0 where a denominator is 0). */
export function scores(tp: number, fp: number, fn: number): { precision: number; recall: number; f1: number } {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
