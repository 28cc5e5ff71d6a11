/**
 * A model version's status transitions (managing-model, training-model, rm-start, rm-stop):
 * TRAINING_IN_PROGRESS -> TRAINING_COMPLETED or TRAINING_FAILED (training-run.ts decides),
 * STARTING -> RUNNING, STOPPING -> STOPPED, DELETING -> gone; each after the transition delay on
 * the scheduler's injectable clock, kept as plain data (`pending`) so a restarted sandbox resumes it.
 */
import type { Context } from '../service/context';
import type { ModelRecord, ModelStatus } from '../state/records';
import { runTraining } from '../models/training-run';

/** Training takes a few transition delays, as it takes longer than anything else. */
export const TRAINING_DELAYS = 3;

export function beginModel(ctx: Context, m: ModelRecord, status: ModelStatus, to: ModelStatus | 'GONE', delays = 1): void {
  m.status = status;
  const slow = ctx.faults.slowTransitionsMs;
  const delay = slow !== undefined && slow >= 0 ? slow : ctx.delayMs * delays;
  m.pending = { dueAt: ctx.scheduler.now() + delay, to };
  ctx.scheduler.later(() => settleModel(ctx, m.arn), delay);
}

export function settleModel(ctx: Context, arn: string): void {
  const m = ctx.state.models.get(arn);
  const pending = m?.pending;
  if (!m || !pending) return;
  m.pending = undefined;
  if (pending.to === 'GONE') {
    ctx.state.models.delete(arn);
  } else if (m.status === 'TRAINING_IN_PROGRESS') {
    let outcome;
    try {
      outcome = runTraining(ctx, m);
    } catch (e) {
      outcome = { status: 'TRAINING_FAILED' as const, message: `Amazon Rekognition experienced a service issue (${e instanceof Error ? e.message : String(e)}). Try training again.` };
    }
    m.status = outcome.status;
    m.statusMessage = outcome.message;
    m.trainingEnded = ctx.scheduler.now();
  } else {
    m.status = pending.to;
    m.statusMessage = MESSAGES[pending.to] ?? '';
  }
  ctx.changed();
}

const MESSAGES: Partial<Record<ModelStatus, string>> = {
  RUNNING: 'The model is running.',
  STOPPED: 'The model is stopped.',
};

export function resumeModels(ctx: Context): void {
  const now = ctx.scheduler.now();
  for (const m of ctx.state.models.values()) {
    if (m.pending) ctx.scheduler.later(() => settleModel(ctx, m.arn), m.pending.dueAt - now);
  }
}
