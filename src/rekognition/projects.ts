/** Project operations: list (all pages), create, delete. */
import { CustomLabelsError, type Cancellation, type Project, type ProjectFeature } from './types';
import type { Caller } from './call';
import { ErrorCodes } from './errors';
import { parseProjectArn } from './arn';
import { toProject } from './mapping';
import { throwIfCancelled } from './cancellation';

const PROJECT_NAME = /^[a-zA-Z0-9_.-]{1,255}$/;

export function checkProjectName(name: string): void {
  if (typeof name !== 'string' || name.length === 0) {
    throw new CustomLabelsError('The project name is empty.', ErrorCodes.invalidParameter, 'Enter a name.');
  }
  if (name.length > 255) {
    throw new CustomLabelsError(
      `The project name is ${name.length} characters long; the maximum is 255.`,
      ErrorCodes.invalidParameter,
      'Choose a shorter name.',
    );
  }
  if (!PROJECT_NAME.test(name)) {
    const bad = [...new Set(name.replace(/[a-zA-Z0-9_.-]/g, ''))].map((c) => JSON.stringify(c)).join(', ');
    throw new CustomLabelsError(
      `The project name "${name}" contains characters that are not allowed: ${bad}.`,
      ErrorCodes.invalidParameter,
      'Use only letters, digits, "_", "." and "-".',
    );
  }
}

export async function listProjects(
  call: Caller,
  options: { features?: ProjectFeature[]; cancellation?: Cancellation } = {},
): Promise<Project[]> {
  const projects: Project[] = [];
  let token: string | undefined;
  const features = options.features?.length ? options.features : undefined;
  do {
    throwIfCancelled(options.cancellation, 'Listing projects');
    const out = await call(
      { action: 'List projects', operation: 'DescribeProjects' },
      ({ client, sdk }, abortSignal) =>
        client.send(
          new sdk.DescribeProjectsCommand({ MaxResults: 100, NextToken: token, ...(features ? { Features: features } : {}) }),
          { abortSignal },
        ),
      options.cancellation,
    );
    for (const p of out.ProjectDescriptions ?? []) projects.push(toProject(p));
    token = out.NextToken || undefined;
  } while (token);
  return projects;
}

export async function createProject(call: Caller, name: string, feature: ProjectFeature = 'CUSTOM_LABELS'): Promise<string> {
  checkProjectName(name);
  const out = await call({ action: `Create project "${name}"`, operation: 'CreateProject', resource: name }, ({ client, sdk }) =>
    client.send(new sdk.CreateProjectCommand({ ProjectName: name, Feature: feature })),
  );
  if (!out.ProjectArn) {
    throw new CustomLabelsError(`Create project "${name}" failed: the service returned no ARN.`, 'NO_ARN', 'Refresh the explorer.');
  }
  return out.ProjectArn;
}

export async function deleteProject(call: Caller, projectArn: string): Promise<void> {
  const arn = parseProjectArn(projectArn);
  await call(
    { action: `Delete project "${arn.projectName}"`, operation: 'DeleteProject', resource: projectArn },
    ({ client, sdk }) => client.send(new sdk.DeleteProjectCommand({ ProjectArn: projectArn })),
  );
}
