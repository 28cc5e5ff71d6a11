/**
 * What the preview shows of one manifest line: its image (the source-ref), the boxes of its
 * object-detection attributes in the declared image_size with their class-map names, the
 * image-level labels, and the line's problems; and which box a place in the line is inside
 * (the cursor, the hover). Pure: no `vscode` import; never throws.
 */
import { Limits, imageRefs, validateLine, type Severity } from '../manifest';

export interface PreviewBox {
  /** 0-based over the line's boxes, in the order of the line (attribute by attribute). */
  index: number;
  attribute: string;
  /** 0-based in the attribute's annotations array. */
  annotation: number;
  label: string;
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface PreviewView {
  /** 0-based manifest line. */
  line: number;
  /** The source-ref as written; undefined when the line has none. */
  sourceRef?: string;
  /** bucket and key of an s3:// source-ref: the image to show. */
  image?: { bucket: string; key: string };
  /** The declared image_size (the boxes' coordinates), when the line has one. */
  declared?: { width: number; height: number };
  boxes: PreviewBox[];
  /** Image-level labels and the boxes' labels, each once. */
  labels: string[];
  problems: Array<{ code: string; message: string; severity: Severity }>;
  /** Why nothing can be drawn (blank line, not JSON, no source-ref). */
  note?: string;
}

/** The preview of line `line` whose text is `text`. */
export function previewOf(line: number, text: string): PreviewView {
  const empty = (note: string): PreviewView => ({ line, boxes: [], labels: [], problems: [], note });
  try {
    if (text.trim() === '') return empty('This line is blank: move the cursor to a line of the manifest.');
    if (text.length > Limits.maxLineChars) return empty(`This line is over ${Limits.maxLineChars.toLocaleString('en-US')} characters: the service drops it, and the preview does not read it.`);
    const problems = validateLine(text, line).problems.map((p) => ({ code: p.code, message: p.message, severity: p.severity }));
    let entry: unknown;
    try {
      entry = JSON.parse(text);
    } catch {
      return { ...empty('This line is not valid JSON: fix it to see its image.'), problems };
    }
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return { ...empty('This line is not a JSON object.'), problems };
    const obj = new Map(Object.entries(entry as Record<string, unknown>));
    const sourceRef = obj.get('source-ref');
    if (typeof sourceRef !== 'string') return { ...empty('This line has no source-ref: there is no image to show.'), problems };
    const labels = new Set<string>();
    for (const [key, meta] of obj) {
      if (!key.endsWith('-metadata') || !meta || typeof meta !== 'object') continue;
      const name = (meta as Record<string, unknown>)['class-name'];
      if (typeof name === 'string') labels.add(name);
    }
    const refs = imageRefs(text);
    const boxes: PreviewBox[] = [];
    let declared: PreviewView['declared'];
    for (const d of refs?.detections ?? []) {
      if (d.declared) declared ??= { width: d.declared.width, height: d.declared.height };
      const meta = obj.get(`${d.attribute}-metadata`);
      const classMap = mapOf(meta && typeof meta === 'object' ? (meta as Record<string, unknown>)['class-map'] : undefined);
      const value = obj.get(d.attribute) as { annotations?: unknown } | undefined;
      const annotations = Array.isArray(value?.annotations) ? (value!.annotations as unknown[]) : [];
      for (const b of d.boxes) {
        const a = annotations[b.index];
        const id = a && typeof a === 'object' ? (a as Record<string, unknown>).class_id : undefined;
        const name = classMap.get(String(id));
        const label = typeof name === 'string' ? name : `class ${String(id)}`;
        labels.add(label);
        boxes.push({ index: boxes.length, attribute: d.attribute, annotation: b.index, label, left: b.left, top: b.top, width: b.width, height: b.height });
      }
    }
    return {
      line,
      sourceRef,
      ...(refs ? { image: { bucket: refs.bucket, key: refs.key } } : {}),
      ...(declared ? { declared } : {}),
      boxes,
      labels: [...labels],
      problems,
      ...(refs ? {} : { note: 'The source-ref is not an s3://bucket/key URI: there is no image to show.' }),
    };
  } catch {
    return empty('This line could not be read.');
  }
}

/** The index (as in previewOf's boxes) of the box whose annotation object holds `character`; undefined outside every box. */
export function boxAt(text: string, character: number): number | undefined {
  try {
    if (text.length > Limits.maxLineChars) return undefined;
    const refs = imageRefs(text);
    let index = 0;
    for (const d of refs?.detections ?? []) {
      for (const b of d.boxes) {
        if (character >= b.start && character < b.end) return index;
        index++;
      }
    }
    return undefined;
  } catch {
    return undefined;
  }
}

function mapOf(value: unknown): ReadonlyMap<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? new Map(Object.entries(value as Record<string, unknown>)) : new Map();
}
