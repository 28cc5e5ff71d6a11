/**
 * Asynchronous status transitions. A record in progress carries what it becomes (`pending`);
 * a timer applies it after the transition delay. Pending transitions are plain data, so a
 * restarted sandbox (persistence) resumes them.
 */
import type { Context } from '../service/context';
import type { DatasetPending, DatasetRecord, DatasetStatus, ProjectRecord } from '../state/records';
import { settleImport } from '../operations/import';
import { resumeModels } from './model-transitions';

export function beginDataset(ctx: Context, ds: DatasetRecord, status: DatasetStatus, message: string, pending: Omit<DatasetPending, 'dueAt'>): void {
  ds.status = status;
  ds.statusMessage = message;
  ds.statusMessageCode = 'SUCCESS';
  const delay = transitionDelay(ctx);
  ds.pending = { ...pending, dueAt: ctx.scheduler.now() + delay };
  scheduleDataset(ctx, ds.arn, delay);
}

/** The configured delay, or the slow-transitions fault's while it is set. */
function transitionDelay(ctx: Context): number {
  const slow = ctx.faults.slowTransitionsMs;
  return slow !== undefined && slow >= 0 ? slow : ctx.delayMs;
}

function scheduleDataset(ctx: Context, arn: string, delayMs: number): void {
  ctx.scheduler.later(() => settleDataset(ctx, arn), delayMs);
}

/** Applies a dataset's pending transition. */
export function settleDataset(ctx: Context, arn: string): void {
  const ds = ctx.state.datasets.get(arn);
  const pending = ds?.pending;
  if (!ds || !pending) return;
  if (pending.remove) {
    ctx.state.datasets.delete(arn);
    ctx.changed();
    return;
  }
  if (pending.importFrom) settleImport(ctx, ds, pending);
  if (pending.final && (pending.final.status === 'CREATE_COMPLETE' || pending.final.status === 'UPDATE_COMPLETE') && pending.entries) {
    ds.entries = pending.entries;
  }
  if (pending.final) {
    ds.status = pending.final.status;
    ds.statusMessage = pending.final.message;
    ds.statusMessageCode = pending.final.code;
  }
  ds.lastUpdated = ctx.state.stamp(ctx.scheduler.now());
  ds.pending = undefined;
  ctx.changed();
}

export function beginProject(ctx: Context, p: ProjectRecord, status: 'CREATING' | 'DELETING'): void {
  p.status = status;
  const delay = transitionDelay(ctx);
  p.pendingUntil = ctx.scheduler.now() + delay;
  ctx.scheduler.later(() => settleProject(ctx, p.arn), delay);
}

export function settleProject(ctx: Context, arn: string): void {
  const p = ctx.state.projects.get(arn);
  if (!p || p.pendingUntil === undefined) return;
  if (p.status === 'DELETING') {
    ctx.state.projects.delete(arn);
    for (const m of ctx.state.modelsOf(arn)) ctx.state.models.delete(m.arn);
    for (const ds of ctx.state.datasetsOf(arn)) ctx.state.datasets.delete(ds.arn);
  } else {
    p.status = 'CREATED';
    p.pendingUntil = undefined;
  }
  ctx.changed();
}

/** Re-arms the timers of transitions that were in progress when the state was saved. */
export function resumePending(ctx: Context): void {
  const now = ctx.scheduler.now();
  for (const p of ctx.state.projects.values()) {
    if (p.pendingUntil !== undefined) ctx.scheduler.later(() => settleProject(ctx, p.arn), p.pendingUntil - now);
  }
  for (const ds of ctx.state.datasets.values()) {
    if (ds.pending) scheduleDataset(ctx, ds.arn, ds.pending.dueAt - now);
  }
  resumeModels(ctx);
}
