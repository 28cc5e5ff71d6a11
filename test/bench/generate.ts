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

/** A line with errors in every attribute and box, the same shape and about the same size as `line`. */
export function spoil(line: string): string {
  return line
    .replace(/"human-annotated":"(yes|no)"/g, '"human-annotated":"maybe"')
    .replace(/"top":/g, '"top":-')
    .replace(/"creation-date":"[^"]*"/g, '"creation-date":"yesterday"');
}

/** A ~`width`-character line of label attributes whose metadata is empty (several problems per attribute). */
export function wideLine(i: number, width: number): string {
  const parts: string[] = [`"source-ref":"s3://bench-bucket/wide/${i}.jpg"`];
  let n = parts[0].length + 2;
  for (let k = 0; n < width; k++) {
    const p = `"l${k}":0,"l${k}-metadata":{}`;
    parts.push(p);
    n += p.length + 1;
  }
  return `{${parts.join(',')}}`;
}

/** The labels of the CSV bench (convert.bench.ts). */
export const CSV_LABELS = ['cat', 'dog', 'bird', 'car', 'tree', 'person', 'bicycle', 'boat', 'chair', 'table', 'sea', 'sky', 'road', 'flower', 'lamp', 'window'];

/**
 * Row `i` of an `image,label[,label...]` CSV: `perRow` labels (1-3 drawn at random when undefined,
 * in random order, so that label order varies across rows), with its '\n'.
 */
export function csvRow(i: number, rnd: () => number, perRow?: number): string {
  const n = perRow ?? 1 + Math.floor(rnd() * 3);
  const labels: string[] = [];
  for (let k = 0; k < n; k++) labels.push(perRow ? `${CSV_LABELS[k % CSV_LABELS.length]}-${Math.floor(k / CSV_LABELS.length)}` : CSV_LABELS[Math.floor(rnd() * CSV_LABELS.length)]);
  return `images/${i.toString().padStart(7, '0')}.jpg,${[...new Set(labels)].join(',')}\n`;
}

