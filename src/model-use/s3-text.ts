/**
 * The text of a file training wrote (validation manifests, manifest summary), read through the
 * connection's S3 (the sandbox's folder in sandbox mode), with a bound on its size: a validation
 * manifest is a copy of a dataset ("copies of the training and testing datasets with error
 * information added", tm-debugging-scope-json-line), so at most 250,000 lines of 100,000
 * characters; we refuse above MAX_BYTES with what to do.
 */
import { CustomLabelsError } from '../rekognition';
import { createS3Source } from '../images';
import type { DatasetsContext } from '../ui/context';
import type { S3ObjectRef } from '../views/version-status';

const MAX_BYTES = 512 * 1024 * 1024;

export async function readS3Text(ctx: DatasetsContext, ref: S3ObjectRef, what: string): Promise<string> {
  const source = createS3Source(await ctx.connection.imageSettings());
  try {
    const head = await source.head(ref.bucket, ref.key);
    if (!head) throw new CustomLabelsError(`The ${what} s3://${ref.bucket}/${ref.key} is not there.`, 'NOT_FOUND', 'It may have been deleted from S3 after training.');
    if (head.size > MAX_BYTES) throw new CustomLabelsError(`The ${what} s3://${ref.bucket}/${ref.key} is ${head.size.toLocaleString('en-US')} bytes: too large to read here.`, 'TOO_LARGE', 'Download it from S3 and open it.');
    if (head.size === 0) return '';
    return new TextDecoder('utf-8').decode(await source.read(ref.bucket, ref.key, 0, head.size - 1));
  } finally {
    source.dispose();
  }
}
