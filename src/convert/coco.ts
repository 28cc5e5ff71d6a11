/**
 * COCO object detection (an instances JSON: images, annotations with `bbox` [x, y, w, h],
 * categories) to an object-detection manifest, as the guide's transform script does it
 * (md-coco-transform-example.md): one line per image, in the order of `images`; source-ref is
 * the images prefix + `file_name`; attribute `bounding-box`; `left`/`top`/`width`/`height`
 * straight from `bbox`, `class_id` = `category_id`; a class-map of the categories the image
 * uses (keyed by category id); one `{confidence: 1}` per box; creation-date from
 * `date_captured` with the space replaced by 'T'; depth 3. For the guide's own example the lines
 * are equal, entry for entry, to what the script writes (a unit test holds the script's output).
 *
 * Where the script is wrong by the guide's own rules we differ, and report what we did:
 * - An annotation whose `category_id` no category names: the script writes a `class_id` that
 *   the class-map lacks (ERROR_MISSING_CLASS_MAP_ID at training); we leave the box out.
 * - An image without annotations: the script writes a line with `"annotations": []`
 *   (WARNING_NO_ANNOTATIONS: not used for training); we write a line with only its source-ref
 *   (imported unlabelled, to be labelled later), or leave it out when asked (--skip-unlabelled).
 * - A box outside the image, or with no area, or too small once scaled: the script copies it
 *   (ERROR_INVALID_BOUNDING_BOX / ERROR_BOUNDING_BOX_TOO_SMALL); we leave the box out.
 * - An annotation whose `image_id` is not in `images`, or an image without `date_captured` (or
 *   in another format): the script stops with a KeyError/ValueError; we report the annotation,
 *   and use the conversion time as creation-date.
 * - Two images with the same `file_name`: the script writes the source-ref twice (the service
 *   keeps one, silently); we write the first and report the other.
 * The guide's mapping page (md-transform-coco.md) shows `image_size` as a bare object; the
 * format page and the script use a one-element array, as we do. Its sample output capitalises
 * the labels ("Echo"); the script, like us, copies the category names as they are ("echo").
 * `date_captured` is the capture time in an unknown zone while creation-date is documented as
 * UTC; like the script we copy it (the validator accepts a date-time without a zone).
 * Memory: the parsed file, and per image the indexes of its annotations; a box is made when its
 * image is written, and each line goes to the writer as it is made.
 * Pure: no `vscode` import.
 */
import { describeValue } from './describe';
import { DEFAULT_ATTRIBUTE, DEFAULT_JOB_NAME, writeDetection } from './detection-entry';
import { ManifestWriter } from './manifest-writer';
import { imageNameProblem, isS3Url, joinS3 } from './s3-path';
import type { ConvertResult, ImageSize, PixelBox } from './types';

export interface DetectionOptions {
  /** Several inputs into one manifest: pass the same writer (repeated images are found across them). */
  writer?: ManifestWriter;
  /** `s3://bucket/prefix/` (already checked by imagesPrefix). */
  images?: string;
  jobName?: string;
  attribute?: string;
  now?: () => Date;
  /** The size of an image the annotation gives none for (from its header); undefined: unknown. */
  sizeOf?: (name: string) => Promise<ImageSize | undefined>;
}

interface CocoImage {
  id?: unknown;
  file_name?: unknown;
  width?: unknown;
  height?: unknown;
  date_captured?: unknown;
  coco_url?: unknown;
}

