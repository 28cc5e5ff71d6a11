/**
 * Check Images: each line's image against the service's image rules (PNG or JPEG, 64 to 4096 px
 * a side, at most 15 MB, aspect ratio at most 20:1), its declared image_size and its boxes. One
 * probe per distinct image (probe.ts: a ranged read of the header whose answer says the size and
 * ETag, and the tail of a PNG or JPEG larger than that), cancellable, with progress. Images read
 * at once: the source's own number (S3: 32, adapting between 1 and 64 as it throttles,
 * adaptive-limit.ts) or 8; an image S3 throttled past the SDK's retries is read again later. With
 * a cache, results are kept by ETag, so a second run reads only HeadObject. Never throws for a
 * line: internal failures are counted.
 */
import { setMaxListeners } from 'events';
import { LocalCodes, ServiceCodes, defaultSeverity, readEntry, type EntrySpan, type ManifestEntry, type Problem, type ProblemCode, type S3Location } from '../manifest';
import { AdaptiveLimit } from './adaptive-limit';
import { type ImageProbe, ProbePlan, probeImage } from './probe';
import { ImageReadError, type ImageSource } from './source';

export const MIN_SIDE_PX = 64;
export const MAX_SIDE_PX = 4096;
export const MAX_IMAGE_BYTES = 15 * 1024 * 1024;
export const MAX_ASPECT_RATIO = 20;
/** Images read at once from a source that says nothing of it (a local folder). */
export const DEFAULT_CONCURRENCY = 8;
/** Never more images read at once than this. */
export const MAX_CONCURRENCY = 64;
/** An image the source throttled past its retries is read again this many times, after a pause. */
const THROTTLE_RETRIES = 3;
const THROTTLE_PAUSE_MS = 250;

export interface CheckProgress {
  /** Distinct images read (or found in the cache) so far, of `total`. */
  done: number;
  total: number;
  /** Problems found so far. */
  problems: number;
}

export interface CheckImagesOptions {
  /** Images read at once, fixed. Default: the source's number, adapting to its throttling (S3), else DEFAULT_CONCURRENCY. */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?(progress: CheckProgress): void;
  /** Results of earlier runs, reused when the ETag has not changed. */
  cache?: ImageCheckCache;
  /** Called with the number of images read at once whenever it changes (for tests and benchmarks). */
  onConcurrency?(current: number): void;
  /**
   * Read the end of every PNG/JPEG to find truncated files, also where that is one more request
   * per image (S3, images larger than the first read). Default false: the end is read where it
   * costs nothing (a local folder, an image within the first read).
   */
  readEnds?: boolean;
}

export interface CheckImagesResult {
  problems: Problem[];
  /** Lines that name an s3:// image. */
  lines: number;
  /** Distinct images. */
  images: number;
  /** Images whose header came from the cache (same ETag). */
  cached: number;
  cancelled: boolean;
  /**
   * Why the images could not be read at all (S3 did not answer, no credentials): the check stops
   * at the first such read and reports no problem on any line.
   */
  unavailable?: string;
  /** Failures of the check itself (a defect if not zero). */
  internalFailures: number;
}

/** What a run learnt of each image, by bucket and key, valid while the ETag is the same. Bounded. */
export class ImageCheckCache {
  private readonly items = new Map<string, { etag: string; probe: ImageProbe }>();
  constructor(readonly maxEntries = 100_000) {}

  get(bucket: string, key: string, etag: string): ImageProbe | undefined {
    const hit = this.items.get(`${bucket}/${key}`);
    return hit && hit.etag === etag ? hit.probe : undefined;
  }

  set(bucket: string, key: string, etag: string, probe: ImageProbe): void {
    const k = `${bucket}/${key}`;
    this.items.delete(k);
    if (this.items.size >= this.maxEntries) this.items.delete(this.items.keys().next().value!);
    this.items.set(k, { etag, probe });
  }

  get size(): number {
    return this.items.size;
  }

  /** Every entry, oldest first (a file cache writes them out: src/cli/image-cache-file.ts). */
  *entries(): IterableIterator<{ bucket: string; key: string; etag: string; probe: ImageProbe }> {
    for (const [k, v] of this.items) {
      const slash = k.indexOf('/');
      yield { bucket: k.slice(0, slash), key: k.slice(slash + 1), etag: v.etag, probe: v.probe };
    }
  }
}

export async function checkImages(lines: readonly string[], source: ImageSource, options: CheckImagesOptions = {}): Promise<CheckImagesResult> {
  // Aborted by the caller, or by the first read that finds the source unavailable.
  const stop = new AbortController();
  // Each read in flight listens for the abort (the SDK, a pause): up to MAX_CONCURRENCY images, two reads each.
  setMaxListeners(4 * MAX_CONCURRENCY, stop.signal);
  const onAbort = (): void => stop.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) stop.abort();
  try {
    return await run(lines, source, options, stop);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}

