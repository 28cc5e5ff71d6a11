/** Manifest lines for the health tests: image-level (one attribute per label) and object detection (boxes given). */
const DATE = '2024-05-01T12:00:00Z';

export function cls(ref: string, labels: string[]): string {
  const line: Record<string, unknown> = { 'source-ref': ref };
  labels.forEach((l, i) => {
    line[`l${i}`] = 1;
    line[`l${i}-metadata`] = { confidence: 1, 'class-name': l, 'human-annotated': 'yes', 'creation-date': DATE, type: 'groundtruth/image-classification' };
  });
  return JSON.stringify(line);
}

export interface Box {
  label: string;
  left: number;
  top: number;
  width: number;
  height: number;
}

export function od(ref: string, size: { width: number; height: number }, boxes: Box[]): string {
  const names = [...new Set(boxes.map((b) => b.label))];
  return JSON.stringify({
    'source-ref': ref,
    bb: {
      image_size: [{ width: size.width, height: size.height, depth: 3 }],
      annotations: boxes.map((b) => ({ class_id: names.indexOf(b.label), left: b.left, top: b.top, width: b.width, height: b.height })),
    },
    'bb-metadata': { objects: boxes.map(() => ({ confidence: 1 })), 'class-map': Object.fromEntries(names.map((n, i) => [String(i), n])), type: 'groundtruth/object-detection', 'human-annotated': 'yes', 'creation-date': DATE },
  });
}
