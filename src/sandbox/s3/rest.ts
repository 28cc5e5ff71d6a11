/**
 * The S3 REST calls the product makes, answered from the S3 folder (path-style only):
 * GetObject (with Range), HeadObject and ListObjectsV2; PutObject, CopyObject and the multipart
 * upload (write.ts), with S3's XML error bodies. Pure and synchronous: the HTTP layer
 * (../http/server.ts) streams the file an answer names, and reads a body whole before.
 */
import { randomBytes } from 'crypto';
import { S3Folder, S3RefusedError } from './folder';
import { S3Error } from './s3-error';
import { abortMultipart, completeMultipart, copyObject, createMultipart, putObject, uploadPart } from './write';
import { type ListedObject, errorXml, listXml } from './xml';

export interface S3Request {
  method: string;
  /** The request target: path and query. */
  url: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** PutObject's, UploadPart's and CompleteMultipartUpload's body, read whole by the HTTP layer. */
  body?: Buffer;
}

export interface S3Response {
  statusCode: number;
  headers: Record<string, string>;
  /** The body, or the byte range [start, end] of a file to stream. HEAD answers carry neither. */
  body?: string;
  file?: { path: string; start: number; end: number };
  /** For the request log: the operation answered. */
  operation: string;
}

/** S3 answers at most this many keys per ListObjectsV2 page. */
export const MAX_LIST_KEYS = 1000;
/** The longest key S3 accepts, in UTF-8 bytes. */
export const MAX_KEY_BYTES = 1024;

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** Sub-resources of an object or bucket the sandbox does not implement (asked for by name in the query). */
const UNSUPPORTED = new Set(['acl', 'tagging', 'attributes', 'torrent', 'legal-hold', 'retention', 'restore', 'select', 'versions', 'location', 'policy', 'cors', 'lifecycle', 'versioning', 'website']);

const noSuchBucket = (bucket: string) => new S3Error('NoSuchBucket', 'The specified bucket does not exist', 404, [['BucketName', bucket]]);
const noSuchKey = (key: string) => new S3Error('NoSuchKey', 'The specified key does not exist.', 404, [['Key', key]]);
const outsideFolder = (reason: string) => new S3Error('AccessDenied', `The object is outside the sandbox's S3 folder: ${reason}`, 403);
const invalidArgument = (message: string, name: string, value: string) =>
  new S3Error('InvalidArgument', message, 400, [['ArgumentName', name], ['ArgumentValue', value.slice(0, 200)]]);

/** Every S3 request ends here; nothing thrown inside escapes (an unexpected failure is S3's InternalError). */
export function handleS3(root: string | undefined, req: S3Request): S3Response {
  const requestId = randomBytes(8).toString('hex').toUpperCase();
  const head = req.method === 'HEAD';
  let operation = 'S3';
  try {
    const target = parseTarget(req.url);
    operation = operationOf(req, target);
    const folder = root ? new S3Folder(root) : undefined;
    if (!BUCKET_NAME.test(target.bucket)) throw new S3Error('InvalidBucketName', 'The specified bucket is not valid.', 400, [['BucketName', target.bucket.slice(0, 200)]]);
    for (const name of target.query.keys()) {
      if (UNSUPPORTED.has(name)) throw notImplemented(`not '${name}'`);
    }
    if (operation === 'S3') throw notImplemented(`not ${req.method} ${target.key === undefined ? 'on a bucket' : 'on an object'}${target.query.size > 0 ? ` with ?${[...target.query.keys()].join('&')}` : ''}`);
    if (!folder?.bucketExists(target.bucket)) throw noSuchBucket(target.bucket);
    const response = answer(operation, folder, target, req, head);
    response.headers['x-amz-request-id'] = requestId;
    response.headers['x-amz-id-2'] = requestId;
    return { ...response, operation };
  } catch (e) {
    const err = e instanceof S3Error ? e : new S3Error('InternalError', 'We encountered an internal error. Please try again.', 500);
    const headers: Record<string, string> = { 'x-amz-request-id': requestId, 'x-amz-id-2': requestId, ...err.headers };
    if (head) return { statusCode: err.status, headers, operation };
    return { statusCode: err.status, headers: { ...headers, 'content-type': 'application/xml' }, body: errorXml(err.code, err.message, err.extra, requestId), operation };
  }
}

const notImplemented = (what: string) =>
  new S3Error('NotImplemented', `The sandbox's S3 implements GetObject, HeadObject, ListObjectsV2, PutObject, CopyObject and the multipart upload only (${what}).`, 501);

