/**
 * What the checks need to know of an image, read with as few requests and bytes as possible:
 * one ranged read of the first HEADER_BYTES, whose answer carries the object's size and ETag
 * (S3: Content-Range and ETag; no HeadObject), parsed by `image-size` for the format and
 * dimensions; and the last TAIL_BYTES of a PNG or JPEG, to tell a truncated file (its end marker
 * missing), when that costs no request: the file lies within the first read, or the source is a
 * local folder. Reading the end of a larger image on S3 is a second request per image (S3 answers
 * one range per request), so it is done only when asked (`readEnds`: `lint --check-truncation`,
 * the editor's `customLabels.checkImages.checkTruncation`); in such a run of large images the
 * tail is read alongside the header (a suffix range needs no size), one round trip. A JPEG
 * whose frame header lies past the first read (a large EXIF or ICC block) gets one more read
 * from where its segments say the next one starts, up to MAX_JUMPS reads within HEADER_MAX_BYTES.
 */
import { imageSize } from 'image-size';
import { type ImageObject, ImageReadError, type ImageSource, type RangeRead } from './source';

/** Bytes read first: the header of a PNG, and of most JPEGs with their EXIF block. */
export const HEADER_BYTES = 16 * 1024;
/** A JPEG's frame header is looked for this far into the file at most. */
export const HEADER_MAX_BYTES = 1024 * 1024;
/** Reads after the first that follow a JPEG's segments to its frame header. */
export const MAX_JUMPS = 4;
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
      /** The end was read (so `truncated` says something): false when reading it would have cost a request not asked for. */
      endChecked?: boolean;
    };

/**
 * What a run has seen of its images: once most were larger than HEADER_BYTES, the first read
 * shrinks to twice the furthest a header has ended in the run (at least MIN_HEADER_BYTES): a
 * dataset's images mostly share their layout; an image whose header lies further grows it back
 * (and costs one more read itself). `readEnds`: the ends of images larger than the first read
 * are read too, alongside the header once most images are larger (one round trip, two
 * requests), otherwise after it. Without it, the end is read only where it is free
 * (`source.endsAreFree`, or within the first read).
 */
export class ProbePlan {
  constructor(readonly readEnds = true) {}
  private larger = 0;
  private smaller = 0;
  private parsed = 0;
  private furthest = 0;
  saw(size: number): void {
    if (size > HEADER_BYTES) this.larger++;
    else this.smaller++;
  }
  /** Where the header of a parsed PNG or JPEG ended (HEADER_BYTES or more: unknown, or past the first read). */
  headerEnded(at: number): void {
    this.parsed++;
    this.furthest = Math.max(this.furthest, at);
  }
  get tailAlongside(): boolean {
    return this.readEnds && this.mostlyLarger;
  }
  private get mostlyLarger(): boolean {
    return this.larger > this.smaller;
  }
  /** Bytes to read first: HEADER_BYTES until PLAN_AFTER headers were seen in a run of large images. */
  get headerBytes(): number {
    if (!this.mostlyLarger || this.parsed < PLAN_AFTER) return HEADER_BYTES;
    return Math.min(HEADER_BYTES, Math.max(MIN_HEADER_BYTES, Math.ceil((2 * this.furthest) / 4096) * 4096));
  }
}

/** The first read is never smaller than this. */
export const MIN_HEADER_BYTES = 4 * 1024;
/** Headers seen before the first read is sized by them. */
const PLAN_AFTER = 8;

/** `known`: the HeadObject answer when the caller already has it (a cache checking the ETag). */
export async function probeImage(source: ImageSource, bucket: string, key: string, signal?: AbortSignal, known?: ImageObject, plan?: ProbePlan): Promise<ImageProbe> {
  // Without a plan (one image), the end is read as it always was.
  const readEnds = (plan?.readEnds ?? true) || source.endsAreFree === true;
  try {
    const got = await firstReads(source, bucket, key, signal, known, plan?.tailAlongside ?? false, plan?.headerBytes ?? HEADER_BYTES, readEnds);
    if (!got) return { kind: 'missing' };
    const { first, size, etag } = got;
    plan?.saw(size);
    if (size === 0) return { kind: 'image', size: 0, etag, truncated: false, endChecked: true };
    let parsed = parse(first);
    if (parsed) plan?.headerEnded(headerEnd(first, parsed.format));
    else if (size > first.length && looksLikeJpeg(first)) {
      parsed = await jpegFurtherIn(source, bucket, key, first, size, signal);
      if (parsed) plan?.headerEnded(HEADER_BYTES);
    }
    if (!parsed) return { kind: 'image', size, etag, truncated: false, endChecked: true };
    let truncated = false;
    let endChecked = true;
    if (parsed.format === 'png' || parsed.format === 'jpg') {
      const tail = size <= first.length ? first.subarray(Math.max(0, first.length - TAIL_BYTES)) : (got.tail ?? (readEnds ? await source.read(bucket, key, Math.max(0, size - TAIL_BYTES), size - 1, signal) : undefined));
      if (tail) truncated = parsed.format === 'png' ? !endsWithIend(tail) : !hasEoi(tail);
      else endChecked = false;
    }
    return { kind: 'image', size, etag, ...parsed, truncated, endChecked };
  } catch (e) {
    if (e instanceof ImageReadError) return { kind: 'unreadable', reason: e.reason, message: e.message };
    if (signal?.aborted) return { kind: 'unreadable', reason: 'cancelled', message: 'The check was cancelled.' };
    return { kind: 'unreadable', reason: 'failed', message: e instanceof Error ? e.message : String(e) };
  }
}

