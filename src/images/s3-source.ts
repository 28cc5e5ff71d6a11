/**
 * Images from S3 through @aws-sdk/client-s3 (the AWS layer's dist/aws-s3.js), loaded on the first read (like the Rekognition
 * client: a manifest that is only validated never loads it). Same region, credentials and retry
 * settings as the rest; the endpoint only where it is an S3 endpoint too (the sandbox).
 * Only `import type` from the SDK at the top level.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { type ConnectionSettings, USER_AGENT, checkSettings, loadS3Sdk, resolveCredentials } from '../rekognition';
import { type ImageObject, ImageReadError, type ImageSource } from './source';

export interface S3SourceSettings {
  connection: ConnectionSettings;
  /**
   * Where S3 requests go, path-style (the sandbox: its endpoint). Undefined: AWS's S3 endpoint
   * for the region (the Rekognition endpoint override is never used for S3).
   */
  s3Endpoint?: string;
}

type S3Sdk = Awaited<ReturnType<typeof loadS3Sdk>>['s3'];

export function createS3Source(settings: S3SourceSettings): ImageSource {
  checkSettings(settings.connection);
  let pending: Promise<{ sdk: S3Sdk; client: S3Client }> | undefined;
  const get = () => {
    pending ??= (async () => {
      const sdk = (await loadS3Sdk()).s3;
      const credentials = await resolveCredentials(settings.connection);
      const client = new sdk.S3Client({
        region: settings.connection.region,
        credentials,
        ...(settings.s3Endpoint ? { endpoint: settings.s3Endpoint, forcePathStyle: true } : {}),
        maxAttempts: Math.min(settings.connection.maxAttempts ?? 3, 10),
        customUserAgent: [USER_AGENT],
      });
      return { sdk, client };
    })();
    pending.catch(() => {
      pending = undefined;
    });
    return pending;
  };
  const where = settings.s3Endpoint ? `S3 at ${settings.s3Endpoint}` : 'S3';
  const fail = (e: unknown, what: string): never => {
    const err = e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
    if (err.name === 'AbortError') throw new ImageReadError('The check was cancelled.', 'cancelled');
    const status = err.$metadata?.httpStatusCode;
    if (status === 403 || err.name === 'AccessDenied' || err.name === 'Forbidden') {
      throw new ImageReadError(`${what}: access denied. The credentials in use need s3:GetObject on the images' bucket.`, 'denied');
    }
    if (status === undefined) {
      // No HTTP answer (refused, unknown host, timed out) or no credentials: S3 cannot be used at all.
      const credentials = err.name === 'CredentialsProviderError' || /credential/i.test(err.message ?? '');
      throw new ImageReadError(
        credentials
          ? `no AWS credentials for S3 (${err.message ?? err.name}). Pick a profile that has them, or check the images from a local folder.`
          : `${where} did not answer (${err.message ?? err.name ?? 'no response'}). Check the endpoint and the network, or check the images from a local folder.`,
        'unavailable',
      );
    }
    throw new ImageReadError(`${what}: ${err.name ?? 'error'}${err.message ? ` (${err.message})` : ''}.`, 'failed');
  };
  return {
    where,
    async head(bucket, key, signal): Promise<ImageObject | undefined> {
      const { sdk, client } = await get();
      try {
        const r = await client.send(new sdk.HeadObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
        return { size: r.ContentLength ?? 0, etag: r.ETag ?? '' };
      } catch (e) {
        const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
        if (err.$metadata?.httpStatusCode === 404 || err.name === 'NotFound' || err.name === 'NoSuchKey' || err.name === 'NoSuchBucket') return undefined;
        return fail(e, `HeadObject s3://${bucket}/${key}`);
      }
    },
    async read(bucket, key, start, end, signal): Promise<Uint8Array> {
      const { sdk, client } = await get();
      try {
        const r = await client.send(new sdk.GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=${start}-${end}` }), { abortSignal: signal });
        return (await r.Body?.transformToByteArray()) ?? new Uint8Array();
      } catch (e) {
        return fail(e, `GetObject s3://${bucket}/${key}`);
      }
    },
    dispose() {
      void pending?.then((h) => h.client.destroy()).catch(() => undefined);
      pending = undefined;
    },
  };
}
