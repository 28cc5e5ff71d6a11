/**
 * Pascal VOC (one XML per image: `filename`, `size` with width/height/depth, and an `object`
 * per box with `name` and `bndbox` xmin/ymin/xmax/ymax in pixels) to an object-detection
 * manifest. Parsed with fast-xml-parser. The size comes from the XML; a missing or zero size
 * (some tools write 0) is read from the image's header. Class ids are given in the order the
 * labels first appear over the files. left = xmin, top = ymin, width = xmax - xmin, height =
 * ymax - ymin (VOC's 1-based pixel indexes are kept as they are, as LabelImg and CVAT export).
 * A file with a DOCTYPE (entity declarations: a "billion laughs" file expands a few lines into
 * gigabytes) or a reference to an entity XML does not define is refused: a VOC annotation has
 * neither, and a label must never be an unexpanded `&name;`. XML's own five entities and
 * character references are read as usual.
 * Pure: no `vscode` import.
 */
import { XMLParser } from 'fast-xml-parser';
import { DEFAULT_ATTRIBUTE, DEFAULT_JOB_NAME, writeDetection } from './detection-entry';
import { ManifestWriter } from './manifest-writer';
import { imageNameProblem, joinS3 } from './s3-path';
import type { ConvertResult, ImageSize, PixelBox } from './types';
import type { AnnotationFile, ResolvedImage } from './yolo';

export interface VocOptions {
  /** Several inputs into one manifest: pass the same writer (repeated images are found across them). */
  writer?: ManifestWriter;
  images: string;
  /** The image an XML names (its `filename`, or the XML's own stem when it has none). */
  resolveImage: (annotationFile: string, filename: string | undefined) => Promise<ResolvedImage | undefined>;
  jobName?: string;
  attribute?: string;
  now?: () => Date;
}

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (_name, jpath) => jpath === 'annotation.object',
  processEntities: true,
});

export async function convertVoc(files: readonly AnnotationFile[], options: VocOptions): Promise<ConvertResult> {
  const writer = options.writer ?? new ManifestWriter();
  const created = (options.now ?? (() => new Date()))().toISOString();
  const ids = new Map<string, number>();
  for (const { file, text } of files) {
    const refused = refusedXml(text);
    if (refused) {
      writer.report({ file }, 'skipped', refused);
      continue;
    }
    let doc: { annotation?: Record<string, unknown> };
    try {
      doc = parser.parse(text, true) as typeof doc;
    } catch (e) {
      writer.report({ file }, 'skipped', `not well-formed XML: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
      continue;
    }
    const ann = doc?.annotation;
    if (!ann || typeof ann !== 'object') {
      writer.report({ file }, 'skipped', 'not a Pascal VOC annotation: there is no <annotation> element.');
      continue;
    }
    const filename = str(ann.filename);
    const unsafe = filename === undefined ? undefined : imageNameProblem(filename);
    if (unsafe !== undefined) {
      writer.report({ file, where: 'filename' }, 'skipped', unsafe);
      continue;
    }
    const sizeNode = ann.size as Record<string, unknown> | undefined;
    const given = sizeNode ? { width: num(sizeNode.width), height: num(sizeNode.height), depth: num(sizeNode.depth) } : undefined;
    const image = await options.resolveImage(file, filename);
    let size: ImageSize | undefined;
    if (given && given.width > 0 && given.height > 0) size = { width: given.width, height: given.height, depth: given.depth > 0 ? given.depth : 3 };
    else size = image?.size;
    const name = filename ?? image?.name;
    if (name === undefined) {
      writer.report({ file }, 'skipped', 'the annotation has no <filename> and no image with the same name was found: add <filename>.');
      continue;
    }
    if (!size) {
      writer.report({ file, where: 'size' }, 'skipped', `image without size: ${name} has no <size> in the XML and its image was not found (or not readable) beside the XML or in --image-dir.`);
      continue;
    }
    const objects = Array.isArray(ann.object) ? (ann.object as Record<string, unknown>[]) : [];
    const boxes: PixelBox[] = [];
    objects.forEach((o, i) => {
      const origin = { file, where: `object[${i + 1}]` };
      const label = str(o?.name);
      const bb = o?.bndbox as Record<string, unknown> | undefined;
      if (label === undefined || label === '') return writer.report(origin, 'skipped', 'the object has no <name>: add the label.');
      if (!bb || typeof bb !== 'object') return writer.report(origin, 'skipped', `the object "${label}" has no <bndbox> (xmin, ymin, xmax, ymax).`);
      const [x0, y0, x1, y1] = [num(bb.xmin), num(bb.ymin), num(bb.xmax), num(bb.ymax)];
      if (!ids.has(label)) ids.set(label, ids.size);
      boxes.push({ classId: ids.get(label) as number, label, left: x0, top: y0, width: x1 - x0, height: y1 - y0, origin });
    });
    writeDetection(
      writer,
      {
        sourceRef: joinS3(options.images, name),
        size,
        boxes,
        creationDate: created,
        jobName: options.jobName ?? DEFAULT_JOB_NAME,
        attribute: options.attribute ?? DEFAULT_ATTRIBUTE,
      },
      { file },
      objects.length > 0,
    );
    const drained = writer.drain();
    if (drained) await drained;
  }
  return writer.result();
}

/** Why an XML text is refused before it is parsed (DOCTYPE, undefined entities), or undefined. */
function refusedXml(text: string): string | undefined {
  const doctype = /<!DOCTYPE|<!ENTITY/i.exec(text);
  if (doctype) {
    return `the XML has a DOCTYPE or entity declaration (line ${lineAt(text, doctype.index)}), which a Pascal VOC annotation never has; its entities are not expanded (they can expand to gigabytes). Remove the <!DOCTYPE ...> block and convert again.`;
  }
  // Comments and CDATA sections hold text as it is (blanked, line breaks kept for the line number).
  const content = text.replace(/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>/g, (m) => m.replace(/[^\n]/g, ' '));
  const entity = /&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)/.exec(content);
  if (entity) {
    return `not well-formed XML: "&" on line ${lineAt(text, entity.index)} starts no entity XML defines (&amp; &lt; &gt; &quot; &apos; or a character reference). Write a literal "&" as &amp;.`;
  }
  return undefined;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

function num(v: unknown): number {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : typeof v === 'number' ? v : NaN;
  return Number.isFinite(n) ? n : NaN;
}
