/**
 * The images the webviews show (gallery, preview), copied from their source into a cache on
 * disk in the extension's global storage, keyed by bucket/key/ETag, bounded in size (oldest
 * files go first). A webview reads them through asWebviewUri. No `vscode` import.
 */
import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';
import { MAX_IMAGE_BYTES, type ImageSource } from '../images';

/** The image cache on disk is trimmed to this many bytes (oldest first). */
export const CACHE_MAX_BYTES = 200 * 1024 * 1024;

/** The image copied into the cache (bucket/key/ETag), read whole once; undefined when too large or unreadable. */
export async function cached(source: ImageSource, bucket: string, key: string, etag: string, size: number, format: string, dir: string, signal: AbortSignal): Promise<string | undefined> {
  if (size > MAX_IMAGE_BYTES) return undefined;
  const file = path.join(dir, `${createHash('sha256').update(`${bucket}\0${key}\0${etag}`).digest('hex')}.${format === 'png' ? 'png' : 'jpg'}`);
  try {
    await fs.access(file);
    return file;
  } catch {
    // Not cached yet.
  }
  try {
    const bytes = await source.read(bucket, key, 0, size - 1, signal);
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(file, bytes);
    await trim(dir);
    return file;
  } catch {
    return undefined;
  }
}

/** Keeps the cache under CACHE_MAX_BYTES, deleting the oldest files first. */
async function trim(dir: string): Promise<void> {
  const names = await fs.readdir(dir);
  const files = await Promise.all(names.map(async (n) => ({ n, st: await fs.stat(path.join(dir, n)).catch(() => undefined) })));
  let total = files.reduce((s, f) => s + (f.st?.size ?? 0), 0);
  if (total <= CACHE_MAX_BYTES) return;
  for (const f of files.filter((f) => f.st).sort((a, b) => a.st!.mtimeMs - b.st!.mtimeMs)) {
    if (total <= CACHE_MAX_BYTES) break;
    await fs.rm(path.join(dir, f.n), { force: true });
    total -= f.st!.size;
  }
}