/** The S3 operation a request asks for ('S3' when it is none the sandbox answers). */
function operationOf(req: S3Request, target: Target): string {
  const q = target.query;
  const key = target.key;
  switch (req.method) {
    case 'GET':
    case 'HEAD':
      if (q.has('uploads') || q.has('uploadId')) return 'S3';
      return key === undefined ? 'S3.ListObjectsV2' : req.method === 'HEAD' ? 'S3.HeadObject' : 'S3.GetObject';
    case 'PUT':
      if (key === undefined || q.has('uploads')) return 'S3';
      if (q.has('uploadId') || q.has('partNumber')) return req.headers['x-amz-copy-source'] !== undefined ? 'S3' : 'S3.UploadPart';
      return req.headers['x-amz-copy-source'] !== undefined ? 'S3.CopyObject' : 'S3.PutObject';
    case 'POST':
      if (key === undefined) return 'S3';
      if (q.has('uploads')) return 'S3.CreateMultipartUpload';
      if (q.has('uploadId')) return 'S3.CompleteMultipartUpload';
      return 'S3';
    case 'DELETE':
      return key !== undefined && q.has('uploadId') ? 'S3.AbortMultipartUpload' : 'S3';
    default:
      return 'S3';
  }
}

function answer(operation: string, folder: S3Folder, target: Target, req: S3Request, head: boolean): Omit<S3Response, 'operation'> {
  const { bucket, key, query } = target;
  const body = req.body ?? Buffer.alloc(0);
  const root = folder.root;
  switch (operation) {
    case 'S3.ListObjectsV2':
      return list(folder, bucket, query);
    case 'S3.PutObject':
      return putObject(root, bucket, key!, body, req.headers);
    case 'S3.CopyObject':
      return copyObject(root, bucket, key!, req.headers);
    case 'S3.UploadPart':
      return uploadPart(root, bucket, key!, query, body, req.headers);
    case 'S3.CreateMultipartUpload':
      return createMultipart(root, bucket, key!);
    case 'S3.CompleteMultipartUpload':
      return completeMultipart(root, bucket, key!, query.get('uploadId'), body, `http://${String(req.headers.host ?? '127.0.0.1')}`);
    case 'S3.AbortMultipartUpload':
      return abortMultipart(root, bucket, key!, query.get('uploadId'));
    default:
      return object(folder, bucket, key!, req.headers, head);
  }
}

interface Target {
  bucket: string;
  key?: string;
  query: URLSearchParams;
}

function parseTarget(url: string): Target {
  const q = url.indexOf('?');
  const rawPath = q < 0 ? url : url.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
  if (!rawPath.startsWith('/')) throw new S3Error('InvalidURI', "Couldn't parse the specified URI.", 400);
  const slash = rawPath.indexOf('/', 1);
  let bucket: string;
  let key: string | undefined;
  try {
    bucket = decodeURIComponent(slash < 0 ? rawPath.slice(1) : rawPath.slice(1, slash));
    key = slash < 0 || slash === rawPath.length - 1 ? undefined : decodeURIComponent(rawPath.slice(slash + 1));
  } catch {
    throw new S3Error('InvalidURI', "Couldn't parse the specified URI.", 400);
  }
  if (!bucket) throw new S3Error('MethodNotAllowed', 'The sandbox does not list buckets: name one (path-style: /bucket/key).', 405);
  if (key !== undefined && Buffer.byteLength(key) > MAX_KEY_BYTES) throw new S3Error('KeyTooLongError', 'Your key is too long', 400, [['MaxSizeAllowed', MAX_KEY_BYTES]]);
  return { bucket, key, query };
}

function contentType(key: string): string {
  const ext = key.slice(key.lastIndexOf('.') + 1).toLowerCase();
  if (ext === 'jpg' || ext === 'jpeg') return 'image/jpeg';
  if (ext === 'png') return 'image/png';
  return 'binary/octet-stream';
}

