/**
 * The text of one S3 object, through the connection's S3 (the sandbox's folder in sandbox mode):
 * what training writes (the summary file, the evaluation manifest snapshot, the validation
 * manifests, the manifest summary), read whole. Refused with what to do when it is not there or
 * weighs more than the reader allows.
 */
import { CustomLabelsError } from '../rekognition';
import { createS3Source } from '../images';
import type { DatasetsContext } from './context';

/** `what` names the file in messages ("The summary file"). */
export async function readS3Text(ctx: DatasetsContext, ref: { bucket: string; key: string }, what: string, maxBytes: number): Promise<string> {
  const source = createS3Source(await ctx.connection.imageSettings());
  try {
    const head = await source.head(ref.bucket, ref.key);
    if (!head) throw new CustomLabelsError(`${what} s3://${ref.bucket}/${ref.key} is not there.`, 'NOT_FOUND', 'It may have been deleted from S3 after training.');
    if (head.size > maxBytes) throw new CustomLabelsError(`${what} s3://${ref.bucket}/${ref.key} is ${head.size.toLocaleString('en-US')} bytes: more than the ${maxBytes.toLocaleString('en-US')} this reads.`, 'TOO_LARGE', 'Download it from S3 and open it.');
    if (head.size === 0) return '';
    const bytes = await source.read(ref.bucket, ref.key, 0, head.size - 1);
    return new TextDecoder('utf-8').decode(bytes);
  } finally {
    source.dispose();
  }
}
