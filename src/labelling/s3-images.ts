/**
 * The images under an S3 prefix, for Label Images: ListObjectsV2 page by page (1,000 keys each,
 * its continuation token), the .jpg, .jpeg and .png keys kept, in S3's order. Cancellable between
 * pages. The SDK comes from the caller (the AWS layer's dist/aws-s3.js). No `vscode`.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { isImageName } from './image-names';

type S3Sdk = typeof import('@aws-sdk/client-s3');

export async function listS3Images(
  s3: { sdk: Pick<S3Sdk, 'ListObjectsV2Command'>; client: S3Client },
  bucket: string,
  prefix: string,
  options: { signal?: AbortSignal; onPage?(found: number): void } = {},
): Promise<string[]> {
  const refs: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.client.send(new s3.sdk.ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }), { abortSignal: options.signal });
    for (const o of page.Contents ?? []) if (o.Key && !o.Key.endsWith('/') && isImageName(o.Key)) refs.push(`s3://${bucket}/${o.Key}`);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
    options.onPage?.(refs.length);
  } while (token);
  return refs;
}
