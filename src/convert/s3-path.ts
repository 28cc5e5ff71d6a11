/** S3 locations of converted images. Pure: no `vscode` import. */

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
