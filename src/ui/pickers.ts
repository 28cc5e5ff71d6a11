/**
 * Resolving a command's target: a tree node, explicit options (tests, scripts), or a quick pick.
 */
import { countOf } from '../manifest';
import * as vscode from 'vscode';
import { CustomLabelsError, type DatasetType } from '../rekognition';
import type { DatasetState, ProjectState } from '../views/projects-model';
import { isTreeNode } from '../views/tree-nodes';
import { datasetDescription, datasetTypeLabel } from '../views/dataset-status';
import { requireService, type DatasetsContext } from './context';

/** Options any dataset or project command accepts instead of prompting. */
export interface TargetOptions {
  projectName?: string;
  projectArn?: string;
  datasetArn?: string;
  /** 'TRAIN' | 'TEST' (any case). */
  type?: string;
}

export function normalizeType(type: string | undefined): DatasetType | undefined {
  const t = type?.toUpperCase();
  return t === 'TRAIN' || t === 'TEST' ? t : undefined;
}

/** Splits a command's first argument into a tree node or options. */
export function targetOf(arg: unknown): TargetOptions {
  if (isTreeNode(arg)) {
    switch (arg.kind) {
      case 'project':
        return { projectArn: arg.projectArn };
      case 'dataset':
        return { projectArn: arg.projectArn, datasetArn: arg.datasetArn, type: arg.type };
      case 'missingDataset':
        return { projectArn: arg.projectArn, type: arg.type };
      case 'error':
        return { datasetArn: arg.datasetArn };
      default:
        return {};
    }
  }
  return arg && typeof arg === 'object' && !(arg instanceof vscode.Uri) ? (arg as TargetOptions) : {};
}

/**
 * Waits for the project list. Not connected (no credentials, ...) or the listing failed: says so,
 * instead of letting the pickers report "no projects" in a region they could not read.
 */
async function ensureLoaded(ctx: DatasetsContext): Promise<void> {
  await requireService(ctx); // connects first if nothing has yet; throws how to connect
  await ctx.model.whenLoaded();
  if (ctx.model.state.kind !== 'loaded') await ctx.model.load();
  const state = ctx.model.state;
  if (state.kind === 'error') {
    throw new CustomLabelsError(`Could not list the projects in ${ctx.connection.label}: ${state.error.message}`, state.error.code ?? 'LOAD_FAILED');
  }
}

async function findProject(ctx: DatasetsContext, nameOrArn: string): Promise<ProjectState | undefined> {
  await ensureLoaded(ctx);
  let found = ctx.model.findProject(nameOrArn);
  if (!found) {
    await ctx.model.refreshProjects();
    // On no page shown (an account of many projects, a filter): asked for by its name.
    found = await ctx.model.lookUpProject(nameOrArn);
  }
  return found;
}

/** The project named by the options, or one the user picks. Undefined when the pick is dismissed. */
export async function resolveProject(
  ctx: DatasetsContext,
  target: TargetOptions,
  placeHolder: string,
  only?: { keep: (p: ProjectState) => boolean; none: string; hint: string },
): Promise<ProjectState | undefined> {
  const key = target.projectArn ?? target.projectName;
  if (key) {
    const found = await findProject(ctx, key);
    if (!found) {
      throw new CustomLabelsError(`There is no project "${key}" in ${ctx.connection.label}.`, 'NOT_FOUND', 'Refresh the explorer, or check the region and profile.');
    }
    return found;
  }
  await ensureLoaded(ctx);
  if (ctx.model.projects.length === 0) {
    throw new CustomLabelsError(`There are no projects in ${ctx.connection.label}.`, 'NOT_FOUND', 'Create a project first.');
  }
  const projects = only ? ctx.model.projects.filter(only.keep) : ctx.model.projects;
  if (only && projects.length === 0) throw new CustomLabelsError(only.none, 'NOT_FOUND', only.hint);
  const picked = await vscode.window.showQuickPick(
    projects.map((p) => ({ label: p.project.name, description: countOf(p.datasets.length, 'dataset'), state: p })),
    { placeHolder },
  );
  return picked?.state;
}

