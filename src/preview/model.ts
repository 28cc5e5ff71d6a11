/**
 * What the preview shows of one manifest line: its image (the source-ref), the boxes of its
 * object-detection attributes in the declared image_size with their class-map names, the
 * image-level labels, and the line's problems; and which box a place in the line is inside
 * (the cursor, the hover). Pure: no `vscode` import; never throws.
 */
import { Limits, readEntry, validateLine, type Severity } from '../manifest';
import type { PageBox } from './messages';

/** A box of the line, as the page receives it (messages.ts). */
export type PreviewBox = PageBox;

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
  /** The image-level labels (classification class-names), when there is an image. */
  imageLabels?: string[];
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
    const entry = readEntry(text);
    if (entry.json !== 'object') return { ...empty(entry.json === 'other' ? 'This line is not a JSON object.' : 'This line is not valid JSON: fix it to see its image.'), problems };
    const sourceRef = entry.sourceRef;
    if (sourceRef === undefined) return { ...empty('This line has no source-ref: there is no image to show.'), problems };
    const image = entry.location;
    // Without an image there is nothing to draw the boxes on: their labels are not shown either.
    const boxes: PreviewBox[] = image
      ? entry.boxes.map((b, index) => ({ index, attribute: b.attribute, annotation: b.index, label: b.label, left: b.left, top: b.top, width: b.width, height: b.height }))
      : [];
    const labels = image ? entry.labels : entry.classNames;
    const declared = image ? entry.imageSize : undefined;
    return {
      line,
      sourceRef,
      ...(image ? { image: { bucket: image.bucket, key: image.key } } : {}),
      ...(declared ? { declared: { width: declared.width, height: declared.height } } : {}),
      boxes,
      labels,
      ...(image ? { imageLabels: entry.attributes.filter((a) => a.kind === 'classification' && a.className !== undefined).map((a) => a.className!) } : {}),
      problems,
      ...(image ? {} : { note: 'The source-ref is not an s3://bucket/key URI: there is no image to show.' }),
    };
  } catch {
    return empty('This line could not be read.');
  }
}

/** The index (as in previewOf's boxes) of the box whose annotation object holds `character`; undefined outside every box. */
export function boxAt(text: string, character: number): number | undefined {
  try {
    if (text.length > Limits.maxLineChars) return undefined;
    const entry = readEntry(text, { spans: true });
    if (!entry.location) return undefined;
    const at = entry.boxes.findIndex((b) => b.span !== undefined && character >= b.span.start && character < b.span.end);
    return at < 0 ? undefined : at;
  } catch {
    return undefined;
  }
}

/**
 * Why line `text` cannot be edited on its image (edit mode), in words; undefined when it can:
 * a JSON object whose image was read (`image`: its real size), and whose detection attributes
 * declare that size (else their boxes are in another frame).
 */
export function editability(text: string, image: { width: number; height: number } | undefined, imageNote: string | undefined): string | undefined {
  if (text.trim() === '') return 'This line is blank: there is nothing to label. Move to a line of the manifest (N, P).';
  if (text.length > Limits.maxLineChars) return 'This line is too long to edit here.';
  const entry = readEntry(text);
  if (entry.json !== 'object') return `This line is not ${entry.json === 'other' ? 'a JSON object' : 'valid JSON'}: fix it in the editor to label its image.`;
  if (entry.sourceRef === undefined) return 'This line has no source-ref: there is no image to label.';
  if (!entry.location) return 'The source-ref is not an s3://bucket/key URI: there is no image to label.';
  if (!image) return `The image cannot be read, so it cannot be labelled${imageNote ? `: ${imageNote}` : '.'}`;
  for (const a of entry.attributes) {
    if (a.kind === 'detection' && a.imageSize && (a.imageSize.width !== image.width || a.imageSize.height !== image.height)) {
      return `"${a.name}" declares an image_size of ${a.imageSize.width} x ${a.imageSize.height}, but the image is ${image.width} x ${image.height}: set image_size to the image's size first (Check Images has a quick fix).`;
    }
  }
  return undefined;
}
