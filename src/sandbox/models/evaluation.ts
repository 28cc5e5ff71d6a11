/**
 * The stand-in model's evaluation on the test images, in the guide's formats: the summary file
 * (im-summary-file: Version, EvaluationDetails, AggregatedEvaluationResults.Metrics,
 * LabelEvaluationResults sorted by F1) and the evaluation manifest snapshot
 * (im-evaluation-manifest-snapshot-api: the ground truth as `rekognition-custom-labels-training-N`
 * attributes, the predictions as `rekognition-custom-labels-evaluation...` attributes carrying
 * `rekognition-custom-labels-evaluation-details`). Predictions are judged by the one rule in
 * src/models (match.ts). Thresholds are per label: of 30, 40, 50, 60, 70 %, the one with the best
 * F1 on the test images (the lowest on a tie). Metrics are ratios (0..1), confidences in the files
 * too; aggregated metrics are micro-averages over the labels (AveragePrecision/AverageRecall, for
 * object detection: the mean of the labels' precision and recall).
 */
import { labelOutcome, matchBoxes, scores } from '../../models';
import type { KnownImage } from '../state/records';
import type { Prediction } from './stand-in';

export type ModelType = 'image-level' | 'object-detection';

const CANDIDATES = [30, 40, 50, 60, 70];
const EVALUATION_JOB = 'rekognition-custom-labels-evaluation-job';
const TRAINING_JOB = 'rekognition-custom-labels-training-job';

export interface LabelCounts {
  tp: number;
  fp: number;
  fn: number;
  /** Test images whose ground truth has the label. */
  images: number;
}

export interface Evaluation {
  thresholds: Map<string, number>;
  counts: Map<string, LabelCounts>;
  f1: number;
  precision: number;
  recall: number;
}

export interface TestImage {
  image: KnownImage;
  predictions: Prediction[];
}

/** Counts per label at the given thresholds. */
export function countAt(type: ModelType, images: readonly TestImage[], labels: readonly string[], threshold: (label: string) => number): Map<string, LabelCounts> {
  const counts = new Map<string, LabelCounts>(labels.map((l) => [l, { tp: 0, fp: 0, fn: 0, images: 0 }]));
  const of = (l: string) => {
    let c = counts.get(l);
    if (!c) counts.set(l, (c = { tp: 0, fp: 0, fn: 0, images: 0 }));
    return c;
  };
  for (const { image, predictions } of images) {
    if (type === 'image-level') {
      const truth = new Set(image.labels);
      for (const l of truth) of(l).images++;
      const seen = new Set<string>();
      for (const p of predictions) {
        seen.add(p.label);
        const o = labelOutcome(truth.has(p.label), p.confidence, threshold(p.label));
        if (o === 'true-positive') of(p.label).tp++;
        else if (o === 'false-positive') of(p.label).fp++;
        else if (o === 'false-negative') of(p.label).fn++;
      }
      for (const l of truth) if (!seen.has(l)) of(l).fn++;
    } else {
      for (const l of new Set(image.boxes.map((b) => b.label))) of(l).images++;
      const { judged, missed, truth } = judgeBoxes(image, predictions, threshold);
      for (const j of judged) of(j.item.label)[j.outcome === 'true-positive' ? 'tp' : 'fp']++;
      for (const m of missed) of(truth[m].label).fn++;
    }
  }
  return counts;
}

export function evaluate(type: ModelType, images: readonly TestImage[], labels: readonly string[]): Evaluation {
  const thresholds = new Map<string, number>();
  for (const l of labels) {
    let best = CANDIDATES[0];
    let bestF1 = -1;
    for (const t of CANDIDATES) {
      const c = countAt(type, images, [l], (x) => (x === l ? t : 101)).get(l)!;
      const f1 = scores(c.tp, c.fp, c.fn).f1;
      if (f1 > bestF1) {
        bestF1 = f1;
        best = t;
      }
    }
    thresholds.set(l, best);
  }
  const counts = countAt(type, images, labels, (l) => thresholds.get(l) ?? 101);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const l of labels) {
    const c = counts.get(l)!;
    tp += c.tp;
    fp += c.fp;
    fn += c.fn;
  }
  const s = scores(tp, fp, fn);
  return { thresholds, counts, f1: s.f1, precision: s.precision, recall: s.recall };
}

