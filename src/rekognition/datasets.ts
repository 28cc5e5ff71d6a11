/** Dataset operations: create, describe, delete, list entries (streamed), list labels. */
import {
  CustomLabelsError,
  type Cancellation,
  type Dataset,
  type DatasetSource,
  type DatasetType,
  type EntryFilter,
  type LabelStats,
} from './types';
import type { Caller } from './call';
import { ErrorCodes } from './errors';
import { parseDatasetArn, parseProjectArn } from './arn';
import { toDataset, toLabelStats } from './mapping';
import { throwIfCancelled } from './cancellation';
import { isManifestBucketName } from './s3-location';


function invalid(message: string, hint: string): CustomLabelsError {
  return new CustomLabelsError(message, ErrorCodes.invalidParameter, hint);
}

function checkSource(source: DatasetSource): void {
  if (source.kind === 's3') {
    if (!isManifestBucketName(source.bucket)) {
      throw invalid(
        `"${source.bucket}" is not a valid S3 bucket name for a manifest (3-255 letters, digits, ".", "-", "_").`,
        'Give the bucket name alone, without "s3://" or a key.',
      );
    }
    if (!source.key || source.key.length > 1024) {
      throw invalid('The manifest key is empty or longer than 1,024 characters.', 'Give the object key of the manifest file.');
    }
  } else if (source.kind === 'copy') {
    parseDatasetArn(source.datasetArn);
  }
}

export async function createDataset(
  call: Caller,
  projectArn: string,
  type: DatasetType,
  source: DatasetSource,
): Promise<string> {
  const project = parseProjectArn(projectArn);
  if (type !== 'TRAIN' && type !== 'TEST') {
    throw invalid(`"${String(type)}" is not a dataset type.`, 'Use TRAIN or TEST.');
  }
  checkSource(source);
  const DatasetSource =
    source.kind === 's3'
      ? { GroundTruthManifest: { S3Object: { Bucket: source.bucket, Name: source.key, ...(source.version ? { Version: source.version } : {}) } } }
      : source.kind === 'copy'
        ? { DatasetArn: source.datasetArn }
        : undefined;
  const out = await call(
    { action: `Create ${type.toLowerCase()} dataset in project "${project.projectName}"`, operation: 'CreateDataset', resource: projectArn },
    ({ client, sdk }) =>
      client.send(new sdk.CreateDatasetCommand({ ProjectArn: projectArn, DatasetType: type, ...(DatasetSource ? { DatasetSource } : {}) })),
  );
  if (!out.DatasetArn) {
    throw new CustomLabelsError('Create dataset failed: the service returned no ARN.', 'NO_ARN', 'Refresh the explorer.');
  }
  return out.DatasetArn;
}

export async function describeDataset(call: Caller, datasetArn: string, cancellation?: Cancellation): Promise<Dataset> {
  parseDatasetArn(datasetArn);
  const out = await call(
    { action: 'Describe dataset', operation: 'DescribeDataset', resource: datasetArn },
    ({ client, sdk }, abortSignal) => client.send(new sdk.DescribeDatasetCommand({ DatasetArn: datasetArn }), { abortSignal }),
    cancellation,
  );
  return toDataset(datasetArn, out.DatasetDescription);
}

export async function deleteDataset(call: Caller, datasetArn: string): Promise<void> {
  const arn = parseDatasetArn(datasetArn);
  await call(
    { action: `Delete ${arn.datasetType.toLowerCase()} dataset of "${arn.projectName}"`, operation: 'DeleteDataset', resource: datasetArn },
    ({ client, sdk }) => client.send(new sdk.DeleteDatasetCommand({ DatasetArn: datasetArn })),
  );
}

export function checkFilter(filter: EntryFilter): void {
  const labels = filter.containsLabels;
  if (labels && labels.length > 10) {
    throw invalid(`The filter names ${labels.length} labels; at most 10 are allowed.`, 'Filter on fewer labels.');
  }
  for (const l of labels ?? []) {
    if (typeof l !== 'string' || l.length < 1 || l.length > 255) {
      throw invalid(`The label filter "${String(l).slice(0, 40)}" must be 1-255 characters.`, 'Fix the label name in the filter.');
    }
  }
  if (filter.sourceRefContains !== undefined && (filter.sourceRefContains.length < 1 || filter.sourceRefContains.length > 2048)) {
    throw invalid('The source-ref filter must be 1-2048 characters.', 'Fix or clear the source-ref filter.');
  }
}

/** Streams a dataset's entries page by page (up to 100 per page); stops with CANCELLED when cancelled. */
export async function* listEntries(
  call: Caller,
  datasetArn: string,
  filter: EntryFilter = {},
  cancellation?: Cancellation,
): AsyncGenerator<string[], void, undefined> {
  parseDatasetArn(datasetArn);
  checkFilter(filter);
  const input = {
    DatasetArn: datasetArn,
    MaxResults: 100,
    ...(filter.containsLabels?.length ? { ContainsLabels: filter.containsLabels } : {}),
    ...(filter.labeled !== undefined ? { Labeled: filter.labeled } : {}),
    ...(filter.sourceRefContains ? { SourceRefContains: filter.sourceRefContains } : {}),
    ...(filter.hasErrors !== undefined ? { HasErrors: filter.hasErrors } : {}),
  };
  let token: string | undefined;
  do {
    throwIfCancelled(cancellation, 'Listing dataset entries');
    const out = await call(
      { action: 'List dataset entries', operation: 'ListDatasetEntries', resource: datasetArn },
      ({ client, sdk }, abortSignal) =>
        client.send(new sdk.ListDatasetEntriesCommand({ ...input, NextToken: token }), { abortSignal }),
      cancellation,
    );
    token = out.NextToken || undefined;
    const page = out.DatasetEntries ?? [];
    if (page.length > 0 || !token) yield page;
  } while (token);
}

export async function listLabels(call: Caller, datasetArn: string, cancellation?: Cancellation): Promise<LabelStats[]> {
  parseDatasetArn(datasetArn);
  const labels: LabelStats[] = [];
  let token: string | undefined;
  do {
    throwIfCancelled(cancellation, 'Listing dataset labels');
    const out = await call(
      { action: 'List dataset labels', operation: 'ListDatasetLabels', resource: datasetArn },
      ({ client, sdk }, abortSignal) =>
        client.send(new sdk.ListDatasetLabelsCommand({ DatasetArn: datasetArn, MaxResults: 100, NextToken: token }), { abortSignal }),
      cancellation,
    );
    for (const l of out.DatasetLabelDescriptions ?? []) labels.push(toLabelStats(l));
    token = out.NextToken || undefined;
  } while (token);
  return labels;
}

/** Sends one UpdateDatasetEntries call with the given body. */
export async function updateEntries(call: Caller, datasetArn: string, body: Uint8Array): Promise<void> {
  await call({ action: 'Push to dataset', operation: 'UpdateDatasetEntries', resource: datasetArn }, ({ client, sdk }) =>
    client.send(new sdk.UpdateDatasetEntriesCommand({ DatasetArn: datasetArn, Changes: { GroundTruth: body } })),
  );
}

export async function distributeEntries(call: Caller, trainArn: string, testArn: string): Promise<void> {
  await call({ action: 'Distribute the training dataset', operation: 'DistributeDatasetEntries', resource: trainArn }, ({ client, sdk }) =>
    client.send(new sdk.DistributeDatasetEntriesCommand({ Datasets: [{ Arn: trainArn }, { Arn: testArn }] })),
  );
}
