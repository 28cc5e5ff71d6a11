/**
 * CreateProjectVersion, DescribeProjectVersions (paged), DeleteProjectVersion (training-model,
 * managing-model, tm-delete-model). Training checks the project's datasets with the training-
 * readiness rules when its time is up (../models/training-run.ts); the model is a SIMULATED
 * stand-in (../models/stand-in.ts). A project's datasets must be complete to train: a dataset
 * in progress is ResourceInUseException; a project without a training dataset, or a request
 * naming TrainingData/TestingData for a project that has datasets, InvalidParameterException.
 * No delete while training, starting, running or stopping (ResourceInUseException).
 */
import { PROJECT_VERSION_ARN_PATTERN, VERSION_NAME_PATTERN, projectVersionArn, ARN_MIN, ARN_MAX } from '../service/arn';
import type { Context } from '../service/context';
import { inUse, invalidParameter, notFound } from '../service/errors';
import { type Body, checkString, optionalList, optionalObject, optionalString, paging, requiredProjectArn, requiredString, required } from '../service/input';
import { page } from '../service/pagination';
import type { ModelRecord } from '../state/records';
import { findProject } from './lookup';
import { TRAINING_DELAYS, beginModel } from '../lifecycle/model-transitions';

export function requiredVersionArn(body: Body): string {
  return requiredString(body, 'ProjectVersionArn', ARN_MIN, ARN_MAX, PROJECT_VERSION_ARN_PATTERN);
}

export function findModel(ctx: Context, arn: string): ModelRecord {
  const m = ctx.state.models.get(arn);
  if (!m || m.status === 'DELETING') throw notFound(`The model ${arn} does not exist. Check the ARN (DescribeProjectVersions lists a project's models); it may have been deleted.`);
  return m;
}

export function createProjectVersion(ctx: Context, body: Body): Body {
  const projectArn = requiredProjectArn(body);
  const versionName = requiredString(body, 'VersionName', 1, 255, VERSION_NAME_PATTERN);
  const output = required(body, 'OutputConfig');
  if (typeof output !== 'object' || output === null || Array.isArray(output)) throw invalidParameter("1 validation error detected: Value at 'outputConfig' failed to satisfy constraint: Member must be a structure");
  const bucket = optionalString(output as Body, 'S3Bucket', 3, 255, /^[0-9A-Za-z.\-_]*$/);
  const prefix = optionalString(output as Body, 'S3KeyPrefix', 0, 1024) ?? '';
  if (bucket === undefined) throw invalidParameter('OutputConfig.S3Bucket is missing: name the S3 bucket training writes its results to.');
  const trainingData = optionalObject(body, 'TrainingData');
  const testingData = optionalObject(body, 'TestingData');
  optionalObject(body, 'Tags');
  optionalString(body, 'KmsKeyId', 1, 2048);
  const description = optionalString(body, 'VersionDescription', 1, 255);
  optionalObject(body, 'FeatureConfig');
  const project = findProject(ctx, projectArn);
  if (project.status !== 'CREATED') throw inUse(`The project ${projectArn} is ${project.status}. Wait until DescribeProjects shows it CREATED, then train.`);
  if (project.feature !== 'CUSTOM_LABELS') throw invalidParameter(`The project ${projectArn} is a ${project.feature} project: the sandbox trains Custom Labels models only.`);
  const datasets = ctx.state.datasetsOf(projectArn);
  if (datasets.length > 0 && (trainingData || testingData)) {
    throw invalidParameter('The project has datasets: train from them without TrainingData and TestingData (those name manifest files for a project without datasets).');
  }
  const train = datasets.find((d) => d.type === 'TRAIN');
  if (!train) throw invalidParameter(`The project ${projectArn} has no training dataset. Create one (CreateDataset, DatasetType TRAIN), then train.`);
  const busy = datasets.find((d) => d.status.endsWith('_IN_PROGRESS'));
  if (busy) throw inUse(`The ${busy.type} dataset ${busy.arn} is ${busy.status}. Wait until DescribeDataset shows a *_COMPLETE status, then train.`);
  const failed = datasets.find((d) => d.status === 'CREATE_FAILED');
  if (failed) throw invalidParameter(`The ${failed.type} dataset ${failed.arn} is CREATE_FAILED (${failed.statusMessage}). Delete it and create it again, then train.`);
  for (const m of ctx.state.modelsOf(projectArn)) {
    if (m.versionName === versionName) throw inUse(`The project already has a model named '${versionName}' (${m.arn}). Choose another VersionName.`);
  }
  const stamp = ctx.state.stamp(ctx.scheduler.now());
  const model: ModelRecord = {
    arn: projectVersionArn(projectArn, versionName, stamp),
    projectArn,
    versionName,
    ...(description ? { versionDescription: description } : {}),
    status: 'TRAINING_IN_PROGRESS',
    statusMessage: 'The model is being trained.',
    created: stamp,
    output: { bucket, prefix },
    trainArn: train.arn,
    testArn: datasets.find((d) => d.type === 'TEST')?.arn,
  };
  ctx.state.models.set(model.arn, model);
  beginModel(ctx, model, 'TRAINING_IN_PROGRESS', 'TRAINING_COMPLETED', TRAINING_DELAYS);
  ctx.changed();
  return { ProjectVersionArn: model.arn };
}

