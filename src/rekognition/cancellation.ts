/**
 * Cancellation helpers over the `Cancellation` interface (no `vscode`): a source that can be
 * cancelled, a sleep that ends early on cancellation, and a bridge to an AbortSignal for the SDK.
 */
import { CustomLabelsError, type Cancellation } from './types';
import { ErrorCodes } from './errors';

export interface CancellationSource {
  readonly token: Cancellation;
  cancel(): void;
}

/** A Cancellation that fires when `cancel()` is called or when `parent` (if any) fires. */
export function createCancellationSource(parent?: Cancellation): CancellationSource {
  let cancelled = false;
  const listeners = new Set<() => void>();
  const cancel = (): void => {
    if (cancelled) return;
    cancelled = true;
    for (const l of [...listeners]) l();
    listeners.clear();
  };
  const token: Cancellation = {
    get isCancelled() {
      return cancelled;
    },
    onCancelled(listener) {
      if (cancelled) {
        listener();
        return { dispose() {} };
      }
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
  };
  if (parent) parent.onCancelled(cancel);
  return { token, cancel };
}

export function cancelledError(what: string): CustomLabelsError {
  return new CustomLabelsError(`${what} was cancelled.`, ErrorCodes.cancelled, 'Run it again when you are ready.');
}

export function throwIfCancelled(cancellation: Cancellation | undefined, what: string): void {
  if (cancellation?.isCancelled) throw cancelledError(what);
}

/** Resolves after `ms`, or rejects with a CANCELLED error as soon as `cancellation` fires. */
export function sleep(ms: number, cancellation?: Cancellation, what = 'Waiting'): Promise<void> {
  return new Promise((resolve, reject) => {
    if (cancellation?.isCancelled) {
      reject(cancelledError(what));
      return;
    }
    const sub = cancellation?.onCancelled(() => {
      clearTimeout(timer);
      reject(cancelledError(what));
    });
    const timer = setTimeout(() => {
      sub?.dispose();
      resolve();
    }, ms);
  });
}

/** An AbortSignal that aborts when `cancellation` fires (for the SDK's `abortSignal`). */
export function toAbortSignal(cancellation?: Cancellation): { signal?: AbortSignal; dispose(): void } {
  if (!cancellation) return { dispose() {} };
  const controller = new AbortController();
  if (cancellation.isCancelled) controller.abort();
  const sub = cancellation.onCancelled(() => controller.abort());
  return { signal: controller.signal, dispose: () => sub.dispose() };
}
