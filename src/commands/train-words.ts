/**
 * What Train Model and Delete Model Version say, decided without `vscode`: the version name's
 * rule (VersionName in rekognition-model-versions.json: 1-255 characters of `[a-zA-Z0-9_.\-]`),
 * the output location's (OutputConfig: S3Bucket 3-255 characters of `[0-9A-Za-z.\-_]`,
 * S3KeyPrefix up to 1,024), the confirmation (the readiness check's findings first; training is
 * billed: "You are charged for the amount of time that it takes to successfully train a model.
 * Typically training takes from 30 minutes to 24 hours to complete", tm-train-model), the
 * messages when training ends, and why a version cannot be deleted now ("You can't delete a
 * model if it is running or if it is training", tm-delete-model), and Start/Stop Model's
 * questions: "You are charged for the amount of time, in minutes, that the model is running" and
 * "You are charged for the number of inference units that you use" (running-model).
 */
import type { TrainingReport } from '../training';

export const VERSION_NAME = { pattern: /^[a-zA-Z0-9_.\-]+$/, min: 1, max: 255 } as const;
export const S3_BUCKET = { pattern: /^[0-9A-Za-z.\-_]*$/, min: 3, max: 255 } as const;
export const S3_KEY_PREFIX_MAX = 1024;

/** Why `name` cannot name a new version of the project (undefined: it can). */
export function validateVersionName(name: string, existing: readonly string[] = []): string | undefined {
  if (name.length < VERSION_NAME.min) return 'Enter a version name.';
  if (name.length > VERSION_NAME.max) return `The name is ${name.length.toLocaleString('en-US')} characters long; the most is ${VERSION_NAME.max}.`;
  if (!VERSION_NAME.pattern.test(name)) {
    const bad = [...new Set(name.replace(/[a-zA-Z0-9_.\-]/g, ''))].map((c) => JSON.stringify(c)).join(', ');
    return `Not allowed in a version name: ${bad}. Use letters, digits, "_", "." and "-".`;
  }
  if (existing.includes(name)) return `The project already has a version named "${name}". Choose another name.`;
  return undefined;
}

/** A name for the next version: `v1`, or one more than the highest `vN` already there. */
export function suggestVersionName(existing: readonly string[]): string {
  let n = 0;
  for (const e of existing) {
    const m = /^v(\d+)$/.exec(e);
    if (m) n = Math.max(n, Number(m[1]));
  }
  return `v${n + 1}`;
}

export interface OutputLocation {
  bucket: string;
  prefix: string;
}

