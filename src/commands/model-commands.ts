/**
 * "Train Model…" and "Delete Model Version…". Train Model checks the project's datasets with the
 * training-readiness rules first (the Check Training Readiness of Project code) and puts what it
 * found into the confirmation, asks the version name (VersionName's rule) and where training
 * writes its results (OutputConfig: remembered per workspace), says that training is billed,
 * calls CreateProjectVersion, and follows the version: its row spins while it trains, and a
 * notification says the F1 score when it ends (a failure: model-use/training-errors.ts; the
 * explorer's polling brings the status: nothing more is asked for it). Delete Model Version refuses while the version
 * trains, starts, runs or stops (tm-delete-model), with what to do; otherwise asks first.
 * "Start Model…" and "Stop Model…" ask first (a running model is billed for the hours it runs, per
 * inference unit: running-model) and refuse a version in the wrong status, saying why.
 * The words: train-words.ts.
 */
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { CustomLabelsError } from '../rekognition';
import { requireService, type DatasetsContext } from '../ui/context';
import { resolveProject, targetOf } from '../ui/pickers';
import { info, registerCommand, warn, withProgress } from '../ui/command-edge';
import type { VersionsModel } from '../views/versions-model';
import type { VersionInfo } from '../views/version-status';
import { resolveVersion } from '../ui/version-picker';
import { projectReadiness } from './check-project-training-command';
import {
  deleteRefusal,
  startConfirmation,
  startRefusal,
  stopConfirmation,
  stopRefusal,
  formatOutputLocation,
  parseOutputLocation,
  suggestVersionName,
  trainConfirmation,
  trainingEndedMessage,
  validateVersionName,
  type OutputLocation,
} from './train-words';

/** The workspace state key of the last output location used. */
const OUTPUT_KEY = 'customLabels.train.outputLocation';

/** What Train Model accepts instead of asking (tests, scripts); a project row or `{ projectArn }` names the project. */
export interface TrainModelOptions {
  projectArn?: string;
  projectName?: string;
  versionName?: string;
  /** s3://bucket/prefix/ */
  output?: string;
  /** Skip the confirmation. */
  confirmed?: boolean;
}

export interface TrainModelOutcome {
  versionArn: string;
  /** Resolves when training ended (the version as the explorer last listed it), undefined when it was deleted or the connection changed. */
  ended: Promise<VersionInfo | undefined>;
}

