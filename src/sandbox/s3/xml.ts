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
