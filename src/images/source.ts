/**
 * Where image bytes come from: S3 (s3-source.ts), or a local folder standing in for it
 * (folder-source.ts, s3://bucket/key -> DIR/bucket/key). Only what a check needs is read:
 * the object's size and ETag, and byte ranges.
 */

export interface ImageObject {
  /** Bytes. */
  size: number;
  /** Changes whenever the object does (S3's ETag, or a digest of the file's size/date/inode). */
  etag: string;
}

export interface ImageSource {
  /** Size and ETag; undefined when there is no such object. Throws ImageReadError when it cannot tell, or when what is there is not a file. */
  head(bucket: string, key: string, signal?: AbortSignal): Promise<ImageObject | undefined>;
  /** Bytes start..end (inclusive, end within the object). Throws ImageReadError; never waits on something that is not a file (a FIFO). */
  read(bucket: string, key: string, start: number, end: number, signal?: AbortSignal): Promise<Uint8Array>;
  /** Where the images are read from, for messages ("S3", "the folder /x"). */
  readonly where: string;
  dispose(): void;
}

/**
 * A read that failed for a reason other than the image itself: access to it ('denied'), this
 * one read ('failed'), the source as a whole ('unavailable': no answer from S3 at all, no
 * credentials: every other image would fail the same way), or a cancelled check; or what is
 * there is not a file at all ('not-a-file': a directory, a FIFO, a device in a local folder; the
 * message says which).
 */
export class ImageReadError extends Error {
  constructor(
    message: string,
    readonly reason: 'denied' | 'failed' | 'unavailable' | 'cancelled' | 'not-a-file',
  ) {
    super(message);
    this.name = 'ImageReadError';
  }
}
