/**
 * The gallery of mistakes' data: one entry per line of an evaluation manifest snapshot
 * (im-evaluation-manifest-snapshot-api: per test image, its ground truth and the model's
 * predictions with their confidences), read by src/models' `readEvaluationLine` and judged by its
 * one rule (`imageVerdict`, match.ts: a label at or above the summary file's threshold; a box of
 * the same label at IoU >= 0.5) into marks: true positive, false positive, false negative, with
 * the confidence and the box. The entry's boxes and labels are the ground truth. The snapshot's
 * own `is-*` flags are not read: the outcome is computed here, as the Evaluation view counts it.
 * Pure: no `vscode` import.
 */
import { DEFAULT_THRESHOLD, imageVerdict, readEvaluationLine } from '../models';
import type { GalleryEntry } from './entries';
import type { Mark, MarkOutcome } from './messages';

const SHORT = new Map<string, MarkOutcome>([
  ['true-positive', 'tp'],
  ['false-positive', 'fp'],
  ['false-negative', 'fn'],
]);

/** The entry builder of a snapshot's lines at the summary file's per-label thresholds (0..1). */
export function mistakeEntries(thresholds: ReadonlyMap<string, number>): (id: number, line: number, text: string) => GalleryEntry | undefined {
  const threshold = (label: string): number => thresholds.get(label) ?? DEFAULT_THRESHOLD;
  return (id, line, text) => {
    const image = readEvaluationLine(text);
    if (!image) return undefined;
    const marks: Mark[] = [];
    for (const item of imageVerdict(image, threshold).items) {
      const outcome = SHORT.get(item.outcome);
      if (!outcome) continue;
      const b = item.box;
      marks.push([outcome, item.label, item.confidence ?? -1, b?.left ?? 0, b?.top ?? 0, b?.width ?? 0, b?.height ?? 0]);
    }
    return {
      id,
      line,
      ref: image.sourceRef,
      w: image.size?.width ?? 0,
      h: image.size?.height ?? 0,
      labels: [...new Set([...image.labels, ...image.boxes.map((b) => b.label)])],
      boxes: image.boxes.map((b) => [b.label, b.left, b.top, b.width, b.height]),
      problems: [],
      marks,
    };
  };
}
