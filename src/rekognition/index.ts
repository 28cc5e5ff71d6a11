/**
 * The Custom Labels service layer. Importing this module does not load the AWS SDK; the first
 * call that reaches AWS does.
 */
export * from './types';
export { createCustomLabelsService, type DisposableCustomLabelsService, type ServiceDeps } from './service';
export { parseDatasetArn, parseProjectArn, isDatasetArn, isProjectArn, type DatasetArn, type ProjectArn } from './arn';
export { toCustomLabelsError, mayHaveBeenApplied, ErrorCodes, type CallContext } from './errors';
export { createCancellationSource, type CancellationSource } from './cancellation';
export { DatasetFailedError, backoffDelay } from './wait';
export { isComplete, isFailed, isInProgress, statusPhase, type StatusPhase } from './status';
export { MAX_BATCH_BYTES, packBatches, lineBytes } from './pack';
export {
  planPush,
  linesToSend,
  linesNotSent,
  type LineValidator,
  type PlannedLine,
  type InvalidLine,
  type PushPlan,
} from './push-plan';
export { canonicalEntry, diffEntries, ONLY_IN_DATASET_LISTED } from './push-diff';
export { MIN_IMAGES_PER_LABEL, checkDistributePreconditions, checkTrainingForDistribute } from './distribute';
export { describeSettings, checkSettings, resolveCredentials, USER_AGENT } from './client';
export { loadS3Sdk } from './load-aws';
export { isManifestBucketName, parseS3Uri } from './s3-location';
export { loadAwsSdk, type AwsSdk } from './load-aws';
export {
  trainModel,
  listModels,
  describeModel,
  startModel,
  stopModel,
  deleteModel,
  detectLabels,
  toModelVersion,
  type ModelVersion,
  type ModelStatus,
  type DetectedLabel,
  type DetectImage,
  type S3ObjectRef,
} from './model-versions';
