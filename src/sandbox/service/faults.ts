/** Fault injection: every Nth request (of the chosen operations) fails as AWS fails it. */
import { ServiceError } from './errors';
import type { FaultOptions } from './options';

export class FaultCounter {
  private seen = 0;

  /** Starts counting again (when the fault options are replaced). */
  reset(): void {
    this.seen = 0;
  }

  /** Counts a request and returns the error to answer with, if any. */
  check(faults: FaultOptions, operation: string): ServiceError | undefined {
    if (faults.operations && faults.operations.length > 0 && !faults.operations.includes(operation)) return undefined;
    if (!faults.throttleEveryNth && !faults.internalErrorEveryNth) return undefined;
    this.seen++;
    if (faults.throttleEveryNth && faults.throttleEveryNth > 0 && this.seen % faults.throttleEveryNth === 0) {
      return new ServiceError('ThrottlingException', 'Rate exceeded (the sandbox throttles every Nth request: faults.throttleEveryNth). Retry with backoff.');
    }
    if (faults.internalErrorEveryNth && faults.internalErrorEveryNth > 0 && this.seen % faults.internalErrorEveryNth === 0) {
      return new ServiceError('InternalServerError', 'Internal server error (injected by the sandbox: faults.internalErrorEveryNth). Try your call again.');
    }
    return undefined;
  }
}
