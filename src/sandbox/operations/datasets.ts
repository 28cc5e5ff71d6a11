/** CreateDataset, DescribeDataset, DeleteDataset. */
import { ARN_MAX, ARN_MIN, DATASET_ARN_PATTERN, datasetArn } from '../service/arn';
import type { Context } from '../service/context';
import { alreadyExists, invalidParameter, invalidS3Object } from '../service/errors';
import { type Body, checkString, optionalObject, optionalString, requiredDatasetArn, requiredEnum, requiredProjectArn } from '../service/input';
import { labelsOf } from '../entries/ingest';
import { S3Folder } from '../s3/folder';
import type { DatasetPending, DatasetRecord, EntryRecord } from '../state/records';
import { Messages, complete } from '../lifecycle/status-messages';
import { beginDataset } from '../lifecycle/transitions';
import { findDataset, findProject, requireIdle } from './lookup';

const TYPES = ['TRAIN', 'TEST'] as const;
const BUCKET_PATTERN = /^[0-9A-Za-z.\-_]*$/;

export function createDataset(ctx: Context, body: Body): Body {
  const projectArn = requiredProjectArn(body);
  const type = requiredEnum(body, 'DatasetType', TYPES);
  optionalObject(body, 'Tags');
  const source = optionalObject(body, 'DatasetSource');
  const pending = source ? sourceOf(ctx, source) : { final: complete('CREATE_COMPLETE', Messages.created), entries: [] };
  const project = findProject(ctx, projectArn);
  if (project.feature !== 'CUSTOM_LABELS') {
    throw invalidParameter(`The project ${projectArn} is a ${project.feature} project; datasets belong to CUSTOM_LABELS projects.`);
  }
  const existing = ctx.state.datasetsOf(projectArn).find((d) => d.type === type);
  if (existing) {
    throw alreadyExists(`The project already has a ${type} dataset (${existing.arn}). A project holds one TRAIN and one TEST dataset: update the existing one, or delete it first.`);
  }
  const stamp = ctx.state.stamp();
  const ds: DatasetRecord = {
    arn: datasetArn(projectArn, type, stamp),
    projectArn,
    type,
    status: 'CREATE_IN_PROGRESS',
    statusMessage: Messages.creating,
    statusMessageCode: 'SUCCESS',
    created: stamp,
    lastUpdated: stamp,
    entries: [],
  };
  ctx.state.datasets.set(ds.arn, ds);
  beginDataset(ctx, ds, 'CREATE_IN_PROGRESS', Messages.creating, pending);
  ctx.changed();
  return { DatasetArn: ds.arn };
}

/** Validates DatasetSource (exactly one of GroundTruthManifest and DatasetArn) and returns what the dataset becomes. */
function sourceOf(ctx: Context, source: Body): Omit<DatasetPending, 'dueAt'> {
  const manifest = optionalObject(source, 'GroundTruthManifest');
  const copyArn = optionalString(source, 'DatasetArn', ARN_MIN, ARN_MAX, DATASET_ARN_PATTERN);
  if (manifest && copyArn) {
    throw invalidParameter('DatasetSource has both GroundTruthManifest and DatasetArn. Give one: a manifest in S3, or the ARN of a dataset to copy.');
  }
  if (copyArn) {
    const from = findDataset(ctx, copyArn);
    if (from.status !== 'CREATE_COMPLETE' && from.status !== 'UPDATE_COMPLETE' && from.status !== 'UPDATE_FAILED') {
      // CreateDataset's errors (the model) have no ResourceNotReady/ResourceInUse: the source is an invalid parameter.
      throw invalidParameter(`DatasetSource.DatasetArn names a dataset that is ${from.status} (${copyArn}); only a created dataset can be copied. Wait until DescribeDataset shows CREATE_COMPLETE or UPDATE_COMPLETE, then try again.`);
    }
    return { final: complete('CREATE_COMPLETE', Messages.created), entries: from.entries.map((e) => ({ ...e })) };
  }
  if (!manifest) {
    // An empty DatasetSource: the service creates an empty dataset.
    return { final: complete('CREATE_COMPLETE', Messages.created), entries: [] };
  }
  const s3 = optionalObject(manifest, 'S3Object');
  if (!s3) throw invalidS3Object('GroundTruthManifest has no S3Object. Give S3Object with the Bucket and Name (key) of the manifest.');
  const bucket = s3.Bucket;
  const key = s3.Name;
  if (typeof bucket !== 'string' || bucket.length < 3 || bucket.length > 255 || !BUCKET_PATTERN.test(bucket)) {
    throw invalidS3Object(`The S3 bucket name '${String(bucket)}' is not valid: 3-255 characters of letters, digits, '.', '-' and '_'.`);
  }
  if (typeof key !== 'string' || key.length < 1 || key.length > 1024) {
    throw invalidS3Object('The S3 object Name (the manifest key) must be 1-1024 characters.');
  }
  const version = s3.Version === undefined ? undefined : checkString('Version', s3.Version, 1, 1024);
  if (ctx.s3Root && !new S3Folder(ctx.s3Root).bucketExists(bucket)) {
    throw invalidS3Object(`The S3 bucket '${bucket}' does not exist (the sandbox serves S3 from ${ctx.s3Root}: create the folder ${bucket} there).`);
  }
  return { importFrom: { bucket, key, version } };
}

export function describeDataset(ctx: Context, body: Body): Body {
  const d = findDataset(ctx, requiredDatasetArn(body));
  return {
    DatasetDescription: {
      CreationTimestamp: d.created / 1000,
      LastUpdatedTimestamp: d.lastUpdated / 1000,
      Status: d.status,
      StatusMessage: d.statusMessage,
      StatusMessageCode: d.statusMessageCode,
      DatasetStats: statsOf(d),
    },
  };
}

/** Stats per entry list: lists are replaced, never changed in place, so a list's stats never change. */
const STATS = new WeakMap<readonly EntryRecord[], Body>();

export function statsOf(d: DatasetRecord): Body {
  let stats = STATS.get(d.entries);
  if (!stats) STATS.set(d.entries, (stats = computeStats(d)));
  return { ...stats };
}

function computeStats(d: DatasetRecord): Body {
  let labeled = 0;
  let errors = 0;
  for (const e of d.entries) {
    if (e.labeled) labeled++;
    if (e.hasErrors) errors++;
  }
  return { LabeledEntries: labeled, TotalEntries: d.entries.length, TotalLabels: labelsOf(d.entries).size, ErrorEntries: errors };
}

export function deleteDataset(ctx: Context, body: Body): Body {
  const d = findDataset(ctx, requiredDatasetArn(body));
  requireIdle(d, 'delete the dataset');
  beginDataset(ctx, d, 'DELETE_IN_PROGRESS', Messages.deleting, { remove: true });
  ctx.changed();
  return {};
}