async function run(lines: readonly string[], source: ImageSource, options: CheckImagesOptions, stop: AbortController): Promise<CheckImagesResult> {
  const signal = stop.signal;
  let unavailable: string | undefined;
  let internalFailures = 0;
  const refs: Array<{ line: number; refs: ImageLine }> = [];
  const images = new Map<string, { bucket: string; key: string; probe?: ImageProbe }>();
  lines.forEach((text, line) => {
    try {
      const r = imageLine(text);
      if (!r) return;
      refs.push({ line, refs: r });
      const { bucket, key } = r.location;
      const k = `${bucket}/${key}`;
      if (!images.has(k)) images.set(k, { bucket, key });
    } catch {
      internalFailures++;
    }
  });
  const queue = [...images.values()];
  const total = queue.length;
  let done = 0;
  let cached = 0;
  let found = 0;
  const plan = new ProbePlan(options.readEnds ?? false);
  const start = Math.max(1, Math.min(options.concurrency ?? source.concurrency?.start ?? DEFAULT_CONCURRENCY, MAX_CONCURRENCY));
  const adapt = options.concurrency === undefined && source.concurrency !== undefined;
  const limit = new AdaptiveLimit(start, adapt ? Math.max(start, Math.min(source.concurrency!.max, MAX_CONCURRENCY)) : start, adapt ? 1 : start);
  let reported = 0;
  const report = (): void => {
    if (limit.current !== reported) options.onConcurrency?.((reported = limit.current));
  };
  report();
  const unsubscribe = source.onThrottled?.(() => {
    limit.throttled();
    report();
  });
  const throttledTimes = new Map<object, number>();
  const one = async (item: (typeof queue)[number]): Promise<void> => {
    try {
      item.probe = await probeCached(source, item.bucket, item.key, options.cache, signal, plan, () => cached++);
    } catch {
      internalFailures++;
    }
    const probe = item.probe;
    if (probe?.kind === 'unreadable' && probe.reason === 'unavailable') {
      unavailable ??= probe.message;
      stop.abort();
      return;
    }
    if (probe?.kind === 'unreadable' && probe.reason === 'throttled' && !signal.aborted) {
      const times = (throttledTimes.get(item) ?? 0) + 1;
      if (times <= THROTTLE_RETRIES) {
        // Read again later, once fewer images are read at once.
        throttledTimes.set(item, times);
        await pause(THROTTLE_PAUSE_MS * times, signal);
        item.probe = undefined;
        queue.push(item);
        return;
      }
    }
    if (signal.aborted) return;
    if (probe?.kind !== 'unreadable') limit.succeeded();
    report();
    done++;
    if (probe && probe.kind !== 'image') found++;
    options.onProgress?.({ done, total, problems: found });
  };
  const running = new Set<Promise<void>>();
  try {
    while (!signal.aborted) {
      if (queue.length === 0 || running.size >= limit.current) {
        if (running.size === 0) break;
        await Promise.race(running);
        continue;
      }
      const p: Promise<void> = one(queue.shift()!).finally(() => running.delete(p));
      running.add(p);
    }
    await Promise.all(running);
  } finally {
    unsubscribe?.();
  }
  if (unavailable !== undefined) return { problems: [], lines: refs.length, images: total, cached, cancelled: false, unavailable, internalFailures };
  const problems: Problem[] = [];
  for (const { line, refs: r } of refs) {
    const probe = images.get(`${r.location.bucket}/${r.location.key}`)?.probe;
    if (!probe) continue;
    try {
      problems.push(...problemsOf(line, r, probe, source.where));
    } catch {
      internalFailures++;
    }
  }
  return { problems, lines: refs.length, images: total, cached, cancelled: signal.aborted, internalFailures };
}

/** Resolves after `ms`, or as soon as `signal` aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Without a cache: the probe alone (no HeadObject). With one: HeadObject for the ETag, and a probe only when it changed. */
async function probeCached(source: ImageSource, bucket: string, key: string, cache: ImageCheckCache | undefined, signal: AbortSignal | undefined, plan: ProbePlan, hit: () => void): Promise<ImageProbe> {
  if (!cache) return probeImage(source, bucket, key, signal, undefined, plan);
  let head;
  try {
    head = await source.head(bucket, key, signal);
  } catch (e) {
    if (e instanceof ImageReadError) return { kind: 'unreadable', reason: e.reason, message: e.message };
    throw e;
  }
  if (!head) return { kind: 'missing' };
  const known = cache.get(bucket, key, head.etag);
  // A result read without its end, in a run that reads ends: read again.
  if (known && !(plan.readEnds && known.kind === 'image' && known.endChecked === false)) {
    hit();
    return known;
  }
  const probe = await probeImage(source, bucket, key, signal, head, plan);
  if (probe.kind !== 'unreadable') cache.set(bucket, key, head.etag, probe);
  return probe;
}

const FORMAT_NAMES: ReadonlyMap<string, string> = new Map([
  ['gif', 'GIF'],
  ['webp', 'WebP'],
  ['bmp', 'BMP'],
  ['tiff', 'TIFF'],
  ['svg', 'SVG'],
  ['heif', 'HEIF'],
  ['ico', 'ICO'],
]);

/** What the checks read of a line (manifest/entry.ts, with places): the lines that name an s3:// image. */
export type ImageLine = ManifestEntry & { location: S3Location };

