/** Distribute 20% of the training entries to the (empty) test dataset, with the preconditions checked first. */
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { CustomLabelsError } from '../rekognition';
import { isInProgress } from '../rekognition';
import { datasetDescription, statusLabel } from '../views/dataset-status';
import { requireService, type DatasetsContext } from '../ui/context';
import { resolveProject, targetOf, type TargetOptions } from '../ui/pickers';

export interface DistributeOptions extends TargetOptions {
  /** Distribute without asking first. */
  confirmed?: boolean;
}

/** The share of the training entries the service moves to the test dataset. */
export const TEST_SHARE_PERCENT = 20;
import { info, registerCommand, withProgress } from '../ui/command-edge';

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
          // No test dataset yet: distributing creates an empty one first.
          return (train?.dataset?.stats.totalEntries ?? 0) > 0 && (!test || test.dataset?.stats.totalEntries === 0);
        },
        none: `No project in ${ctx.connection.label} can be distributed: that needs a training dataset with entries and an empty test dataset (or none).`,
        hint: 'Push entries to the training dataset of a project, then distribute again.',
      });
      if (!project) return undefined;
      const name = project.project.name;
      const trainRef = project.datasets.find((d) => d.ref.type === 'TRAIN');
      const testRef = project.datasets.find((d) => d.ref.type === 'TEST');
      if (!trainRef) {
        throw new CustomLabelsError(
          `Project "${name}" has no training dataset to distribute.`,
          'PRECONDITION_FAILED',
          'Create its training dataset and push entries to it, then distribute.',
        );
      }
      let confirmed = options.confirmed === true;
      let testArn = testRef?.ref.arn;
      if (!testArn) {
        // Distribution needs an empty test dataset: offer to create it, in the same question.
        const train = await withProgress(`Checking the training dataset of ${name}…`, false, () => service.describeDataset(trainRef.ref.arn));
        if (train.stats.totalEntries === 0) throw new CustomLabelsError(`The training dataset of "${name}" is empty.`, 'PRECONDITION_FAILED', 'Push entries to it first.');
        if (!confirmed && !(await confirmDistribute(name, train.stats.totalEntries, true))) return undefined;
        confirmed = true;
        testArn = await withProgress(`Creating the test dataset of ${name}`, true, async (progress, cancellation) => {
          const arn = await service.createDataset(project.project.arn, 'TEST', { kind: 'empty' });
          await ctx.model.watch();
          progress.report('waiting for it to be ready…');
          await service.waitForStatus(arn, { cancellation, onStatus: () => void ctx.model.watch(arn) });
          return arn;
        });
        await ctx.model.watch(testArn);
      }
      const testDatasetArn = testArn;
      const [train, test] = await withProgress(`Checking the datasets of ${name}…`, false, () =>
        Promise.all([service.describeDataset(trainRef.ref.arn), service.describeDataset(testDatasetArn)]),
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
      if (!confirmed && !(await confirmDistribute(name, train.stats.totalEntries, false))) return undefined;
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
      await Promise.all([ctx.model.watch(trainRef.ref.arn), ctx.model.watch(testDatasetArn)]);
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

async function confirmDistribute(name: string, trainEntries: number, createTest: boolean): Promise<boolean> {
  const distribute = createTest ? 'Create and Distribute' : 'Distribute';
  const moving = entriesToMove(trainEntries);
  const answer = await vscode.window.showWarningMessage(
    createTest
      ? `"${name}" has no test dataset. Create an empty one and move about ${moving.toLocaleString('en-US')} of the ${trainEntries.toLocaleString('en-US')} training entries to it?`
      : `Move about ${moving.toLocaleString('en-US')} of the ${trainEntries.toLocaleString('en-US')} training entries of "${name}" to its test dataset?`,
    {
      modal: true,
      detail: `The service moves ${TEST_SHARE_PERCENT}% of the training entries (it picks them) to the empty test dataset; they leave the training dataset, which keeps about ${(trainEntries - moving).toLocaleString('en-US')}. Nothing moves back by itself: to undo, delete the test dataset and push the entries to training again.`,
    },
    distribute,
  );
  return answer === distribute;
}
