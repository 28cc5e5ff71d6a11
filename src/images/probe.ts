/**
 * What the checks need to know of an image, read with as few bytes as possible: HeadObject for
 * the size and ETag, a ranged read of the first bytes for the header (format and dimensions,
 * parsed by `image-size`), and of the last bytes to tell a truncated file.
 */
import { imageSize } from 'image-size';
import { type ImageObject, ImageReadError, type ImageSource } from './source';

/** Bytes read for the header first; JPEGs with a large EXIF block get one more read up to HEADER_MAX_BYTES. */
export const HEADER_BYTES = 64 * 1024;
export const HEADER_MAX_BYTES = 1024 * 1024;
/** Bytes read at the end: PNG's IEND chunk is 12 bytes; JPEG's EOI marker may be followed by a little padding. */
export const TAIL_BYTES = 32;

export type ImageProbe =
  | { kind: 'missing' }
  | { kind: 'unreadable'; reason: ImageReadError['reason']; message: string }
  | {
      kind: 'image';
      size: number;
      etag: string;
      /** 'png', 'jpg', or another format image-size knows ('gif', 'webp'...); undefined: not an image. */
      format?: string;
      /** As stored (EXIF orientation not applied: see parse). */
      width?: number;
      height?: number;
      /** A JPEG's EXIF orientation when it turns the picture a quarter (5 to 8): shown as height x width. */
      orientation?: number;
      /** PNG/JPEG whose end marker is missing. */
      truncated: boolean;
    };

/** `known`: the HeadObject answer when the caller already has it (a cache checking the ETag). */
export async function probeImage(source: ImageSource, bucket: string, key: string, signal?: AbortSignal, known?: ImageObject): Promise<ImageProbe> {
  try {
    const head = known ?? (await source.head(bucket, key, signal));
    if (!head) return { kind: 'missing' };
    if (head.size === 0) return { kind: 'image', size: 0, etag: head.etag, truncated: false };
    let bytes = await source.read(bucket, key, 0, Math.min(head.size, HEADER_BYTES) - 1, signal);
    let parsed = parse(bytes);
    if (!parsed && head.size > bytes.length && looksLikeJpeg(bytes)) {
      bytes = await source.read(bucket, key, 0, Math.min(head.size, HEADER_MAX_BYTES) - 1, signal);
      parsed = parse(bytes);
    }
    if (!parsed) return { kind: 'image', size: head.size, etag: head.etag, truncated: false };
    let truncated = false;
    if (parsed.format === 'png' || parsed.format === 'jpg') {
      const tail = head.size <= bytes.length ? bytes.subarray(Math.max(0, bytes.length - TAIL_BYTES)) : await source.read(bucket, key, Math.max(0, head.size - TAIL_BYTES), head.size - 1, signal);
      truncated = parsed.format === 'png' ? !endsWithIend(tail) : !hasEoi(tail);
    }
    return { kind: 'image', size: head.size, etag: head.etag, ...parsed, truncated };
  } catch (e) {
    if (e instanceof ImageReadError) return { kind: 'unreadable', reason: e.reason, message: e.message };
    if (signal?.aborted) return { kind: 'unreadable', reason: 'cancelled', message: 'The check was cancelled.' };
    return { kind: 'unreadable', reason: 'failed', message: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * Format and dimensions as stored: the EXIF orientation is not applied. A manifest's image_size
 * and boxes are in the frame its annotation tool showed, and Ground Truth (whose format the
 * service reads) shows images as stored: "to ensure human workers annotate your input images in
 * a predictable orientation", AWS prevents browsers from rotating them by their EXIF orientation
 * (SageMaker Developer Guide, "CORS Requirement for Input Image Data",
 * https://docs.aws.amazon.com/sagemaker/latest/dg/sms-cors-update.html). The Custom Labels guide
 * says nothing of EXIF; Rekognition's detection APIs do apply it to what they return
 * (OrientationCorrection in DetectLabels), which is about their answers, not a dataset's
 * annotations. An orientation that turns the picture is kept for the messages.
 */
function parse(bytes: Uint8Array): { format: string; width: number; height: number; orientation?: number } | undefined {
  try {
    const r = imageSize(bytes);
    if (!r.type || !r.width || !r.height) return undefined;
    const turned = r.type === 'jpg' && r.orientation !== undefined && r.orientation >= 5 && r.orientation <= 8;
    return turned ? { format: r.type, width: r.width, height: r.height, orientation: r.orientation } : { format: r.type, width: r.width, height: r.height };
  } catch {
    return undefined;
  }
}

function looksLikeJpeg(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xd8;
}

const IEND = [0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];

function endsWithIend(tail: Uint8Array): boolean {
  if (tail.length < IEND.length) return false;
  const at = tail.length - IEND.length;
  return IEND.every((b, i) => tail[at + i] === b);
}

function hasEoi(tail: Uint8Array): boolean {
  for (let i = tail.length - 2; i >= 0; i--) if (tail[i] === 0xff && tail[i + 1] === 0xd9) return true;
  return false;
}
