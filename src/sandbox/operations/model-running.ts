/**
 * StartProjectVersion, StopProjectVersion, DetectCustomLabels (rm-start, rm-stop,
 * detecting-custom-labels). Start: from TRAINING_COMPLETED or STOPPED, STARTING then RUNNING;
 * Stop: from RUNNING, STOPPING then STOPPED; anything else is ResourceInUseException.
 * DetectCustomLabels answers only a RUNNING model (else ResourceNotReadyException), for an image
 * in the S3 folder (S3Object) or sent as Bytes (matched to a known image by its content), with the
 * stand-in model's SIMULATED predictions (../models/stand-in.ts): MinConfidence is the floor
 * (without it, each label's threshold from the evaluation), MaxResults caps the answer, most
 * confident first; boxes as ratios of the image, only for an object-detection model.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import { locationFileSync } from '../../folder-paths';
import type { Context } from '../service/context';
import { ServiceError, inUse, invalidParameter, invalidS3Object, notReady } from '../service/errors';
import { type Body, optionalObject, optionalString } from '../service/input';
import type { KnownImage, ModelRecord } from '../state/records';
import { beginModel } from '../lifecycle/model-transitions';
import { predict } from '../models/stand-in';
import { findModel, requiredVersionArn } from './models';

export function startProjectVersion(ctx: Context, body: Body): Body {
  const arn = requiredVersionArn(body);
  const min = inferenceUnits(body, 'MinInferenceUnits', true)!;
  const max = inferenceUnits(body, 'MaxInferenceUnits', false);
  if (max !== undefined && max < min) throw invalidParameter(`MaxInferenceUnits (${max}) is less than MinInferenceUnits (${min}). Give a maximum at least the minimum, or leave it out.`);
  const m = findModel(ctx, arn);
  if (m.status !== 'TRAINING_COMPLETED' && m.status !== 'STOPPED') {
    throw inUse(`The model ${arn} is ${m.status}: only a model whose training completed, or a stopped one, can be started.`);
  }
  m.minInferenceUnits = min;
  m.maxInferenceUnits = max ?? min;
  m.statusMessage = 'The model is starting.';
  beginModel(ctx, m, 'STARTING', 'RUNNING');
  ctx.changed();
  return { Status: 'STARTING' };
}

export function stopProjectVersion(ctx: Context, body: Body): Body {
  const arn = requiredVersionArn(body);
  const m = findModel(ctx, arn);
  if (m.status !== 'RUNNING') throw inUse(`The model ${arn} is ${m.status}: only a running model can be stopped.`);
  m.statusMessage = 'The model is stopping.';
  beginModel(ctx, m, 'STOPPING', 'STOPPED');
  ctx.changed();
  return { Status: 'STOPPING' };
}

function inferenceUnits(body: Body, name: string, needed: boolean): number | undefined {
  const v = body[name];
  if (v === undefined || v === null) {
    if (needed) throw invalidParameter(`1 validation error detected: Value null at '${name.charAt(0).toLowerCase() + name.slice(1)}' failed to satisfy constraint: Member must not be null. Add ${name} (1 or more).`);
    return undefined;
  }
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw invalidParameter(`${name} must be an integer of at least 1, not ${JSON.stringify(v)}.`);
  return v;
}

/** The image size limits of DetectCustomLabels (limits: 4 MB as bytes, 15 MB in S3). */
const MAX_BYTES = 4 * 1024 * 1024;
const MAX_S3_BYTES = 15 * 1024 * 1024;

