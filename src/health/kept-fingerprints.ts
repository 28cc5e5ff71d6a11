/**
 * One FingerprintCache kept in a file (fingerprint-cache-file.ts) and shared by whoever fills it:
 * loaded on first use, saved (async fs, written aside and renamed) only when something was put in
 * since the last save. The editor makes one (datasets/register.ts) for Check Dataset Health and
 * the gallery, whose thumbnail decodes yield the same fingerprints. Pure: no `vscode` import.
 */
import type { Fingerprint } from './fingerprint';
import { loadFingerprintCache, saveFingerprintCache } from './fingerprint-cache-file';
import type { FingerprintCache, ImageLocation } from './read-images';

export class KeptFingerprints {
  private loaded: Promise<FingerprintCache> | undefined;
  private changed = false;
  constructor(
    readonly file: string,
    readonly max: number,
  ) {}

  /** The cache, loaded from the file on first use (empty when there is none or it is not ours). */
  cache(): Promise<FingerprintCache> {
    return (this.loaded ??= loadFingerprintCache(this.file, this.max));
  }

  /** A fingerprint made elsewhere (the gallery's decode), by bucket/key and the ETag it was read at. */
  async put(loc: ImageLocation, etag: string, fingerprint: Fingerprint): Promise<void> {
    (await this.cache()).set(loc, etag, fingerprint);
    this.changed = true;
  }

  /** The cache was filled directly (readImages). */
  noteChanged(): void {
    this.changed = true;
  }

  /** Writes the file when something changed since the last save; throws what the write threw. */
  async save(): Promise<void> {
    if (!this.changed || !this.loaded) return;
    this.changed = false;
    try {
      await saveFingerprintCache(this.file, await this.loaded);
    } catch (e) {
      this.changed = true;
      throw e;
    }
  }
}
