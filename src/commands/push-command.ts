/**
 * Push entries from a local manifest to a dataset: invalid lines are listed first, the push
 * runs under a cancellable progress, the result says which lines reached the dataset, and the
 * errors the service recorded on entries come back as diagnostics on the local lines.
 */
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { countOf, s3Location, validateLine, type MappedIssue } from '../manifest';
import {
  CustomLabelsError,
  linesToSend,
  planPush,
  type Dataset,
  type InvalidLine,
  type PushDiff,
  type PushPlan,
  type PushResult,
} from '../rekognition';
import { isInProgress } from '../rekognition';
import { datasetDescription } from '../views/dataset-status';
import type { DatasetState } from '../views/projects-model';
import { requireService, type DatasetsContext } from '../ui/context';
import { formatLineRanges } from './line-ranges';
import { importableButton, linesAre, linesWord, plural, problemsQuestion, pushingTitle } from './push-words';
import { resolveSource, type ManifestSource, type SourceOptions } from '../ui/manifest-source';
import { datasetName, resolveDataset, targetOf, type TargetOptions } from '../ui/pickers';
import { info, registerCommand, warn, withProgress } from '../ui/command-edge';
import { saidBusy } from '../ui/busy-dataset';

export interface PushOptions extends TargetOptions, SourceOptions {
  /**
   * What to do when some lines are invalid, without asking: push the valid ones; push every
   * line the service would import (lines with errors become entries with errors); or stop.
   */
  onInvalid?: 'pushValid' | 'pushImportable' | 'stop';
  /** Bytes per UpdateDatasetEntries call (tests lower it). */
  maxBatchBytes?: number;
  /** Push the active editor without asking, when the dataset is named (tree, options) and the file is not. */
  confirmed?: boolean;
  /**
   * What to do, without asking, when the push would put the dataset's images in more than one S3
   * bucket or send lines whose images Check Images found broken: push anyway, or stop.
   */
  onRisks?: 'push' | 'stop';
}

/**
 * What a push did (0-based file lines). Every line of the source is in one of `landed`,
 * `unknown`, `notLanded`, `unchanged` or `invalid` (blank lines are in none).
 */
export interface PushOutcome {
  datasetArn: string;
  /** In the dataset: their batch ended UPDATE_COMPLETE. */
  landed: number[];
  /** Sent, not confirmed (a wait timed out or was cancelled, a response was lost): pushing again finds out. */
  unknown: number[];
  /** Valid (or included) lines not in the dataset: their batch was refused, or not sent. */
  notLanded: number[];
  /** Already in the dataset as they are: not sent. */
  unchanged: number[];
  /** File lines not sent because they are invalid. */
  invalid: InvalidLine[];
  /** Entry errors mapped back to file lines. */
  issues: MappedIssue[];
  /** The comparison with the dataset the push was made by. */
  diff?: PushDiff;
  stopped: boolean;
  cancelled: boolean;
  dataset?: Dataset;
}

const MAX_LISTED = 10;

export function registerPushCommand(ctx: DatasetsContext): vscode.Disposable[] {
  return [
    registerCommand(ctx, Commands.pushEntries, 'Push entries', async (arg?: unknown, second?: unknown) => {
      // From the tree: (node); from the file explorer: (uri); from tests: (options).
      const options = (arg instanceof vscode.Uri ? (second && typeof second === 'object' && !Array.isArray(second) ? second : {}) : targetOf(arg)) as PushOptions;
      // A dataset's row (or options naming it) chosen while the service is busy with it: say why
      // nothing can be pushed now, before asking anything.
      if (options.datasetArn) {
        const named = await resolveDataset(ctx, options, 'Dataset to push to');
        if (named && saidBusy(ctx, named, 'push again')) return undefined;
      }
      // What, then where: the dataset picker names the file (or the selected lines) it pushes.
      const source = await resolveSource(arg, options);
      if (!source) return undefined;
      // The dataset picker names the file; without it (a dataset's row in the tree, options) a
      // push that took the active editor says which file it is before it sends anything.
      const picks = !options.datasetArn;
      const target = await resolveDataset(ctx, options, `Push ${source.label} to which dataset?`, (d) => !isInProgress(d.dataset?.status ?? d.ref.status));
      if (!target) return undefined;
      if (source.fromEditor && !picks && !options.confirmed && !(await confirmActiveEditor(ctx, source, target))) return undefined;
      return pushToDataset(ctx, target, source, options);
    }),
  ];
}