export function describeProjectVersions(ctx: Context, body: Body): Body {
  const projectArn = requiredProjectArn(body);
  const names = optionalList(body, 'VersionNames', 1, 10)?.map((n) => checkString('VersionNames', n, 1, 255, VERSION_NAME_PATTERN));
  const { maxResults, nextToken } = paging(body);
  findProject(ctx, projectArn);
  const scope = JSON.stringify(['DescribeProjectVersions', projectArn, names ?? null]);
  // Newest first, as the console lists them.
  const result = page(ctx.cursors, nextToken, maxResults, scope, () =>
    ctx.state.modelsOf(projectArn).filter((m) => !names || names.includes(m.versionName)).sort((a, b) => b.created - a.created).map((m) => m.arn),
  );
  return {
    ProjectVersionDescriptions: result.items.map((arn) => ctx.state.models.get(arn)).filter((m): m is ModelRecord => m !== undefined).map(describeModel),
    NextToken: result.nextToken,
  };
}

const asset = (bucket: string, key: string | undefined) => (key ? [{ GroundTruthManifest: { S3Object: { Bucket: bucket, Name: key } } }] : []);

function describeModel(m: ModelRecord): Body {
  const f = m.files;
  const out: Body = {
    ProjectVersionArn: m.arn,
    CreationTimestamp: m.created / 1000,
    Status: m.status,
    StatusMessage: m.statusMessage,
    OutputConfig: { S3Bucket: m.output.bucket, S3KeyPrefix: m.output.prefix },
    Feature: 'CUSTOM_LABELS',
    ...(m.versionDescription ? { VersionDescription: m.versionDescription } : {}),
  };
  if (m.trainingEnded !== undefined) {
    out.TrainingEndTimestamp = m.trainingEnded / 1000;
    out.BillableTrainingTimeInSeconds = Math.max(0, Math.round((m.trainingEnded - m.created) / 1000));
  }
  if (m.minInferenceUnits !== undefined) out.MinInferenceUnits = m.minInferenceUnits;
  if (m.maxInferenceUnits !== undefined) out.MaxInferenceUnits = m.maxInferenceUnits;
  if (f) {
    out.TrainingDataResult = { Input: { Assets: [] }, Output: { Assets: asset(f.bucket, f.trainingSnapshot) }, Validation: { Assets: asset(f.bucket, f.trainingValidation) } };
    if (f.testingValidation || f.testingSnapshot) {
      out.TestingDataResult = { Input: { Assets: [], AutoCreate: m.testArn === undefined }, Output: { Assets: asset(f.bucket, f.testingSnapshot) }, Validation: { Assets: asset(f.bucket, f.testingValidation) } };
    }
    if (f.manifestSummary) out.ManifestSummary = { S3Object: { Bucket: f.bucket, Name: f.manifestSummary } };
    if (f.summary && m.f1 !== undefined) out.EvaluationResult = { F1Score: m.f1, Summary: { S3Object: { Bucket: f.bucket, Name: f.summary } } };
  }
  return out;
}

export function deleteProjectVersion(ctx: Context, body: Body): Body {
  const arn = requiredVersionArn(body);
  const m = ctx.state.models.get(arn);
  if (!m) throw notFound(`The model ${arn} does not exist. Check the ARN (DescribeProjectVersions lists a project's models).`);
  if (m.status === 'DELETING') return { Status: 'DELETING' };
  if (m.status === 'TRAINING_IN_PROGRESS' || m.status === 'STARTING' || m.status === 'RUNNING' || m.status === 'STOPPING') {
    throw inUse(`The model ${arn} is ${m.status}: a model cannot be deleted while it is training or running. ${m.status === 'TRAINING_IN_PROGRESS' ? 'Wait for training to end' : 'Stop it (StopProjectVersion) and wait for STOPPED'}, then delete it.`);
  }
  beginModel(ctx, m, 'DELETING', 'GONE');
  ctx.changed();
  return { Status: 'DELETING' };
}
