/**
 * What health needs of each line of a manifest, read once through src/manifest's readEntry (the
 * one reader of a line): its source-ref and S3 location, the declared image size, the boxes and
 * the labels, with the line's 1-based number. Lines without a source-ref are left out (the service
 * drops them at import; the linter says so). A repeated source-ref keeps its first line only, as
 * the service keeps one entry per source-ref. Pure: no `vscode` import.
 */
import { readEntry, type S3Location } from '../manifest';

export interface HealthLine {
  /** 1-based. */
  line: number;
  ref: string;
  location?: S3Location;
  imageSize?: { width: number; height: number };
  boxes: Array<{ label: string; left: number; top: number; width: number; height: number }>;
  labels: string[];
}

export function healthLines(lines: readonly string[]): HealthLine[] {
  const out: HealthLine[] = [];
  const seen = new Set<string>();
  lines.forEach((text, i) => {
    if (text.trim() === '') return;
    const e = readEntry(text);
    if (e.sourceRef === undefined || seen.has(e.sourceRef)) return;
    seen.add(e.sourceRef);
    const l: HealthLine = { line: i + 1, ref: e.sourceRef, boxes: e.boxes.map((b) => ({ label: b.label, left: b.left, top: b.top, width: b.width, height: b.height })), labels: e.labels };
    if (e.location) l.location = e.location;
    if (e.imageSize) l.imageSize = e.imageSize;
    out.push(l);
  });
  return out;
}
