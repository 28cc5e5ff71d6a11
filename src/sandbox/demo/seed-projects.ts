/**
 * seedProjects: an account with many projects (`--seed-projects N`, `startSandbox({ seedProjects })`),
 * to see the explorer page through DescribeProjects. Each is CREATED with no dataset (a
 * DescribeProjects page then costs no DescribeDataset call), named `project-001` ... with the
 * number padded to N's width so the names sort as they were created. Idempotent by name: a
 * sandbox reloaded from `--data` keeps the ones it has and adds the missing ones.
 */
import { projectArn } from '../service/arn';
import type { Context } from '../service/context';

/** The sandbox refuses more: a bounded state for a test account (AWS's own quota is per account). */
export const MAX_SEEDED_PROJECTS = 10_000;

export function seededProjectName(i: number, count: number): string {
  return `project-${String(i).padStart(String(count).length, '0')}`;
}

export function seedProjects(ctx: Context, count: number): number {
  if (!Number.isInteger(count) || count < 0 || count > MAX_SEEDED_PROJECTS) {
    throw new Error(`seedProjects must be a whole number from 0 to ${MAX_SEEDED_PROJECTS}, got ${count}.`);
  }
  const names = new Set([...ctx.state.projects.values()].map((p) => p.name));
  let added = 0;
  for (let i = 1; i <= count; i++) {
    const name = seededProjectName(i, count);
    if (names.has(name)) continue;
    const stamp = ctx.state.stamp();
    const arn = projectArn(ctx.region, ctx.account, name, stamp);
    ctx.state.projects.set(arn, { arn, name, feature: 'CUSTOM_LABELS', status: 'CREATED', created: stamp });
    added++;
  }
  if (added) ctx.changed();
  return added;
}