/** `s3://bucket/prefix/` (or `bucket/prefix/`) to OutputConfig's bucket and prefix, or why not. */
export function parseOutputLocation(text: string): OutputLocation | { error: string } {
  const t = text.trim().replace(/^s3:\/\//i, '');
  if (!t) return { error: 'Enter where training writes its results: s3://bucket/prefix/.' };
  const slash = t.indexOf('/');
  const bucket = slash < 0 ? t : t.slice(0, slash);
  const prefix = slash < 0 ? '' : t.slice(slash + 1);
  if (bucket.length < S3_BUCKET.min || bucket.length > S3_BUCKET.max) return { error: `The bucket name "${bucket}" must be ${S3_BUCKET.min}-${S3_BUCKET.max} characters long.` };
  if (!S3_BUCKET.pattern.test(bucket)) return { error: `The bucket name "${bucket}" may hold only letters, digits, ".", "-" and "_".` };
  if (prefix.length > S3_KEY_PREFIX_MAX) return { error: `The prefix is ${prefix.length.toLocaleString('en-US')} characters long; the most is ${S3_KEY_PREFIX_MAX.toLocaleString('en-US')}.` };
  return { bucket, prefix };
}

export function formatOutputLocation(o: OutputLocation): string {
  return `s3://${o.bucket}/${o.prefix}`;
}

export interface TrainConfirmation {
  message: string;
  detail: string;
  /** "Train" when the check found no error; "Train Anyway" when it predicts a failure. */
  button: 'Train' | 'Train Anyway';
}

/**
 * The modal question before CreateProjectVersion: the readiness check's errors (each what fails
 * and what to do) and warnings, the model type, where the results go, and that training is billed.
 */
export function trainConfirmation(project: string, versionName: string, output: OutputLocation, report: TrainingReport, hasTest: boolean): TrainConfirmation {
  const errors = report.findings.filter((f) => f.severity === 'error');
  const warnings = report.findings.filter((f) => f.severity === 'warning');
  const lines: string[] = [];
  if (errors.length > 0) {
    lines.push(`Training readiness predicts ${errors.length === 1 ? 'a failure' : `${errors.length} failures`}:`);
    for (const f of errors) lines.push(`• ${f.code}: ${f.message}${f.action ? ` ${f.action}` : ''}`);
    lines.push('');
  } else {
    lines.push('Training readiness found no error.');
  }
  if (warnings.length > 0) {
    lines.push(`${warnings.length === 1 ? 'A warning' : `${warnings.length} warnings`}:`);
    for (const f of warnings) lines.push(`• ${f.code}: ${f.message}`);
    lines.push('');
  }
  const type = report.modelType === 'image-level' ? 'image-level labels (classification)' : 'objects with bounding boxes (object detection)';
  lines.push(`Model: ${type}${hasTest ? '' : '; no test dataset: training splits 20% of the training images off to test'}.`);
  lines.push(`Results: ${formatOutputLocation(output)}`);
  lines.push('');
  lines.push('Training is billed for the time it takes to train successfully, typically 30 minutes to 24 hours.');
  return {
    message: errors.length > 0 ? `Train "${versionName}" of ${project} anyway? Training is expected to fail.` : `Train model "${versionName}" of ${project}?`,
    detail: lines.join('\n').replace(/\n{3,}/g, '\n\n').trim(),
    button: errors.length > 0 ? 'Train Anyway' : 'Train',
  };
}

/** What the notification says when training ends. */
export function trainingEndedMessage(project: string, v: { name: string; status: string; statusMessage?: string; f1?: number }): { ok: boolean; text: string } {
  if (v.status === 'TRAINING_COMPLETED') {
    return { ok: true, text: `Model ${v.name} of ${project} is trained${v.f1 !== undefined ? `: F1 score ${v.f1.toFixed(3)}` : ''}. Show its evaluation from its row in the explorer.` };
  }
  const why = v.statusMessage ? `: ${v.statusMessage}` : '.';
  return { ok: false, text: `Training model ${v.name} of ${project} failed (${v.status})${why}` };
}

/** Why a version cannot be started now (undefined: it can): only a trained or stopped model starts. */
export function startRefusal(v: { name: string; status: string }): string | undefined {
  if (v.status === 'TRAINING_COMPLETED' || v.status === 'STOPPED') return undefined;
  if (v.status === 'RUNNING' || v.status === 'STARTING') return `Model ${v.name} is already ${v.status === 'RUNNING' ? 'running' : 'starting'}.`;
  if (v.status === 'STOPPING') return `Model ${v.name} is stopping: wait until it is stopped, then start it.`;
  if (v.status === 'TRAINING_IN_PROGRESS') return `Model ${v.name} is training: wait until training completes, then start it.`;
  return `Model ${v.name} is ${v.status}: only a model whose training completed, or a stopped one, can be started.`;
}

/** Why a version cannot be stopped now (undefined: it can): only a running model stops. */
export function stopRefusal(v: { name: string; status: string }): string | undefined {
  if (v.status === 'RUNNING') return undefined;
  if (v.status === 'STARTING') return `Model ${v.name} is starting: wait until it is running, then stop it.`;
  return `Model ${v.name} is not running (${v.status}): there is nothing to stop.`;
}

/** The question before StartProjectVersion: running is billed by the minute, per inference unit, until stopped. */
export function startConfirmation(project: string, name: string, inferenceUnits: number): { message: string; detail: string; button: 'Start' } {
  const units = `${inferenceUnits} inference unit${inferenceUnits === 1 ? '' : 's'}`;
  return {
    message: `Start model ${name} of ${project} with ${units}?`,
    detail: `A running model is billed for every minute it runs, for each inference unit, until it is stopped: stop it (Stop Model) when you are done. Starting takes a few minutes.`,
    button: 'Start',
  };
}

/** The question before StopProjectVersion. */
export function stopConfirmation(project: string, name: string): { message: string; detail: string; button: 'Stop' } {
  return {
    message: `Stop model ${name} of ${project}?`,
    detail: 'Its billing stops once it is stopped; DetectCustomLabels fails until it is started again (which takes a few minutes).',
    button: 'Stop',
  };
}

/** Why a version cannot be deleted now (undefined: it can). */
export function deleteRefusal(v: { name: string; status: string }): string | undefined {
  switch (v.status) {
    case 'TRAINING_IN_PROGRESS':
      return `Model ${v.name} is training: a model cannot be deleted while it trains. Wait until training ends, then delete it.`;
    case 'RUNNING':
    case 'STARTING':
      return `Model ${v.name} is ${v.status === 'RUNNING' ? 'running' : 'starting'}: a running model cannot be deleted. Stop it, wait until it is stopped, then delete it.`;
    case 'STOPPING':
      return `Model ${v.name} is stopping: wait until it is stopped, then delete it.`;
    case 'DELETING':
      return `Model ${v.name} is already being deleted: it leaves the explorer when the service is done.`;
    case 'COPYING_IN_PROGRESS':
      return `Model ${v.name} is being copied: wait until the copy ends, then delete it.`;
    default:
      return undefined;
  }
}
