/** S3 locations of manifests: the bucket-name rule CreateDataset applies, and `s3://bucket/key` (split by the manifest's one reader). Pure. */
import { s3Location } from '../manifest';

const BUCKET = /^[0-9A-Za-z.\-_]{3,255}$/;

/** The bucket names CreateDataset accepts for a manifest: 3-255 letters, digits, ".", "-" or "_". */
export function isManifestBucketName(name: string): boolean {
  return BUCKET.test(name);
}

/** Splits "s3://bucket/key" into its parts, or says what is wrong. */
export function parseS3Uri(input: string): { bucket: string; key: string } | { error: string } {
  const at = s3Location(input.trim());
  if (!at) return { error: 'Enter the manifest location as s3://bucket/path/to/file.manifest.' };
  const { bucket, key } = at;
  if (!isManifestBucketName(bucket)) {
    return { error: `"${bucket}" is not a valid bucket name: 3-255 letters, digits, ".", "-" or "_".` };
  }
  if (key.endsWith('/')) return { error: 'The key names a folder; give the manifest file itself.' };
  return { bucket, key };
}
