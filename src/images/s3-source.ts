/**
 * Images from S3 through @aws-sdk/client-s3 (the AWS layer's dist/aws-s3.js), loaded on the first read (like the Rekognition
 * client: a manifest that is only validated never loads it). Same region, credentials and retry
 * settings as the rest; the endpoint only where it is an S3 endpoint too (the sandbox).
 * A check's read is one ranged GetObject: its Content-Range carries the object's size and its
 * ETag header the ETag, so no HeadObject. Throttled answers (SlowDown, 503, 429), retried by the
 * SDK or not, are told to onThrottled's listeners: the check reads fewer images at once.
 * Only `import type` from the SDK at the top level.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { type ConnectionSettings, checkSettings, type loadS3Sdk } from '../rekognition';
import { createS3Client } from './s3-client';
import { type ByteRange, type ImageObject, ImageReadError, type ImageSource, type RangeRead } from './source';

/** Images read at once from S3: this many first, up to MAX while S3 answers without throttling. */
export const S3_CONCURRENCY = { start: 32, max: 64 } as const;
/** Sockets per host: a check's header and tail reads of MAX images at once, and the gallery's. */
const MAX_SOCKETS = 2 * S3_CONCURRENCY.max;

const THROTTLE_NAMES = new Set(['SlowDown', 'Throttling', 'ThrottlingException', 'ThrottledException', 'RequestThrottled', 'RequestLimitExceeded', 'TooManyRequests', 'TooManyRequestsException']);

/** S3 asking to slow down: SlowDown (503), 503 without a body (HEAD), 429, or a throttling error name. */
export function isThrottled(e: unknown): boolean {
  const err = e as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  const status = err?.$metadata?.httpStatusCode;
  return status === 503 || status === 429 || THROTTLE_NAMES.has(err?.name ?? '') || THROTTLE_NAMES.has(err?.Code ?? '');
}

/** The object's size from a Content-Range answer ("bytes 0-16383/123456"); undefined when absent or "*". */
function totalOf(contentRange: string | undefined): number | undefined {
  const m = /\/(\d+)\s*$/.exec(contentRange ?? '');
  return m ? Number(m[1]) : undefined;
}

/** At most `n` bytes of a body; a body longer than asked (a range not honoured) is not read further. */
async function atMost(body: unknown, n: number): Promise<Uint8Array> {
  if (!body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let got = 0;
  for await (const chunk of body as AsyncIterable<Uint8Array>) {
    chunks.push(chunk);
    got += chunk.length;
    if (got >= n) break; // leaving the loop destroys the stream
  }
  const all = Buffer.concat(chunks);
  return all.length > n ? all.subarray(0, n) : all;
}

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
  const throttleListeners = new Set<() => void>();
  const get = () => {
    pending ??= (async () => {
      const { sdk, client } = await createS3Client(settings, MAX_SOCKETS);
      // Each attempt's answer passes here (inside the SDK's retries): throttling is seen even when a retry succeeds.
      client.middlewareStack.add(
        (next) => async (args) => {
          try {
            return await next(args);
          } catch (e) {
            if (isThrottled(e)) for (const listener of throttleListeners) listener();
            throw e;
          }
        },
        { step: 'deserialize', priority: 'high', name: 'customLabelsThrottleWatch' },
      );
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
    if (isThrottled(e)) {
      throw new ImageReadError(`${what}: S3 kept asking to slow down (${err.name ?? status}) after retries. Check the images again later.`, 'throttled');
    }
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
  const notFound = (e: unknown): boolean => {
    const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
    return err.$metadata?.httpStatusCode === 404 || err.name === 'NotFound' || err.name === 'NoSuchKey' || err.name === 'NoSuchBucket';
  };
  const source: ImageSource = {
    where,
    concurrency: S3_CONCURRENCY,
    onThrottled(listener) {
      throttleListeners.add(listener);
      return () => throttleListeners.delete(listener);
    },
    async readRange(bucket, key, range: ByteRange, signal): Promise<RangeRead | undefined> {
      const { sdk, client } = await get();
      const header = 'suffix' in range ? `bytes=-${range.suffix}` : `bytes=${range.start}-${range.end}`;
      const wanted = 'suffix' in range ? range.suffix : range.end - range.start + 1;
      try {
        const r = await client.send(new sdk.GetObjectCommand({ Bucket: bucket, Key: key, Range: header }), { abortSignal: signal });
        const total = totalOf(r.ContentRange);
        const size = total ?? r.ContentLength ?? 0;
        // No Content-Range: the whole object came (a range not honoured). Its first bytes serve; its last do not.
        if (total === undefined && 'suffix' in range && size > wanted) {
          await r.Body?.transformToByteArray().catch(() => undefined);
          throw new ImageReadError(`GetObject s3://${bucket}/${key}: ${where} answered the whole object to a request for its last bytes.`, 'failed');
        }
        // A range honoured (Content-Range) brings at most what was asked; otherwise only that much is read.
        const bytes = total !== undefined ? ((await r.Body?.transformToByteArray()) ?? new Uint8Array()) : await atMost(r.Body, wanted);
        return { bytes, size, etag: r.ETag ?? '' };
      } catch (e) {
        if (e instanceof ImageReadError) throw e;
        if (notFound(e)) return undefined;
        // 416: no byte in the range, so the object is empty (a check's ranges start at 0, or are suffixes).
        if ((e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 416) {
          const head = await source.head(bucket, key, signal);
          return head && { bytes: new Uint8Array(), size: head.size, etag: head.etag };
        }
        return fail(e, `GetObject s3://${bucket}/${key}`);
      }
    },
    async head(bucket, key, signal): Promise<ImageObject | undefined> {
      const { sdk, client } = await get();
      try {
        const r = await client.send(new sdk.HeadObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
        return { size: r.ContentLength ?? 0, etag: r.ETag ?? '' };
      } catch (e) {
        if (notFound(e)) return undefined;
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
  return source;
}
