/**
 * What the Evaluation view shows of a model version's summary file (im-summary-file: per label
 * its precision, recall, F1 score, the threshold the service chose and the number of test
 * images; the aggregate metrics): the table's columns, its rows with each number as text and as
 * the value it sorts by, and the one sort every side uses (the page's script sorts the rendered
 * rows with `compareRows`: numbers by value, labels by text, ties in the file's order).
 * Pure, browser-safe (no Node, no `vscode`): the page's script imports it too.
 */

/** One label's row of the summary file (src/models' reader gives these). */
export interface LabelMetricsInput {
  label: string;
  testImages: number;
  /** 0..1. */
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
}

/** What the view needs of the summary file. */
export interface SummaryInput {
  labels: readonly LabelMetricsInput[];
  precision?: number;
  recall?: number;
  f1?: number;
  averagePrecision?: number;
  averageRecall?: number;
  trainingImages?: number;
  testingImages?: number;
}

export type ColumnKey = 'label' | 'f1' | 'precision' | 'recall' | 'threshold' | 'testImages';

export interface Column {
  key: ColumnKey;
  title: string;
  numeric: boolean;
}

export const COLUMNS: readonly Column[] = [
  { key: 'label', title: 'Label', numeric: false },
  { key: 'f1', title: 'F1 score', numeric: true },
  { key: 'precision', title: 'Precision', numeric: true },
  { key: 'recall', title: 'Recall', numeric: true },
  { key: 'threshold', title: 'Threshold', numeric: true },
  { key: 'testImages', title: 'Test images', numeric: true },
];

export interface Cell {
  /** What sorts: the number, or the label. */
  value: number | string;
  text: string;
}

export interface EvaluationRow {
  label: string;
  /** The file's order (ties keep it). */
  index: number;
  cells: Record<ColumnKey, Cell>;
  /** 0..1 each: the bars. */
  bars: { f1: number; precision: number; recall: number };
  /** The test images' predictions of the label judged by the one rule (from the evaluation manifest snapshot); none when it could not be read. */
  counts?: OutcomeCounts;
}

export interface OutcomeCounts {
  tp: number;
  fp: number;
  fn: number;
}

export interface EvaluationModel {
  title: string;
  /** "F1 score 0.873 · precision 0.900 · recall 0.850 · 40 test images · 160 training images". */
  overall: string;
  rows: EvaluationRow[];
  /** The counts' columns are shown (the snapshot was read). */
  counted: boolean;
}

const score = (n: number) => n.toFixed(3);
const clamp01 = (n: number) => Math.min(1, Math.max(0, n));

export function evaluationModel(summary: SummaryInput, title: string, counts?: ReadonlyMap<string, OutcomeCounts>): EvaluationModel {
  const rows = summary.labels.map((l, index): EvaluationRow => ({
    label: l.label,
    index,
    cells: {
      label: { value: l.label, text: l.label },
      f1: { value: l.f1, text: score(l.f1) },
      precision: { value: l.precision, text: score(l.precision) },
      recall: { value: l.recall, text: score(l.recall) },
      threshold: { value: l.threshold, text: score(l.threshold) },
      testImages: { value: l.testImages, text: l.testImages.toLocaleString('en-US') },
    },
    bars: { f1: clamp01(l.f1), precision: clamp01(l.precision), recall: clamp01(l.recall) },
    ...(counts ? { counts: counts.get(l.label) ?? { tp: 0, fp: 0, fn: 0 } } : {}),
  }));
  const parts: string[] = [];
  if (summary.f1 !== undefined) parts.push(`F1 score ${score(summary.f1)}`);
  if (summary.precision !== undefined) parts.push(`precision ${score(summary.precision)}`);
  if (summary.recall !== undefined) parts.push(`recall ${score(summary.recall)}`);
  if (summary.averagePrecision !== undefined) parts.push(`average precision ${score(summary.averagePrecision)}`);
  if (summary.averageRecall !== undefined) parts.push(`average recall ${score(summary.averageRecall)}`);
  if (summary.testingImages !== undefined) parts.push(`${summary.testingImages.toLocaleString('en-US')} test image${summary.testingImages === 1 ? '' : 's'}`);
  if (summary.trainingImages !== undefined) parts.push(`${summary.trainingImages.toLocaleString('en-US')} training image${summary.trainingImages === 1 ? '' : 's'}`);
  parts.push(`${rows.length} label${rows.length === 1 ? '' : 's'}`);
  return { title, overall: parts.join(' · '), rows, counted: counts !== undefined };
}

/** The one order: by the column's value (numbers as numbers, labels by text), ties in the file's order. */
export function compareRows(a: { value: number | string; index: number }, b: { value: number | string; index: number }, ascending: boolean): number {
  let d: number;
  if (typeof a.value === 'number' && typeof b.value === 'number') d = a.value - b.value;
  else d = String(a.value).localeCompare(String(b.value));
  if (d !== 0) return ascending ? d : -d;
  return a.index - b.index;
}

/** The rows sorted by a column (a copy). */
export function sortRows(rows: readonly EvaluationRow[], key: ColumnKey, ascending: boolean): EvaluationRow[] {
  return [...rows].sort((a, b) => compareRows({ value: a.cells[key].value, index: a.index }, { value: b.cells[key].value, index: b.index }, ascending));
}
