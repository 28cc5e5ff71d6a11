/**
 * The dataset status vocabulary, once: which statuses mean "in progress", "failed", "complete".
 * The explorer's icons and menus, the waits and the commands all read it from here. Pure.
 */
import type { DatasetStatus } from './types';

export type StatusPhase = 'busy' | 'idle' | 'failed' | 'unknown';

/** busy: *_IN_PROGRESS; failed: *_FAILED; idle: CREATE_COMPLETE or UPDATE_COMPLETE; else unknown. */
export function statusPhase(status: DatasetStatus | undefined): StatusPhase {
  if (status === undefined) return 'unknown';
  if (status.endsWith('_IN_PROGRESS')) return 'busy';
  if (status.endsWith('_FAILED')) return 'failed';
  if (status === 'CREATE_COMPLETE' || status === 'UPDATE_COMPLETE') return 'idle';
  return 'unknown';
}

export function isInProgress(status: DatasetStatus | undefined): boolean {
  return statusPhase(status) === 'busy';
}

export function isFailed(status: DatasetStatus | undefined): boolean {
  return statusPhase(status) === 'failed';
}

export function isComplete(status: DatasetStatus | undefined): boolean {
  return statusPhase(status) === 'idle';
}
