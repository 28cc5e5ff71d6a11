/** Create and delete projects. */
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { CustomLabelsError } from '../rekognition';
import { requireService, type DatasetsContext } from '../ui/context';
import { resolveProject, targetOf } from '../ui/pickers';
import { info, registerCommand, withProgress } from '../ui/command-edge';

const PROJECT_NAME = /^[a-zA-Z0-9_.-]{1,255}$/;

export function validateProjectName(name: string, existing: readonly string[]): string | undefined {
  if (!name) return 'Enter a project name.';
  if (!PROJECT_NAME.test(name)) return 'Use 1-255 letters, digits, "_", "." or "-" (no spaces).';
  if (existing.includes(name)) return `A project named "${name}" already exists here.`;
  return undefined;
}

export interface CreateProjectOptions {
  projectName?: string;
}

export interface DeleteProjectOptions {
  projectName?: string;
  projectArn?: string;
  /** Skip the confirmation (tests, scripts). */
  confirmed?: boolean;
}

export function registerProjectCommands(ctx: DatasetsContext): vscode.Disposable[] {
  return [
    registerCommand(ctx, Commands.createProject, 'Create project', async (options?: CreateProjectOptions) => {
      const service = await requireService(ctx);
      const existing = ctx.model.projects.map((p) => p.project.name);
      let name = options?.projectName;
      if (name === undefined) {
        name = await vscode.window.showInputBox({
          title: 'Create Custom Labels Project',
          prompt: `Project name (in ${ctx.connection.label})`,
          placeHolder: 'my-project',
          validateInput: (value) => validateProjectName(value.trim(), existing),
        });
        if (name === undefined) return undefined;
        name = name.trim();
      }
      const problem = validateProjectName(name, existing);
      if (problem) throw new CustomLabelsError(`"${name}" cannot be used: ${problem}`, 'INVALID_PARAMETER');
      const projectArn = await withProgress(`Creating project ${name}…`, false, () => service.createProject(name!));
      await ctx.model.watch();
      info(ctx, `Created project ${name}. Next: create its training dataset.`);
      return { projectArn };
    }),

    registerCommand(ctx, Commands.deleteProject, 'Delete project', async (arg?: unknown) => {
      const service = await requireService(ctx);
      const options = targetOf(arg) as DeleteProjectOptions;
      const state = await resolveProject(ctx, options, 'Project to delete');
      if (!state) return undefined;
      const { project } = state;
      if (!options.confirmed) {
        const datasets = state.datasets.length;
        const choice = await vscode.window.showWarningMessage(
          `Delete project "${project.name}"${datasets ? ` and its ${datasets} dataset${datasets === 1 ? '' : 's'}` : ''}?`,
          {
            modal: true,
            detail:
              'This cannot be undone. A project that still has model versions cannot be deleted: delete them first (each version\'s row under the project: Delete Model Version).',
          },
          'Delete',
        );
        if (choice !== 'Delete') return undefined;
      }
      await withProgress(`Deleting project ${project.name}…`, false, () => service.deleteProject(project.arn));
      ctx.recorded.forgetProject(project.arn);
      await ctx.model.watch();
      // The service deletes in the background: the explorer drops the project when it is gone.
      info(ctx, ctx.model.findProject(project.arn) ? `Deleting project ${project.name}: it leaves the explorer when the service is done.` : `Deleted project ${project.name}.`);
      return { deleted: project.arn };
    }),
  ];
}
