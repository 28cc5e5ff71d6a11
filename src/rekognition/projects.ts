/** Project operations: list (all pages, or one page: the explorer's), create, delete. */
import { CustomLabelsError, type Cancellation, type Project, type ProjectFeature, type ProjectsPage, type ProjectsPageRequest } from './types';
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

/** The model's bounds of DescribeProjects (ProjectsPageSize, ProjectNames). */
export const PROJECTS_PAGE_MAX = 100;
export const PROJECT_NAMES_MAX = 10;

/** One DescribeProjects page (Custom Labels projects only, as listProjects by default). */
export async function listProjectsPage(call: Caller, request: ProjectsPageRequest): Promise<ProjectsPage> {
  const { maxResults, names } = request;
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > PROJECTS_PAGE_MAX) {
    throw new CustomLabelsError(`A page of projects holds 1 to ${PROJECTS_PAGE_MAX}, not ${maxResults}.`, ErrorCodes.invalidParameter);
  }
  if (names && (names.length < 1 || names.length > PROJECT_NAMES_MAX)) {
    throw new CustomLabelsError(`DescribeProjects takes 1 to ${PROJECT_NAMES_MAX} project names, not ${names.length}.`, ErrorCodes.invalidParameter, `Enter at most ${PROJECT_NAMES_MAX} names.`);
  }
  throwIfCancelled(request.cancellation, 'Listing projects');
  const out = await call(
    { action: 'List projects', operation: 'DescribeProjects' },
    ({ client, sdk }, abortSignal) =>
      client.send(
        new sdk.DescribeProjectsCommand({ MaxResults: maxResults, NextToken: request.nextToken, ...(names ? { ProjectNames: [...names] } : {}) }),
        { abortSignal },
      ),
    request.cancellation,
  );
  return { projects: (out.ProjectDescriptions ?? []).map(toProject), nextToken: out.NextToken || undefined };
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
