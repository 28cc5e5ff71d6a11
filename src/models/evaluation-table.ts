/**
 * The per-label evaluation table the editor shows for a trained model, from the evaluation
 * manifest snapshot (readers.ts `readEvaluationLine`) and the summary file's per-label
 * thresholds: each test image's ground truth compared with the model's predictions by the one
 * rule (match.ts: a label at or above its threshold; a box of the same label at IoU >= 0.5), each
 * prediction and each missed ground-truth item classified true/false positive/negative, and per
 * label the counts, precision, recall and F1. Rows: F1 best first, then by name; images: the
 * snapshot's order. The outcome is computed here, not copied from the snapshot's flags.
 * Pure: no `vscode` import.
 */
import { labelOutcome, matchBoxes, scores, type Box, type Outcome } from './match';
import type { EvaluatedImage } from './readers';

export interface EvaluationRow {
  label: string;
  /** Test images whose ground truth has the label. */
  testImages: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
  /** 0..1, as the summary file gives it (undefined: none given, 0.5 used). */
  threshold?: number;
}

export interface ImageItem {
  label: string;
  outcome: Outcome;
  /** 0..1 (a missed ground-truth item has none). */
  confidence?: number;
  /** Pixels (object detection). */
  box?: Box;
}

export interface ImageVerdict {
  sourceRef: string;
  items: ImageItem[];
}

export interface EvaluationTable {
  rows: EvaluationRow[];
  images: ImageVerdict[];
}

/** The threshold of a label the summary file gives none for. */
export const DEFAULT_THRESHOLD = 0.5;

export function evaluationTable(images: readonly EvaluatedImage[], thresholds: ReadonlyMap<string, number>): EvaluationTable {
  const threshold = (label: string) => thresholds.get(label) ?? DEFAULT_THRESHOLD;
  const rows = new Map<string, EvaluationRow>();
  const row = (label: string) => {
    let r = rows.get(label);
    if (!r) {
      rows.set(label, (r = { label, testImages: 0, truePositives: 0, falsePositives: 0, falseNegatives: 0, precision: 0, recall: 0, f1: 0, threshold: thresholds.get(label) }));
    }
    return r;
  };
  for (const label of thresholds.keys()) row(label);
  const verdicts: ImageVerdict[] = [];
  for (const image of images) {
    const verdict = imageVerdict(image, threshold);
    for (const l of verdict.truthLabels) row(l).testImages++;
    for (const item of verdict.items) {
      const r = row(item.label);
      if (item.outcome === 'true-positive') r.truePositives++;
      else if (item.outcome === 'false-positive') r.falsePositives++;
      else r.falseNegatives++;
    }
    verdicts.push({ sourceRef: verdict.sourceRef, items: verdict.items });
  }
  for (const r of rows.values()) {
    const s = scores(r.truePositives, r.falsePositives, r.falseNegatives);
    r.precision = s.precision;
    r.recall = s.recall;
    r.f1 = s.f1;
  }
  const sorted = [...rows.values()].sort((a, b) => b.f1 - a.f1 || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  return { rows: sorted, images: verdicts };
}

/**
 * One test image judged by the one rule (match.ts): each prediction above its label's threshold
 * and each missed ground-truth item, classified (true negatives left out); `truthLabels`: the
 * labels of its ground truth. Object detection when the image has boxes on either side.
 */
export function imageVerdict(image: EvaluatedImage, threshold: (label: string) => number): ImageVerdict & { truthLabels: string[] } {
  const items: ImageItem[] = [];
  const detection = image.boxes.length > 0 || image.predictions.some((p) => p.box !== undefined);
  if (detection) {
    const boxed = image.predictions.filter((p): p is typeof p & { box: Box } => p.box !== undefined);
    const truth = image.boxes.map((b) => ({ label: b.label, box: { left: b.left, top: b.top, width: b.width, height: b.height } }));
    const { judged, missed } = matchBoxes(boxed, truth, threshold);
    for (const j of judged) items.push({ label: j.item.label, outcome: j.outcome, confidence: j.item.confidence, box: j.item.box });
    for (const m of missed) items.push({ label: truth[m].label, outcome: 'false-negative', box: truth[m].box });
    return { sourceRef: image.sourceRef, items, truthLabels: [...new Set(image.boxes.map((b) => b.label))] };
  }
  const truth = new Set(image.labels);
  const best = new Map<string, number>();
  for (const p of image.predictions) best.set(p.label, Math.max(best.get(p.label) ?? 0, p.confidence));
  for (const label of new Set([...truth, ...best.keys()])) {
    const outcome = labelOutcome(truth.has(label), best.get(label), threshold(label));
    if (outcome === 'true-negative') continue;
    items.push({ label, outcome, ...(best.has(label) ? { confidence: best.get(label) } : {}) });
  }
  return { sourceRef: image.sourceRef, items, truthLabels: [...truth] };
}
