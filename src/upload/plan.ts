/**
 * What an upload of a manifest's images does, decided from the manifest's lines alone: each
 * distinct source-ref's image goes to one bucket and prefix the person chose (training fails with
 * ERROR_IMAGES_IN_MULTIPLE_S3_BUCKETS when a manifest's images are in several buckets,
 * tm-debugging-aggregate-errors.md). From a local folder (DIR/bucket/key, as Check Images reads it)
 * an image is put; from S3 it is copied, unless it is already in the chosen bucket (kept as it
 * is). The new key is the prefix and the old key; when two images of different buckets would get
 * the same key, every key keeps its old bucket as a folder too (prefix/bucket/key), so none
 * overwrites another. A line without an s3:// source-ref is listed and left as it is.
 * Pure: no `vscode`, no I/O.
 */
import { readEntry, type S3Location } from '../manifest';

/** S3's longest key, in UTF-8 bytes. */
const MAX_KEY_BYTES = 1024;
/** The bucket names S3 gives today: 3-63 lowercase letters, digits, "." and "-". */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export interface UploadTarget {
  bucket: string;
  /** '' or a prefix ending with '/'. */
  prefix: string;
}

export type UploadAction = 'put' | 'copy' | 'keep';

export interface PlannedImage {
  sourceRef: string;
  from: S3Location;
  to: S3Location;
  action: UploadAction;
  /** 0-based lines that name this source-ref. */
  lines: number[];
}

export interface UploadPlan {
  target: UploadTarget;
  images: PlannedImage[];
  /** Old source-ref to new, for the images whose source-ref changes. */
  renamed: Map<string, string>;
  /** The keys keep their old bucket as a folder (two images would have had one key otherwise). */
  bucketInKeys: boolean;
  /** Lines left as they are, with why (no s3:// source-ref, a key too long). */
  skipped: Array<{ line: number; reason: string }>;
}

/** The bucket and prefix as the person typed them ("bucket", "bucket/prefix", "s3://bucket/prefix/"), or why not. */
export function parseTarget(input: string): UploadTarget | { error: string } {
  const text = input.trim().replace(/^s3:\/\//, '');
  const slash = text.indexOf('/');
  const bucket = slash < 0 ? text : text.slice(0, slash);
  let prefix = slash < 0 ? '' : text.slice(slash + 1);
  if (!BUCKET_NAME.test(bucket)) return { error: `"${bucket}" is not a bucket name: 3 to 63 lowercase letters, digits, "." and "-", starting and ending with a letter or digit.` };
  if (prefix !== '' && !prefix.endsWith('/')) prefix += '/';
  if (prefix.split('/').slice(0, -1).some((s) => s === '' || s === '.' || s === '..')) {
    return { error: `The prefix "${prefix}" has an empty, "." or ".." part: give folders separated by single "/".` };
  }
  return { bucket, prefix };
}

/** The plan for the manifest's lines; `from`: where the images are now (a local folder, or S3). */
export function planUpload(lines: Iterable<string>, from: 'folder' | 's3', target: UploadTarget): UploadPlan {
  const byRef = new Map<string, PlannedImage>();
  const skipped: UploadPlan['skipped'] = [];
  let n = 0;
  for (const text of lines) {
    const line = n++;
    if (text.trim() === '') continue;
    const entry = readEntry(text);
    if (!entry.location || entry.sourceRef === undefined) {
      skipped.push({ line, reason: entry.sourceRef === undefined ? 'no source-ref' : `the source-ref "${entry.sourceRef.slice(0, 200)}" is not s3://bucket/key` });
      continue;
    }
    const known = byRef.get(entry.sourceRef);
    if (known) {
      known.lines.push(line);
      continue;
    }
    const keep = from === 's3' && entry.location.bucket === target.bucket;
    byRef.set(entry.sourceRef, { sourceRef: entry.sourceRef, from: entry.location, to: entry.location, action: keep ? 'keep' : from === 'folder' ? 'put' : 'copy', lines: [line] });
  }
  const moving = [...byRef.values()].filter((i) => i.action !== 'keep');
  const keyOf = (i: PlannedImage, withBucket: boolean) => target.prefix + (withBucket ? `${i.from.bucket}/` : '') + i.from.key;
  // Two images from different places on one key (or on an image kept in the bucket): keep the buckets apart.
  const taken = new Map<string, string>();
  for (const i of byRef.values()) if (i.action === 'keep') taken.set(i.from.key, i.sourceRef);
  let bucketInKeys = false;
  for (const i of moving) {
    const key = keyOf(i, false);
    const other = taken.get(key);
    if (other !== undefined && other !== i.sourceRef) bucketInKeys = true;
    taken.set(key, i.sourceRef);
  }
  const renamed = new Map<string, string>();
  const images: PlannedImage[] = [];
  for (const i of byRef.values()) {
    if (i.action === 'keep') {
      images.push(i);
      continue;
    }
    const key = keyOf(i, bucketInKeys);
    if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) {
      for (const line of i.lines) skipped.push({ line, reason: `its new key would be longer than S3's ${MAX_KEY_BYTES} bytes` });
      continue;
    }
    const planned = { ...i, to: { bucket: target.bucket, key } };
    images.push(planned);
    const ref = `s3://${target.bucket}/${key}`;
    if (ref !== i.sourceRef) renamed.set(i.sourceRef, ref);
  }
  skipped.sort((a, b) => a.line - b.line);
  return { target, images, renamed, bucketInKeys, skipped };
}
