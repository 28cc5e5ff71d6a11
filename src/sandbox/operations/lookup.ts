/** Finding records, with the errors the service gives when they are missing or busy. */
import type { Context } from '../service/context';
import { inUse, notFound } from '../service/errors';
import type { DatasetRecord, ProjectRecord } from '../state/records';

export function findProject(ctx: Context, arn: string): ProjectRecord {
  const p = ctx.state.projects.get(arn);
  if (!p || p.status === 'DELETING') {
    throw notFound(`The project ${arn} does not exist. Check the ARN (DescribeProjects lists the projects of this account and region).`);
  }
  return p;
}

/** A dataset that exists (DELETE_IN_PROGRESS counts as existing: DescribeDataset still shows it). */
export function findDataset(ctx: Context, arn: string): DatasetRecord {
  const d = ctx.state.datasets.get(arn);
  if (!d) {
    throw notFound(`The dataset ${arn} does not exist. Check the ARN (DescribeProjects lists a project's datasets); it may have been deleted.`);
  }
  return d;
}

/** ResourceInUseException while the dataset is being created, updated or deleted. */
export function requireIdle(d: DatasetRecord, action: string): void {
  if (d.status.endsWith('_IN_PROGRESS')) {
    throw inUse(`Cannot ${action}: the ${d.type} dataset ${d.arn} is ${d.status}. Wait until DescribeDataset shows a *_COMPLETE or *_FAILED status, then try again.`);
  }
}
