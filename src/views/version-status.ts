/**
 * A model version as the explorer knows it (`VersionInfo`, filled from DescribeProjectVersions)
 * and what its row shows, decided without `vscode`: the codicon (spinning while training,
 * starting, stopping or deleting; red for TRAINING_FAILED, FAILED and COPYING_FAILED), the
 * description (the status in words when it is not the usual one, then the F1 score), the tooltip
 * (the status message in words, the F1 score, the billed training time, dates, ARN), and the
 * contextValue that menus match. Statuses are ProjectVersionStatus (rekognition-model-versions.json).
 * The billed time is BillableTrainingTimeInSeconds: "You are charged for the amount of time that
 * it takes to successfully train a model" (tm-train-model).
 */
import type { ModelVersion, S3ObjectRef } from '../rekognition';

/** What the explorer and the model commands know of one model version: the service's description (rekognition's ModelVersion) and its project. */
export type VersionInfo = ModelVersion & { projectArn: string };

export type { S3ObjectRef };

/** busy: the service is changing it (poll); failed; running; ready (trained, stopped, copied); gone (deprecated, expired). */
export type VersionPhase = 'busy' | 'failed' | 'running' | 'ready' | 'gone' | 'unknown';

export function versionPhase(status: string | undefined): VersionPhase {
  switch (status) {
    case 'TRAINING_IN_PROGRESS':
    case 'STARTING':
    case 'STOPPING':
    case 'DELETING':
    case 'COPYING_IN_PROGRESS':
      return 'busy';
    case 'TRAINING_FAILED':
    case 'FAILED':
    case 'COPYING_FAILED':
      return 'failed';
    case 'RUNNING':
      return 'running';
    case 'TRAINING_COMPLETED':
    case 'STOPPED':
    case 'COPYING_COMPLETED':
      return 'ready';
    case 'DEPRECATED':
    case 'EXPIRED':
      return 'gone';
    default:
      return 'unknown';
  }
}

export function isVersionBusy(status: string | undefined): boolean {
  return versionPhase(status) === 'busy';
}

/** "Training in progress", "Training failed", "Running". */
export function versionStatusLabel(status: string | undefined): string {
  if (!status) return 'Unknown status';
  const words = status.toLowerCase().split('_');
  return [words[0]!.charAt(0).toUpperCase() + words[0]!.slice(1), ...words.slice(1)].join(' ');
}

export function versionIcon(status: string | undefined): { id: string; color?: string } {
  switch (versionPhase(status)) {
    case 'busy':
      return { id: 'loading~spin' };
    case 'failed':
      return { id: 'error', color: 'errorForeground' };
    case 'running':
      return { id: 'play-circle', color: 'testing.iconPassed' };
    case 'ready':
      return status === 'STOPPED' ? { id: 'debug-stop' } : { id: 'pass', color: 'testing.iconPassed' };
    case 'gone':
      return { id: 'warning', color: 'problemsWarningIcon.foreground' };
    default:
      return { id: 'circuit-board' };
  }
}

/** "0.873": three places, as the console shows the F1 score. */
export function formatF1(f1: number): string {
  return f1.toFixed(3);
}

/**
 * What shows beside the version's name, most important first (the side bar cuts the end off):
 * "training…", "training failed", "running · F1 0.873", "F1 0.873".
 */
export function versionDescription(v: VersionInfo): string {
  const parts: string[] = [];
  const phase = versionPhase(v.status);
  if (phase === 'busy') parts.push(`${versionStatusLabel(v.status).toLowerCase().replace(/ in progress$/, '')}…`);
  else if (v.status !== 'TRAINING_COMPLETED') parts.push(versionStatusLabel(v.status).toLowerCase());
  if (v.f1 !== undefined) parts.push(`F1 ${formatF1(v.f1)}`);
  return parts.join(' · ');
}

/** 3,720 s -> "1 h 2 min (3,720 s)"; 45 s -> "45 s". */
export function formatBilledTime(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const exact = `${s.toLocaleString('en-US')} s`;
  if (h === 0 && m === 0) return exact;
  const words = h > 0 ? `${h} h ${m} min` : `${m} min`;
  return `${words} (${exact})`;
}

/** Markdown tooltip: status and its message in words, F1, billed training time, dates, output, ARN. */
export function versionTooltip(v: VersionInfo, error?: string): string {
  const lines = [`**${escapeMarkdown(v.name)}**: ${versionStatusLabel(v.status)}`, ''];
  if (v.statusMessage) lines.push(escapeMarkdown(v.statusMessage), '');
  if (error) lines.push(`Could not refresh the model versions: ${escapeMarkdown(error)}`, '');
  if (v.f1 !== undefined) lines.push(`F1 score: ${formatF1(v.f1)}  `);
  if (v.billableTrainingSeconds !== undefined) lines.push(`Billed training time: ${formatBilledTime(v.billableTrainingSeconds)}  `);
  if (v.created) lines.push(`Created: ${v.created.toISOString()}  `);
  if (v.trainingEnded) lines.push(`Training ended: ${v.trainingEnded.toISOString()}  `);
  if (v.output) lines.push(`Output: \`s3://${v.output.bucket}/${v.output.prefix}\`  `);
  lines.push(`ARN: \`${v.arn}\``);
  return lines.join('\n');
}

/**
 * contextValue of a version row: `version;<status, lower case>;<evaluated|notevaluated>`, e.g.
 * `version;training_completed;evaluated`. Menus match it by regex.
 */
export function versionContextValue(v: VersionInfo): string {
  return `version;${String(v.status).toLowerCase()};${v.summary ? 'evaluated' : 'notevaluated'}`;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>]/g, (c) => `\\${c}`);
}
