/**
 * The shapes every converter shares. Pure: no `vscode` import.
 */

/** Where a converted (or unconverted) piece came from: a file and, where known, a 1-based line or a path inside it. */
export interface Origin {
  file: string;
  /** 1-based line (CSV row, YOLO line, manifest line). */
  line?: number;
  /** A path inside the file: `annotations[3]`, `object[2]`, ... */
  where?: string;
}

/** Something the converter could not convert, or converted with a change worth knowing. */
export interface ConvertIssue extends Origin {
  /**
   * 'skipped': left out of the output; 'changed': written, but not as the input said;
   * 'warning': written as it is, but training will object (images in several buckets);
   * 'note': worth knowing, nothing wrong (a CSV header row read as a header).
   */
  kind: 'skipped' | 'changed' | 'warning' | 'note';
  /** What happened, why, and what to do. */
  message: string;
}

export interface ConvertStats {
  /** Lines written (one per image). */
  images: number;
  /** Distinct labels over the output. */
  labels: number;
  /** Bounding boxes written. */
  boxes: number;
}

export interface ConvertResult {
  /** The manifest, one JSON line per item (no trailing newlines); empty when the writer had a sink (the lines went there). */
  lines: string[];
  issues: ConvertIssue[];
  stats: ConvertStats;
  /** Images without labels: written as lines with only their source-ref, or left out (`skipped`); the first one's origin. */
  unlabelled: { count: number; skipped: boolean; first?: Origin };
}

export interface ImageSize {
  width: number;
  height: number;
  depth?: number;
}

/** A pixel box with its label, as every detection converter produces it. */
export interface PixelBox {
  /** The class id written in the manifest's annotations and class-map. */
  classId: number;
  label: string;
  left: number;
  top: number;
  width: number;
  height: number;
  /** Where the box came from, for reports (a function: made only when a report needs it). */
  origin: Origin | (() => Origin);
}

export const FORMATS = ['coco', 'csv', 'groundtruth-multilabel', 'yolo', 'voc'] as const;
export type Format = (typeof FORMATS)[number];

/** A box's origin. */
export function originOf(o: Origin | (() => Origin)): Origin {
  return typeof o === 'function' ? o() : o;
}

export function formatOrigin(o: Origin): string {
  return `${o.file}${o.line !== undefined ? `:${o.line}` : ''}${o.where ? ` (${o.where})` : ''}`;
}
