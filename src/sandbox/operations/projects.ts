/** CreateProject, DescribeProjects, DeleteProject. */
import { PROJECT_NAME_PATTERN, projectArn } from '../service/arn';
import type { Context } from '../service/context';
import { inUse, notFound } from '../service/errors';
import { type Body, checkEnum, checkString, optionalEnum, optionalList, optionalObject, paging, requiredProjectArn, requiredString } from '../service/input';
import { page } from '../service/pagination';
import type { ProjectRecord } from '../state/records';
import { beginProject } from '../lifecycle/transitions';

const FEATURES = ['CUSTOM_LABELS', 'CONTENT_MODERATION'] as const;
const AUTO_UPDATE = ['ENABLED', 'DISABLED'] as const;

export function createProject(ctx: Context, body: Body): Body {
  const name = requiredString(body, 'ProjectName', 1, 255, PROJECT_NAME_PATTERN);
  const feature = optionalEnum(body, 'Feature', FEATURES) ?? 'CUSTOM_LABELS';
  const autoUpdate = optionalEnum(body, 'AutoUpdate', AUTO_UPDATE);
  optionalObject(body, 'Tags');
  for (const p of ctx.state.projects.values()) {
    if (p.name === name) {
      // The service answers a duplicate project name with ResourceInUseException (CreateProject has no ResourceAlreadyExists).
      throw inUse(`A project named '${name}' already exists (${p.arn}). Choose another name, or use the existing project.`);
    }
  }
  const stamp = ctx.state.stamp();
  const project: ProjectRecord = {
    arn: projectArn(ctx.region, ctx.account, name, stamp),
    name,
    feature,
    autoUpdate: feature === 'CONTENT_MODERATION' ? (autoUpdate ?? 'DISABLED') : undefined,
    status: 'CREATING',
    created: stamp,
  };
  ctx.state.projects.set(project.arn, project);
  beginProject(ctx, project, 'CREATING');
  ctx.changed();
  return { ProjectArn: project.arn };
}

export function describeProjects(ctx: Context, body: Body): Body {
  const { maxResults, nextToken } = paging(body);
  const names = optionalList(body, 'ProjectNames', 1, 10)?.map((n) => checkString('ProjectNames', n, 1, 255, PROJECT_NAME_PATTERN));
  const features: string[] = (optionalList(body, 'Features', 1, 2) ?? ['CUSTOM_LABELS']).map((f) => checkEnum('Features', f, FEATURES));
  const scope = JSON.stringify(['DescribeProjects', features, names ?? null]);
  const result = page(ctx.cursors, nextToken, maxResults, scope, () =>
    [...ctx.state.projects.values()].filter((p) => features.includes(p.feature) && (!names || names.includes(p.name))).sort((a, b) => a.created - b.created),
  );
  return {
    ProjectDescriptions: result.items.map((p) => describeProject(ctx, p)),
    NextToken: result.nextToken,
  };
}

function describeProject(ctx: Context, p: ProjectRecord): Body {
  return {
    ProjectArn: p.arn,
    CreationTimestamp: p.created / 1000,
    Status: p.status,
    Feature: p.feature,
    AutoUpdate: p.autoUpdate,
    Datasets: ctx.state
      .datasetsOf(p.arn)
      .sort((a, b) => a.created - b.created)
      .map((d) => ({
        CreationTimestamp: d.created / 1000,
        DatasetType: d.type,
        DatasetArn: d.arn,
        Status: d.status,
        StatusMessage: d.statusMessage,
        StatusMessageCode: d.statusMessageCode,
      })),
  };
}

/**
 * The guide: a project's models must be deleted first (ResourceInUseException); its datasets go
 * with it. Refused while a dataset of the project is being created, updated or deleted.
 */
export function deleteProject(ctx: Context, body: Body): Body {
  const arn = requiredProjectArn(body);
  const p = ctx.state.projects.get(arn);
  if (!p) throw notFound(`The project ${arn} does not exist. Check the ARN (DescribeProjects lists the projects of this account and region).`);
  if (p.status === 'DELETING') return { Status: 'DELETING' };
  const models = ctx.state.modelsOf(arn);
  if (models.length > 0) {
    // mp-delete-project: a project's models are deleted before the project.
    throw inUse(`The project has ${models.length} model${models.length === 1 ? '' : 's'} (${models.slice(0, 3).map((m) => m.versionName).join(', ')}): delete them first (DeleteProjectVersion), then delete the project.`);
  }
  const busy = ctx.state.datasetsOf(arn).find((d) => d.status.endsWith('_IN_PROGRESS'));
  if (busy) {
    throw inUse(`The project cannot be deleted while its ${busy.type} dataset is ${busy.status}. Wait until the dataset operation finishes, then delete the project again.`);
  }
  beginProject(ctx, p, 'DELETING');
  ctx.changed();
  return { Status: 'DELETING' };
}
