/**
 * Runs an upload plan (plan.ts) against S3: a local image with PutObject, or with a multipart
 * upload above MULTIPART_ABOVE bytes (CreateMultipartUpload, UploadPart of PART_SIZE, Complete;
 * aborted when it fails or is cancelled); an image of another bucket with CopyObject. A few at
 * once (`concurrency`), cancellable by an AbortSignal, progress with counts and bytes. Resumable:
 * an image already at its new place with the same size and ETag (etag.ts; for a copy, the
 * source's) is skipped, so running the plan again after a stop sends only the rest. Local files
 * are read through the folder's one safe mapping (src/folder-paths: nothing outside the folder).
 * What failed is said per image; one failure does not stop the others. No `vscode`.
 */
import { promises as fs } from 'fs';
import { locationFile } from '../folder-paths';
import { uploadEtag } from './etag';
import type { PlannedImage, UploadPlan } from './plan';
import type { S3Handle } from '../images';

/** Images larger than this go in a multipart upload. */
export const MULTIPART_ABOVE = 8 * 1024 * 1024;
/** The size of each part (S3: at least 5 MiB except the last). */
export const PART_SIZE = 8 * 1024 * 1024;
/** Images sent at once. */
export const UPLOAD_CONCURRENCY = 8;

export interface UploadProgress {
  /** Images finished (sent, skipped or failed) of `total`. */
  finished: number;
  total: number;
  sent: number;
  skipped: number;
  failed: number;
  /** Bytes of the images finished, and of every image known so far (a copy's size is known once its source is asked). */
  bytesDone: number;
  bytesTotal: number;
}

export interface UploadOptions {
  s3: S3Handle;
  /** The folder the local images are in (s3://bucket/key = DIR/bucket/key); needed for 'put'. */
  imagesDir?: string;
  signal?: AbortSignal;
  concurrency?: number;
  multipartAbove?: number;
  partSize?: number;
  onProgress?(progress: UploadProgress): void;
}

export interface UploadResult {
  progress: UploadProgress;
  /** The source-refs whose image is at its new place (sent now, or already there). */
  done: Set<string>;
  failures: Array<{ sourceRef: string; lines: number[]; message: string }>;
  cancelled: boolean;
}

class Cancelled extends Error {}