/** "12 added, 3 changed, 985 unchanged (not sent); 4 entries only in the dataset". */
export function describeDiff(diff: PushDiff): string {
  const parts = [`${diff.added.length.toLocaleString('en-US')} added`, `${diff.changed.length.toLocaleString('en-US')} changed`];
  const unchanged = diff.unchanged.length ? `, ${diff.unchanged.length.toLocaleString('en-US')} unchanged (not sent)` : '';
  const only = diff.onlyInDataset.count
    ? `; ${plural(diff.onlyInDataset.count, 'entry is', 'entries are')} only in the dataset (kept: no API deletes an entry)`
    : '';
  return `${parts.join(', ')}${unchanged}${only}`;
}

function logDiff(ctx: DatasetsContext, source: ManifestSource, name: string, diff: PushDiff): void {
  const only = diff.onlyInDataset;
  const listed = only.sourceRefs.map((r) => `  ${r}`).join('\n');
  const more = only.count > only.sourceRefs.length ? `\n  …and ${(only.count - only.sourceRefs.length).toLocaleString('en-US')} more` : '';
  ctx.log.info(
    `Push ${source.label} -> ${name}: compared with ${plural(diff.entries, 'entry', 'entries')}: ${describeDiff(diff)}.` +
      (only.count ? `\nEntries only in the dataset:\n${listed}${more}` : ''),
  );
}