export async function convertCoco(text: string, file: string, options: DetectionOptions = {}): Promise<ConvertResult> {
  const writer = options.writer ?? new ManifestWriter();
  let js: { images?: unknown; annotations?: unknown; categories?: unknown };
  try {
    js = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    writer.report({ file }, 'skipped', `not a COCO file: it is not JSON (${e instanceof Error ? e.message : String(e)}).`);
    return writer.result();
  }
  if (js === null || typeof js !== 'object' || !Array.isArray(js.images) || !Array.isArray(js.annotations)) {
    writer.report({ file }, 'skipped', 'not a COCO object-detection file: it needs "images" and "annotations" lists (and "categories").');
    return writer.result();
  }
  const images = js.images as CocoImage[];
  const annotations = js.annotations as Record<string, unknown>[];
  const categories = Array.isArray(js.categories) ? (js.categories as Record<string, unknown>[]) : [];
  const now = options.now ?? (() => new Date());

  // Later categories with the same id win, as in the script's loop.
  const names = new Map<number, string>();
  for (const c of categories) if (typeof c?.id === 'number' && typeof c.name === 'string') names.set(c.id, c.name);

  // The annotations of each image, by index in "annotations" (a box is made when its image is written).
  const boxesOf = new Map<unknown, number[]>();
  // Images with an annotation, converted or not (an image whose annotations all failed is not "unlabelled").
  const annotated = new Set<unknown>();
  const imageIndex = new Map<unknown, number>();
  images.forEach((img, i) => {
    if (img && typeof img === 'object' && !imageIndex.has(img.id)) imageIndex.set(img.id, i);
  });
  annotations.forEach((a, i) => {
    const where = `annotations[${i}]`;
    const origin = { file, where };
    if (!a || typeof a !== 'object') return writer.report(origin, 'skipped', 'the annotation is not an object.');
    if (!imageIndex.has(a.image_id)) {
      return writer.report(origin, 'skipped', `the annotation's image_id ${describeValue(a.image_id)} is not in "images": add the image or remove the annotation.`);
    }
    annotated.add(a.image_id);
    const bbox = a.bbox;
    if (!Array.isArray(bbox) || bbox.length < 4) {
      return writer.report(origin, 'skipped', 'the annotation has no "bbox" [x, y, width, height] (a segmentation alone cannot be converted).');
    }
    const classId = a.category_id;
    const label = typeof classId === 'number' ? names.get(classId) : undefined;
    if (typeof classId !== 'number' || label === undefined) {
      return writer.report(origin, 'skipped', `unknown category: category_id ${describeValue(classId)} is not in "categories" (the guide's script would write a class_id the class-map lacks: ERROR_MISSING_CLASS_MAP_ID). Add the category.`);
    }
    const list = boxesOf.get(a.image_id);
    if (list) list.push(i);
    else boxesOf.set(a.image_id, [i]);
  });

  for (let i = 0; i < images.length; i++) {
    const img = images[i];
    const origin = { file, where: `images[${i}]` };
    if (!img || typeof img !== 'object') {
      writer.report(origin, 'skipped', 'the image is not an object.');
      continue;
    }
    if (imageIndex.get(img.id) !== i) {
      writer.report(origin, 'skipped', `image id ${describeValue(img.id)} is listed twice in "images"; its annotations went to the first.`);
      continue;
    }
    const name = typeof img.file_name === 'string' ? img.file_name : undefined;
    const refused = name === undefined ? undefined : imageNameProblem(name);
    if (refused !== undefined) {
      writer.report(origin, 'skipped', refused);
      continue;
    }
    let sourceRef: string | undefined;
    if (options.images !== undefined && name !== undefined) sourceRef = joinS3(options.images, name);
    else if (typeof img.coco_url === 'string' && isS3Url(img.coco_url)) sourceRef = img.coco_url;
    if (sourceRef === undefined) {
      writer.report(origin, 'skipped', name === undefined
        ? 'the image has no "file_name" (and no S3 coco_url).'
        : `no S3 location for ${name}: pass --images s3://bucket/prefix/ (where the images are uploaded).`);
      continue;
    }
    const size = await sizeFor(img, name, options);
    if (!size) {
      writer.report(origin, 'skipped', `image ${name ?? sourceRef} has no size: the COCO file gives no width/height and no local image was found to read it from. Add width and height, or point --image-dir at the images.`);
      continue;
    }
    writeDetection(
      writer,
      {
        sourceRef,
        size,
        boxes: (boxesOf.get(img.id) ?? []).map((k) => boxOf(annotations[k], k, names, file)),
        creationDate: creationDate(img.date_captured, now),
        jobName: options.jobName ?? DEFAULT_JOB_NAME,
        attribute: options.attribute ?? DEFAULT_ATTRIBUTE,
      },
      origin,
      annotated.has(img.id),
    );
    const drained = writer.drain();
    if (drained) await drained;
  }
  return writer.result();
}

/** The box of an annotation already checked (an object with a bbox and a known category). */
function boxOf(a: Record<string, unknown>, index: number, names: ReadonlyMap<number, string>, file: string): PixelBox {
  const bbox = a.bbox as unknown[];
  const classId = a.category_id as number;
  return {
    classId,
    label: names.get(classId) as string,
    left: bbox[0] as number,
    top: bbox[1] as number,
    width: bbox[2] as number,
    height: bbox[3] as number,
    origin: () => ({ file, where: `annotations[${index}]` }),
  };
}

async function sizeFor(img: CocoImage, name: string | undefined, options: DetectionOptions): Promise<ImageSize | undefined> {
  if (isSide(img.width) && isSide(img.height)) return { width: img.width, height: img.height };
  return name !== undefined && options.sizeOf ? options.sizeOf(name) : undefined;
}

function isSide(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0;
}

/** `date_captured` "YYYY-MM-DD HH:MM:SS" as the script writes it ("YYYY-MM-DDTHH:MM:SS"); else the conversion time. */
export function creationDate(value: unknown, now: () => Date): string {
  const m = typeof value === 'string' ? /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})/.exec(value) : null;
  return m ? `${m[1]}T${m[2]}` : now().toISOString();
}
