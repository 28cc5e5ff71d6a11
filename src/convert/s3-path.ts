/** S3 locations of converted images, and the image names they are made of. Pure: no `vscode` import. */
import { namePath } from '../folder-paths';

/** True for `s3://bucket/key`. */
export function isS3Url(value: string): boolean {
  return /^s3:\/\/[^/\s]+\/\S/.test(value);
}

/**
 * The `--images` prefix as a folder URL (`s3://bucket/prefix/`), or a message saying what is
 * wrong with it. A missing final '/' is added: `s3://bucket/images` means the folder.
 */
export function imagesPrefix(value: string): { prefix: string } | { error: string } {
  const v = value.trim();
  const m = /^s3:\/\/([^/\s]+)(\/\S*)?$/.exec(v);
  if (!m) return { error: `"${value}" is not an S3 folder: write it as s3://bucket/prefix/ (where the images are, or will be, uploaded).` };
  const bucket = m[1];
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    return { error: `"${bucket}" is not a valid S3 bucket name (3-63 lower-case letters, digits, dots and hyphens).` };
  }
  const path = m[2] ?? '/';
  return { prefix: `s3://${bucket}${path.endsWith('/') ? path : `${path}/`}` };
}

/** The image's source-ref: the prefix joined with its relative name (back-slashes become '/'; a leading './' or '/' is dropped). */
export function joinS3(prefix: string, name: string): string {
  const rel = name.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/^\/+/, '');
  return prefix + rel;
}

/**
 * Why an image name from an annotation (COCO `file_name`, VOC `<filename>`) is refused: it goes
 * up a folder ('..') or is an absolute path, so it would be read outside the image folder (and
 * make a source-ref outside the images prefix). Undefined for a name inside the folder.
 */
export function imageNameProblem(name: string): string | undefined {
  const mapped = namePath('.', name);
  return 'refused' in mapped ? `${mapped.refused} Give the image's path inside the image folder.` : undefined;
}
