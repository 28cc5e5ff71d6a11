/**
 * YOLO (one `.txt` per image; each line `class x_center y_center width height`, normalised to
 * 0-1; a classes file with one name per line, line n naming class n) to an object-detection
 * manifest. YOLO files hold no image size: it is read from the image's header (the caller
 * finds the image beside the `.txt`, in `--image-dir`, or in the `images/` folder next to
 * `labels/`). Box edges are rounded to whole pixels; an edge up to 1 px outside the image
 * (rounding in the exporting tool) is moved onto the border, a box further out is reported.
 * A sixth number (a confidence, as some exporters add) is ignored.
 * Pure: no `vscode` import.
 */
import { DEFAULT_ATTRIBUTE, DEFAULT_JOB_NAME, writeDetection } from './detection-entry';
import { ManifestWriter } from './manifest-writer';
import { joinS3 } from './s3-path';
import type { ConvertResult, ImageSize, PixelBox } from './types';

export interface AnnotationFile {
  file: string;
  text: string;
}

/** The image an annotation file describes: its name relative to the images prefix, and its size when known. */
export interface ResolvedImage {
  name: string;
  size?: ImageSize;
}

export interface YoloOptions {
  /** Several inputs into one manifest: pass the same writer (repeated images are found across them). */
  writer?: ManifestWriter;
  images: string;
  classes: readonly string[];
  /** Where the classes came from, for reports. */
  classesFile?: string;
  /** The image for a `.txt` (by its stem); undefined when none was found. */
  resolveImage: (annotationFile: string) => Promise<ResolvedImage | undefined>;
  jobName?: string;
  attribute?: string;
  now?: () => Date;
}

export async function convertYolo(files: readonly AnnotationFile[], options: YoloOptions): Promise<ConvertResult> {
  const writer = options.writer ?? new ManifestWriter();
  const created = (options.now ?? (() => new Date()))().toISOString();
  for (const { file, text } of files) {
    const image = await options.resolveImage(file);
    if (!image) {
      writer.report({ file }, 'skipped', 'image without size: no PNG or JPEG with the same name was found beside it, in --image-dir or in ../images/; YOLO files hold no size, so it is read from the image. Point --image-dir at the images.');
      continue;
    }
    if (!image.size) {
      writer.report({ file }, 'skipped', `image without size: ${image.name} could not be read as a PNG or JPEG.`);
      continue;
    }
    const size = image.size;
    const boxes: PixelBox[] = [];
    const rows = text.split('\n');
    let written = 0;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i].trim();
      if (row === '') continue;
      written++;
      const origin = { file, line: i + 1 };
      const parts = row.split(/\s+/);
      const nums = parts.map(Number);
      if ((parts.length !== 5 && parts.length !== 6) || nums.some((n) => !Number.isFinite(n))) {
        writer.report(origin, 'skipped', `not a YOLO box ("class x_center y_center width height"): "${row.slice(0, 80)}". Polygons (segmentation) are not converted.`);
        continue;
      }
      const [cls, xc, yc, w, h] = nums;
      const label = Number.isInteger(cls) && cls >= 0 ? options.classes[cls] : undefined;
      if (label === undefined) {
        writer.report(origin, 'skipped', `unknown category: class ${parts[0]} has no name in ${options.classesFile ?? 'the classes file'} (${options.classes.length} classes). Add it there.`);
        continue;
      }
      boxes.push({ classId: cls, label, ...pixelBox(xc, yc, w, h, size), origin });
    }
    writeDetection(
      writer,
      {
        sourceRef: joinS3(options.images, image.name),
        size,
        boxes,
        creationDate: created,
        jobName: options.jobName ?? DEFAULT_JOB_NAME,
        attribute: options.attribute ?? DEFAULT_ATTRIBUTE,
      },
      { file },
      written > 0,
    );
    const drained = writer.drain();
    if (drained) await drained;
  }
  return writer.result();
}

/** Normalised centre/size to whole-pixel left/top/width/height; edges within 1 px outside the image go onto the border. */
export function pixelBox(xc: number, yc: number, w: number, h: number, size: ImageSize): { left: number; top: number; width: number; height: number } {
  const edge = (v: number, max: number) => {
    const px = Math.round(v * max) + 0; // + 0: no -0
    return px < 0 && px >= -1 ? 0 : px > max && px <= max + 1 ? max : px;
  };
  const l = edge(xc - w / 2, size.width);
  const r = edge(xc + w / 2, size.width);
  const t = edge(yc - h / 2, size.height);
  const b = edge(yc + h / 2, size.height);
  return { left: l, top: t, width: r - l, height: b - t };
}

/** The class names of a YOLO classes file (`classes.txt`, `obj.names`): one per line, blank lines at the end ignored. */
export function parseClasses(text: string): string[] {
  const names = text.replace(/^\uFEFF/, '').split('\n').map((l) => l.replace(/\r$/, '').trim());
  while (names.length > 0 && names[names.length - 1] === '') names.pop();
  return names;
}
