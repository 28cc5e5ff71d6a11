/**
 * Where image bytes come from: S3 (s3-source.ts), or a local folder standing in for it
 * (folder-source.ts, s3://bucket/key -> DIR/bucket/key). Only what a check needs is read:
 * the object's size and ETag, and byte ranges; a ranged read says the size and ETag too (S3's
 * Content-Range and ETag), so a check needs no HeadObject.
 */

export interface ImageObject {
  /** Bytes. */
  size: number;
  /** Changes whenever the object does (S3's ETag, or a digest of the file's size/date/inode). */
  etag: string;
}

/** A ranged read's answer: the bytes, and the object's size and ETag from the same answer. */
export interface RangeRead {
  bytes: Uint8Array;
  size: number;
  etag: string;
}

/** Bytes start..end (inclusive; end may lie past the object's end), or the last `suffix` bytes. */
export type ByteRange = { start: number; end: number } | { suffix: number };

export interface ImageSource {
  /** Size and ETag; undefined when there is no such object. Throws ImageReadError when it cannot tell, or when what is there is not a file. */
  head(bucket: string, key: string, signal?: AbortSignal): Promise<ImageObject | undefined>;
  /** Bytes start..end (inclusive, end within the object). Throws ImageReadError; never waits on something that is not a file (a FIFO). */
  read(bucket: string, key: string, start: number, end: number, signal?: AbortSignal): Promise<Uint8Array>;
  /**
   * The range's bytes with the object's size and ETag (one request: no HeadObject); undefined
   * when there is no such object. A 0-byte object answers no bytes. Throws ImageReadError.
   * Optional: without it, a probe asks `head` and then `read`.
   */
  readRange?(bucket: string, key: string, range: ByteRange, signal?: AbortSignal): Promise<RangeRead | undefined>;
  /**
   * How many images to read at once: `start`, raised one at a time up to `max` while reads
   * succeed, halved when the source says it is throttled (onThrottled). Undefined: a fixed 8.
   */
  readonly concurrency?: { start: number; max: number };
  /** Calls `listener` for each throttled answer (S3's SlowDown, 503, 429), retried or not; returns the unsubscribe. */
  onThrottled?(listener: () => void): () => void;
  /** Where the images are read from, for messages ("S3", "the folder /x"). */
  readonly where: string;
  /** Reading a file's last bytes costs no request (a local folder): Check Images then always looks for a truncated end. */
  readonly endsAreFree?: boolean;
  dispose(): void;
}

/**
 * A read that failed for a reason other than the image itself: access to it ('denied'), this
 * one read ('failed'; 'throttled' when the source kept answering "slow down" after retries), the source as a whole ('unavailable': no answer from S3 at all, no
 * credentials: every other image would fail the same way), or a cancelled check; or what is
 * there is not a file at all ('not-a-file': a directory, a FIFO, a device in a local folder; the
 * message says which).
 */
export class ImageReadError extends Error {
  constructor(
    message: string,
    readonly reason: 'denied' | 'failed' | 'throttled' | 'unavailable' | 'cancelled' | 'not-a-file',
  ) {
    super(message);
    this.name = 'ImageReadError';
  }
}
