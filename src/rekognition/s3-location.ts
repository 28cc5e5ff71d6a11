/** S3 locations of manifests: the bucket-name rule CreateDataset applies, and `s3://bucket/key`. Pure. */

const BUCKET = /^[0-9A-Za-z.\-_]{3,255}$/;

/** The bucket names CreateDataset accepts for a manifest: 3-255 letters, digits, ".", "-" or "_". */
export function isManifestBucketName(name: string): boolean {
  return BUCKET.test(name);
}

/** Splits "s3://bucket/key" into its parts, or says what is wrong. */
export function parseS3Uri(input: string): { bucket: string; key: string } | { error: string } {
  const text = input.trim();
  const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(text);
  if (!m) return { error: 'Enter the manifest location as s3://bucket/path/to/file.manifest.' };
  const [, bucket, key] = m;
  if (!isManifestBucketName(bucket!)) {
    return { error: `"${bucket}" is not a valid bucket name: 3-255 letters, digits, ".", "-" or "_".` };
  }
  if (key!.endsWith('/')) return { error: 'The key names a folder; give the manifest file itself.' };
  return { bucket: bucket!, key: key! };
}