/** The first bytes with the size and ETag, and the tail when it was read alongside; undefined: no such object. */
async function firstReads(
  source: ImageSource,
  bucket: string,
  key: string,
  signal: AbortSignal | undefined,
  known: ImageObject | undefined,
  alongside: boolean,
  headerBytes: number,
  readEnds: boolean,
): Promise<{ first: Uint8Array; size: number; etag: string; tail?: Uint8Array } | undefined> {
  const tailRange = (size: number) => source.read(bucket, key, Math.max(0, size - TAIL_BYTES), size - 1, signal);
  if (!known && source.readRange) {
    const header = { start: 0, end: headerBytes - 1 };
    if (!alongside) {
      const r = await source.readRange(bucket, key, header, signal);
      return r && { first: r.bytes, size: r.size, etag: r.etag };
    }
    const [r, tail] = await Promise.all([source.readRange(bucket, key, header, signal), source.readRange(bucket, key, { suffix: TAIL_BYTES }, signal)]);
    if (!r) return undefined;
    // The object changed between the two answers: its tail is read again, after the header.
    const sameObject = (t: RangeRead | undefined): t is RangeRead => t !== undefined && t.etag === r.etag && t.size === r.size;
    const last = sameObject(tail) ? tail.bytes : r.size > r.bytes.length && readEnds ? await tailRange(r.size) : undefined;
    return { first: r.bytes, size: r.size, etag: r.etag, ...(last ? { tail: last } : {}) };
  }
  const head = known ?? (await source.head(bucket, key, signal));
  if (!head) return undefined;
  if (head.size === 0) return { first: new Uint8Array(), size: 0, etag: head.etag };
  const headerRead = source.read(bucket, key, 0, Math.min(head.size, headerBytes) - 1, signal);
  // The size is known: a tail that will be needed is read alongside.
  const [first, tail] = await Promise.all([headerRead, readEnds && head.size > headerBytes ? tailRange(head.size) : undefined]);
  return { first, size: head.size, etag: head.etag, ...(tail ? { tail } : {}) };
}

/**
 * A JPEG whose frame header is not in `first`: its segments (FF marker, 2-byte length) are
 * followed from the start to the one that runs past the bytes read, and the next segment is read
 * from where it starts. `image-size` then parses the bytes read with that segment cut short (its
 * length rewritten to what was read: an EXIF block's orientation sits at its start). When the
 * segments do not chain (bytes between them), the bytes up to HEADER_MAX_BYTES are read instead,
 * as image-size scans past such bytes.
 */
async function jpegFurtherIn(source: ImageSource, bucket: string, key: string, first: Uint8Array, size: number, signal: AbortSignal | undefined): Promise<Parsed | undefined> {
  const limit = Math.min(size, HEADER_MAX_BYTES);
  let joined = first;
  /** File offset of joined[0 + shift]: bytes after the last cut are at fileOffset - shift. */
  let shift = 0;
  for (let jump = 0; jump < MAX_JUMPS; jump++) {
    const cut = segmentCut(joined);
    if (cut === 'broken') {
      if (jump > 0 || first.length >= limit) return undefined;
      const rest = await source.read(bucket, key, first.length, limit - 1, signal);
      return parse(Buffer.concat([first, rest]));
    }
    if ('frame' in cut) return undefined;
    const at = cut.next + shift;
    if (at >= limit) return undefined;
    const more = await source.read(bucket, key, at, Math.min(limit, at + HEADER_BYTES) - 1, signal);
    if (more.length === 0) return undefined;
    // The cut segment keeps what was read of it (from its marker), its length rewritten to match.
    const kept = Math.min(joined.length, cut.next);
    const segment = Buffer.from(joined.subarray(cut.at, kept));
    if (segment.length >= 4) segment.writeUInt16BE(segment.length - 2, 2);
    const head = segment.length >= 4 ? [joined.subarray(0, cut.at), segment] : [joined.subarray(0, cut.at)];
    joined = Buffer.concat([...head, more]);
    shift = at - (joined.length - more.length);
    const parsed = parse(joined);
    if (parsed) return parsed;
  }
  return undefined;
}

/**
 * Following a JPEG's segments from its start: the segment (at `at`) that runs past the bytes, or
 * whose next marker's first bytes are not all there, and where the next segment starts (`next`);
 * `frame`: where the image data (SOS) or a frame header starts, when found first; 'broken' when
 * the bytes do not chain.
 */
function segmentCut(bytes: Uint8Array): { at: number; next: number } | { frame: number } | 'broken' {
  let p = 2;
  while (p + 4 <= bytes.length) {
    if (bytes[p] !== 0xff) return 'broken';
    const marker = bytes[p + 1]!;
    if (marker === 0xff) {
      p++; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      p += 2;
      continue;
    }
    if (marker === 0xda || (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)) {
      // A frame header wholly here was image-size's to find; one cut short needs its bytes.
      return p + 9 <= bytes.length ? { frame: p } : { at: p, next: p };
    }
    const next = p + 2 + ((bytes[p + 2]! << 8) | bytes[p + 3]!);
    if (next + 9 > bytes.length) return { at: p, next };
    p = next;
  }
  return { at: p, next: p };
}

/** Where a parsed header ends in `first`: PNG's IHDR at 33 bytes, a JPEG's frame header; HEADER_BYTES when not known. */
function headerEnd(first: Uint8Array, format: string): number {
  if (format === 'png') return 33;
  if (format !== 'jpg') return HEADER_BYTES;
  const cut = segmentCut(first);
  return typeof cut === 'object' && 'frame' in cut ? cut.frame + 10 : HEADER_BYTES;
}

type Parsed = { format: string; width: number; height: number; orientation?: number };

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
function parse(bytes: Uint8Array): Parsed | undefined {
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