const r4 = (n: number) => Math.round(n * 10000) / 10000;

type Boxed = Prediction & { box: NonNullable<Prediction['box']> };

/** A box in the whole pixels the snapshot writes (ratios of the image without a size). */
function pixelsOf(image: KnownImage): (b: { left: number; top: number; width: number; height: number }) => { left: number; top: number; width: number; height: number } {
  const size = image.size ?? { width: 1, height: 1 };
  const whole = image.size ? Math.round : (n: number) => n;
  return (b) => ({ left: whole(b.left * size.width), top: whole(b.top * size.height), width: whole(b.width * size.width), height: whole(b.height * size.height) });
}

/**
 * An image's boxes judged by the one rule on the pixels the snapshot writes (so that whoever
 * matches the snapshot's boxes at IoU 0.5 finds what the summary file counts).
 */
function judgeBoxes(image: KnownImage, predictions: readonly Prediction[], threshold: (label: string) => number) {
  const px = pixelsOf(image);
  const boxed = predictions.filter((p): p is Boxed => p.box !== undefined);
  const truth = image.boxes.map((b) => ({ label: b.label, box: px(b) }));
  const { judged, missed } = matchBoxes(boxed.map((p) => ({ ...p, box: px(p.box), of: p })), truth, threshold);
  return { boxed, truth, missed, judged: judged.map((j) => ({ ...j, item: j.item.of })) };
}

/** The summary file (im-summary-file). */
export function summaryFile(
  type: ModelType,
  ev: Evaluation,
  labels: readonly string[],
  details: { projectVersionArn: string; ended: number; trainingImages: number; testingImages: number },
  images: readonly TestImage[],
): Record<string, unknown> {
  const perLabel = labels.map((l) => {
    const c = ev.counts.get(l)!;
    const s = scores(c.tp, c.fp, c.fn);
    return { Label: l, NumberOfTestingImages: c.images, Metrics: { Threshold: r4((ev.thresholds.get(l) ?? 50) / 100), Precision: r4(s.precision), Recall: r4(s.recall), F1Score: r4(s.f1) } };
  });
  perLabel.sort((a, b) => b.Metrics.F1Score - a.Metrics.F1Score || (a.Label < b.Label ? -1 : a.Label > b.Label ? 1 : 0));
  const metrics: Record<string, unknown> = { Precision: r4(ev.precision), Recall: r4(ev.recall), F1Score: r4(ev.f1) };
  if (type === 'object-detection') {
    const per = labels.map((l) => ev.counts.get(l)!).map((c) => scores(c.tp, c.fp, c.fn));
    metrics.AveragePrecision = r4(per.reduce((a, s) => a + s.precision, 0) / Math.max(1, per.length));
    metrics.AverageRecall = r4(per.reduce((a, s) => a + s.recall, 0) / Math.max(1, per.length));
  } else {
    metrics.ConfusionMatrix = confusion(images, ev);
  }
  return {
    Version: 1,
    EvaluationDetails: {
      ProjectVersionArn: details.projectVersionArn,
      EvaluationEndTimestamp: new Date(details.ended).toISOString(),
      Labels: [...labels],
      NumberOfTrainingImages: details.trainingImages,
      NumberOfTestingImages: details.testingImages,
    },
    AggregatedEvaluationResults: { Metrics: metrics },
    LabelEvaluationResults: perLabel,
  };
}

/** For each ground-truth label, the share of its test images whose most confident label above threshold is each label ("(none)": none). */
function confusion(images: readonly TestImage[], ev: Evaluation): { GroundTruthLabel: string; PredictedLabel: string; Value: number }[] {
  const rows = new Map<string, Map<string, number>>();
  const totals = new Map<string, number>();
  for (const { image, predictions } of images) {
    const above = predictions.filter((p) => p.confidence >= (ev.thresholds.get(p.label) ?? 101)).sort((a, b) => b.confidence - a.confidence);
    const top = above[0]?.label ?? '(none)';
    for (const g of new Set(image.labels)) {
      totals.set(g, (totals.get(g) ?? 0) + 1);
      let row = rows.get(g);
      if (!row) rows.set(g, (row = new Map()));
      row.set(top, (row.get(top) ?? 0) + 1);
    }
  }
  const out: { GroundTruthLabel: string; PredictedLabel: string; Value: number }[] = [];
  for (const [g, row] of [...rows].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    for (const [p, n] of [...row].sort((a, b) => (a[0] < b[0] ? -1 : 1))) out.push({ GroundTruthLabel: g, PredictedLabel: p, Value: r4(n / totals.get(g)!) });
  }
  return out;
}