export function detectCustomLabels(ctx: Context, body: Body): Body {
  const arn = requiredVersionArn(body);
  const image = optionalObject(body, 'Image');
  if (!image) throw invalidParameter("1 validation error detected: Value null at 'image' failed to satisfy constraint: Member must not be null. Add Image (Bytes or S3Object).");
  const minConfidence = number(body, 'MinConfidence', 0, 100);
  const maxResults = number(body, 'MaxResults', 0, Number.MAX_SAFE_INTEGER, true);
  const hasBytes = image.Bytes !== undefined && image.Bytes !== null;
  const s3 = optionalObject(image, 'S3Object');
  if (hasBytes === (s3 !== undefined)) throw invalidParameter('Image needs exactly one of Bytes or S3Object.');
  let bytes: Buffer;
  let ref: string | undefined;
  if (hasBytes) {
    if (typeof image.Bytes !== 'string') throw invalidParameter('Image.Bytes must be base64 text.');
    bytes = Buffer.from(image.Bytes, 'base64');
    if (bytes.length === 0) throw invalidParameter('Image.Bytes is empty: send the image file.');
    if (bytes.length > MAX_BYTES) throw new ServiceError('ImageTooLargeException', `The image is ${bytes.length} bytes; DetectCustomLabels takes at most 4 MB as Bytes. Put it in S3 (up to 15 MB) and pass S3Object.`);
  } else {
    const bucket = optionalString(s3!, 'Bucket', 3, 255, /^[0-9A-Za-z.\-_]*$/);
    const name = optionalString(s3!, 'Name', 1, 1024);
    if (bucket === undefined || name === undefined) throw invalidParameter('Image.S3Object needs a Bucket and a Name.');
    const found = ctx.s3Root ? locationFileSync(ctx.s3Root, bucket, name) : { missing: 'no S3 folder' };
    if (!('path' in found)) throw invalidS3Object(`Unable to get object metadata from S3: s3://${bucket}/${name} is not in the sandbox's S3 folder. Check the bucket and key.`);
    const size = fs.statSync(found.path).size;
    if (size > MAX_S3_BYTES) throw new ServiceError('ImageTooLargeException', `s3://${bucket}/${name} is ${size} bytes; images in S3 may be at most 15 MB.`);
    bytes = fs.readFileSync(found.path);
    ref = `s3://${bucket}/${name}`;
  }
  if (!isPngOrJpeg(bytes)) throw new ServiceError('InvalidImageFormatException', 'Request has unsupported image format: DetectCustomLabels takes PNG and JPEG images.');
  const m = findModel(ctx, arn);
  if (m.status !== 'RUNNING') throw notReady(`The model ${arn} is ${m.status}: start it (StartProjectVersion) and wait for RUNNING, then detect.`);
  const known = ref !== undefined ? m.known?.find((k) => k.sourceRef === ref) ?? byContent(ctx, m, bytes) : byContent(ctx, m, bytes);
  if (!known || !m.modelType || !m.labels) return { CustomLabels: [] };
  const floor = (label: string) => (minConfidence !== undefined ? minConfidence : m.thresholds?.[label] ?? 50);
  const found = predict(known, m.modelType, m.labels, m.seed ?? 0)
    .filter((p) => p.confidence >= floor(p.label))
    .sort((a, b) => b.confidence - a.confidence || (a.label < b.label ? -1 : 1));
  const shown = maxResults !== undefined ? found.slice(0, maxResults) : found;
  return {
    CustomLabels: shown.map((p) => ({
      Name: p.label,
      Confidence: p.confidence,
      ...(p.box ? { Geometry: { BoundingBox: { Width: p.box.width, Height: p.box.height, Left: p.box.left, Top: p.box.top } } } : {}),
    })),
  };
}

function number(body: Body, name: string, min: number, max: number, integer = false): number | undefined {
  const v = body[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || (integer && !Number.isInteger(v)) || v < min || v > max) {
    throw invalidParameter(`${name} must be ${integer ? 'an integer' : 'a number'} from ${min}${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`}, not ${JSON.stringify(v)}.`);
  }
  return v;
}

function isPngOrJpeg(b: Buffer): boolean {
  return (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) || (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff);
}

/** The known image whose file in the S3 folder has these bytes (digests kept per model and file). */
const digests = new WeakMap<ModelRecord, Map<string, string>>();
function byContent(ctx: Context, m: ModelRecord, bytes: Buffer): KnownImage | undefined {
  if (!ctx.s3Root || !m.known) return undefined;
  const want = createHash('sha256').update(bytes).digest('hex');
  let cache = digests.get(m);
  if (!cache) digests.set(m, (cache = new Map()));
  for (const k of m.known) {
    let d = cache.get(k.sourceRef);
    if (d === undefined) {
      const loc = /^s3:\/\/([^/]+)\/(.+)$/.exec(k.sourceRef);
      const file = loc ? locationFileSync(ctx.s3Root, loc[1], loc[2]) : undefined;
      d = file && 'path' in file ? createHash('sha256').update(fs.readFileSync(file.path)).digest('hex') : '';
      cache.set(k.sourceRef, d);
    }
    if (d === want) return k;
  }
  return undefined;
}
