/**
 * One FingerprintCache kept in a file (fingerprint-cache-file.ts) and shared by whoever fills it:
 * loaded on first use, saved (async fs, written aside and renamed) only when something was put in
 * since the last save: after a check, and `saveAfterMs` after the last `put` (the gallery's
 * decodes come in bursts: one save once a burst is over, so a gallery alone keeps its
 * fingerprints for the next window), and when the window closes (`flush`). The editor makes one
 * (datasets/register.ts) for Check Dataset Health and the gallery, whose thumbnail decodes yield
 * the same fingerprints. Pure: no `vscode` import.
 */
import type { Fingerprint } from './fingerprint';
import { loadFingerprintCache, saveFingerprintCache } from './fingerprint-cache-file';
import type { FingerprintCache, ImageLocation } from './read-images';

export class KeptFingerprints {
  private loaded: Promise<FingerprintCache> | undefined;
  private changed = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  constructor(
    readonly file: string,
    readonly max: number,
    /** After a put, the quiet time before a save (0: only `save` and `flush` save). */
    private readonly saveAfterMs = 0,
    /** What a save after puts threw (nobody awaits it). */
    private readonly onSaveError: (e: unknown) => void = () => undefined,
  ) {}

  /** The cache, loaded from the file on first use (empty when there is none or it is not ours). */
  cache(): Promise<FingerprintCache> {
    return (this.loaded ??= loadFingerprintCache(this.file, this.max));
  }

  /** A fingerprint made elsewhere (the gallery's decode), by bucket/key and the ETag it was read at. */
  async put(loc: ImageLocation, etag: string, fingerprint: Fingerprint): Promise<void> {
    (await this.cache()).set(loc, etag, fingerprint);
    this.changed = true;
    if (this.saveAfterMs <= 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.save().catch(this.onSaveError);
    }, this.saveAfterMs);
    this.timer.unref?.();
  }

  /** Saves now what a later save would have (the window closes). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.save();
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