/** One test image's line of the evaluation manifest snapshot (im-evaluation-manifest-snapshot-api). */
export function snapshotLine(type: ModelType, t: TestImage, ev: Evaluation, created: string): string {
  const { image, predictions } = t;
  const line: Record<string, unknown> = { 'source-ref': image.sourceRef };
  const details = (o: string, present: boolean) => ({
    version: 1,
    'ground-truth-labelling-jobs': [TRAINING_JOB],
    'is-true-positive': o === 'true-positive',
    'is-true-negative': o === 'true-negative',
    'is-false-positive': o === 'false-positive',
    'is-false-negative': o === 'false-negative',
    'is-present-in-ground-truth': present,
  });
  if (type === 'image-level') {
    image.labels.forEach((l, i) => {
      line[`rekognition-custom-labels-training-${i}`] = 1;
      line[`rekognition-custom-labels-training-${i}-metadata`] = { confidence: 1, 'job-name': TRAINING_JOB, 'class-name': l, 'human-annotated': 'yes', 'creation-date': created, type: 'groundtruth/image-classification' };
    });
    const truth = new Set(image.labels);
    predictions.forEach((p, i) => {
      const o = labelOutcome(truth.has(p.label), p.confidence, ev.thresholds.get(p.label) ?? 101);
      line[`rekognition-custom-labels-evaluation-${i}`] = 1;
      line[`rekognition-custom-labels-evaluation-${i}-metadata`] = {
        confidence: r4(p.confidence / 100),
        'job-name': EVALUATION_JOB,
        'class-name': p.label,
        'human-annotated': 'no',
        'creation-date': created,
        type: 'groundtruth/image-classification',
        'rekognition-custom-labels-evaluation-details': details(o, truth.has(p.label)),
      };
    });
    return JSON.stringify(line);
  }
  const size = image.size ?? { width: 1, height: 1 };
  const px = pixelsOf(image);
  const names = [...new Set([...image.boxes.map((b) => b.label), ...predictions.map((p) => p.label)])];
  const classMap = Object.fromEntries(names.map((n, i) => [String(i), n]));
  const imageSize = [{ width: size.width, height: size.height, depth: 3 }];
  line['rekognition-custom-labels-training-0'] = { annotations: image.boxes.map((b) => ({ class_id: names.indexOf(b.label), ...px(b) })), image_size: imageSize };
  line['rekognition-custom-labels-training-0-metadata'] = {
    'job-name': TRAINING_JOB,
    'class-map': classMap,
    'human-annotated': 'yes',
    objects: image.boxes.map(() => ({ confidence: 1 })),
    'creation-date': created,
    type: 'groundtruth/object-detection',
  };
  const { boxed, judged } = judgeBoxes(image, predictions, (l) => ev.thresholds.get(l) ?? 101);
  const outcome = new Map(judged.map((j) => [j.item, j.outcome] as const));
  const present = new Set(image.boxes.map((b) => b.label));
  line['rekognition-custom-labels-evaluation'] = { annotations: boxed.map((p) => ({ class_id: names.indexOf(p.label), ...px(p.box) })), image_size: imageSize };
  line['rekognition-custom-labels-evaluation-metadata'] = {
    confidence: r4(Math.max(0, ...boxed.map((p) => p.confidence)) / 100),
    'job-name': EVALUATION_JOB,
    'class-map': classMap,
    'human-annotated': 'no',
    // A box under its label's threshold is not a prediction: neither positive (a missed object is a false negative of the ground truth).
    objects: boxed.map((p) => ({ confidence: r4(p.confidence / 100), 'rekognition-custom-labels-evaluation-details': details(outcome.get(p) ?? 'true-negative', present.has(p.label)) })),
    'creation-date': created,
    type: 'groundtruth/object-detection',
  };
  return JSON.stringify(line);
}
