/**
 * `lint --check-images --cache`: what Check Images learnt of each image kept in a file between
 * runs (as eslint's --cache), keyed by bucket/key/ETag. A run with it asks S3 only HeadObject for
 * an image whose ETag is unchanged (no GetObject). The file is JSON, written aside and renamed
 * (never half-written); one that cannot be read or is not this tool's is started afresh, and
 * each entry is checked on the way in (a hand-edited file cannot make a probe up). Bounded as
 * ImageCheckCache is (100,000 images).
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { randomBytes } from 'crypto';
import { ImageCheckCache, type ImageProbe } from '../images';

import { DEFAULT_CACHE_FILE } from './cache-name';

export { DEFAULT_CACHE_FILE };
const FORMAT = 'custom-labels image checks 1';

/** The file --cache-location names: itself, or `name` inside it when it is a folder (or ends with a separator); none: `name` here. */
export async function cacheFile(location: string | undefined, name = DEFAULT_CACHE_FILE): Promise<string> {
  if (location === undefined) return path.resolve(name);
  if (/[\\/]$/.test(location)) return path.resolve(location, name);
  const st = await fs.stat(location).catch(() => undefined);
  return st?.isDirectory() ? path.resolve(location, name) : path.resolve(location);
}

/** The cache the file holds; an empty one when there is no file, or it is not one of ours. */
export async function loadImageCache(file: string): Promise<ImageCheckCache> {
  const cache = new ImageCheckCache();
  let data: unknown;
  try {
    data = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch {
    return cache;
  }
  const doc = data as { format?: unknown; images?: unknown };
  if (doc?.format !== FORMAT || !Array.isArray(doc.images)) return cache;
  for (const item of doc.images as unknown[]) {
    if (!Array.isArray(item) || item.length !== 4) continue;
    const [bucket, key, etag, probe] = item as unknown[];
    if (typeof bucket !== 'string' || typeof key !== 'string' || typeof etag !== 'string' || !etag) continue;
    const p = imageProbe(probe, etag);
    if (p) cache.set(bucket, key, etag, p);
  }
  return cache;
}

/** Writes the cache to `file` (aside, then renamed). */
export async function saveImageCache(file: string, cache: ImageCheckCache): Promise<void> {
  const images: unknown[] = [];
  for (const { bucket, key, etag, probe } of cache.entries()) {
    if (probe.kind !== 'image') continue;
    const { kind: _kind, etag: _etag, ...rest } = probe;
    images.push([bucket, key, etag, rest]);
  }
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.part`;
  try {
    await fs.writeFile(temp, JSON.stringify({ format: FORMAT, images }));
    await fs.rename(temp, file);
  } catch (e) {
    await fs.rm(temp, { force: true });
    throw e;
  }
}

/** A stored probe, only when every field is what a probe holds. */
function imageProbe(value: unknown, etag: string): ImageProbe | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const count = (x: unknown) => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
  if (!count(v.size) || typeof v.truncated !== 'boolean') return undefined;
  if (v.format !== undefined && typeof v.format !== 'string') return undefined;
  if (v.endChecked !== undefined && typeof v.endChecked !== 'boolean') return undefined;
  for (const k of ['width', 'height', 'orientation']) if (v[k] !== undefined && !count(v[k])) return undefined;
  return {
    kind: 'image',
    size: v.size as number,
    etag,
    truncated: v.truncated,
    // Older files did not say: their runs read every end.
    endChecked: v.endChecked ?? true,
    ...(v.format !== undefined ? { format: v.format as string } : {}),
    ...(v.width !== undefined ? { width: v.width as number } : {}),
    ...(v.height !== undefined ? { height: v.height as number } : {}),
    ...(v.orientation !== undefined ? { orientation: v.orientation as number } : {}),
  };
}
