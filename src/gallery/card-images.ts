/**
 * The image file a gallery card shows: a thumbnail (health's pipeline: one decode in a worker
 * thread, 256 px on the long side, JPEG, ~10-20 KB) cached on disk by bucket/key/ETag, bounded
 * (THUMB_CACHE_MAX_BYTES, oldest first); the full image stays for the preview. The full image is
 * found as before: a file under the local folder as it is, or the S3 object copied into the image
 * cache (images/cache.ts), and the thumbnail made from it. The full image is the answer instead when
 * the image is small already (under THUMB_MIN_BYTES), when it cannot be decoded here (the webview may
 * show what we cannot decode), and when no pool is given (`full images`: the bench's baseline).
 * A folder's image is keyed by its folder and its stat (size, date, inode) as its ETag. The decode's
 * fingerprint of an S3 image goes to Check Dataset Health's cache (`fingerprints`).
 * Pure: no `vscode` import.
 */
import { promises as fs } from 'fs';
import { s3Location } from '../manifest';
import { locationFile } from '../folder-paths';
import { cached, fileEtag, ImageCache, type ImageSource } from '../images';
import type { DecodePool, KeptFingerprints } from '../health';

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
  /** Where a decode's fingerprint goes (Check Dataset Health's cache), for an S3 image (its ETag is health's). */
  fingerprints?: Pick<KeptFingerprints, 'put'>;
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
  const { bucket, key } = parts;
  const found = await locate(bucket, key, options, signal);
  if (!found) return undefined;
  const pool = options.pool;
  const wanted = pool !== undefined && found.size >= THUMB_MIN_BYTES;
  let cache = thumbCaches.get(options.thumbDir);
  if (!cache) thumbCaches.set(options.thumbDir, (cache = new ImageCache(options.thumbDir, THUMB_CACHE_MAX_BYTES)));
  // A folder's images are keyed by the folder too: two folders may hold the same bucket/key.
  const thumbBucket = options.imagesDir ? `${options.imagesDir}\u0000${bucket}` : bucket;
  // A thumbnail made before: the full image is not needed (not copied from S3).
  const made = wanted ? await cache.existing(thumbBucket, key, found.etag) : undefined;
  if (made) return { file: made, thumbnail: true };
  const full = found.file ?? (await cached(options.source, bucket, key, found.etag, found.size, options.cacheDir, signal));
  if (!full) return undefined;
  if (!wanted) return { file: full, thumbnail: false };
  let problem = 'the thumbnail could not be written';
  const thumb = await cache.file(
    thumbBucket,
    key,
    found.etag,
    async () => {
      try {
        const decoded = await pool.decode(await fs.readFile(full), { thumbnail: true, signal, transfer: true });
        // Kept by bucket/key/ETag, as health reads them (a folder's file by the folder source's ETag).
        void options.fingerprints?.put({ bucket, key }, found.etag, decoded.fingerprint).catch(() => undefined);
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
  return signal.aborted ? undefined : { file: full, thumbnail: false, problem };
}

/** The image's size and ETag, and its file when it is in the local folder (a file under it only: folder-paths, no '..', no link out). */
async function locate(bucket: string, key: string, options: CardImageOptions, signal: AbortSignal): Promise<{ size: number; etag: string; file?: string } | undefined> {
  if (options.imagesDir) {
    const found = await locationFile(options.imagesDir, bucket, key).catch(() => undefined);
    if (!found || !('path' in found)) return undefined;
    // The folder source's ETag (what health reads a folder by): the fingerprints made here serve it.
    const st = await fs.stat(found.path, { bigint: true }).catch(() => undefined);
    return st ? { file: found.path, size: Number(st.size), etag: fileEtag(st) } : undefined;
  }
  const head = await options.source.head(bucket, key, signal);
  return head ? { size: head.size, etag: head.etag } : undefined;
}
