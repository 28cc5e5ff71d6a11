/**
 * The one reader of `s3://bucket/key`: the bucket is everything up to the first '/' after
 * "s3://" (at least one character), the key everything after it (at least one character, no
 * line break). It says where an object is, not whether the names are valid or safe: the
 * validator's bucket rule is in rules/check-line.ts, and a folder standing in for S3 maps a
 * location to a file only through src/folder-paths. Pure: no `vscode` import.
 */

export interface S3Location {
  bucket: string;
  key: string;
}

const S3_URI = /^s3:\/\/([^/]+)\/(.+)$/;

/** `s3://bucket/key` split into its bucket and key; undefined for anything else. */
export function s3Location(uri: string): S3Location | undefined {
  const m = S3_URI.exec(uri);
  return m ? { bucket: m[1]!, key: m[2]! } : undefined;
}
