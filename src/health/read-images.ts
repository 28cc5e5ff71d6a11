/**
 * The images of a dataset, each read once (a local folder or S3, through src/images' sources) and
 * fingerprinted once (fingerprint.ts) in a worker thread of decode-pool.ts (the caller's thread only
 * reads and waits), several read at once while others are decoded. A cache keyed by
 * bucket/key and the object's ETag (S3's; a folder's stands for path, size, date and inode) keeps
 * the fingerprints of earlier runs: a cached image costs one HEAD (a stat in a folder), no read, no
 * decode. Bounded: the least recently used go first. Cancellable by `signal`.
 * Pure: no `vscode` import.
 */
import { ImageReadError, MAX_IMAGE_BYTES, type ImageSource } from '../images';
import { DecodeCancelled, sharedDecodePool, type DecodePool } from './decode-pool';
import { formatOf, type Fingerprint } from './fingerprint';
import { DecodeError } from './jpeg-decoder';

export interface ImageLocation {
  bucket: string;
  key: string;
}

/** What became of one image: its fingerprint, or why there is none. */
export type ImageRead = { fingerprint: Fingerprint; etag: string } | { problem: string; reason: 'missing' | 'too-large' | 'not-decoded' | 'unreadable' };

/** Fingerprints by bucket/key and ETag, at most `max`, least recently used dropped first. */
export class FingerprintCache {
  private readonly map = new Map<string, { etag: string; fingerprint: Fingerprint }>();
  constructor(readonly max = 200_000) {}
  get(loc: ImageLocation): { etag: string; fingerprint: Fingerprint } | undefined {
    const k = keyOf(loc);
    const v = this.map.get(k);
    if (v) {
      this.map.delete(k);
      this.map.set(k, v);
    }
    return v;
  }
  set(loc: ImageLocation, etag: string, fingerprint: Fingerprint): void {
    const k = keyOf(loc);
    this.map.delete(k);
    this.map.set(k, { etag, fingerprint });
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }
  get size(): number {
    return this.map.size;
  }
  entries(): IterableIterator<[string, { etag: string; fingerprint: Fingerprint }]> {
    return this.map.entries();
  }
}

/** Images read at once by default: enough to keep S3 busy while one decodes, a bounded memory (16 x 15 MB at worst). */
export const MAX_AT_ONCE = 16;

const keyOf = (l: ImageLocation) => `${l.bucket}\u0000${l.key}`;

export interface ReadImagesOptions {
  cache?: FingerprintCache;
  signal?: AbortSignal;
  /** Reads at once; default: the source's start (8 for a folder), at most MAX_AT_ONCE. */
  concurrency?: number;
  onProgress?(done: number, total: number): void;
  /** The decoders; default the process's shared pool (decode-pool.ts). */
  pool?: DecodePool;
  /** Called for each image whose bytes are read (not answered by the cache). */
  onRead?(): void;
}

/** Each location's ImageRead, keyed `bucket\0key`. Throws ImageReadError 'unavailable' / 'cancelled' (the source as a whole). */
export async function readImages(locations: Iterable<ImageLocation>, source: ImageSource, options: ReadImagesOptions = {}): Promise<Map<string, ImageRead>> {
  const unique = new Map<string, ImageLocation>();
  for (const l of locations) unique.set(keyOf(l), l);
  const todo = [...unique.values()];
  const out = new Map<string, ImageRead>();
  // Reads overlap the (synchronous) decodes; each holds up to 15 MB, so at most MAX_AT_ONCE.
  const width = Math.max(1, options.concurrency ?? Math.min(source.concurrency?.start ?? 8, MAX_AT_ONCE));
  let next = 0;
  let done = 0;
  let fatal: unknown;
  const worker = async () => {
    while (next < todo.length && fatal === undefined) {
      if (options.signal?.aborted) throw new ImageReadError('The health check was cancelled.', 'cancelled');
      const loc = todo[next++]!;
      try {
        out.set(keyOf(loc), await readOne(loc, source, options));
      } catch (e) {
        if (e instanceof ImageReadError && (e.reason === 'unavailable' || e.reason === 'cancelled')) {
          fatal ??= e;
          return;
        }
        out.set(keyOf(loc), { problem: e instanceof Error ? e.message : String(e), reason: 'unreadable' });
      }
      options.onProgress?.(++done, todo.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, todo.length) }, worker));
  if (fatal !== undefined) throw fatal;
  return out;
}

export function locationKey(l: ImageLocation): string {
  return keyOf(l);
}

async function readOne(loc: ImageLocation, source: ImageSource, options: ReadImagesOptions): Promise<ImageRead> {
  const where = `s3://${loc.bucket}/${loc.key}`;
  const cached = options.cache?.get(loc);
  if (cached) {
    const head = await source.head(loc.bucket, loc.key, options.signal);
    if (!head) return { problem: `${where} is not there (in ${source.where}).`, reason: 'missing' };
    if (head.etag === cached.etag) return { fingerprint: cached.fingerprint, etag: head.etag };
  }
  let bytes: Uint8Array;
  let etag: string;
  let size: number;
  options.onRead?.();
  if (source.readRange) {
    const got = await source.readRange(loc.bucket, loc.key, { start: 0, end: MAX_IMAGE_BYTES }, options.signal);
    if (!got) return { problem: `${where} is not there (in ${source.where}).`, reason: 'missing' };
    ({ bytes, etag, size } = got);
  } else {
    const head = await source.head(loc.bucket, loc.key, options.signal);
    if (!head) return { problem: `${where} is not there (in ${source.where}).`, reason: 'missing' };
    ({ etag, size } = head);
    bytes = head.size > MAX_IMAGE_BYTES ? new Uint8Array() : await source.read(loc.bucket, loc.key, 0, head.size - 1, options.signal);
  }
  if (size > MAX_IMAGE_BYTES) {
    return { problem: `${where} is ${size} bytes, over the service's 15 MB; it was not decoded.`, reason: 'too-large' };
  }
  // Known before the bytes move to the worker.
  const known = formatOf(bytes) !== undefined;
  try {
    const { fingerprint } = await (options.pool ?? sharedDecodePool()).decode(bytes, { signal: options.signal, transfer: true });
    options.cache?.set(loc, etag, fingerprint);
    return { fingerprint, etag };
  } catch (e) {
    if (e instanceof DecodeCancelled) throw new ImageReadError('The health check was cancelled.', 'cancelled');
    if (!(e instanceof DecodeError)) throw e;
    const what = known ? 'cannot be decoded:' : 'is';
    return { problem: `${where} ${what} ${e.message}.`, reason: 'not-decoded' };
  }
}
