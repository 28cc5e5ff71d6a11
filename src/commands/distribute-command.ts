/** Distribute 20% of the training entries to the (empty) test dataset, with the preconditions checked first. */
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { CustomLabelsError } from '../rekognition';
import { isInProgress } from '../rekognition';
import { datasetDescription, statusLabel } from '../views/dataset-status';
import { requireService, type DatasetsContext } from './context';
import { resolveProject, targetOf, type TargetOptions } from './pickers';

export interface DistributeOptions extends TargetOptions {
  /** Distribute without asking first. */
  confirmed?: boolean;
}

/** The share of the training entries the service moves to the test dataset. */
export const TEST_SHARE_PERCENT = 20;
import { info, registerCommand, withProgress } from './ui';

export function registerDistributeCommand(ctx: DatasetsContext): vscode.Disposable[] {
  return [
    registerCommand(ctx, Commands.distribute, 'Distribute training entries', async (arg?: unknown) => {
      const service = await requireService(ctx);
      const options = targetOf(arg) as DistributeOptions;
      const project = await resolveProject(ctx, options, 'Project whose training entries to distribute', {
        // Offer only what can be distributed: a non-empty training and an empty test dataset.
        keep: (p) => {
          const train = p.datasets.find((d) => d.ref.type === 'TRAIN');
          const test = p.datasets.find((d) => d.ref.type === 'TEST');
          return (train?.dataset?.stats.totalEntries ?? 0) > 0 && test?.dataset?.stats.totalEntries === 0;
        },
        none: `No project in ${ctx.connection.label} can be distributed: that needs a training dataset with entries and an empty test dataset.`,
        hint: 'Create an empty test dataset in the project, then distribute again.',
      });
      if (!project) return undefined;
      const name = project.project.name;
      const trainRef = project.datasets.find((d) => d.ref.type === 'TRAIN');
      const testRef = project.datasets.find((d) => d.ref.type === 'TEST');
      if (!trainRef || !testRef) {
        throw new CustomLabelsError(
          `Project "${name}" needs both a training and a test dataset to distribute.`,
          'PRECONDITION_FAILED',
          `Create the missing ${trainRef ? 'test' : 'training'} dataset (empty), then distribute again.`,
        );
      }
      const [train, test] = await withProgress(`Checking the datasets of ${name}…`, false, () =>
        Promise.all([service.describeDataset(trainRef.ref.arn), service.describeDataset(testRef.ref.arn)]),
      );
      for (const d of [train, test]) {
        if (isInProgress(d.status)) {
          throw new CustomLabelsError(
            `The ${d.type === 'TRAIN' ? 'training' : 'test'} dataset of "${name}" is busy (${statusLabel(d.status).toLowerCase()}).`,
            'PRECONDITION_FAILED',
            'Wait until it is complete, then distribute again.',
          );
        }
      }
      if (train.stats.totalEntries === 0) {
        throw new CustomLabelsError(`The training dataset of "${name}" is empty.`, 'PRECONDITION_FAILED', 'Push entries to it first.');
      }
      if (test.stats.totalEntries > 0) {
        throw new CustomLabelsError(
          `The test dataset of "${name}" is not empty (${test.stats.totalEntries} entries).`,
          'PRECONDITION_FAILED',
          'Distribution only fills an empty test dataset: delete the test dataset, create it empty, and distribute again.',
        );
      }
      // Nothing moves before the person has read how many entries go.
      if (!options.confirmed && !(await confirmDistribute(name, train.stats.totalEntries))) return undefined;
      const result = await withProgress(`Distributing ${name}`, true, async (progress, cancellation) => {
        progress.report(`moving ${TEST_SHARE_PERCENT}% of the training entries to the test dataset…`);
        const done = await service.distribute(train.arn, test.arn, {
          cancellation,
          onStatus: (d) => {
            progress.report(`${d.type === 'TRAIN' ? 'training' : 'test'}: ${statusLabel(d.status).toLowerCase()}`);
            void ctx.model.watch(d.arn);
          },
        });
        return done;
      });
      await Promise.all([ctx.model.watch(trainRef.ref.arn), ctx.model.watch(testRef.ref.arn)]);
      const failed = [result.train, result.test].find((d) => d.status === 'UPDATE_FAILED');
      if (failed) {
        throw new CustomLabelsError(
          `Distribution in "${name}" failed: ${failed.statusMessage ?? 'the service gave no reason'}${failed.statusMessageCode ? ` (${failed.statusMessageCode})` : ''}.`,
          failed.statusMessageCode ?? 'UPDATE_FAILED',
          'Each label needs enough images to split; add entries and try again.',
        );
      }
      info(ctx, `Distributed ${name}: training ${datasetDescription(result.train)}; test ${datasetDescription(result.test)}.`);
      return result;
    }),
  ];
}

/** How many entries the service moves: 20% of the training entries (its rounding is not documented). */
export function entriesToMove(trainEntries: number): number {
  return Math.round((trainEntries * TEST_SHARE_PERCENT) / 100);
}

async function confirmDistribute(name: string, trainEntries: number): Promise<boolean> {
  const distribute = 'Distribute';
  const moving = entriesToMove(trainEntries);
  const answer = await vscode.window.showWarningMessage(
    `Move about ${moving} of the ${trainEntries} training entries of "${name}" to its test dataset?`,
    {
      modal: true,
      detail: `The service moves ${TEST_SHARE_PERCENT}% of the training entries (it picks them) to the empty test dataset; they leave the training dataset, which keeps about ${trainEntries - moving}. Nothing moves back by itself: to undo, delete the test dataset and push the entries to training again.`,
    },
    distribute,
  );
  return answer === distribute;
}
