/**
 * The S3 calls that write, answered into the S3 folder: PutObject, CopyObject
 * (x-amz-copy-source) and the multipart upload (CreateMultipartUpload, UploadPart,
 * CompleteMultipartUpload, AbortMultipartUpload), with S3's answers and errors. An object is
 * written at the one safe mapping of its bucket and key (src/folder-paths): a key whose names
 * would leave the folder, or whose folder a symbolic link leads out of, is refused (AccessDenied),
 * nothing written. A file is written beside its place and renamed onto it, so a reader never sees
 * half of it. The ETag is S3's, of the content (object-etags.ts). Bodies come whole from the
 * HTTP layer (at most S3_MAX_BODY_BYTES); parts wait in memory until completed or aborted.
 * Synchronous, like the rest of the sandbox's S3.
 */
import { createHash, randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { folderUnderSync, locationPath } from '../../folder-paths';
import { S3Folder, S3RefusedError } from './folder';
import { rememberEtag, stampOf } from './object-etags';
import { S3Error } from './s3-error';
import { completeUploadXml, completedParts, copyResultXml, initiateUploadXml } from './xml';

/** The largest request body the sandbox's S3 takes (one PutObject or UploadPart); S3's own limit is 5 GiB. */
export const S3_MAX_BODY_BYTES = 64 * 1024 * 1024;
/** S3's smallest part, except the last one of an upload. */
export const MIN_PART_BYTES = 5 * 1024 * 1024;
/** S3's highest part number. */
export const MAX_PART_NUMBER = 10_000;
/** The bytes of parts held at once, over every upload not completed or aborted. */
const MAX_PENDING_PART_BYTES = 1024 * 1024 * 1024;

export interface WriteAnswer {
  statusCode: number;
  headers: Record<string, string>;
  body?: string;
}

interface PendingUpload {
  root: string;
  bucket: string;
  key: string;
  parts: Map<number, { data: Buffer; etag: string }>;
}

const uploads = new Map<string, PendingUpload>();
let pendingBytes = 0;

const xml = { 'content-type': 'application/xml' };

const md5 = (data: Buffer | string) => createHash('md5').update(data).digest();

/**
 * A body sent with `Content-Encoding: aws-chunked` (the SDK's streaming checksums): its chunks
 * joined, signatures and trailers dropped. Any other body is returned as it came.
 */
export function decodedBody(body: Buffer, headers: Readonly<Record<string, string | string[] | undefined>>): Buffer {
  const encoding = String(headers['content-encoding'] ?? '');
  const sha = String(headers['x-amz-content-sha256'] ?? '');
  if (!encoding.includes('aws-chunked') && !sha.startsWith('STREAMING-')) return body;
  const out: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = body.indexOf('\r\n', at);
    if (eol < 0) throw new S3Error('IncompleteBody', 'The request body ended inside a chunk header.', 400);
    const size = parseInt(body.subarray(at, eol).toString('latin1').split(';')[0]!, 16);
    if (!Number.isSafeInteger(size) || size < 0) throw new S3Error('InvalidRequest', 'A chunk of the aws-chunked body has no valid size.', 400);
    at = eol + 2;
    if (size === 0) break;
    if (at + size > body.length) throw new S3Error('IncompleteBody', 'The request body ended inside a chunk.', 400);
    out.push(body.subarray(at, at + size));
    at += size + 2;
  }
  const data = Buffer.concat(out);
  const decoded = headers['x-amz-decoded-content-length'];
  if (decoded !== undefined && Number(decoded) !== data.length) {
    throw new S3Error('IncompleteBody', 'You did not provide the number of bytes specified by the x-amz-decoded-content-length header.', 400);
  }
  return data;
}

/** The Content-MD5 a request gave, checked against its body (S3's InvalidDigest and BadDigest). */
function checkContentMd5(data: Buffer, headers: Readonly<Record<string, string | string[] | undefined>>): void {
  const given = headers['content-md5'];
  if (given === undefined) return;
  const text = String(given);
  if (!/^[A-Za-z0-9+/]{22}==$/.test(text)) throw new S3Error('InvalidDigest', 'The Content-MD5 you specified was invalid.', 400);
  if (md5(data).toString('base64') !== text) throw new S3Error('BadDigest', 'The Content-MD5 you specified did not match what we received.', 400);
}

const outside = (reason: string) => new S3Error('AccessDenied', `The sandbox's S3 folder cannot hold this key: ${reason}`, 403);

/**
 * Writes `data` as the object bucket/key (the bucket's folder exists: checked by the caller) and
 * records its ETag. Throws S3Error when the key has no place inside the folder.
 */