export async function pushToDataset(
  ctx: DatasetsContext,
  target: DatasetState,
  source: ManifestSource,
  options: PushOptions,
  plan: PushPlan = planPush(source.lines, validateLine, source.firstLine),
): Promise<PushOutcome | undefined> {
  const service = await requireService(ctx);
  const name = datasetName(ctx, target);
  const outcome: PushOutcome = {
    datasetArn: target.ref.arn,
    landed: [],
    unknown: [],
    notLanded: [],
    unchanged: [],
    invalid: plan.invalid.map(({ importable: _sendable, ...line }) => line),
    issues: [],
    stopped: false,
    cancelled: false,
  };
  if (linesToSend(plan, true).length === 0) {
    await decideInvalidLines(ctx, plan, source, name, options.onInvalid); // throws NOTHING_TO_PUSH
  }
  // What the dataset already holds: only added and changed lines are sent.
  const diff = await withProgress(`Comparing ${source.label} with ${name}`, true, async (progress, cancellation) => {
    try {
      return await service.diffEntries(target.ref.arn, plan, { progress, cancellation });
    } catch (error) {
      if (error instanceof CustomLabelsError && error.code === 'CANCELLED') return undefined;
      throw error;
    }
  });
  if (!diff) {
    info(ctx, `Push cancelled: nothing was sent to ${name}.`);
    return { ...outcome, stopped: true, cancelled: true };
  }
  outcome.diff = diff;
  logDiff(ctx, source, name, diff);
  const unchangedSet = new Set(diff.unchanged);
  if (diff.added.length + diff.changed.length === 0) {
    outcome.unchanged = diff.unchanged;
    outcome.invalid = outcome.invalid.filter((l) => !unchangedSet.has(l.fileLine));
    const only = diff.onlyInDataset.count
      ? ` ${plural(diff.onlyInDataset.count, 'entry is', 'entries are')} only in the dataset (kept; listed in the log).`
      : '';
    const skipped = outcome.invalid.length
      ? ` Skipped ${plural(outcome.invalid.length, 'invalid line', 'invalid lines')}: ${formatLineRanges(outcome.invalid.map((l) => l.fileLine))}.`
      : '';
    info(ctx, `Nothing to push: ${name} already holds the ${plural(diff.unchanged.length, 'line', 'lines')} of ${source.label} as they are.${only}${skipped}`);
    return outcome;
  }
  // Lines with errors already in the dataset as they are need no decision.
  const pending: PushPlan = { ...plan, invalid: plan.invalid.filter((l) => !unchangedSet.has(l.fileLine)) };
  const choice = await decideInvalidLines(ctx, pending, source, name, options.onInvalid, diff);
  if (choice === 'stop') {
    info(ctx, `Push stopped: nothing was sent to ${name}. Fix ${linesWord(pending.invalid.map((l) => l.fileLine))} of ${source.label} and push again.`);
    return { ...outcome, stopped: true };
  }
  const includeErrors = choice === 'pushImportable';

  const sending = linesToSend(plan, includeErrors).filter((l) => !unchangedSet.has(l.fileLine));
  const risks = pushRisks(ctx, source, sending, diff);
  if (risks.length > 0 && !(await confirmRisks(ctx, source, name, risks, options.onRisks))) {
    info(ctx, `Push stopped: nothing was sent to ${name}.`);
    return { ...outcome, stopped: true };
  }
  let result: PushResult;
  try {
    result = await withProgress(pushingTitle(sending.length, name), true, (progress, cancellation) =>
      service.pushEntries(target.ref.arn, plan, {
        progress: {
          report(message, fraction) {
            progress.report(message, fraction);
            void ctx.model.watch(target.ref.arn);
          },
        },
        cancellation,
        maxBatchBytes: options.maxBatchBytes,
        includeErrors,
        diff,
      }),
    );
  } catch (error) {
    void ctx.model.watch(target.ref.arn);
    const e = error instanceof Error ? error : new Error(String(error));
    throw new CustomLabelsError(
      `${e.message} It is not known ${sending.length === 1 ? 'whether' : 'which of'} ${linesWord(sending.map((l) => l.fileLine))} reached ${name}.`,
      (e as { code?: string }).code ?? 'PUSH_FAILED',
      // One instruction: the error's own (e.g. "wait ... and try again") when it has one, and what a new push does.
      (e as { hint?: string }).hint
        ? `${(e as { hint?: string }).hint} A new push compares the file with the dataset first and sends only what is missing or changed.`
        : 'Push again: the push compares the file with the dataset first and sends only what is missing or changed.',
      { cause: error },
    );
  }
  void ctx.model.watch(target.ref.arn);

  // The result speaks in the plan's file lines; blank lines are not listed as invalid.
  const blank = new Set(plan.blank);
  outcome.landed = result.landed;
  outcome.unknown = result.unknown;
  outcome.notLanded = result.notLanded;
  outcome.unchanged = result.unchanged;
  outcome.cancelled = result.cancelled;
  outcome.dataset = result.dataset;
  outcome.invalid = result.rejected.filter((r) => !blank.has(r.line)).map((r) => ({ fileLine: r.line, reason: r.reason, code: r.code }));

  if (source.uri && outcome.landed.length + outcome.unchanged.length > 0) {
    // Lines in the dataset as they are now: landed, or already there unchanged (not sent).
    const inDataset = new Set([...outcome.landed, ...outcome.unchanged]);
    outcome.issues = await ctx.recorded.readBack(
      {
        async *listEntries(arn, filter) {
          yield* (await requireService(ctx)).listEntries(arn, filter);
        },
        log: ctx.log,
      },
      { datasetArn: target.ref.arn, projectArn: target.projectArn, name, connection: ctx.connection.label },
      source.uri,
      linesToSend(plan, includeErrors).filter((l) => inDataset.has(l.fileLine)),
    );
  }

  const stopped = result.batches.find((b) => b.state === 'refused' || b.state === 'unknown');
  const counts = result.dataset ? ` Dataset now: ${datasetDescription(result.dataset)}.` : '';
  const issues = outcome.issues.length
    ? ` ${plural(new Set(outcome.issues.map((i) => i.fileLine)).size, 'pushed line has', 'pushed lines have')} errors recorded by the service: the Problems view shows them on those lines, "recorded by ${name}".`
    : '';
  const unchanged = outcome.unchanged.length ? ` ${plural(outcome.unchanged.length, 'line was', 'lines were')} already in the dataset as ${outcome.unchanged.length === 1 ? 'it is' : 'they are'} (not sent).` : '';
  if (outcome.notLanded.length > 0 || outcome.unknown.length > 0 || result.cancelled) {
    const why = result.cancelled ? 'the push was cancelled' : stopped?.error ?? 'a request failed';
    const landed = outcome.landed.length ? `${linesWord(outcome.landed)} landed` : 'no line landed';
    const notLanded = outcome.notLanded.length ? `; ${linesWord(outcome.notLanded)} did not` : '';
    const unknown = outcome.unknown.length
      ? result.cancelled
        ? `; ${linesAre(outcome.unknown)} accepted by the service and still being applied when the push stopped waiting (the explorer shows the dataset when it is done)`
        : `; ${linesAre(outcome.unknown)} sent but not confirmed`
      : '';
    // A batch the service refused (dataset UPDATE_FAILED) fails again as it is; anything else can just be pushed again.
    const refused = !result.cancelled && stopped?.state === 'refused' && result.dataset?.status === 'UPDATE_FAILED';
    const next = refused
      ? 'Fix what the message names, then push again: only what is missing or changed is sent.'
      : 'Push again: the push compares the file with the dataset first and sends only what is missing or changed.';
    warn(ctx, `Push to ${name} incomplete (${why}): ${landed}${notLanded}${unknown}. ${next}${unchanged}${counts}`);
  } else {
    const skipped = outcome.invalid.length
      ? ` Skipped ${plural(outcome.invalid.length, 'invalid line', 'invalid lines')}: ${formatLineRanges(outcome.invalid.map((l) => l.fileLine))}.`
      : '';
    const only = diff.onlyInDataset.count ? ` ${plural(diff.onlyInDataset.count, 'entry is', 'entries are')} only in the dataset (kept; listed in the log).` : '';
    info(
      ctx,
      `Pushed ${plural(outcome.landed.length, 'entry', 'entries')} from ${source.label} to ${name} (${diff.added.length.toLocaleString('en-US')} added, ${diff.changed.length.toLocaleString('en-US')} changed).${unchanged}${only}${skipped}${counts}${issues}`,
    );
  }
  return outcome;
}