export function registerModelCommands(context: vscode.ExtensionContext, ctx: DatasetsContext, versions: VersionsModel): vscode.Disposable[] {
  return [
    registerCommand(ctx, Commands.trainModel, 'Train model', async (arg?: unknown): Promise<TrainModelOutcome | undefined> => {
      const service = await requireService(ctx);
      const options = (targetOf(arg) ?? {}) as TrainModelOptions;
      const project = await resolveProject(ctx, options, 'Project to train a model of', {
        keep: (p) => p.datasets.some((d) => d.ref.type === 'TRAIN'),
        none: `No project in ${ctx.connection.label} has a training dataset.`,
        hint: 'Create a training dataset and push entries to it first.',
      });
      if (!project) return undefined;
      const client = versions.client;
      if (!client) throw new CustomLabelsError('Not connected.', 'NOT_CONNECTED', 'Check the connection and refresh the explorer.');
      const name = project.project.name;
      const projectArn = project.project.arn;
      const train = project.datasets.find((d) => d.ref.type === 'TRAIN');
      const test = project.datasets.find((d) => d.ref.type === 'TEST');
      if (!train) throw new CustomLabelsError(`Project "${name}" has no training dataset.`, 'PRECONDITION_FAILED', 'Create one and push entries to it.');

      const report = await projectReadiness(service, name, train.ref.arn, test?.ref.arn);

      const existing = ((await versions.watch(projectArn)) ?? versions.of(projectArn)?.versions ?? []).map((v) => v.name);
      let versionName = options.versionName;
      if (versionName === undefined) {
        versionName = await vscode.window.showInputBox({
          title: `Train Model of ${name} (1/2)`,
          prompt: 'Version name (letters, digits, "_", "." and "-")',
          value: suggestVersionName(existing),
          validateInput: (value) => validateVersionName(value.trim(), existing),
          ignoreFocusOut: true,
        });
        if (versionName === undefined) return undefined;
        versionName = versionName.trim();
      }
      const nameProblem = validateVersionName(versionName, existing);
      if (nameProblem) throw new CustomLabelsError(`"${versionName}" cannot name the model: ${nameProblem}`, 'INVALID_PARAMETER');

      let output: OutputLocation;
      const remembered = context.workspaceState.get<string>(OUTPUT_KEY);
      let outputText = options.output;
      if (outputText === undefined) {
        outputText = await vscode.window.showInputBox({
          title: `Train Model of ${name} (2/2)`,
          prompt: 'Where training writes its results (validation manifests, evaluation): s3://bucket/prefix/',
          value: remembered ?? 's3://',
          validateInput: (value) => {
            const parsed = parseOutputLocation(value);
            return 'error' in parsed ? parsed.error : undefined;
          },
          ignoreFocusOut: true,
        });
        if (outputText === undefined) return undefined;
      }
      const parsed = parseOutputLocation(outputText);
      if ('error' in parsed) throw new CustomLabelsError(`The output location "${outputText}" cannot be used: ${parsed.error}`, 'INVALID_PARAMETER');
      output = parsed;

      if (!options.confirmed) {
        const question = trainConfirmation(name, versionName, output, report, test !== undefined);
        const choice = await vscode.window.showWarningMessage(question.message, { modal: true, detail: question.detail }, question.button);
        if (choice !== question.button) return undefined;
      }

      const versionArn = await withProgress(`Starting training of ${versionName}…`, false, () => client.train(projectArn, versionName!, output));
      await context.workspaceState.update(OUTPUT_KEY, formatOutputLocation(output));
      await versions.watch(projectArn);
      info(ctx, `Training model ${versionName} of ${name} started. It is billed until it ends; its row in the explorer shows its progress.`);
      const ended = versions.settled(versionArn);
      void ended.then((v) => {
        if (!v) return;
        // A failure is said where the polling notices it, with its errors (model-use/training-errors.ts).
        const said = trainingEndedMessage(name, v);
        if (said.ok) info(ctx, said.text);
      });
      return { versionArn, ended };
    }),

    registerCommand(ctx, Commands.deleteModelVersion, 'Delete model version', async (arg?: unknown) => {
      await requireService(ctx);
      const client = versions.client;
      if (!client) throw new CustomLabelsError('Not connected.', 'NOT_CONNECTED', 'Check the connection and refresh the explorer.');
      const target = (arg ?? {}) as { versionArn?: string; confirmed?: boolean };
      const version = await resolveVersion(ctx, versions, target.versionArn, 'Model version to delete');
      if (!version) return undefined;
      // Its status now, not as the row last showed it.
      const now = (await versions.refresh(version.projectArn))?.find((v) => v.arn === version.arn) ?? version;
      const refusal = deleteRefusal(now);
      if (refusal) throw new CustomLabelsError(`Model ${now.name} cannot be deleted now.`, 'RESOURCE_IN_USE', refusal);
      const project = ctx.model.findProject(now.projectArn)?.project.name ?? now.projectArn;
      if (!target.confirmed) {
        const choice = await vscode.window.showWarningMessage(
          `Delete model version ${now.name} of ${project}?`,
          { modal: true, detail: 'A deleted model cannot be restored. The files training wrote into its output location stay in S3.' },
          'Delete',
        );
        if (choice !== 'Delete') return undefined;
      }
      await withProgress(`Deleting model ${now.name}…`, false, () => client.delete(now.arn));
      ctx.recorded.forgetVersion(now.arn);
      await versions.watch(now.projectArn);
      info(ctx, `Deleting model ${now.name} of ${project}: it leaves the explorer when the service is done.`);
      return { deleted: now.arn };
    }),

    registerCommand(ctx, Commands.startModel, 'Start model', async (arg?: unknown) => {
      await requireService(ctx);
      const client = versions.client;
      if (!client) throw new CustomLabelsError('Not connected.', 'NOT_CONNECTED', 'Check the connection and refresh the explorer.');
      const target = (arg ?? {}) as { versionArn?: string; inferenceUnits?: number; confirmed?: boolean };
      const version = await resolveVersion(ctx, versions, target.versionArn, 'Model version to start', (v) => !startRefusal(v));
      if (!version) return undefined;
      const now = (await versions.refresh(version.projectArn))?.find((v) => v.arn === version.arn) ?? version;
      const refusal = startRefusal(now);
      if (refusal) throw new CustomLabelsError(`Model ${now.name} cannot be started now.`, 'RESOURCE_IN_USE', refusal);
      const units = target.inferenceUnits ?? 1;
      if (!Number.isInteger(units) || units < 1) throw new CustomLabelsError(`${units} inference units cannot be used.`, 'INVALID_PARAMETER', 'Give a whole number of 1 or more.');
      const project = ctx.model.findProject(now.projectArn)?.project.name ?? now.projectArn;
      if (!target.confirmed) {
        const question = startConfirmation(project, now.name, units);
        const choice = await vscode.window.showWarningMessage(question.message, { modal: true, detail: question.detail }, question.button);
        if (choice !== question.button) return undefined;
      }
      await withProgress(`Starting model ${now.name}…`, false, () => client.start(now.arn, units));
      await versions.watch(now.projectArn);
      info(ctx, `Starting model ${now.name} of ${project}: it is billed from when it runs until it is stopped.`);
      const ended = versions.settled(now.arn);
      void ended.then((v) => {
        if (!v) return;
        if (v.status === 'RUNNING') info(ctx, `Model ${v.name} of ${project} is running (billed until stopped).`);
        else warn(ctx, `Model ${v.name} of ${project} did not start (${v.status})${v.statusMessage ? `: ${v.statusMessage}` : '.'}`);
      });
      return { started: now.arn, ended };
    }),

    registerCommand(ctx, Commands.stopModel, 'Stop model', async (arg?: unknown) => {
      await requireService(ctx);
      const client = versions.client;
      if (!client) throw new CustomLabelsError('Not connected.', 'NOT_CONNECTED', 'Check the connection and refresh the explorer.');
      const target = (arg ?? {}) as { versionArn?: string; confirmed?: boolean };
      const version = await resolveVersion(ctx, versions, target.versionArn, 'Model version to stop', (v) => !stopRefusal(v));
      if (!version) return undefined;
      const now = (await versions.refresh(version.projectArn))?.find((v) => v.arn === version.arn) ?? version;
      const refusal = stopRefusal(now);
      if (refusal) throw new CustomLabelsError(`Model ${now.name} cannot be stopped now.`, 'RESOURCE_IN_USE', refusal);
      const project = ctx.model.findProject(now.projectArn)?.project.name ?? now.projectArn;
      if (!target.confirmed) {
        const question = stopConfirmation(project, now.name);
        const choice = await vscode.window.showWarningMessage(question.message, { modal: true, detail: question.detail }, question.button);
        if (choice !== question.button) return undefined;
      }
      await withProgress(`Stopping model ${now.name}…`, false, () => client.stop(now.arn));
      await versions.watch(now.projectArn);
      info(ctx, `Stopping model ${now.name} of ${project}.`);
      return { stopping: now.arn };
    }),
  ];
}
