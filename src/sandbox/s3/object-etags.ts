/**
 * The ETags of the objects the sandbox's S3 wrote itself (PutObject, CopyObject,
 * CompleteMultipartUpload): S3's, made of the content (the MD5 of the bytes; for a multipart
 * upload the MD5 of the parts' MD5s, "-" and the number of parts), so a client can tell that an
 * object holds what it would send. Kept in memory by the file's real path and stamp (size,
 * modification time, inode): when the file changes behind the sandbox, or the sandbox restarts,
 * the object gets folder.ts's ETag of its stamp again (a file the sandbox did not write is never
 * read to make an ETag: listing a folder of large images reads no image).
 */

interface Written {
  stamp: string;
  etag: string;
}

const written = new Map<string, Written>();
/** Bounded: the oldest are forgotten first (their objects fall back to the stamp's ETag). */
const MAX_KEPT = 100_000;

export function stampOf(st: { size: bigint; mtimeNs: bigint; ino: bigint }): string {
  return `${st.size}:${st.mtimeNs}:${st.ino}`;
}

/** Records the ETag (quoted) of the file at `realPath` as it is now (its stamp). */
export function rememberEtag(realPath: string, stamp: string, etag: string): void {
  written.delete(realPath);
  written.set(realPath, { stamp, etag });
  if (written.size > MAX_KEPT) written.delete(written.keys().next().value!);
}

/** The recorded ETag of the file when it is unchanged since; undefined otherwise. */
export function writtenEtag(realPath: string, stamp: string): string | undefined {
  const w = written.get(realPath);
  return w && w.stamp === stamp ? w.etag : undefined;
}
