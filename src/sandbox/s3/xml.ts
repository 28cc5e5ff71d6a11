/** S3's XML answers: error bodies and the ListObjectsV2 result. Every value is escaped. */

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';

export function xmlEscape(text: string): string {
  return text.replace(/[<>&"']/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : c === '"' ? '&quot;' : '&apos;'));
}

function element(name: string, value: string | number | boolean): string {
  return `<${name}>${xmlEscape(String(value))}</${name}>`;
}

/** `<Error><Code>..</Code><Message>..</Message>(extra)<RequestId>..</RequestId><HostId>..</HostId></Error>` */
export function errorXml(code: string, message: string, extra: ReadonlyArray<[string, string | number]>, requestId: string): string {
  return `${XML_HEAD}<Error>${element('Code', code)}${element('Message', message)}${extra.map(([k, v]) => element(k, v)).join('')}${element('RequestId', requestId)}${element('HostId', requestId)}</Error>`;
}

export interface ListedObject {
  key: string;
  size: number;
  lastModified: Date;
  etag: string;
}

export interface ListResult {
  bucket: string;
  prefix: string;
  delimiter?: string;
  maxKeys: number;
  startAfter?: string;
  continuationToken?: string;
  nextContinuationToken?: string;
  encodeUrl: boolean;
  contents: ListedObject[];
  commonPrefixes: string[];
}

export function listXml(r: ListResult): string {
  const enc = (s: string): string => (r.encodeUrl ? encodeURIComponent(s).replace(/%2F/g, '/') : s);
  const parts = [
    element('Name', r.bucket),
    element('Prefix', enc(r.prefix)),
    ...(r.delimiter !== undefined ? [element('Delimiter', enc(r.delimiter))] : []),
    element('KeyCount', r.contents.length + r.commonPrefixes.length),
    element('MaxKeys', r.maxKeys),
    ...(r.encodeUrl ? [element('EncodingType', 'url')] : []),
    element('IsTruncated', r.nextContinuationToken !== undefined),
    ...(r.continuationToken !== undefined ? [element('ContinuationToken', r.continuationToken)] : []),
    ...(r.nextContinuationToken !== undefined ? [element('NextContinuationToken', r.nextContinuationToken)] : []),
    ...(r.startAfter !== undefined ? [element('StartAfter', enc(r.startAfter))] : []),
    ...r.contents.map(
      (o) => `<Contents>${element('Key', enc(o.key))}${element('LastModified', o.lastModified.toISOString())}${element('ETag', o.etag)}${element('Size', o.size)}${element('StorageClass', 'STANDARD')}</Contents>`,
    ),
    ...r.commonPrefixes.map((p) => `<CommonPrefixes>${element('Prefix', enc(p))}</CommonPrefixes>`),
  ];
  return `${XML_HEAD}<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${parts.join('')}</ListBucketResult>`;
}

const S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** CopyObject's answer. */
export function copyResultXml(etag: string, lastModified: Date): string {
  return `${XML_HEAD}<CopyObjectResult xmlns="${S3_NS}">${element('LastModified', lastModified.toISOString())}${element('ETag', etag)}</CopyObjectResult>`;
}

/** CreateMultipartUpload's answer. */
export function initiateUploadXml(bucket: string, key: string, uploadId: string): string {
  return `${XML_HEAD}<InitiateMultipartUploadResult xmlns="${S3_NS}">${element('Bucket', bucket)}${element('Key', key)}${element('UploadId', uploadId)}</InitiateMultipartUploadResult>`;
}

/** CompleteMultipartUpload's answer. */
export function completeUploadXml(location: string, bucket: string, key: string, etag: string): string {
  return `${XML_HEAD}<CompleteMultipartUploadResult xmlns="${S3_NS}">${element('Location', location)}${element('Bucket', bucket)}${element('Key', key)}${element('ETag', etag)}</CompleteMultipartUploadResult>`;
}

function xmlUnescape(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#(\d+)|#x([0-9a-fA-F]+));/g, (_m, name: string, dec?: string, hex?: string) =>
    dec ? String.fromCodePoint(Number(dec)) : hex ? String.fromCodePoint(parseInt(hex, 16)) : name === 'lt' ? '<' : name === 'gt' ? '>' : name === 'amp' ? '&' : name === 'quot' ? '"' : "'",
  );
}

/**
 * The parts a CompleteMultipartUpload body lists, in its order; undefined when the body is not
 * such a document (S3's MalformedXML). Only `<Part>` elements with a PartNumber and an ETag count.
 */
export function completedParts(body: string): Array<{ partNumber: number; etag: string }> | undefined {
  if (!/<CompleteMultipartUpload[\s>]/.test(body) || !/<\/CompleteMultipartUpload>\s*$/.test(body)) return undefined;
  const parts: Array<{ partNumber: number; etag: string }> = [];
  for (const m of body.matchAll(/<Part>([\s\S]*?)<\/Part>/g)) {
    const n = /<PartNumber>\s*(\d{1,5})\s*<\/PartNumber>/.exec(m[1]!);
    const e = /<ETag>([\s\S]*?)<\/ETag>/.exec(m[1]!);
    if (!n || !e) return undefined;
    parts.push({ partNumber: Number(n[1]), etag: xmlUnescape(e[1]!.trim()) });
  }
  return parts.length > 0 ? parts : undefined;
}
