/**
 * Model versions through the one SDK call path (call.ts): train (CreateProjectVersion), list
 * (DescribeProjectVersions, every page), start, stop, delete, detect (DetectCustomLabels), with
 * the domain types the editor shows. The files training writes are named by their S3 location;
 * reading them is the caller's (src/models reads their text).
 */
import type { Caller } from './call';
import { throwIfCancelled } from './cancellation';
import { parseProjectArn } from './arn';
import { CustomLabelsError, type Cancellation } from './types';

export type ModelStatus =
  | 'TRAINING_IN_PROGRESS'
  | 'TRAINING_COMPLETED'
  | 'TRAINING_FAILED'
  | 'STARTING'
  | 'RUNNING'
  | 'FAILED'
  | 'STOPPING'
  | 'STOPPED'
  | 'DELETING'
  | 'COPYING_IN_PROGRESS'
  | 'COPYING_COMPLETED'
  | 'COPYING_FAILED'
  | 'DEPRECATED'
  | 'EXPIRED';

export interface S3ObjectRef {
  bucket: string;
  key: string;
}

export interface ModelVersion {
  arn: string;
  /** The version name (the ARN's `version/<name>/`). */
  name: string;
  status: ModelStatus;
  statusMessage?: string;
  created?: Date;
  trainingEnded?: Date;
  billableTrainingSeconds?: number;
  minInferenceUnits?: number;
  maxInferenceUnits?: number;
  output?: { bucket?: string; prefix?: string };
  /** EvaluationResult.F1Score. */
  f1?: number;
  /** EvaluationResult.Summary: the summary file (im-summary-file). */
  summary?: S3ObjectRef;
  /** ManifestSummary: manifest_summary.json (tm-debugging-summary). */
  manifestSummary?: S3ObjectRef;
  /** TrainingDataResult.Validation / TestingDataResult.Validation: the validation manifests (tm-debugging-scope-json-line). */
  trainingValidation?: S3ObjectRef;
  testingValidation?: S3ObjectRef;
  /** TestingDataResult.Output: the evaluation manifest snapshot of the test images. */
  testingSnapshot?: S3ObjectRef;
  trainingSnapshot?: S3ObjectRef;
}

export interface DetectedLabel {
  name: string;
  /** 0..100. */
  confidence: number;
  /** Ratios of the image (object detection models only). */
  box?: { left: number; top: number; width: number; height: number };
}

export type DetectImage = { bytes: Uint8Array } | { s3: S3ObjectRef };

const VERSION_NAME = /^[a-zA-Z0-9_.-]{1,255}$/;

function firstAsset(r: { Assets?: { GroundTruthManifest?: { S3Object?: { Bucket?: string; Name?: string } } }[] } | undefined): S3ObjectRef | undefined {
  const o = r?.Assets?.[0]?.GroundTruthManifest?.S3Object;
  return o?.Bucket && o.Name ? { bucket: o.Bucket, key: o.Name } : undefined;
}

function ref(o: { Bucket?: string; Name?: string } | undefined): S3ObjectRef | undefined {
  return o?.Bucket && o.Name ? { bucket: o.Bucket, key: o.Name } : undefined;
}

