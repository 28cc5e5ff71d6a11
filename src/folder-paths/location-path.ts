/**
 * Where an S3 location (bucket, key) is in a folder standing in for S3 (`DIR/bucket/key`), and
 * where a relative file name an annotation gives is in an image folder: the one mapping every
 * reader uses (Check Images and `lint --images-dir`, the gallery, the preview, the sandbox's S3,
 * the converters). Decided on the names alone, the same way on every platform: the bucket is one
 * path segment and the key '/'-separated segments; no segment is empty, ".", "..", only dots and
 * spaces (Windows drops trailing dots and spaces), holds a backslash or a NUL, or (on Windows) a
 * ':' (a drive or a stream); the key is at most S3's 1,024 UTF-8 bytes; and the path
 * `path.resolve` makes of them stays under the folder. What fails is refused, with the reason;
 * it names no file, so nothing is read. Symbolic links are the business of real-path.ts, when a
 * file is opened. No `vscode`, no `fs`.
 */
import * as nodePath from 'path';

/** A path under the folder, or why there is none (a sentence starting "refused:" for a location, naming the name for an image name). */
export type PathUnder = { path: string } | { refused: string };

/** The longest key S3 accepts, in UTF-8 bytes. */
export const MAX_KEY_BYTES = 1024;
/** The longest bucket name S3 has ever accepted (legacy names; today 63). */
export const MAX_BUCKET_CHARS = 255;

type PathApi = Pick<typeof nodePath, 'resolve' | 'relative' | 'isAbsolute' | 'sep'>;

/** `root/bucket/key` when the names allow it; otherwise why not. `api`: path or path.win32 (tests). */
export function locationPath(root: string, bucket: string, key: string, api: PathApi = nodePath): PathUnder {
  const folder = bucketPath(root, bucket, api);
  if ('refused' in folder) return folder;
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) return { refused: `refused: the key is longer than S3's ${MAX_KEY_BYTES} bytes.` };
  const segments = key.split('/');
  for (const segment of segments) {
    const problem = segmentProblem(segment, api);
    if (problem) return { refused: `refused: a part of the key ${problem}, so it names no file inside ${api.resolve(root)}.` };
  }
  return under(root, [bucket, ...segments], api);
}

/** `root/bucket`, the folder of a bucket, when its name allows it; otherwise why not. */
export function bucketPath(root: string, bucket: string, api: PathApi = nodePath): PathUnder {
  if (bucket.length > MAX_BUCKET_CHARS) return { refused: 'refused: the bucket name is longer than S3 allows.' };
  const problem = segmentProblem(bucket, api);
  if (problem) return { refused: `refused: the bucket ${problem}, so it names no folder inside ${api.resolve(root)}.` };
  return under(root, [bucket], api);
}

/**
 * `root/name` for a relative file name from an annotation (COCO `file_name`, VOC `<filename>`):
 * '/' and '\' both separate folders (files made on Windows), a leading "./" is dropped; an
 * absolute name, a drive, or a ".." anywhere is refused.
 */
export function namePath(root: string, name: string, api: PathApi = nodePath): PathUnder {
  const refuse = (why: string): PathUnder => ({ refused: `the image name "${shown(name)}" ${why}: it would be read outside the image folder, and is not.` });
  if (name.includes('\0')) return refuse('holds a NUL character');
  if (/^[A-Za-z]:/.test(name) || name.startsWith('/') || name.startsWith('\\') || api.isAbsolute(name)) return refuse('is an absolute path');
  const segments = name.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
  if (segments.length === 0) return refuse('names no file');
  for (const segment of segments) {
    if (/^[. ]+$/.test(segment)) return refuse(segment === '..' ? 'goes up a folder ("..")' : 'has a part made of dots');
    if (api.sep === '\\' && segment.includes(':')) return refuse("holds a ':' (a drive or a stream on Windows)");
  }
  const mapped = under(root, segments, api);
  return 'refused' in mapped ? refuse('resolves outside the folder') : mapped;
}

/** What is wrong with one path segment, or undefined. */
function segmentProblem(segment: string, api: PathApi): string | undefined {
  if (segment === '') return 'has an empty part (a leading, doubled or trailing "/")';
  if (segment === '.' || segment === '..') return `is "${segment}"`;
  if (/^[. ]+$/.test(segment)) return 'is made of dots and spaces';
  if (segment.includes('\\')) return 'holds a backslash';
  if (segment.includes('\0')) return 'holds a NUL character';
  if (api.sep === '\\' && segment.includes(':')) return "holds a ':' (a drive or a stream on Windows)";
  return undefined;
}

/** The resolved path when it is inside the resolved root. */
function under(root: string, segments: readonly string[], api: PathApi): PathUnder {
  const base = api.resolve(root);
  const file = api.resolve(base, ...segments);
  const rel = api.relative(base, file);
  if (rel === '' || rel === '..' || rel.startsWith('..' + api.sep) || api.isAbsolute(rel)) {
    return { refused: `refused: it resolves outside the folder ${base}.` };
  }
  return { path: file };
}

/** A name as a message shows it: control characters escaped, at most 200 characters. */
function shown(name: string): string {
  // eslint-disable-next-line no-control-regex
  const text = name.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
