/**
 * Runs one SDK call: gets the (lazily created) client, bridges cancellation to an AbortSignal,
 * and maps any failure to a CustomLabelsError with the call's context.
 */
import type { Cancellation, ConnectionSettings } from './types';
import type { ClientHandle } from './client';
import { toCustomLabelsError, type CallContext } from './errors';
import { throwIfCancelled, toAbortSignal } from './cancellation';

export type Caller = <T>(
  ctx: Omit<CallContext, 'endpoint' | 'profile'>,
  run: (handle: ClientHandle, abortSignal: AbortSignal | undefined) => Promise<T>,
  cancellation?: Cancellation,
) => Promise<T>;

export function createCaller(getClient: () => Promise<ClientHandle>, settings: ConnectionSettings): Caller {
  return async (ctx, run, cancellation) => {
    const full: CallContext = {
      ...ctx,
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      ...(settings.profile ? { profile: settings.profile } : {}),
    };
    throwIfCancelled(cancellation, ctx.action);
    const abort = toAbortSignal(cancellation);
    try {
      const handle = await getClient();
      return await run(handle, abort.signal);
    } catch (error) {
      throw toCustomLabelsError(error, full);
    } finally {
      abort.dispose();
    }
  };
}