function writeObject(root: string, bucket: string, key: string, data: Buffer, etag: string): Date {
  const mapped = locationPath(root, bucket, key);
  if ('refused' in mapped) throw outside(mapped.refused);
  const dir = path.dirname(mapped.path);
  // The deepest folder that exists must be inside the root (no link out) before any is made.
  let existing = dir;
  while (!fs.existsSync(existing)) existing = path.dirname(existing);
  if (!folderUnderSync(root, existing)) throw outside('a symbolic link, or a file where a folder should be, lies on its way.');
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch {
    throw new S3Error('InvalidRequest', 'The sandbox\'s S3 folder holds a file where this key needs a folder (S3 allows both "a" and "a/b"; a folder cannot).', 400);
  }
  const realDir = folderUnderSync(root, dir);
  if (!realDir) throw outside('a symbolic link, or a file where a folder should be, lies on its way.');
  const target = path.join(realDir, path.basename(mapped.path));
  const existingTarget = fs.lstatSync(target, { throwIfNoEntry: false });
  if (existingTarget?.isDirectory()) throw new S3Error('InvalidRequest', 'The sandbox\'s S3 folder holds a folder at this key (S3 allows both "a" and "a/b"; a folder cannot).', 400);
  const temp = path.join(realDir, `.${path.basename(mapped.path)}.sandbox-${randomBytes(6).toString('hex')}`);
  try {
    fs.writeFileSync(temp, data);
    fs.renameSync(temp, target);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw e;
  }
  const st = fs.statSync(target, { bigint: true });
  rememberEtag(target, stampOf(st), etag);
  return new Date(Number(st.mtimeMs));
}

export function putObject(root: string, bucket: string, key: string, body: Buffer, headers: Readonly<Record<string, string | string[] | undefined>>): WriteAnswer {
  const data = decodedBody(body, headers);
  checkContentMd5(data, headers);
  const etag = `"${md5(data).toString('hex')}"`;
  writeObject(root, bucket, key, data, etag);
  return { statusCode: 200, headers: { etag } };
}

/** The bucket and key of an x-amz-copy-source header ("/bucket/key" or "bucket/key", URL-encoded, maybe "?versionId="). */
function copySource(header: string): { bucket: string; key: string } {
  const bad = () => new S3Error('InvalidArgument', 'Copy Source must mention the source bucket and key: sourcebucket/sourcekey.', 400, [['ArgumentName', 'x-amz-copy-source'], ['ArgumentValue', header.slice(0, 200)]]);
  const q = header.indexOf('?');
  let text: string;
  try {
    text = decodeURIComponent(q < 0 ? header : header.slice(0, q));
  } catch {
    throw bad();
  }
  if (text.startsWith('/')) text = text.slice(1);
  const slash = text.indexOf('/');
  if (slash <= 0 || slash === text.length - 1) throw bad();
  return { bucket: text.slice(0, slash), key: text.slice(slash + 1) };
}

export function copyObject(root: string, bucket: string, key: string, headers: Readonly<Record<string, string | string[] | undefined>>): WriteAnswer {
  const source = copySource(String(headers['x-amz-copy-source']));
  const folder = new S3Folder(root);
  if (!folder.bucketExists(source.bucket)) throw new S3Error('NoSuchBucket', 'The specified bucket does not exist', 404, [['BucketName', source.bucket]]);
  if (source.bucket === bucket && source.key === key && String(headers['x-amz-metadata-directive'] ?? 'COPY') !== 'REPLACE') {
    throw new S3Error(
      'InvalidRequest',
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
      400,
    );
  }
  let info;
  try {
    info = folder.info(source.bucket, source.key);
  } catch (e) {
    if (e instanceof S3RefusedError) throw new S3Error('AccessDenied', `The copy source is outside the sandbox's S3 folder: ${e.message}`, 403);
    throw e;
  }
  if (!info) throw new S3Error('NoSuchKey', 'The specified key does not exist.', 404, [['Key', source.key]]);
  const data = fs.readFileSync(info.file);
  // As S3: a copy's ETag is the MD5 of its bytes, which is the source's own ETag when the source
  // has a single-part one. The sandbox's ETag of a file it did not write stands for that MD5
  // (folder.ts), so a copy keeps it; a multipart source's ("-N") gives the copy the MD5.
  const etag = info.etag.includes('-') ? `"${md5(data).toString('hex')}"` : info.etag;
  const when = writeObject(root, bucket, key, data, etag);
  return { statusCode: 200, headers: { ...xml }, body: copyResultXml(etag, when) };
}