/** A project with a training dataset, and the ARNs of its training and (when it has one) test dataset. */
export interface TrainingProject {
  name: string;
  trainArn: string;
  testArn?: string;
}

/**
 * The project a command on a project's two datasets works on (Check Training Readiness, Label
 * Statistics, Check Dataset Health): named by the options, or picked among those with a training
 * dataset. Undefined when the pick is dismissed; refused with what to do when it has none.
 */
export async function resolveTrainingProject(ctx: DatasetsContext, arg: unknown, placeHolder: string): Promise<TrainingProject | undefined> {
  const project = await resolveProject(ctx, targetOf(arg), placeHolder, {
    keep: (p) => p.datasets.some((d) => d.ref.type === 'TRAIN'),
    none: `No project in ${ctx.connection.label} has a training dataset.`,
    hint: 'Create a training dataset first.',
  });
  if (!project) return undefined;
  const name = project.project.name;
  const train = project.datasets.find((d) => d.ref.type === 'TRAIN');
  if (!train) throw new CustomLabelsError(`Project "${name}" has no training dataset.`, 'PRECONDITION_FAILED', 'Create one and push entries to it.');
  const test = project.datasets.find((d) => d.ref.type === 'TEST');
  return { name, trainArn: train.ref.arn, ...(test ? { testArn: test.ref.arn } : {}) };
}

/** For pickers of commands that read entries: datasets that have some (unknown counts are kept). */
export function hasEntries(d: DatasetState): boolean {
  return d.dataset === undefined || d.dataset.stats.totalEntries > 0;
}

/** The dataset named by the options, or one the user picks (optionally filtered). */
export async function resolveDataset(
  ctx: DatasetsContext,
  target: TargetOptions,
  placeHolder: string,
  filter: (d: DatasetState) => boolean = () => true,
): Promise<DatasetState | undefined> {
  if (target.datasetArn) {
    await ensureLoaded(ctx);
    let found = ctx.model.findDataset(target.datasetArn);
    if (!found) {
      await ctx.model.refreshProjects();
      found = await ctx.model.lookUpDataset(target.datasetArn);
    }
    if (!found) throw new CustomLabelsError(`There is no dataset ${target.datasetArn} in ${ctx.connection.label}.`, 'NOT_FOUND', 'Refresh the explorer.');
    return found;
  }
  const type = normalizeType(target.type);
  if (target.projectName || target.projectArn) {
    const project = await resolveProject(ctx, target, placeHolder);
    if (!project) return undefined;
    const candidates = project.datasets.filter((d) => (!type || d.ref.type === type) && filter(d));
    if (candidates.length === 1 || (type && candidates.length > 0)) return candidates[0];
    if (candidates.length === 0) {
      throw new CustomLabelsError(
        `Project "${project.project.name}" has no ${type ? datasetTypeLabel(type).toLowerCase() : 'suitable dataset'}.`,
        'NOT_FOUND',
        'Create the dataset first.',
      );
    }
    return pickDataset(candidates, placeHolder, ctx);
  }
  await ensureLoaded(ctx);
  const candidates = ctx.model.allDatasets().filter((d) => (!type || d.ref.type === type) && filter(d));
  if (candidates.length === 0) {
    throw new CustomLabelsError(`No suitable dataset in ${ctx.connection.label}.`, 'NOT_FOUND', 'Create a project and a dataset first.');
  }
  return pickDataset(candidates, placeHolder, ctx);
}

async function pickDataset(candidates: DatasetState[], placeHolder: string, ctx: DatasetsContext): Promise<DatasetState | undefined> {
  const picked = await vscode.window.showQuickPick(
    candidates.map((d) => ({
      label: `${projectName(ctx, d)} › ${datasetTypeLabel(d.ref.type)}`,
      description: datasetDescription(d.dataset),
      state: d,
    })),
    { placeHolder },
  );
  return picked?.state;
}

export function projectName(ctx: DatasetsContext, d: DatasetState): string {
  return ctx.model.findProject(d.projectArn)?.project.name ?? d.projectArn;
}

/** "birds › Training dataset" */
export function datasetName(ctx: DatasetsContext, d: DatasetState): string {
  return `${projectName(ctx, d)} › ${datasetTypeLabel(d.ref.type)}`;
}
