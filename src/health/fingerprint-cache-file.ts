/**
 * A FingerprintCache (read-images.ts) kept in a file between runs: Check Dataset Health's in the
 * extension's global storage, `custom-labels health --cache`'s beside lint's. The same rules as
 * lint's image cache file (cli/image-cache-file.ts): JSON with a format tag, written aside and
 * renamed (never half-written); a file that cannot be read or is not ours starts afresh; each
 * entry is checked on the way in (sha256 64 hex, dhash 16 hex, format jpeg|png, positive integer
 * sizes and bytes, a non-empty string ETag), anything else dropped, so a hand-edited file cannot
 * make a fingerprint up; bounded as the cache is. Entries are arrays, never object keys.
 * Pure: no `vscode` import.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { randomBytes } from 'crypto';
import type { Fingerprint } from './fingerprint';
import { FingerprintCache } from './read-images';

const FORMAT = 'custom-labels fingerprints 1';

/** The cache the file holds (at most `max`); an empty one when there is no file, or it is not one of ours. */
export async function loadFingerprintCache(file: string, max?: number): Promise<FingerprintCache> {
  const cache = new FingerprintCache(max);
  let data: unknown;
  try {
    data = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch {
    return cache;
  }
  const doc = data as { format?: unknown; images?: unknown } | null;
  if (typeof doc !== 'object' || doc === null || doc.format !== FORMAT || !Array.isArray(doc.images)) return cache;
  for (const item of doc.images as unknown[]) {
    if (!Array.isArray(item) || item.length !== 4) continue;
    const [bucket, key, etag, value] = item as unknown[];
    if (typeof bucket !== 'string' || !bucket || bucket.includes('\u0000') || typeof key !== 'string' || !key || typeof etag !== 'string' || !etag) continue;
    const fingerprint = fingerprintOf(value);
    if (fingerprint) cache.set({ bucket, key }, etag, fingerprint);
  }
  return cache;
}

/** Writes the cache to `file` (aside, then renamed), least recently used first so a reload keeps the order. */
export async function saveFingerprintCache(file: string, cache: FingerprintCache): Promise<void> {
  const images: unknown[] = [];
  for (const [k, { etag, fingerprint }] of cache.entries()) {
    // Keys are `bucket\0key`; a bucket name never holds a NUL.
    const at = k.indexOf('\u0000');
    const { sha256, bytes, format, width, height, dhash } = fingerprint;
    images.push([k.slice(0, at), k.slice(at + 1), etag, { sha256, bytes, format, width, height, dhash }]);
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

/** A stored fingerprint, only when every field is what a fingerprint holds. */
function fingerprintOf(value: unknown): Fingerprint | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  const positive = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x > 0;
  if (typeof v.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(v.sha256)) return undefined;
  if (typeof v.dhash !== 'string' || !/^[0-9a-f]{16}$/.test(v.dhash)) return undefined;
  if (v.format !== 'jpeg' && v.format !== 'png') return undefined;
  if (!positive(v.bytes) || !positive(v.width) || !positive(v.height)) return undefined;
  return { sha256: v.sha256, bytes: v.bytes, format: v.format, width: v.width, height: v.height, dhash: v.dhash };
}
