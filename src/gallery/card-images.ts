/**
 * The image file a gallery card shows: a thumbnail (health's pipeline: one decode in a worker
 * thread, 256 px on the long side, JPEG, ~10-20 KB) cached on disk by bucket/key/ETag, bounded
 * (THUMB_CACHE_MAX_BYTES, oldest first); the full image stays for the preview. The full image is
 * found as before: a file under the local folder as it is, or the S3 object copied into the image
 * cache (images/cache.ts), and the thumbnail made from it. The full image is the answer instead when
 * the image is small already (under THUMB_MIN_BYTES), when it cannot be decoded here (the webview may
 * show what we cannot decode), and when no pool is given (`full images`: the bench's baseline).
 * A folder's image is keyed by its folder and its stat (size, date, inode) as its ETag.
 * Pure: no `vscode` import.
 */
import { promises as fs } from 'fs';
import { s3Location } from '../manifest';
import { locationFile } from '../folder-paths';
import { cached, ImageCache, type ImageSource } from '../images';
import type { DecodePool } from '../health';

/** The thumbnail cache on disk is trimmed to this many bytes (oldest first): ~3,000 thumbnails. */
export const THUMB_CACHE_MAX_BYTES = 48 * 1024 * 1024;
/** An image file smaller than this is shown as it is: its thumbnail would save little. */
export const THUMB_MIN_BYTES = 64 * 1024;

export interface CardImageOptions {
  source: ImageSource;
  /** Images from this folder (DIR/bucket/key) as they are; else from `source` into `cacheDir`. */
  imagesDir?: string;
  /** The full images copied from S3 (images/cache.ts). */
  cacheDir: string;
  /** The thumbnails. */
  thumbDir: string;
  /** The decoders; none: every card shows its full image. */
  pool?: DecodePool;
}

export interface CardImage {
  file: string;
  /** The file is the thumbnail (else the full image). */
  thumbnail: boolean;
  /** Why the full image is shown: its thumbnail could not be made. */
  problem?: string;
}

const thumbCaches = new Map<string, ImageCache>();

/** The file to show on `ref`'s card; undefined when there is none (unreadable, not an S3 URI) or `signal` aborted. */
export async function cardImage(ref: string, options: CardImageOptions, signal: AbortSignal): Promise<CardImage | undefined> {
  const parts = s3Location(ref);
  if (!parts) return undefined;
  const full = await fullImage(parts.bucket, parts.key, options, signal);
  if (!full || !options.pool) return full && { file: full.file, thumbnail: false };
  const pool = options.pool;
  let cache = thumbCaches.get(options.thumbDir);
  if (!cache) thumbCaches.set(options.thumbDir, (cache = new ImageCache(options.thumbDir, THUMB_CACHE_MAX_BYTES)));
  const st = await fs.stat(full.file).catch(() => undefined);
  if (!st || st.size < THUMB_MIN_BYTES) return { file: full.file, thumbnail: false };
  const etag = full.etag ?? `${st.size}-${st.mtimeMs}-${st.ino}`;
  const bucket = options.imagesDir ? `${options.imagesDir}\u0000${parts.bucket}` : parts.bucket;
  let problem = 'the thumbnail could not be written';
  const thumb = await cache.file(
    bucket,
    parts.key,
    etag,
    async () => {
      try {
        const decoded = await pool.decode(await fs.readFile(full.file), { thumbnail: true, signal, transfer: true });
        if (decoded.thumbnail) return decoded.thumbnail.jpeg;
        problem = 'the decoder made no thumbnail';
      } catch (e) {
        problem = e instanceof Error ? e.message : String(e);
      }
      throw new Error(problem);
    },
    signal,
  );
  if (thumb) return { file: thumb, thumbnail: true };
  return signal.aborted ? undefined : { file: full.file, thumbnail: false, problem };
}

/** The full image's file: in the local folder as it is, or from S3 into the cache (with its ETag). */
async function fullImage(bucket: string, key: string, options: CardImageOptions, signal: AbortSignal): Promise<{ file: string; etag?: string } | undefined> {
  if (options.imagesDir) {
    // A file under the folder only (folder-paths: no '..', no link out); the page shows none otherwise.
    const found = await locationFile(options.imagesDir, bucket, key).catch(() => undefined);
    return found && 'path' in found ? { file: found.path } : undefined;
  }
  const head = await options.source.head(bucket, key, signal);
  if (!head) return undefined;
  const file = await cached(options.source, bucket, key, head.etag, head.size, options.cacheDir, signal);
  return file ? { file, etag: head.etag } : undefined;
}