/** The domain model of one ProjectVersionDescription. */
export function toModelVersion(d: {
  ProjectVersionArn?: string;
  Status?: string;
  StatusMessage?: string;
  CreationTimestamp?: Date;
  TrainingEndTimestamp?: Date;
  BillableTrainingTimeInSeconds?: number;
  MinInferenceUnits?: number;
  MaxInferenceUnits?: number;
  OutputConfig?: { S3Bucket?: string; S3KeyPrefix?: string };
  EvaluationResult?: { F1Score?: number; Summary?: { S3Object?: { Bucket?: string; Name?: string } } };
  ManifestSummary?: { S3Object?: { Bucket?: string; Name?: string } };
  TrainingDataResult?: { Output?: Parameters<typeof firstAsset>[0]; Validation?: Parameters<typeof firstAsset>[0] };
  TestingDataResult?: { Output?: Parameters<typeof firstAsset>[0]; Validation?: Parameters<typeof firstAsset>[0] };
}): ModelVersion {
  const arn = d.ProjectVersionArn ?? '';
  const name = /\/version\/([^/]+)\/[0-9]+$/.exec(arn)?.[1] ?? arn;
  const m: ModelVersion = { arn, name, status: (d.Status ?? 'TRAINING_IN_PROGRESS') as ModelStatus };
  if (d.StatusMessage) m.statusMessage = d.StatusMessage;
  if (d.CreationTimestamp) m.created = d.CreationTimestamp;
  if (d.TrainingEndTimestamp) m.trainingEnded = d.TrainingEndTimestamp;
  if (d.BillableTrainingTimeInSeconds !== undefined) m.billableTrainingSeconds = d.BillableTrainingTimeInSeconds;
  if (d.MinInferenceUnits !== undefined) m.minInferenceUnits = d.MinInferenceUnits;
  if (d.MaxInferenceUnits !== undefined) m.maxInferenceUnits = d.MaxInferenceUnits;
  if (d.OutputConfig) m.output = { bucket: d.OutputConfig.S3Bucket, prefix: d.OutputConfig.S3KeyPrefix };
  if (d.EvaluationResult?.F1Score !== undefined) m.f1 = d.EvaluationResult.F1Score;
  const set = <K extends keyof ModelVersion>(k: K, v: ModelVersion[K] | undefined) => {
    if (v !== undefined) m[k] = v;
  };
  set('summary', ref(d.EvaluationResult?.Summary?.S3Object));
  set('manifestSummary', ref(d.ManifestSummary?.S3Object));
  set('trainingValidation', firstAsset(d.TrainingDataResult?.Validation));
  set('testingValidation', firstAsset(d.TestingDataResult?.Validation));
  set('trainingSnapshot', firstAsset(d.TrainingDataResult?.Output));
  set('testingSnapshot', firstAsset(d.TestingDataResult?.Output));
  return m;
}

/** Starts training a model from the project's datasets; the results go to s3://bucket/prefix. Returns its ARN. */
export async function trainModel(call: Caller, projectArn: string, versionName: string, output: { bucket: string; prefix?: string }, description?: string): Promise<string> {
  const project = parseProjectArn(projectArn);
  if (!VERSION_NAME.test(versionName)) {
    throw new CustomLabelsError(`The model name "${versionName}" is not allowed.`, 'INVALID_PARAMETER', 'Use 1 to 255 letters, digits, "_", "." and "-".');
  }
  const out = await call({ action: `Train model "${versionName}" of "${project.projectName}"`, operation: 'CreateProjectVersion', resource: projectArn }, ({ client, sdk }) =>
    client.send(
      new sdk.CreateProjectVersionCommand({
        ProjectArn: projectArn,
        VersionName: versionName,
        OutputConfig: { S3Bucket: output.bucket, S3KeyPrefix: output.prefix ?? '' },
        ...(description ? { VersionDescription: description } : {}),
      }),
    ),
  );
  return out.ProjectVersionArn ?? '';
}

/** Every model of the project (all pages), newest first as the service lists them; `names` narrows to those versions. */
export async function listModels(call: Caller, projectArn: string, options: { names?: string[]; pageSize?: number; cancellation?: Cancellation } = {}): Promise<ModelVersion[]> {
  const project = parseProjectArn(projectArn);
  const out: ModelVersion[] = [];
  let token: string | undefined;
  do {
    throwIfCancelled(options.cancellation, 'Listing models');
    const page = await call(
      { action: `List the models of "${project.projectName}"`, operation: 'DescribeProjectVersions', resource: projectArn },
      ({ client, sdk }, abortSignal) =>
        client.send(
          new sdk.DescribeProjectVersionsCommand({ ProjectArn: projectArn, MaxResults: options.pageSize ?? 100, NextToken: token, ...(options.names ? { VersionNames: options.names } : {}) }),
          { abortSignal },
        ),
      options.cancellation,
    );
    for (const d of page.ProjectVersionDescriptions ?? []) out.push(toModelVersion(d));
    token = page.NextToken || undefined;
  } while (token);
  return out;
}