/**
 * What to do with a source's invalid lines: 'pushAll' when there are none, else `onInvalid`,
 * else the user's answer to a modal. Throws when no line can be pushed at all. Create Dataset
 * asks it before creating the dataset, so stopping leaves no empty dataset behind.
 */
export async function decideInvalidLines(
  ctx: DatasetsContext,
  plan: PushPlan,
  source: ManifestSource,
  name: string,
  onInvalid: PushOptions['onInvalid'],
  diff?: PushDiff,
): Promise<'pushAll' | NonNullable<PushOptions['onInvalid']>> {
  if (linesToSend(plan, true).length === 0) {
    const first = plan.invalid[0];
    throw new CustomLabelsError(
      `Nothing to push from ${source.label}: no line is a valid entry${first ? ` (line ${first.fileLine + 1}: ${first.reason})` : ''}.`,
      'NOTHING_TO_PUSH',
      'Fix the problems shown in the Problems view, then push again.',
    );
  }
  if (plan.invalid.length === 0) return 'pushAll';
  const listed = plan.invalid
    .slice(0, MAX_LISTED)
    .map((l) => `Line ${l.fileLine + 1}: ${l.reason}`)
    .join('\n');
  const more = plan.invalid.length > MAX_LISTED ? `\n…and ${plan.invalid.length - MAX_LISTED} more.` : '';
  ctx.log.warn(`Push ${source.label} -> ${name}: ${countOf(plan.invalid.length, 'invalid line')}:\n${plan.invalid.map((l) => `  line ${l.fileLine + 1}: ${l.reason}`).join('\n')}`);
  let choice = onInvalid;
  if (choice === 'pushValid' && plan.valid.length === 0) choice = 'stop';
  if (choice) return choice;

  const importable = linesToSend(plan, true).length;
  const withErrors = importable - plan.valid.length;
  const pushLabel = `Push ${plural(plan.valid.length, 'Valid Line', 'Valid Lines')}`;
  const allLabel = importableButton(importable);
  const stop: vscode.MessageItem = { title: 'Stop', isCloseAffordance: true };
  const buttons: vscode.MessageItem[] = [
    ...(plan.valid.length ? [{ title: pushLabel }] : []),
    ...(withErrors > 0 ? [{ title: allLabel }] : []),
    stop,
  ];
  const errorsNote =
    withErrors === 0
      ? ''
      : ' Lines with errors can also be pushed: the dataset keeps them as entries with errors (lines it would drop are never sent).';
  const answer = await vscode.window.showWarningMessage(
    problemsQuestion(plan.invalid.length, plan.valid.length + plan.invalid.length, source.label),
    {
      modal: true,
      detail: `${diff ? `Compared with the dataset: ${describeDiff(diff)}.\n\n` : ''}${listed}${more}\n\n${plan.valid.length ? 'Push only the valid lines, or stop and fix them first?' : 'No line is valid: stop and fix them first?'}${errorsNote}`,
    },
    ...buttons,
  );
  return answer?.title === pushLabel ? 'pushValid' : answer?.title === allLabel ? 'pushImportable' : 'stop';
}

