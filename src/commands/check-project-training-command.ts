/**
 * "Check Training Readiness of Project…": the same check as for local files, on a project's
 * training and test datasets, streamed entry by entry from ListDatasetEntries (nothing but the
 * counts is kept). Cancellable; the findings open as a read-only plain-text report.
 */
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { openReport } from '../ui/report-document';
import { type Cancellation, type CustomLabelsService } from '../rekognition';
import { checkTraining, textReport, type TrainingReport } from '../training';
import { requireService, type DatasetsContext } from '../ui/context';
import { resolveTrainingProject } from '../ui/pickers';
import { info, registerCommand, warn, withProgress } from '../ui/command-edge';

export interface ProjectTrainingOutcome {
  report: TrainingReport;
  document: vscode.TextDocument;
}

export function registerCheckProjectTrainingCommand(ctx: DatasetsContext): vscode.Disposable[] {
  return [
    registerCommand(ctx, Commands.checkProjectTraining, 'Checking training readiness', async (arg?: unknown): Promise<ProjectTrainingOutcome | undefined> => {
      const service = await requireService(ctx);
      const project = await resolveTrainingProject(ctx, arg, 'Project whose datasets to check for training');
      if (!project) return undefined;
      const { name, trainArn, testArn } = project;
      const report = await projectReadiness(service, name, trainArn, testArn);
      const content = `Training readiness of project ${name} (${ctx.connection.label})\n\n${textReport(report, `${name} training dataset`, testArn ? `${name} test dataset` : undefined)}`;
      const document = await openReport(`Training readiness of ${name}`, content);
      const errors = report.findings.filter((f) => f.severity === 'error');
      if (errors.length > 0) warn(ctx, `${name}: ${errors.length} training error${errors.length === 1 ? '' : 's'} predicted (${[...new Set(errors.map((f) => f.code))].join(', ')}); the report says what to do.`);
      else info(ctx, `${name}: no training errors predicted.`);
      return { report, document };
    }),
  ];
}

/** The readiness check of a project's datasets (their entries streamed), under a cancellable progress notification. Train Model runs it too. */
export function projectReadiness(service: CustomLabelsService, name: string, trainArn: string, testArn: string | undefined): Thenable<TrainingReport> {
  return withProgress(`Checking training readiness of ${name}`, true, async (progress, cancellation) => {
    const counter = { n: 0 };
    const tick = () => {
      if (++counter.n % 500 === 0) progress.report(`${counter.n} entries read…`);
    };
    return checkTraining(entryLines(service, trainArn, cancellation, tick), testArn ? entryLines(service, testArn, cancellation, tick) : undefined);
  });
}

/** A dataset's entries as manifest lines, page by page from the service. */
async function* entryLines(service: CustomLabelsService, arn: string, cancellation: Cancellation, tick: () => void): AsyncGenerator<string> {
  for await (const page of service.listEntries(arn, {}, cancellation)) {
    for (const entry of page) {
      tick();
      yield entry;
    }
  }
}
