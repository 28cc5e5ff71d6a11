/**
 * TEMPORARY, until models-core's reader (src/models readSummaryFile) is merged: the summary
 * file's per-label rows and aggregate metrics (im-summary-file), or undefined when the text is
 * not that JSON. Never throws.
 */
import type { SummaryInput } from './page-model';

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const obj = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

export function readSummaryFile(text: string): SummaryInput | undefined {
  let root: Record<string, unknown> | undefined;
  try {
    root = obj(JSON.parse(text));
  } catch {
    return undefined;
  }
  if (!root || !Array.isArray(root.LabelEvaluationResults)) return undefined;
  const details = obj(root.EvaluationDetails) ?? {};
  const agg = obj(root.AggregatedEvaluationResults) ?? {};
  const m = obj(agg.Metrics) ?? agg;
  const labels = root.LabelEvaluationResults.flatMap((r) => {
    const row = obj(r);
    const metrics = obj(row?.Metrics);
    if (!row || typeof row.Label !== 'string' || !metrics) return [];
    return [{ label: row.Label, testImages: num(row.NumberOfTestingImages) ?? 0, threshold: num(metrics.Threshold) ?? 0, precision: num(metrics.Precision) ?? 0, recall: num(metrics.Recall) ?? 0, f1: num(metrics.F1Score) ?? 0 }];
  });
  return {
    labels,
    precision: num(m.Precision),
    recall: num(m.Recall),
    f1: num(m.F1Score),
    averagePrecision: num(m.AveragePrecision),
    averageRecall: num(m.AverageRecall),
    trainingImages: num(details.NumberOfTrainingImages),
    testingImages: num(details.NumberOfTestingImages),
  };
}
