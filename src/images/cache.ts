/**
 * The images the webviews show (gallery, preview), copied from their source into a cache on
 * disk in the extension's global storage, keyed by bucket/key/ETag, bounded in size (oldest
 * files go first). One read per image at a time (requests for the same image share it), written
 * aside and renamed (a page never loads half a file). A webview reads them through asWebviewUri.
 * No `vscode` import.
 */
import { createHash, randomBytes } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';
import { MAX_IMAGE_BYTES } from './check';
import type { ImageSource } from './source';

/** The image cache on disk is trimmed to this many bytes (oldest first). */
export const CACHE_MAX_BYTES = 200 * 1024 * 1024;

const caches = new Map<string, ImageCache>();

/** The image copied into the cache (bucket/key/ETag), read whole once; undefined when too large or unreadable. */
export async function cached(source: ImageSource, bucket: string, key: string, etag: string, size: number, dir: string, signal: AbortSignal): Promise<string | undefined> {
  if (size <= 0 || size > MAX_IMAGE_BYTES) return undefined;
  let cache = caches.get(dir);
  if (!cache) caches.set(dir, (cache = new ImageCache(dir)));
  return cache.file(bucket, key, etag, () => source.read(bucket, key, 0, size - 1, signal), signal);
}

/** Images copied from their source (or made from it: the gallery's thumbnails), named by a digest of bucket/key/ETag, trimmed to `maxBytes` (oldest first). */
export class ImageCache {
  private writes = 0;
  /** One read per image at a time: entries naming the same image wait for the same copy. */
  private readonly inFlight = new Map<string, Promise<{ file?: string; aborted: boolean }>>();
  constructor(
    private readonly dir: string,
    private readonly maxBytes = CACHE_MAX_BYTES,
  ) {}

  /** The cached file of bucket/key/ETag, if there is one (nothing is read or made). */
  async existing(bucket: string, key: string, etag: string): Promise<string | undefined> {
    const base = this.base(bucket, key, etag);
    for (const ext of ['.png', '.jpg']) if (await fs.access(base + ext).then(() => true, () => false)) return base + ext;
    return undefined;
  }

  private base(bucket: string, key: string, etag: string): string {
    return path.join(this.dir, createHash('sha256').update(`${bucket}\0${key}\0${etag}`).digest('hex'));
  }

  /** The cached copy, made with `read` when there is none; undefined when unreadable, `read` failed, or `signal` aborted. */
  async file(bucket: string, key: string, etag: string, read: () => Promise<Uint8Array>, signal: AbortSignal): Promise<string | undefined> {
    const base = this.base(bucket, key, etag);
    for (;;) {
      const shared = this.inFlight.get(base);
      if (!shared) break;
      const got = await shared;
      // The copy this request waited for was stopped by its own requester (scrolled away): make one.
      if (got.file || !got.aborted || signal.aborted) return got.file;
    }
    const mine = this.copy(base, read, signal);
    this.inFlight.set(base, mine);
    try {
      return (await mine).file;
    } finally {
      if (this.inFlight.get(base) === mine) this.inFlight.delete(base);
    }
  }

  private async copy(base: string, read: () => Promise<Uint8Array>, signal: AbortSignal): Promise<{ file?: string; aborted: boolean }> {
    for (const ext of ['.png', '.jpg']) {
      if (await fs.access(base + ext).then(() => true, () => false)) return { file: base + ext, aborted: false };
    }
    try {
      const bytes = await read();
      const format = bytes[0] === 0x89 && bytes[1] === 0x50 ? '.png' : bytes[0] === 0xff && bytes[1] === 0xd8 ? '.jpg' : undefined;
      if (!format) return { aborted: false };
      await fs.mkdir(this.dir, { recursive: true });
      // Written aside, then renamed: a page never loads a half-written file.
      const temp = `${base}.${process.pid}.${randomBytes(4).toString('hex')}.part`;
      await fs.writeFile(temp, bytes);
      await fs.rename(temp, base + format);
      if (++this.writes % 20 === 1) await this.trim();
      return { file: base + format, aborted: false };
    } catch {
      return { aborted: signal.aborted };
    }
  }

  private async trim(): Promise<void> {
    const names = (await fs.readdir(this.dir)).filter((n) => !n.endsWith('.part'));
    const files = await Promise.all(names.map(async (n) => ({ n, st: await fs.stat(path.join(this.dir, n)).catch(() => undefined) })));
    let total = files.reduce((s, f) => s + (f.st?.size ?? 0), 0);
    if (total <= this.maxBytes) return;
    for (const f of files.filter((f) => f.st).sort((a, b) => a.st!.mtimeMs - b.st!.mtimeMs)) {
      if (total <= this.maxBytes) break;
      await fs.rm(path.join(this.dir, f.n), { force: true });
      total -= f.st!.size;
    }
  }
}
