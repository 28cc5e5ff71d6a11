/**
 * DistributeDatasetEntries with its preconditions checked first, then a wait until BOTH datasets
 * are UPDATE_COMPLETE (or one fails).
 *
 * Preconditions (the documented ones, plus a label check so the service's terminal
 * ERROR_INSUFFICIENT_IMAGES_PER_LABEL_FOR_DISTRIBUTE is caught before the call):
 * - a train and a test dataset ARN, of the same project;
 * - both datasets complete (not in progress, not failed);
 * - the test dataset empty, the training dataset with labelled images;
 * - every label of the training dataset on at least MIN_IMAGES_PER_LABEL images, so that one can
 *   move to the test dataset and one stays for training. (The service does not document its exact
 *   threshold; two is the least that lets a label appear in both datasets.)
 */
import { CustomLabelsError, type Dataset, type LabelStats, type WaitOptions } from './types';
import { ErrorCodes } from './errors';
import { parseDatasetArn } from './arn';
import { createCancellationSource } from './cancellation';
import { realClock, waitForStatus, type Clock } from './wait';
import { isComplete, isFailed } from './status';

export const MIN_IMAGES_PER_LABEL = 2;
export const MIN_LABELED_ENTRIES = 2;

export interface DistributeDeps {
  describe(datasetArn: string): Promise<Dataset>;
  listLabels(datasetArn: string): Promise<LabelStats[]>;
  distribute(trainArn: string, testArn: string): Promise<void>;
  clock?: Clock;
}

function refuse(why: string, what: string): never {
  throw new CustomLabelsError(`Cannot distribute the training dataset: ${why}. ${what}`, ErrorCodes.preconditionFailed, what);
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;
}

function checkReady(d: Dataset, name: string): void {
  if (isComplete(d.status)) return;
  if (isFailed(d.status)) {
    refuse(
      `the ${name} dataset's last operation failed (${d.status}${d.statusMessage ? `: ${d.statusMessage}` : ''})`,
      `Fix the ${name} dataset first (push corrected entries, or recreate it).`,
    );
  }
  refuse(`the ${name} dataset is ${d.status}`, 'Wait until it is complete and distribute again.');
}

/**
 * The preconditions of the training dataset alone (complete, labelled images, every label on at
 * least MIN_IMAGES_PER_LABEL images): checked before anything is created for a distribution (the
 * command creates the empty test dataset when there is none). Throws PRECONDITION_FAILED errors;
 * returns the training dataset as it stands.
 */
export async function checkTrainingForDistribute(deps: Pick<DistributeDeps, 'describe' | 'listLabels'>, trainArn: string): Promise<Dataset> {
  const trainDs = await deps.describe(trainArn);
  checkReady(trainDs, 'training');
  if (trainDs.stats.totalEntries === 0) refuse('the training dataset is empty', 'Push labelled images to it first.');
  if (trainDs.stats.labeledEntries < MIN_LABELED_ENTRIES) {
    refuse(
      `the training dataset has ${plural(trainDs.stats.labeledEntries, 'labelled image')}; at least ${MIN_LABELED_ENTRIES} are needed`,
      'Add labelled images to the training dataset.',
    );
  }
  const labels = await deps.listLabels(trainArn);
  const thin = labels.filter((l) => l.entryCount < MIN_IMAGES_PER_LABEL);
  if (thin.length > 0) {
    const shown = thin
      .slice(0, 5)
      .map((l) => `"${l.name}" (${plural(l.entryCount, 'image')})`)
      .join(', ');
    refuse(
      `${thin.length === 1 ? 'a label has' : `${thin.length} labels have`} fewer than ${MIN_IMAGES_PER_LABEL} images: ${shown}${
        thin.length > 5 ? ', ...' : ''
      }. The service fails such a split with ERROR_INSUFFICIENT_IMAGES_PER_LABEL_FOR_DISTRIBUTE`,
      `Add images for ${thin.length === 1 ? 'this label' : 'these labels'} or remove the label, then distribute again.`,
    );
  }
  return trainDs;
}

/** Throws PRECONDITION_FAILED errors; returns the two datasets as they stand. */
export async function checkDistributePreconditions(
  deps: Pick<DistributeDeps, 'describe' | 'listLabels'>,
  trainArn: string,
  testArn: string,
): Promise<{ train: Dataset; test: Dataset }> {
  const train = parseDatasetArn(trainArn);
  const test = parseDatasetArn(testArn);
  if (train.datasetType === 'TEST' && test.datasetType === 'TRAIN') {
    refuse('the ARNs are swapped (the first is a test dataset, the second a training dataset)', 'Pass the training dataset first.');
  }
  if (train.datasetType !== 'TRAIN') refuse('the first ARN is not a training dataset', 'Pass the ARN of the project\'s training dataset.');
  if (test.datasetType !== 'TEST') refuse('the second ARN is not a test dataset', 'Pass the ARN of the project\'s test dataset.');
  if (train.projectKey !== test.projectKey) {
    refuse(
      `the datasets belong to different projects ("${train.projectName}" and "${test.projectName}"${
        train.region !== test.region ? ` in ${train.region} and ${test.region}` : ''
      })`,
      'Choose the training and test datasets of one project.',
    );
  }
  const testDs = await deps.describe(testArn);
  checkReady(testDs, 'test');
  if (testDs.stats.totalEntries > 0) {
    refuse(
      `the test dataset is not empty (it has ${plural(testDs.stats.totalEntries, 'entry', 'entries')})`,
      'Distribute needs an empty test dataset: delete the test dataset, create an empty one, and distribute again.',
    );
  }
  const trainDs = await checkTrainingForDistribute(deps, trainArn);
  return { train: trainDs, test: testDs };
}

export async function distributeDataset(
  deps: DistributeDeps,
  trainArn: string,
  testArn: string,
  options: WaitOptions = {},
): Promise<{ train: Dataset; test: Dataset }> {
  await checkDistributePreconditions(deps, trainArn, testArn);
  await deps.distribute(trainArn, testArn);
  // Wait for both; if one fails or the caller cancels, stop polling the other too.
  const linked = createCancellationSource(options.cancellation);
  const waitOne = (arn: string) =>
    waitForStatus(deps.describe, arn, { ...options, cancellation: linked.token, action: 'Distribute the training dataset' }, deps.clock ?? realClock).catch(
      (e: unknown) => {
        linked.cancel();
        throw e;
      },
    );
  const results = await Promise.allSettled([waitOne(trainArn), waitOne(testArn)]);
  const failure = results.find(
    (r): r is PromiseRejectedResult =>
      r.status === 'rejected' && !(r.reason instanceof CustomLabelsError && r.reason.code === ErrorCodes.cancelled && !options.cancellation?.isCancelled),
  );
  if (failure) throw failure.reason;
  const [train, test] = results.map((r) => (r as PromiseFulfilledResult<Dataset>).value);
  return { train, test };
}
