/** Distribute 20% of the training entries to the (empty) test dataset, with the preconditions checked first. */
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { CustomLabelsError, checkTrainingForDistribute, isInProgress, type CustomLabelsService } from '../rekognition';
import { datasetDescription, statusLabel } from '../views/dataset-status';
import { requireService, type DatasetsContext } from '../ui/context';
import { resolveProject, targetOf, type TargetOptions } from '../ui/pickers';
import { describeError, info, isCancelled, registerCommand, reportError, withProgress } from '../ui/command-edge';

export interface DistributeOptions extends TargetOptions {
  /** Distribute without asking first. */
  confirmed?: boolean;
}

/** The share of the training entries the service moves to the test dataset. */
export const TEST_SHARE_PERCENT = 20;

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
      const existing = testRef?.ref.arn;
      // What the training dataset alone decides (complete, labelled, each label on enough images)
      // is checked before anything is created or moved, so a distribution bound to fail changes nothing.
      const checked = await withProgress(`Checking the datasets of ${name}…`, false, () => checkDatasets(service, name, trainRef.ref.arn, existing));
      // Nothing moves (and no test dataset is created) before the person has read how many entries go.
      if (options.confirmed !== true && !(await confirmDistribute(name, checked.trainEntries, existing === undefined))) return undefined;
      let created: string | undefined;
      try {
        // One notification for the whole distribution: a burst of them makes VS Code drop the
        // toasts that follow (its spam protection), and the failure below must be seen.
        const result = await withProgress(`Distributing ${name}`, true, async (progress, cancellation) => {
          let testArn = existing;
          if (!testArn) {
            progress.report('creating the empty test dataset…');
            testArn = created = await service.createDataset(project.project.arn, 'TEST', { kind: 'empty' });
            void ctx.model.watch();
            await service.waitForStatus(testArn, { cancellation, onStatus: () => void ctx.model.watch(testArn) });
            await checkDatasets(service, name, trainRef.ref.arn, testArn);
          }
          progress.report(`moving ${TEST_SHARE_PERCENT}% of the training entries to the test dataset…`);
          return service.distribute(trainRef.ref.arn, testArn, {
            cancellation,
            onStatus: (d) => {
              progress.report(`${d.type === 'TRAIN' ? 'training' : 'test'}: ${statusLabel(d.status).toLowerCase()}`);
              void ctx.model.watch(d.arn);
            },
          });
        });
        await Promise.all([ctx.model.watch(trainRef.ref.arn), ctx.model.watch(result.test.arn)]);
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
      } catch (error) {
        // The test dataset was made for this distribution: say so, and offer to remove it. (A
        // cancelled wait does not stop the service: the test dataset may be filling.)
        if (!created || isCancelled(error)) throw error;
        await offerToRemove(ctx, service, name, created, error);
        return undefined;
      }
    }),
  ];
}

/**
 * The checks before a distribution: the training dataset's own (checkTrainingForDistribute), and
 * the test dataset's when there is one (complete, empty). Throws what fails; returns the training
 * dataset's entry count.
 */
async function checkDatasets(service: CustomLabelsService, name: string, trainArn: string, testArn: string | undefined): Promise<{ trainEntries: number }> {
  const [train, test] = await Promise.all([
    checkTrainingForDistribute({ describe: (a) => service.describeDataset(a), listLabels: (a) => service.listLabels(a) }, trainArn),
    testArn === undefined ? undefined : service.describeDataset(testArn),
  ]);
  if (test && isInProgress(test.status)) {
    throw new CustomLabelsError(`The test dataset of "${name}" is busy (${statusLabel(test.status).toLowerCase()}).`, 'PRECONDITION_FAILED', 'Wait until it is complete, then distribute again.');
  }
  if (test && test.stats.totalEntries > 0) {
    throw new CustomLabelsError(
      `The test dataset of "${name}" is not empty (${test.stats.totalEntries} entries).`,
      'PRECONDITION_FAILED',
      'Distribution only fills an empty test dataset: delete the test dataset, create it empty, and distribute again.',
    );
  }
  return { trainEntries: train.stats.totalEntries };
}

/**
 * A distribution into a test dataset this command created has failed (or was cancelled): the
 * failure is said with what was created, and the person may remove the empty test dataset.
 */
async function offerToRemove(ctx: DatasetsContext, service: CustomLabelsService, name: string, testArn: string, error: unknown): Promise<void> {
  const { why } = describeError(error);
  ctx.log.error(`Distribute training entries failed: ${why}`);
  const remove = 'Delete the Test Dataset';
  const choice = await vscode.window.showErrorMessage(
    `${why} The test dataset created for this distribution is still there, empty: delete it to leave "${name}" as it was, or keep it and distribute again later.`,
    remove,
    'Keep It',
  );
  if (choice !== remove) return;
  try {
    // In the status bar: a notification more, right after the error's, can push the result's out of view.
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Deleting the test dataset of ${name}…` }, () => service.deleteDataset(testArn));
    await ctx.model.watch();
    info(ctx, `Deleted the empty test dataset of "${name}": the project is as it was before the distribution.`);
  } catch (e) {
    reportError(ctx, `Deleting the test dataset of "${name}"`, e);
  }
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
