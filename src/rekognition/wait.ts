/**
 * Waiting for a dataset to finish an operation: DescribeDataset polled with backoff (quick
 * first polls, doubling up to a ceiling), cancellable, with a time limit. The clock is injected
 * so unit tests do not wait in real time.
 */
import { CustomLabelsError, type Cancellation, type Dataset, type WaitOptions } from './types';
import { ErrorCodes } from './errors';
import { sleep, throwIfCancelled } from './cancellation';
import { isFailed, isInProgress } from './status';

export { isComplete, isFailed, isInProgress } from './status';

export const DEFAULT_INITIAL_INTERVAL_MS = 250;
export const DEFAULT_MAX_INTERVAL_MS = 5_000;
export const DEFAULT_TIMEOUT_MS = 30 * 60 * 1000;

export interface Clock {
  now(): number;
  /** Resolves after ms; rejects with a CANCELLED CustomLabelsError when cancelled first. */
  sleep(ms: number, cancellation?: Cancellation): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, cancellation) => sleep(ms, cancellation, 'Waiting for the dataset'),
};

/** A dataset that ended in CREATE_FAILED or UPDATE_FAILED. */
export class DatasetFailedError extends CustomLabelsError {
  constructor(
    readonly dataset: Dataset,
    action: string,
  ) {
    const why = dataset.statusMessage ? `: ${dataset.statusMessage.replace(/\.$/, '')}` : '';
    const code = dataset.statusMessageCode ? ` [${dataset.statusMessageCode}]` : '';
    const what =
      dataset.statusMessageCode === 'SERVICE_ERROR'
        ? 'The service had a problem; try again later.'
        : 'Fix the input named in the message and try again.';
    super(`${action} failed: the ${dataset.type.toLowerCase()} dataset is ${dataset.status}${why}${code}. ${what}`, dataset.status, what);
    this.name = 'DatasetFailedError';
  }
  get statusMessage(): string | undefined {
    return this.dataset.statusMessage;
  }
  get statusMessageCode(): string | undefined {
    return this.dataset.statusMessageCode;
  }
}

/** The delay before poll number `attempt` (0-based): initial * 2^attempt, capped at max. */
export function backoffDelay(attempt: number, initialMs = DEFAULT_INITIAL_INTERVAL_MS, maxMs = DEFAULT_MAX_INTERVAL_MS): number {
  const d = initialMs * 2 ** Math.min(attempt, 30);
  return Math.max(0, Math.min(d, maxMs));
}

/**
 * Polls until the dataset is no longer *_IN_PROGRESS and returns it. With `failOnFailed`
 * (the default), *_FAILED throws a DatasetFailedError carrying StatusMessage and StatusMessageCode.
 */
export async function waitForStatus(
  describe: (arn: string) => Promise<Dataset>,
  datasetArn: string,
  options: WaitOptions & { failOnFailed?: boolean; action?: string } = {},
  clock: Clock = realClock,
): Promise<Dataset> {
  const action = options.action ?? 'Waiting for the dataset';
  const initial = options.initialIntervalMs ?? DEFAULT_INITIAL_INTERVAL_MS;
  const max = Math.max(initial, options.maxIntervalMs ?? DEFAULT_MAX_INTERVAL_MS);
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = clock.now() + timeout;
  for (let attempt = 0; ; attempt++) {
    throwIfCancelled(options.cancellation, action);
    const dataset = await describe(datasetArn);
    options.onStatus?.(dataset);
    if (!isInProgress(dataset.status)) {
      if (isFailed(dataset.status) && options.failOnFailed !== false) throw new DatasetFailedError(dataset, action);
      return dataset;
    }
    const now = clock.now();
    if (now >= deadline) {
      throw new CustomLabelsError(
        `${action} timed out after ${Math.round(timeout / 1000)} s: the dataset is still ${dataset.status}.`,
        ErrorCodes.timeout,
        'The operation goes on in the service; check its status later in the explorer.',
      );
    }
    // The last poll lands on the deadline rather than past it.
    await clock.sleep(Math.min(backoffDelay(attempt, initial, max), deadline - now), options.cancellation);
  }
}