/** The line's entry when it names an s3:// image; undefined otherwise. */
export function imageLine(text: string): ImageLine | undefined {
  const entry = readEntry(text, { spans: true });
  return entry.location ? (entry as ImageLine) : undefined;
}

/** The problems one line has, given what was read of its image. */
export function problemsOf(line: number, r: ImageLine, probe: ImageProbe, where: string): Problem[] {
  const uri = `s3://${r.location.bucket}/${r.location.key}`;
  const refSpan: EntrySpan = r.sourceRefSpan ?? { start: 0, end: 0 };
  const at = (code: ProblemCode, message: string, span: EntrySpan = refSpan, data?: Record<string, unknown>): Problem => ({
    line,
    start: span.start,
    end: span.end,
    severity: defaultSeverity(code),
    code,
    message,
    scope: 'line',
    ...(data ? { data } : {}),
  });
  const invalid = (why: string) => at(ServiceCodes.INVALID_IMAGE, `${uri} ${why}`);
  if (probe.kind === 'missing') return [invalid(`does not exist in ${where}. Check the bucket and key in source-ref${where.startsWith('S3') ? ', or upload the image' : ', or copy the image there'}.`)];
  if (probe.kind === 'unreadable') {
    if (probe.reason === 'cancelled') return [];
    if (probe.reason === 'not-a-file') return [invalid(`is not an image file: ${probe.message} Point source-ref at a PNG or JPEG file.`)];
    return [at(LocalCodes.IMAGE_UNREADABLE, `${uri} could not be checked: ${probe.message}`)];
  }
  if (probe.size === 0) return [invalid('is an empty file. Custom Labels takes PNG or JPEG images.')];
  if (!probe.format || probe.width === undefined || probe.height === undefined) {
    return [invalid('is not an image (its first bytes are neither PNG nor JPEG, nor any image format). Custom Labels takes PNG or JPEG images.')];
  }
  if (probe.format !== 'png' && probe.format !== 'jpg') {
    return [invalid(`is a ${FORMAT_NAMES.get(probe.format) ?? probe.format.toUpperCase()} image. Custom Labels takes PNG or JPEG: convert it.`)];
  }
  const out: Problem[] = [];
  const { width, height } = probe;
  const name = probe.format === 'png' ? 'PNG' : 'JPEG';
  if (probe.truncated) out.push(invalid(`is truncated: the ${name} file ends before its end marker (${probe.size.toLocaleString('en-US')} bytes). Upload the whole file again.`));
  // In bytes: a figure rounded to MB would show an image one byte over as "15.0 MB".
  if (probe.size > MAX_IMAGE_BYTES) {
    out.push(invalid(`is ${probe.size.toLocaleString('en-US')} bytes; the most Custom Labels takes is 15 MB (${MAX_IMAGE_BYTES.toLocaleString('en-US')} bytes). Compress or scale it down.`));
  }
  if (width < MIN_SIDE_PX || height < MIN_SIDE_PX || width > MAX_SIDE_PX || height > MAX_SIDE_PX) {
    out.push(invalid(`is ${width} x ${height} px; each side must be ${MIN_SIDE_PX} to ${MAX_SIDE_PX} px. Scale it.`));
  }
  const ratio = Math.max(width, height) / Math.min(width, height);
  if (ratio > MAX_ASPECT_RATIO) out.push(invalid(`has an aspect ratio of ${ratio.toFixed(1)}:1 (${width} x ${height} px); the most Custom Labels takes is 20:1. Crop it.`));
  for (const d of r.attributes) {
    const declared = d.imageSize;
    if (declared && (declared.width !== width || declared.height !== height)) {
      // The size as stored (probe.ts, parse: the frame Ground Truth annotates in).
      const turned =
        probe.orientation !== undefined
          ? ` as stored (its EXIF orientation ${probe.orientation} shows it turned, ${height} x ${width}; image_size and boxes are in the stored frame, as Ground Truth gives them)`
          : '';
      out.push(
        at(LocalCodes.IMAGE_SIZE_MISMATCH, `"${d.name}" declares image_size ${declared.width} x ${declared.height}, but ${uri} is ${width} x ${height} px${turned}: the boxes are scaled to the wrong size. Set image_size to the real size (and check the boxes).`, declared.span ?? refSpan, {
          attribute: d.name,
          width,
          height,
        }),
      );
    }
    for (const b of d.boxes) {
      const insideReal = b.left >= 0 && b.top >= 0 && b.left + b.width <= width && b.top + b.height <= height;
      // A box outside the declared size is the validator's ERROR_INVALID_BOUNDING_BOX already.
      const insideDeclared = !declared || (b.left >= 0 && b.top >= 0 && b.left + b.width <= declared.width && b.top + b.height <= declared.height);
      if (!insideReal && insideDeclared) {
        out.push(at(ServiceCodes.INVALID_BOUNDING_BOX, `Box ${b.index + 1} of "${d.name}" (left ${b.left}, top ${b.top}, ${b.width} x ${b.height}) goes past the real image, ${width} x ${height} px.`, b.span ?? refSpan, { attribute: d.name, index: b.index }));
      }
    }
  }
  return out;
}
