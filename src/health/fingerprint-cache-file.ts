/**
 * A FingerprintCache (read-images.ts) kept in a file between runs: Check Dataset Health's in the
 * extension's global storage, `custom-labels health --cache`'s beside lint's. The same rules as
 * lint's image cache file (cli/image-cache-file.ts): JSON with a format tag, written aside and
 * renamed (never half-written); a file that cannot be read or is not ours starts afresh; each
 * entry is checked on the way in (sha256 64 hex, dhash 16 hex, format jpeg|png, positive integer
 * sizes and bytes, a non-empty string ETag), anything else dropped, so a hand-edited file cannot
 * make a fingerprint up; bounded as the cache is. Entries are arrays, never object keys. Checked
 * and written in steps of STEP entries, the event loop let go between (an editor's host): at the
 * 50,000 the editor keeps, the longest hold is the one JSON.parse of ~13 MB (~100 ms).
 * Pure: no `vscode` import.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { randomBytes } from 'crypto';
import type { Fingerprint } from './fingerprint';
import { FingerprintCache } from './read-images';

const FORMAT = 'custom-labels fingerprints 1';
/** Entries checked or written between two turns of the event loop. */
const STEP = 5_000;
const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

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
  let n = 0;
  for (const item of doc.images as unknown[]) {
    // The host is let go between steps (an editor's: 50,000 entries take ~100 ms to check).
    if (++n % STEP === 0) await yieldTurn();
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
  // Stringified STEP entries at a time, the host let go between (one JSON document all the same).
  const chunks: string[] = [];
  let images: unknown[] = [];
  for (const [k, { etag, fingerprint }] of [...cache.entries()]) {
    // Keys are `bucket\0key`; a bucket name never holds a NUL.
    const at = k.indexOf('\u0000');
    const { sha256, bytes, format, width, height, dhash } = fingerprint;
    images.push([k.slice(0, at), k.slice(at + 1), etag, { sha256, bytes, format, width, height, dhash }]);
    if (images.length === STEP) {
      chunks.push(JSON.stringify(images).slice(1, -1));
      images = [];
      await yieldTurn();
    }
  }
  if (images.length > 0) chunks.push(JSON.stringify(images).slice(1, -1));
  const text = `{"format":${JSON.stringify(FORMAT)},"images":[${chunks.join(',')}]}`;
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.part`;
  try {
    await fs.writeFile(temp, text);
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