function object(folder: S3Folder, bucket: string, key: string, headers: S3Request['headers'], head: boolean): Omit<S3Response, 'operation'> {
  let info;
  try {
    info = folder.info(bucket, key);
  } catch (e) {
    if (e instanceof S3RefusedError) throw outsideFolder(e.message);
    throw e;
  }
  if (!info) throw noSuchKey(key);
  const base: Record<string, string> = {
    'content-type': contentType(key),
    etag: info.etag,
    'last-modified': info.lastModified.toUTCString(),
    'accept-ranges': 'bytes',
  };
  const rangeHeader = headers.range;
  const range = head ? undefined : parseRange(Array.isArray(rangeHeader) ? rangeHeader[0] : rangeHeader, info.size);
  if (range === 'unsatisfiable') {
    throw new S3Error('InvalidRange', 'The requested range is not satisfiable', 416, [['RangeRequested', String(rangeHeader)], ['ActualObjectSize', info.size]], { 'content-range': `bytes */${info.size}` });
  }
  if (range) {
    return {
      statusCode: 206,
      headers: { ...base, 'content-length': String(range.end - range.start + 1), 'content-range': `bytes ${range.start}-${range.end}/${info.size}` },
      file: { path: info.file, start: range.start, end: range.end },
    };
  }
  return {
    statusCode: 200,
    headers: { ...base, 'content-length': String(info.size) },
    ...(head || info.size === 0 ? {} : { file: { path: info.file, start: 0, end: info.size - 1 } }),
    ...(info.size === 0 && !head ? { body: '' } : {}),
  };
}

/**
 * A single byte range (RFC 9110) within `size`; undefined when there is none or it cannot be
 * parsed (S3 then answers the whole object, as it does for several ranges).
 */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  if (header === undefined) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const n = Number(m[2]);
    if (n === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? Infinity : Number(m[2]);
  if (end < start) return undefined;
  if (start >= size) return 'unsatisfiable';
  return { start, end: Math.min(end, size - 1) };
}

function list(folder: S3Folder, bucket: string, query: URLSearchParams): Omit<S3Response, 'operation'> {
  if (query.get('list-type') !== '2') throw new S3Error('NotImplemented', "The sandbox's S3 lists objects with ListObjectsV2 only (list-type=2).", 501);
  const prefix = query.get('prefix') ?? '';
  const delimiter = query.get('delimiter') || undefined;
  const maxKeysText = query.get('max-keys');
  const maxKeys = maxKeysText === null ? MAX_LIST_KEYS : Number(maxKeysText);
  if (!/^\d{1,10}$/.test(maxKeysText ?? '0') || !Number.isSafeInteger(maxKeys)) throw invalidArgument('Provided max-keys not an integer or within integer range', 'max-keys', maxKeysText ?? '');
  const encoding = query.get('encoding-type');
  if (encoding !== null && encoding !== 'url') throw invalidArgument('Invalid Encoding Method specified in Request', 'encoding-type', encoding);
  const token = query.get('continuation-token') ?? undefined;
  const startAfter = query.get('start-after') ?? undefined;
  let after = startAfter ?? '';
  if (token !== undefined) {
    const decoded = decodeToken(token);
    if (decoded === undefined) throw invalidArgument('The continuation token provided is incorrect', 'continuation-token', token);
    after = decoded;
  }
  const limit = Math.min(maxKeys, MAX_LIST_KEYS);
  const contents: ListedObject[] = [];
  const commonPrefixes: string[] = [];
  let last: string | undefined;
  let truncated = false;
  for (const key of folder.keys(bucket, prefix)) {
    if (after && Buffer.compare(Buffer.from(key), Buffer.from(after)) <= 0) continue;
    let common: string | undefined;
    if (delimiter) {
      const at = key.indexOf(delimiter, prefix.length);
      if (at >= 0) common = key.slice(0, at + delimiter.length);
    }
    if (common !== undefined && common === commonPrefixes.at(-1)) {
      last = key;
      continue;
    }
    if (contents.length + commonPrefixes.length >= limit) {
      truncated = true;
      break;
    }
    if (common !== undefined) {
      commonPrefixes.push(common);
    } else {
      let info;
      try {
        info = folder.info(bucket, key);
      } catch {
        continue; // a link out of the folder: not listed
      }
      if (!info) continue;
      contents.push({ key, size: info.size, lastModified: info.lastModified, etag: info.etag });
    }
    last = key;
  }
  const body = listXml({
    bucket,
    prefix,
    delimiter,
    maxKeys,
    startAfter,
    continuationToken: token,
    nextContinuationToken: truncated && last !== undefined ? encodeToken(last) : undefined,
    encodeUrl: encoding === 'url',
    contents,
    commonPrefixes,
  });
  return { statusCode: 200, headers: { 'content-type': 'application/xml' }, body };
}

/** Continuation tokens are opaque to clients: the last key answered, base64url with a tag. */
function encodeToken(key: string): string {
  return Buffer.from(`s3sandbox:${key}`).toString('base64url');
}

function decodeToken(token: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
  const text = Buffer.from(token, 'base64url').toString('utf8');
  return text.startsWith('s3sandbox:') ? text.slice('s3sandbox:'.length) : undefined;
}
