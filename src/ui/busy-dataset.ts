/**
 * A command chosen on a dataset that is busy (created, updated or deleted by the service) and that
 * cannot run until it is done: the explorer's menu still offers it (a menu opened while the dataset
 * updates must not lose its items), and choosing it says why it cannot run now and what to do,
 * instead of waiting or failing with the service's ResourceInUseException.
 */
import type { DatasetState } from '../views/projects-model';
import { busyReason } from '../views/dataset-status';
import { info } from './command-edge';
import { datasetName } from './pickers';
import type { DatasetsContext } from './context';

/**
 * True, after saying so ("birds › Training dataset is being updated (UPDATE_IN_PROGRESS): wait
 * until it is complete, then push again."), when the dataset is busy as the explorer last saw it.
 */
export function saidBusy(ctx: DatasetsContext, target: DatasetState, again: string): boolean {
  const why = busyReason(target.dataset?.status ?? target.ref.status, again);
  if (!why) return false;
  info(ctx, `${datasetName(ctx, target)} ${why}.`);
  return true;
}