export async function runUpload(plan: UploadPlan, options: UploadOptions): Promise<UploadResult> {
  const multipartAbove = options.multipartAbove ?? MULTIPART_ABOVE;
  const partSize = options.partSize ?? PART_SIZE;
  const work = plan.images.filter((i) => i.action !== 'keep');
  const progress: UploadProgress = { finished: 0, total: work.length, sent: 0, skipped: 0, failed: 0, bytesDone: 0, bytesTotal: 0 };
  const result: UploadResult = { progress, done: new Set(plan.images.filter((i) => i.action === 'keep').map((i) => i.sourceRef)), failures: [], cancelled: false };
  const signal = options.signal;
  const { sdk, client } = options.s3;
  const report = () => options.onProgress?.({ ...progress });

  const check = () => {
    if (signal?.aborted) throw new Cancelled();
  };
  const send = async <T = unknown>(command: object): Promise<T> => {
    check();
    try {
      return (await client.send(command as never, { abortSignal: signal })) as T;
    } catch (e) {
      if (signal?.aborted || (e as Error).name === 'AbortError') throw new Cancelled();
      throw e;
    }
  };
  const headOf = async (bucket: string, key: string): Promise<{ size: number; etag: string } | undefined> => {
    try {
      const r = await send<{ ContentLength?: number; ETag?: string }>(new sdk.HeadObjectCommand({ Bucket: bucket, Key: key }));
      return { size: r.ContentLength ?? 0, etag: r.ETag ?? '' };
    } catch (e) {
      const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
      if (err.$metadata?.httpStatusCode === 404 || err.name === 'NotFound' || err.name === 'NoSuchKey') return undefined;
      throw e;
    }
  };

  // Local sizes first: the bytes to send are known before anything is sent.
  const files = new Map<PlannedImage, string>();
  for (const image of work) {
    if (image.action !== 'put') continue;
    if (!options.imagesDir) throw new Error('A local image needs the folder it is in (imagesDir).');
    const found = await locationFile(options.imagesDir, image.from.bucket, image.from.key);
    if ('path' in found) {
      files.set(image, found.real);
      progress.bytesTotal += (await fs.stat(found.real)).size;
    }
  }
  report();

  const putOne = async (image: PlannedImage): Promise<'sent' | 'skipped'> => {
    const file = files.get(image);
    if (!file) {
      const found = await locationFile(options.imagesDir!, image.from.bucket, image.from.key);
      throw new Error('refused' in found ? found.refused : 'missing' in found ? found.missing : `${image.sourceRef} cannot be read.`);
    }
    const data = await fs.readFile(file);
    const there = await headOf(image.to.bucket, image.to.key);
    if (there && there.size === data.length && there.etag === uploadEtag(data, multipartAbove, partSize)) {
      progress.bytesDone += data.length;
      return 'skipped';
    }
    if (data.length <= multipartAbove) {
      await send(new sdk.PutObjectCommand({ Bucket: image.to.bucket, Key: image.to.key, Body: data, ContentType: contentType(image.to.key) }));
    } else {
      await multipart(image, data);
    }
    progress.bytesDone += data.length;
    return 'sent';
  };

  const multipart = async (image: PlannedImage, data: Buffer) => {
    const created = await send<{ UploadId?: string }>(new sdk.CreateMultipartUploadCommand({ Bucket: image.to.bucket, Key: image.to.key, ContentType: contentType(image.to.key) }));
    const uploadId = created.UploadId!;
    try {
      const parts: Array<{ PartNumber: number; ETag?: string }> = [];
      for (let at = 0, n = 1; at < data.length; at += partSize, n++) {
        const part = await send<{ ETag?: string }>(
          new sdk.UploadPartCommand({ Bucket: image.to.bucket, Key: image.to.key, UploadId: uploadId, PartNumber: n, Body: data.subarray(at, at + partSize) }),
        );
        parts.push({ PartNumber: n, ETag: part.ETag });
      }
      await send(new sdk.CompleteMultipartUploadCommand({ Bucket: image.to.bucket, Key: image.to.key, UploadId: uploadId, MultipartUpload: { Parts: parts } }));
    } catch (e) {
      // Parts left behind are billed until aborted: abort, even when cancelled (no signal for this one).
      await client.send(new sdk.AbortMultipartUploadCommand({ Bucket: image.to.bucket, Key: image.to.key, UploadId: uploadId })).catch(() => undefined);
      throw e;
    }
  };

  const copyOne = async (image: PlannedImage): Promise<'sent' | 'skipped'> => {
    const source = await headOf(image.from.bucket, image.from.key);
    if (!source) throw new Error(`s3://${image.from.bucket}/${image.from.key} does not exist.`);
    progress.bytesTotal += source.size;
    const there = await headOf(image.to.bucket, image.to.key);
    if (there && there.size === source.size && there.etag === source.etag) {
      progress.bytesDone += source.size;
      return 'skipped';
    }
    await send(
      new sdk.CopyObjectCommand({
        Bucket: image.to.bucket,
        Key: image.to.key,
        CopySource: `${image.from.bucket}/${image.from.key.split('/').map(encodeURIComponent).join('/')}`,
      }),
    );
    progress.bytesDone += source.size;
    return 'sent';
  };

  let next = 0;
  const worker = async () => {
    while (next < work.length && !result.cancelled) {
      const image = work[next++]!;
      try {
        const outcome = image.action === 'put' ? await putOne(image) : await copyOne(image);
        progress[outcome]++;
        result.done.add(image.sourceRef);
      } catch (e) {
        if (e instanceof Cancelled || signal?.aborted) {
          result.cancelled = true;
          return;
        }
        progress.failed++;
        result.failures.push({ sourceRef: image.sourceRef, lines: image.lines, message: describe(e, image) });
      }
      progress.finished++;
      report();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? UPLOAD_CONCURRENCY, work.length)) }, worker));
  if (signal?.aborted) result.cancelled = true;
  return result;
}

function contentType(key: string): string | undefined {
  const ext = key.slice(key.lastIndexOf('.') + 1).toLowerCase();
  return ext === 'png' ? 'image/png' : ext === 'jpg' || ext === 'jpeg' ? 'image/jpeg' : undefined;
}

/** What failed for one image, said once: the S3 error's name and message, or the file's. */
function describe(e: unknown, image: PlannedImage): string {
  const err = e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const to = `s3://${image.to.bucket}/${image.to.key}`;
  if (err.$metadata?.httpStatusCode === 403 || err.name === 'AccessDenied') {
    return `${image.sourceRef} -> ${to}: access denied (${err.message ?? err.name}). The credentials in use need s3:PutObject on the bucket${image.action === 'copy' ? ' and s3:GetObject on the source' : ''}.`;
  }
  if (err.name === 'NoSuchBucket') return `${image.sourceRef} -> ${to}: the bucket does not exist. Create it, or choose another.`;
  return `${image.sourceRef} -> ${to}: ${err.name && err.name !== 'Error' ? `${err.name}: ` : ''}${err.message ?? 'failed'}`;
}