/**
 * What a person should know before these lines are sent, that the validator of one line cannot
 * see: the dataset's images would be in more than one S3 bucket (training then fails with
 * ERROR_IMAGES_IN_MULTIPLE_S3_BUCKETS, tm-debugging-aggregate-errors.md), and lines whose images
 * Check Images found broken (missing, unreadable, too small, ...). Each risk is one paragraph.
 */
function pushRisks(ctx: DatasetsContext, source: ManifestSource, sending: readonly { fileLine: number; sourceRef?: string }[], diff: PushDiff): string[] {
  const risks: string[] = [];
  const local = new Map<string, number[]>();
  for (const l of sending) {
    const bucket = l.sourceRef === undefined ? undefined : s3Location(l.sourceRef)?.bucket;
    if (bucket === undefined) continue;
    const lines = local.get(bucket);
    if (lines) lines.push(l.fileLine);
    else local.set(bucket, [l.fileLine]);
  }
  const all = new Set([...diff.datasetBuckets.map((b) => b.bucket), ...local.keys()]);
  if (all.size > 1) {
    const inDataset = diff.datasetBuckets.map((b) => `its ${plural(b.entries, 'entry is', 'entries are')} in s3://${b.bucket}`);
    const fromFile = [...local].map(([bucket, lines]) => `${linesWord(lines)} of ${source.label} ${lines.length === 1 ? 'is' : 'are'} in s3://${bucket}`);
    risks.push(
      `The dataset's images would be in ${all.size} S3 buckets: ${[...inDataset, ...fromFile].join('; ')}. Training fails when a dataset's images are in more than one bucket (ERROR_IMAGES_IN_MULTIPLE_S3_BUCKETS): copy the images into one bucket and change the source-refs first.`,
    );
  }
  if (source.uri) {
    const sent = new Set(sending.map((l) => l.fileLine));
    const broken = ctx.imageFindings.of(source.uri).filter((f) => sent.has(f.line));
    if (broken.length > 0) {
      const listed = broken
        .slice(0, MAX_LISTED)
        .map((f) => `Line ${f.line + 1}: ${f.message} (${f.code})`)
        .join('\n');
      const more = broken.length > MAX_LISTED ? `\n…and ${broken.length - MAX_LISTED} more.` : '';
      risks.push(`Check Images found problems with the images of ${linesWord([...new Set(broken.map((f) => f.line))])} to send:\n${listed}${more}`);
    }
  }
  return risks;
}

/** Asks whether to push despite the risks (or answers with `onRisks`); logs them either way. */
async function confirmRisks(ctx: DatasetsContext, source: ManifestSource, name: string, risks: string[], onRisks: PushOptions['onRisks']): Promise<boolean> {
  ctx.log.warn(`Push ${source.label} -> ${name}:\n${risks.join('\n')}`);
  if (onRisks) return onRisks === 'push';
  const push = 'Push Anyway';
  const answer = await vscode.window.showWarningMessage(
    `Push ${source.label} to ${name}? ${risks.length === 1 ? 'One thing needs' : 'Two things need'} a look first.`,
    { modal: true, detail: risks.join('\n\n') },
    push,
  );
  return answer === push;
}

/** Asks before pushing the active editor's file to a dataset chosen in the tree: which file, how many lines. */
async function confirmActiveEditor(ctx: DatasetsContext, source: ManifestSource, target: DatasetState): Promise<boolean> {
  const push = 'Push';
  const lines = source.lines.filter((l) => l.trim() !== '').length;
  const answer = await vscode.window.showInformationMessage(
    `Push ${source.label} to ${datasetName(ctx, target)}?`,
    {
      modal: true,
      detail: `Taken from the active editor: ${source.label} (${plural(lines, 'line', 'lines')}). Entries are replaced by source-ref. To push another file, open it first, or right-click it in the Explorer: Push Entries to Dataset….`,
    },
    push,
  );
  return answer === push;
}

