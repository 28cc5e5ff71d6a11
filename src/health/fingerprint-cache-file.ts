/**
 * A FingerprintCache (read-images.ts) kept in a file between runs: Check Dataset Health's in the
 * extension's global storage, `custom-labels health --cache`'s beside lint's. The rules of lint's
 * image cache file (cli/image-cache-file.ts): a format tag, written aside and renamed (never
 * half-written); a file that is not ours starts afresh; each entry is checked on the way in
 * (sha256 64 hex, dhash 16 hex, format jpeg|png, positive integer sizes and bytes, a non-empty
 * string ETag), anything else dropped, so a hand-edited file cannot make a fingerprint up;
 * bounded as the cache is. Entries are arrays, never object keys.
 * JSON Lines: the first line `{"format":"custom-labels fingerprints 2"}`, then one entry per line
 * (`[bucket, key, etag, fingerprint]`, least recently used first), so the file is read and
 * written in steps of STEP entries with the event loop let go between (an editor's host): no one
 * JSON.parse of the whole file (~13 MB at the 50,000 entries the editor keeps: a ~100 ms hold).
 * A line that does not parse is dropped, the others kept (a file cut short keeps its head).
 * Pure: no `vscode` import.
 */
import { createReadStream, promises as fs } from 'fs';
import { createInterface } from 'readline';
import * as path from 'path';
import { randomBytes } from 'crypto';
import type { Fingerprint } from './fingerprint';
import { FingerprintCache } from './read-images';

const FORMAT = 'custom-labels fingerprints 2';
const HEADER = JSON.stringify({ format: FORMAT });
/** Entries read or written between two turns of the event loop. */
const STEP = 2_000;
const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The cache the file holds (at most `max`); an empty one when there is no file, or it is not one of ours. */
export async function loadFingerprintCache(file: string, max?: number): Promise<FingerprintCache> {
  const cache = new FingerprintCache(max);
  // Read as a stream, line by line: no one decode of the whole file, the host let go between chunks.
  const input = createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const line of lines) {
      if (n++ === 0) {
        if (line.trim() !== HEADER) break;
        continue;
      }
      if (n % STEP === 0) await yieldTurn();
      let item: unknown;
      try {
        item = JSON.parse(line);
      } catch {
        continue;
      }
      if (!Array.isArray(item) || item.length !== 4) continue;
      const [bucket, key, etag, value] = item as unknown[];
      if (typeof bucket !== 'string' || !bucket || bucket.includes('\u0000') || typeof key !== 'string' || !key || typeof etag !== 'string' || !etag) continue;
      const fingerprint = fingerprintOf(value);
      if (fingerprint) cache.set({ bucket, key }, etag, fingerprint);
    }
  } catch {
    // No file, or it cannot be read: what was read so far (nothing, most often).
  } finally {
    lines.close();
    input.destroy();
  }
  return cache;
}

/** Writes the cache to `file` (aside, then renamed), least recently used first so a reload keeps the order. */
export async function saveFingerprintCache(file: string, cache: FingerprintCache): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.part`;
  try {
    const out = await fs.open(temp, 'w');
    try {
      // STEP lines at a time: no one string of the whole file, the host let go between writes.
      let chunk: string[] = [HEADER];
      for (const [k, { etag, fingerprint }] of cache.entries()) {
        // Keys are `bucket\0key`; a bucket name never holds a NUL.
        const at = k.indexOf('\u0000');
        const { sha256, bytes, format, width, height, dhash } = fingerprint;
        chunk.push(JSON.stringify([k.slice(0, at), k.slice(at + 1), etag, { sha256, bytes, format, width, height, dhash }]));
        if (chunk.length >= STEP) {
          await out.write(`${chunk.join('\n')}\n`);
          chunk = [];
        }
      }
      if (chunk.length > 0) await out.write(`${chunk.join('\n')}\n`);
    } finally {
      await out.close();
    }
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