/** One model, by ARN (undefined: no such model). */
export async function describeModel(call: Caller, modelArn: string): Promise<ModelVersion | undefined> {
  const m = /^(arn:.*:project\/[^/]+)\/version\/([^/]+)\/[0-9]+$/.exec(modelArn);
  if (!m) return undefined;
  const projectArn = await projectArnOf(call, m[1]);
  if (!projectArn) return undefined;
  return (await listModels(call, projectArn, { names: [m[2]] })).find((v) => v.arn === modelArn);
}

/** The project ARN a model ARN belongs to (a model's ARN holds its project's name, not its number). */
async function projectArnOf(call: Caller, prefix: string): Promise<string | undefined> {
  const name = prefix.slice(prefix.lastIndexOf('/') + 1);
  const out = await call({ action: `Find project "${name}"`, operation: 'DescribeProjects', resource: name }, ({ client, sdk }) =>
    client.send(new sdk.DescribeProjectsCommand({ ProjectNames: [name] })),
  );
  return out.ProjectDescriptions?.find((p) => p.ProjectArn?.startsWith(`${prefix}/`))?.ProjectArn;
}

export async function startModel(call: Caller, modelArn: string, minInferenceUnits = 1, maxInferenceUnits?: number): Promise<ModelStatus> {
  const out = await call({ action: 'Start the model', operation: 'StartProjectVersion', resource: modelArn }, ({ client, sdk }) =>
    client.send(new sdk.StartProjectVersionCommand({ ProjectVersionArn: modelArn, MinInferenceUnits: minInferenceUnits, ...(maxInferenceUnits ? { MaxInferenceUnits: maxInferenceUnits } : {}) })),
  );
  return (out.Status ?? 'STARTING') as ModelStatus;
}

export async function stopModel(call: Caller, modelArn: string): Promise<ModelStatus> {
  const out = await call({ action: 'Stop the model', operation: 'StopProjectVersion', resource: modelArn }, ({ client, sdk }) =>
    client.send(new sdk.StopProjectVersionCommand({ ProjectVersionArn: modelArn })),
  );
  return (out.Status ?? 'STOPPING') as ModelStatus;
}

export async function deleteModel(call: Caller, modelArn: string): Promise<ModelStatus> {
  const out = await call({ action: 'Delete the model', operation: 'DeleteProjectVersion', resource: modelArn }, ({ client, sdk }) =>
    client.send(new sdk.DeleteProjectVersionCommand({ ProjectVersionArn: modelArn })),
  );
  return (out.Status ?? 'DELETING') as ModelStatus;
}

/** The labels the running model finds in an image; `minConfidence` 0..100 (default: each label's threshold). */
export async function detectLabels(call: Caller, modelArn: string, image: DetectImage, options: { minConfidence?: number; maxResults?: number } = {}): Promise<DetectedLabel[]> {
  const out = await call({ action: 'Detect custom labels', operation: 'DetectCustomLabels', resource: modelArn }, ({ client, sdk }) =>
    client.send(
      new sdk.DetectCustomLabelsCommand({
        ProjectVersionArn: modelArn,
        Image: 'bytes' in image ? { Bytes: image.bytes } : { S3Object: { Bucket: image.s3.bucket, Name: image.s3.key } },
        ...(options.minConfidence !== undefined ? { MinConfidence: options.minConfidence } : {}),
        ...(options.maxResults !== undefined ? { MaxResults: options.maxResults } : {}),
      }),
    ),
  );
  return (out.CustomLabels ?? []).map((l) => {
    const b = l.Geometry?.BoundingBox;
    return {
      name: l.Name ?? '',
      confidence: l.Confidence ?? 0,
      ...(b ? { box: { left: b.Left ?? 0, top: b.Top ?? 0, width: b.Width ?? 0, height: b.Height ?? 0 } } : {}),
    };
  });
}
