/** A deterministic mixed manifest: half classification lines, half two-box detection lines. */

import { seededRandom as seeded } from '../../src/sandbox/entries/seeded-random';

/** mulberry32 (the sandbox's seeded PRNG), so every run validates the same text. */
export { seeded };

const LABELS = ['cat', 'dog', 'bird', 'car', 'tree', 'person', 'bicycle', 'boat', 'chair', 'table'];

export function classificationLine(i: number, rnd: () => number): string {
  const label = LABELS[Math.floor(rnd() * LABELS.length)];
  return JSON.stringify({
    'source-ref': `s3://bench-bucket/images/class/${i.toString().padStart(7, '0')}.jpg`,
    'image-label': Math.floor(rnd() * 10),
    'image-label-metadata': {
      confidence: Math.round(rnd() * 100) / 100,
      'job-name': 'labeling-job/bench-classification',
      'class-name': label,
      'human-annotated': rnd() < 0.5 ? 'yes' : 'no',
      'creation-date': '2024-03-06T17:46:39.176Z',
      type: 'groundtruth/image-classification',
    },
  });
}

export function detectionLine(i: number, rnd: () => number): string {
  const w = 640 + Math.floor(rnd() * 1000);
  const h = 480 + Math.floor(rnd() * 800);
  const box = (): { top: number; left: number; width: number; height: number } => {
    const width = 20 + Math.floor(rnd() * (w / 3));
    const height = 20 + Math.floor(rnd() * (h / 3));
    return { top: Math.floor(rnd() * (h - height)), left: Math.floor(rnd() * (w - width)), width, height };
  };
  const a = LABELS[Math.floor(rnd() * LABELS.length)];
  const b = LABELS[Math.floor(rnd() * LABELS.length)];
  return JSON.stringify({
    'source-ref': `s3://bench-bucket/images/boxes/${i.toString().padStart(7, '0')}.png`,
    'bounding-box': {
      image_size: [{ width: w, height: h, depth: 3 }],
      annotations: [
        { class_id: 0, ...box() },
        { class_id: 1, ...box() },
      ],
    },
    'bounding-box-metadata': {
      objects: [{ confidence: 1 }, { confidence: 0.9 }],
      'class-map': { '0': a, '1': b },
      type: 'groundtruth/object-detection',
      'human-annotated': 'yes',
      'creation-date': '2024-03-06T17:46:39Z',
      'job-name': 'labeling-job/bench-detection',
    },
  });
}

export function mixedManifest(lines: number, seed = 42): string[] {
  const rnd = seeded(seed);
  const out: string[] = new Array(lines);
  for (let i = 0; i < lines; i++) out[i] = i % 2 === 0 ? classificationLine(i, rnd) : detectionLine(i, rnd);
  return out;
}

/** A classification line with one error (its label is not a number). */
export function errorLine(i: number, rnd: () => number): string {
  return classificationLine(i, rnd).replace(/"image-label":\d+/, '"image-label":"x"');
}

/** The mixed manifest with `problems` of its lines, evenly spread, replaced by error lines. */
export function manifestWithErrors(lines: number, problems: number, seed = 42): string[] {
  const out = mixedManifest(lines, seed);
  const rnd = seeded(seed + 1);
  const n = Math.min(problems, lines);
  const every = n > 0 ? lines / n : Infinity;
  for (let k = 0; k < n; k++) {
    const i = Math.floor(k * every);
    out[i] = errorLine(i, rnd);
  }
  return out;
}
