/**
 * S3's ETag of bytes as an upload would make it: the MD5 of the bytes for a single PutObject (or
 * a copy), and for a multipart upload the MD5 of the parts' MD5s, "-" and the number of parts.
 * An image already at its place with the same size and this ETag is not sent again. (An object
 * encrypted with SSE-KMS has another ETag: it is then sent again, never wrongly skipped.)
 * Pure: Node's crypto only.
 */
import { createHash } from 'crypto';

const md5 = (data: Uint8Array) => createHash('md5').update(data).digest();

/** Quoted, as S3 answers it. */
export function uploadEtag(data: Uint8Array, multipartAbove: number, partSize: number): string {
  if (data.length <= multipartAbove) return `"${md5(data).toString('hex')}"`;
  const digests: Buffer[] = [];
  for (let at = 0; at < data.length; at += partSize) digests.push(md5(data.subarray(at, at + partSize)));
  return `"${md5(Buffer.concat(digests)).toString('hex')}-${digests.length}"`;
}