export function createMultipart(root: string, bucket: string, key: string): WriteAnswer {
  const mapped = locationPath(root, bucket, key);
  if ('refused' in mapped) throw outside(mapped.refused);
  const uploadId = randomBytes(24).toString('base64url');
  uploads.set(uploadId, { root, bucket, key, parts: new Map() });
  return { statusCode: 200, headers: { ...xml }, body: initiateUploadXml(bucket, key, uploadId) };
}

function uploadOf(root: string, bucket: string, key: string, uploadId: string | null): PendingUpload {
  const upload = uploadId === null ? undefined : uploads.get(uploadId);
  if (!upload || upload.root !== root || upload.bucket !== bucket || upload.key !== key) {
    throw new S3Error(
      'NoSuchUpload',
      'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
      404,
      [['UploadId', (uploadId ?? '').slice(0, 200)]],
    );
  }
  return upload;
}

export function uploadPart(root: string, bucket: string, key: string, query: URLSearchParams, body: Buffer, headers: Readonly<Record<string, string | string[] | undefined>>): WriteAnswer {
  const numberText = query.get('partNumber') ?? '';
  const partNumber = Number(numberText);
  if (!/^\d{1,5}$/.test(numberText) || partNumber < 1 || partNumber > MAX_PART_NUMBER) {
    throw new S3Error('InvalidArgument', `Part number must be an integer between 1 and ${MAX_PART_NUMBER}, inclusive`, 400, [['ArgumentName', 'partNumber'], ['ArgumentValue', numberText.slice(0, 20)]]);
  }
  const upload = uploadOf(root, bucket, key, query.get('uploadId'));
  const data = decodedBody(body, headers);
  checkContentMd5(data, headers);
  const previous = upload.parts.get(partNumber)?.data.length ?? 0;
  if (pendingBytes - previous + data.length > MAX_PENDING_PART_BYTES) {
    throw new S3Error('SlowDown', "The sandbox's S3 holds too many bytes of parts not completed yet: complete or abort an upload first.", 503);
  }
  const etag = `"${md5(data).toString('hex')}"`;
  upload.parts.set(partNumber, { data: Buffer.from(data), etag });
  pendingBytes += data.length - previous;
  return { statusCode: 200, headers: { etag } };
}

export function completeMultipart(root: string, bucket: string, key: string, uploadId: string | null, body: Buffer, endpoint: string): WriteAnswer {
  const upload = uploadOf(root, bucket, key, uploadId);
  const listed = completedParts(body.toString('utf8'));
  if (!listed) throw new S3Error('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema.', 400);
  const chosen: Buffer[] = [];
  const digests: Buffer[] = [];
  // As S3: the order first, then each part, then the sizes.
  for (let i = 1; i < listed.length; i++) {
    if (listed[i]!.partNumber <= listed[i - 1]!.partNumber) {
      throw new S3Error('InvalidPartOrder', 'The list of parts was not in ascending order. Parts must be ordered by part number.', 400, [['UploadId', uploadId ?? '']]);
    }
  }
  for (const [i, p] of listed.entries()) {
    const part = upload.parts.get(p.partNumber);
    const given = p.etag.startsWith('"') ? p.etag : `"${p.etag}"`;
    if (!part || part.etag !== given) {
      throw new S3Error('InvalidPart', 'One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part\'s entity tag.', 400, [
        ['UploadId', uploadId ?? ''],
        ['PartNumber', p.partNumber],
        ['ETag', p.etag],
      ]);
    }
    if (i < listed.length - 1 && part.data.length < MIN_PART_BYTES) {
      throw new S3Error('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.', 400, [
        ['ProposedSize', part.data.length],
        ['MinSizeAllowed', MIN_PART_BYTES],
        ['PartNumber', p.partNumber],
        ['ETag', p.etag],
      ]);
    }
    chosen.push(part.data);
    digests.push(Buffer.from(part.etag.slice(1, -1), 'hex'));
  }
  const etag = `"${md5(Buffer.concat(digests)).toString('hex')}-${listed.length}"`;
  writeObject(root, bucket, key, Buffer.concat(chosen), etag);
  forget(uploadId!);
  const location = `${endpoint}/${encodeURIComponent(bucket)}/${key.split('/').map(encodeURIComponent).join('/')}`;
  return { statusCode: 200, headers: { ...xml }, body: completeUploadXml(location, bucket, key, etag) };
}

export function abortMultipart(root: string, bucket: string, key: string, uploadId: string | null): WriteAnswer {
  uploadOf(root, bucket, key, uploadId);
  forget(uploadId!);
  return { statusCode: 204, headers: {} };
}

function forget(uploadId: string): void {
  const upload = uploads.get(uploadId);
  if (!upload) return;
  for (const part of upload.parts.values()) pendingBytes -= part.data.length;
  uploads.delete(uploadId);
}
