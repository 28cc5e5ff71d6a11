/** DistributeDatasetEntries: moves ~20% of the training entries to the empty test dataset (see ../entries/split.ts). */
import { ServiceCodes } from '../../manifest';
import type { Context } from '../service/context';
import { invalidParameter, notReady } from '../service/errors';
import { type Body, optionalList, required, requiredDatasetArn } from '../service/input';
import { splitEntries } from '../entries/split';
import type { DatasetRecord, StatusTriple } from '../state/records';
import { Messages, complete, failed } from '../lifecycle/status-messages';
import { beginDataset } from '../lifecycle/transitions';
import { findDataset } from './lookup';

export function distributeDatasetEntries(ctx: Context, body: Body): Body {
  required(body, 'Datasets');
  const items = optionalList(body, 'Datasets', 2, 2)!;
  const arns = items.map((item, i) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      throw invalidParameter(`Datasets[${i}] must be an object {"Arn": "<dataset ARN>"}.`);
    }
    return requiredDatasetArn(item as Body, 'Arn');
  });
  if (arns[0] === arns[1]) throw invalidParameter('Datasets names the same dataset twice. Give the project\'s TRAIN dataset and its TEST dataset.');
  const datasets = arns.map((arn) => findDataset(ctx, arn));
  if (datasets[0].projectArn !== datasets[1].projectArn) {
    throw invalidParameter('The two datasets belong to different projects. Give the TRAIN and the TEST dataset of the same project.');
  }
  const train = datasets.find((d) => d.type === 'TRAIN');
  const test = datasets.find((d) => d.type === 'TEST');
  if (!train || !test) throw invalidParameter('Give one TRAIN dataset and one TEST dataset (both of the same project).');
  for (const d of [train, test]) {
    // DistributeDatasetEntries' errors (the model) have no ResourceInUseException: a dataset in progress is not ready.
    if (d.status.endsWith('_IN_PROGRESS')) {
      throw notReady(`Cannot distribute the entries: the ${d.type} dataset ${d.arn} is ${d.status}. Wait until DescribeDataset shows a *_COMPLETE or *_FAILED status for both datasets, then try again.`);
    }
    // A failed update leaves the entries as they were, so UPDATE_FAILED datasets can be distributed.
    if (d.status === 'CREATE_FAILED') {
      throw notReady(`The ${d.type} dataset failed to be created (${d.statusMessage}). Delete it and create it again before distributing.`);
    }
  }
  if (test.entries.length > 0) {
    throw invalidParameter(`The TEST dataset is not empty (${test.entries.length} entries). Distribute needs an empty test dataset: delete it, create an empty one, and try again.`);
  }
  begin(ctx, train, test);
  ctx.changed();
  return {};
}

function begin(ctx: Context, train: DatasetRecord, test: DatasetRecord): void {
  let trainFinal: StatusTriple;
  let testFinal: StatusTriple;
  if (ctx.faults.failNextUpdate) {
    ctx.faults.failNextUpdate = false;
    trainFinal = testFinal = failed('UPDATE_FAILED', 'SANDBOX_FAULT', 'the sandbox failed this distribution on purpose (faults.failNextUpdate). Nothing was changed; try again.');
    beginDataset(ctx, train, 'UPDATE_IN_PROGRESS', Messages.distributing, { final: trainFinal });
    beginDataset(ctx, test, 'UPDATE_IN_PROGRESS', Messages.distributing, { final: testFinal });
    return;
  }
  const split = splitEntries(train.entries, ctx.seed);
  if (!split.ok) {
    trainFinal = testFinal = failed('UPDATE_FAILED', ServiceCodes.INSUFFICIENT_IMAGES_PER_LABEL_FOR_DISTRIBUTE, split.reason);
    beginDataset(ctx, train, 'UPDATE_IN_PROGRESS', Messages.distributing, { final: trainFinal });
    beginDataset(ctx, test, 'UPDATE_IN_PROGRESS', Messages.distributing, { final: testFinal });
    return;
  }
  beginDataset(ctx, train, 'UPDATE_IN_PROGRESS', Messages.distributing, { final: complete('UPDATE_COMPLETE', Messages.distributed), entries: split.train });
  beginDataset(ctx, test, 'UPDATE_IN_PROGRESS', Messages.distributing, { final: complete('UPDATE_COMPLETE', Messages.distributed), entries: split.test });
}
