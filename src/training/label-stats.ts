/** Per-label images and boxes in training and test, from the two dataset profiles. Pure: no `vscode` import. */
import type { DatasetProfile } from './dataset-profile';

export interface LabelRow {
  label: string;
  trainImages: number;
  trainBoxes: number;
  testImages: number;
  testBoxes: number;
}

export interface LabelStats {
  rows: LabelRow[];
  trainLines: number;
  /** Undefined when there is no test dataset. */
  testLines?: number;
}

/** Rows sorted by training images (most first), then by name. */
export function labelStats(train: DatasetProfile, test?: DatasetProfile): LabelStats {
  const rows = new Map<string, LabelRow>();
  const row = (label: string) => {
    let r = rows.get(label);
    if (!r) rows.set(label, (r = { label, trainImages: 0, trainBoxes: 0, testImages: 0, testBoxes: 0 }));
    return r;
  };
  for (const [l, n] of train.labels) row(l).trainImages = n;
  for (const [l, n] of train.boxes) row(l).trainBoxes = n;
  for (const [l, n] of test?.labels ?? []) row(l).testImages = n;
  for (const [l, n] of test?.boxes ?? []) row(l).testBoxes = n;
  const sorted = [...rows.values()].sort((a, b) => b.trainImages - a.trainImages || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  return { rows: sorted, trainLines: train.imported, testLines: test?.imported };
}