/** A CSV text of `rows` rows (csvRow), from the CSV bench's seed. */
export function csvText(rows: number, perRow?: number, seed = 7): string {
  const rnd = seeded(seed);
  let text = '';
  for (let i = 0; i < rows; i++) text += csvRow(i, rnd, perRow);
  return text;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A multi-label classification line as the CSV converter writes it: 1-4 labels in random order. */
export function multiLabelLine(i: number, rnd: () => number): string {
  const obj: { [key: string]: Json } = { 'source-ref': `s3://bench-bucket/images/csv/${i.toString().padStart(7, '0')}.jpg` };
  const n = 1 + Math.floor(rnd() * 4);
  for (let k = 0; k < n; k++) {
    const label = CSV_LABELS[Math.floor(rnd() * CSV_LABELS.length)];
    obj[label] = 1;
    obj[`${label}-metadata`] = {
      confidence: 1,
      'job-name': `labeling-job/${label}`,
      'class-name': label,
      'human-annotated': 'yes',
      'creation-date': '2024-03-06T17:46:39.176Z',
      type: 'groundtruth/image-classification',
    };
  }
  return JSON.stringify(obj);
}

const ODD_VALUES: Json[] = ['', 'x', -1, 0, 1.5, 1e9, null, true, [], {}, [1], [{}], 's3://other-bucket/a.jpg', 's3://bench-bucket/', 'http://x/a.jpg', 'label\u001b[31m', '2024-13-45T99:00:00', 'groundtruth/object-detection', 'groundtruth/image-classification', 'groundtruth/image-classification-multilabel', 'yes', 'no', 0.5, 1, 2, 4097, 65, -0.0];
const ODD_KEYS = ['source_ref', 'Source-Ref', 'sourceref', 'source-ref ', 'x-metadata', 'a-ref', 'errors', 'warnings', 'cl-errors', 'cl-metadata', 'class-map', 'class_id', 'image_size', 'objects', 'annotations', 'confidence', 'job-name', 'human-annotated', 'type', '', 'label-metadata-metadata', 'bounding-box'];

/** The objects and arrays of a value, itself first. */
function nodes(v: Json, out: (Json[] | { [key: string]: Json })[] = []): (Json[] | { [key: string]: Json })[] {
  if (v !== null && typeof v === 'object') {
    out.push(v);
    for (const c of Array.isArray(v) ? v : Object.values(v)) nodes(c, out);
  }
  return out;
}

/** One of ODD_VALUES, a copy of its own (an array or object is changed later). */
function odd(rnd: () => number): Json {
  return JSON.parse(JSON.stringify(pick(ODD_VALUES, rnd))) as Json;
}

function pick<T>(xs: readonly T[], rnd: () => number): T {
  return xs[Math.floor(rnd() * xs.length)];
}

/** `obj`'s keys in a new order (the same key set). */
function shuffled(obj: { [key: string]: Json }, rnd: () => number): { [key: string]: Json } {
  const keys = Object.keys(obj);
  for (let k = keys.length - 1; k > 0; k--) {
    const j = Math.floor(rnd() * (k + 1));
    [keys[k], keys[j]] = [keys[j], keys[k]];
  }
  const out: { [key: string]: Json } = {};
  for (const k of keys) out[k] = obj[k];
  return out;
}

/**
 * A manifest of every kind of line and of what can go wrong in one: classification, detection and
 * multi-label lines, each changed at random (keys reordered at any depth, keys removed, renamed or
 * added, values of another type or out of range, repeated source-refs, another bucket), some
 * broken as text (cut short, a CR inside, blank, a leading space). The same lines for a seed.
 */
export function variedManifest(lines: number, seed = 5): string[] {
  const rnd = seeded(seed);
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const kind = rnd();
    const base = kind < 0.35 ? classificationLine(i, rnd) : kind < 0.7 ? detectionLine(i, rnd) : multiLabelLine(i, rnd);
    let obj = JSON.parse(base) as { [key: string]: Json };
    const changes = Math.floor(rnd() * 3);
    for (let c = 0; c < changes; c++) {
      const targets = nodes(obj);
      const node = pick(targets, rnd);
      const what = rnd();
      if (Array.isArray(node)) {
        if (node.length === 0 || what < 0.3) node.push(odd(rnd));
        else if (what < 0.6) node.splice(Math.floor(rnd() * node.length), 1);
        else node[Math.floor(rnd() * node.length)] = odd(rnd);
        continue;
      }
      const keys = Object.keys(node);
      if (what < 0.25) {
        const re = shuffled(node, rnd);
        if (node === obj) obj = re;
        else {
          for (const k of keys) delete node[k];
          Object.assign(node, re);
        }
      } else if (what < 0.4 && keys.length > 0) delete node[pick(keys, rnd)];
      else if (what < 0.6 && keys.length > 0) node[pick(keys, rnd)] = odd(rnd);
      else if (what < 0.72 && keys.length > 0) {
        const k = pick(keys, rnd);
        const v = node[k];
        delete node[k];
        node[pick([`${k}-metadata`, `${k}-ref`, ` ${k}`, k.toUpperCase(), pick(ODD_KEYS, rnd)], rnd)] = v;
      } else if (what < 0.84) node[pick(ODD_KEYS, rnd)] = odd(rnd);
      else if (what < 0.92 && i > 0) obj['source-ref'] = `s3://bench-bucket/images/class/${Math.floor(rnd() * i).toString().padStart(7, '0')}.jpg`;
      else obj['source-ref'] = `s3://bucket-${Math.floor(rnd() * 3)}/images/${i}.jpg`;
    }
    let text = JSON.stringify(obj);
    const broken = rnd();
    if (broken < 0.02) text = text.slice(0, Math.floor(rnd() * text.length));
    else if (broken < 0.03) {
      const at = Math.floor(rnd() * text.length);
      text = `${text.slice(0, at)}\r${text.slice(at)}`;
    } else if (broken < 0.04) text = pick(['', '   ', '\t', '[]', '"x"', '{}', 'null', '{"source-ref":'], rnd);
    else if (broken < 0.05) text = ` ${text}`;
    else if (broken < 0.06) text += '\r';
    out.push(text);
  }
  return out;
}
