/**
 * Readers of what training writes, from their text (reading the S3 object is the caller's):
 * - the summary file (im-summary-file; im-summary-file-api prints the aggregate metrics without
 *   the `Metrics` key the other page has: both are read);
 * - the evaluation manifest snapshot (im-evaluation-manifest-snapshot-api): per test image, its
 *   ground truth and the predictions with their outcome;
 * - the validation manifests (tm-debugging-scope-json-line): each line's source-ref and errors,
 *   to map back to local lines by source-ref (manifest's `entryIssues`);
 * - the manifest summary (tm-debugging-summary).
 * Never throws on content: what cannot be read is left out.
 * Pure: no `vscode` import.
 */
import { entryIssues, readEntry, type EntryIssue } from '../manifest';
import type { Box } from './match';

export interface LabelMetrics {
  label: string;
  testImages: number;
  /** 0..1. */
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface EvaluationSummary {
  projectVersionArn?: string;
  labels: LabelMetrics[];
  trainingImages?: number;
  testingImages?: number;
  precision?: number;
  recall?: number;
  f1?: number;
  averagePrecision?: number;
  averageRecall?: number;
  confusion: { truth: string; predicted: string; value: number }[];
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const obj = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

export function readSummaryFile(text: string): EvaluationSummary | undefined {
  let root: Record<string, unknown> | undefined;
  try {
    root = obj(JSON.parse(text));
  } catch {
    return undefined;
  }
  if (!root) return undefined;
  const details = obj(root.EvaluationDetails) ?? {};
  const agg = obj(root.AggregatedEvaluationResults) ?? {};
  const m = obj(agg.Metrics) ?? agg;
  const labels: LabelMetrics[] = [];
  for (const r of Array.isArray(root.LabelEvaluationResults) ? root.LabelEvaluationResults : []) {
    const row = obj(r);
    const metrics = obj(row?.Metrics);
    if (!row || typeof row.Label !== 'string' || !metrics) continue;
    labels.push({
      label: row.Label,
      testImages: num(row.NumberOfTestingImages) ?? 0,
      threshold: num(metrics.Threshold) ?? 0,
      precision: num(metrics.Precision) ?? 0,
      recall: num(metrics.Recall) ?? 0,
      f1: num(metrics.F1Score) ?? 0,
    });
  }
  const confusion = (Array.isArray(m.ConfusionMatrix) ? m.ConfusionMatrix : [])
    .map(obj)
    .filter((c): c is Record<string, unknown> => !!c && typeof c.GroundTruthLabel === 'string' && typeof c.PredictedLabel === 'string')
    .map((c) => ({ truth: c.GroundTruthLabel as string, predicted: c.PredictedLabel as string, value: num(c.Value) ?? 0 }));
  return {
    projectVersionArn: typeof details.ProjectVersionArn === 'string' ? details.ProjectVersionArn : undefined,
    labels,
    trainingImages: num(details.NumberOfTrainingImages),
    testingImages: num(details.NumberOfTestingImages),
    precision: num(m.Precision),
    recall: num(m.Recall),
    f1: num(m.F1Score),
    averagePrecision: num(m.AveragePrecision),
    averageRecall: num(m.AverageRecall),
    confusion,
  };
}

export type PredictionOutcome = 'true-positive' | 'true-negative' | 'false-positive' | 'false-negative';

export interface EvaluatedPrediction {
  label: string;
  /** 0..1, as the snapshot writes it. */
  confidence: number;
  /** Pixels (object detection). */
  box?: Box;
  outcome?: PredictionOutcome;
}

export interface EvaluatedImage {
  sourceRef: string;
  /** Ground-truth image-level labels. */
  labels: string[];
  /** Ground-truth boxes, pixels. */
  boxes: (Box & { label: string })[];
  predictions: EvaluatedPrediction[];
  /** The image's size in pixels, as the object-detection attributes give it (`image_size`). */
  size?: { width: number; height: number };
}

const EVALUATION = 'rekognition-custom-labels-evaluation';
const DETAILS = 'rekognition-custom-labels-evaluation-details';

function outcomeOf(d: unknown): PredictionOutcome | undefined {
  const o = obj(d);
  if (!o) return undefined;
  if (o['is-true-positive'] === true) return 'true-positive';
  if (o['is-false-positive'] === true) return 'false-positive';
  if (o['is-false-negative'] === true) return 'false-negative';
  if (o['is-true-negative'] === true) return 'true-negative';
  return undefined;
}

/** One line of the evaluation manifest snapshot (undefined: not a JSON object with a source-ref). */
export function readEvaluationLine(text: string): EvaluatedImage | undefined {
  let line: Record<string, unknown> | undefined;
  try {
    line = obj(JSON.parse(text));
  } catch {
    return undefined;
  }
  if (!line || typeof line['source-ref'] !== 'string') return undefined;
  const image: EvaluatedImage = { sourceRef: line['source-ref'], labels: [], boxes: [], predictions: [] };
  for (const [key, value] of Object.entries(line)) {
    if (key.endsWith('-metadata') || key === 'source-ref') continue;
    const meta = obj(line[`${key}-metadata`]);
    if (!meta) continue;
    const isEvaluation = key.startsWith(EVALUATION);
    if (meta.type === 'groundtruth/image-classification' && typeof meta['class-name'] === 'string') {
      if (isEvaluation) image.predictions.push({ label: meta['class-name'], confidence: num(meta.confidence) ?? 0, outcome: outcomeOf(meta[DETAILS]) });
      else image.labels.push(meta['class-name']);
    } else if (meta.type === 'groundtruth/object-detection') {
      const classMap = obj(meta['class-map']) ?? {};
      const anns = Array.isArray(obj(value)?.annotations) ? (obj(value)!.annotations as unknown[]) : [];
      const objects = Array.isArray(meta.objects) ? meta.objects : [];
      const size = obj(Array.isArray(obj(value)?.image_size) ? (obj(value)!.image_size as unknown[])[0] : undefined);
      const width = num(size?.width);
      const height = num(size?.height);
      if (!image.size && width && height && width > 0 && height > 0) image.size = { width, height };
      anns.forEach((a, i) => {
        const ann = obj(a);
        if (!ann) return;
        const name = classMap[String(ann.class_id)];
        const box = { left: num(ann.left) ?? 0, top: num(ann.top) ?? 0, width: num(ann.width) ?? 0, height: num(ann.height) ?? 0 };
        const label = typeof name === 'string' ? name : `class ${String(ann.class_id)}`;
        if (isEvaluation) {
          const o = obj(objects[i]);
          image.predictions.push({ label, confidence: num(o?.confidence) ?? 0, box, outcome: outcomeOf(o?.[DETAILS]) });
        } else {
          image.boxes.push({ label, ...box });
        }
      });
    }
  }
  return image;
}

export interface ValidationLine {
  /** 0-based line of the validation manifest (the dataset's order). */
  line: number;
  sourceRef?: string;
  issues: EntryIssue[];
}

/** The lines of a validation manifest that carry errors or warnings. */
export function readValidationManifest(lines: Iterable<string>): ValidationLine[] {
  const out: ValidationLine[] = [];
  let i = 0;
  for (const text of lines) {
    const line = i++;
    if (text.trim() === '') continue;
    const { sourceRef, issues } = entryIssues(text);
    if (issues.length > 0) out.push({ line, ...(sourceRef !== undefined ? { sourceRef } : {}), issues });
  }
  return out;
}

export interface DatasetStatistics {
  useCase?: string;
  total?: number;
  valid?: number;
  invalid?: number;
  ignored?: number;
  errorLines: number[];
  errors: { code: string; message: string }[];
}

export interface ManifestSummary {
  training?: DatasetStatistics;
  testing?: DatasetStatistics;
  errors: { code: string; message: string }[];
}

const codes = (v: unknown) =>
  (Array.isArray(v) ? v : []).map(obj).filter((e): e is Record<string, unknown> => !!e && typeof e.code === 'string').map((e) => ({ code: e.code as string, message: typeof e.message === 'string' ? e.message : '' }));

function stats(v: unknown): DatasetStatistics | undefined {
  const s = obj(v);
  if (!s) return undefined;
  return {
    useCase: typeof s.use_case === 'string' ? s.use_case : undefined,
    total: num(s.total_json_lines),
    valid: num(s.valid_json_lines),
    invalid: num(s.invalid_json_lines),
    ignored: num(s.ignored_json_lines),
    errorLines: (Array.isArray(s.error_json_line_indices) ? s.error_json_line_indices : []).filter((n): n is number => typeof n === 'number'),
    errors: codes(s.errors),
  };
}

export function readManifestSummary(text: string): ManifestSummary | undefined {
  let root: Record<string, unknown> | undefined;
  try {
    root = obj(JSON.parse(text));
  } catch {
    return undefined;
  }
  if (!root) return undefined;
  const st = obj(root.statistics) ?? {};
  return { training: stats(st.training), testing: stats(st.testing), errors: codes(root.errors) };
}

/** The source-ref of a local manifest line (for mapping validation errors back by source-ref). */
export function sourceRefOf(text: string): string | undefined {
  return readEntry(text).sourceRef;
}
