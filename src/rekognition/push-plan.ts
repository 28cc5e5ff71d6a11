/**
 * The push planner: which lines of a manifest go to a dataset and why the rest do not. Each
 * line is validated once, here; `pushEntries` takes the plan and only packs, sends and waits.
 *
 * - blank lines are not entries: never sent (the service would count them as invalid lines);
 * - lines the service would drop without a word (invalid JSON, a line break inside, missing or
 *   malformed source-ref, over 100,000 characters) are never sent;
 * - a repeated source-ref is never sent (the service keeps one entry per image);
 * - a line with an error of its own is imported by the service as an entry with errors: it is
 *   sent only when the caller asks for it (`includeErrors`).
 * Pure: no `vscode` import.
 */
import { DROPPING_CODES, LocalCodes, ServiceCodes, type LineResult } from '../manifest';

export type LineValidator = (text: string, line: number) => LineResult;

/** A line the push does not send, and why. */
export interface RejectedLine {
  /** 0-based file line of the plan. */
  line: number;
  reason: string;
  code?: string;
}

export interface PlannedLine {
  /** 0-based line in the local file. */
  fileLine: number;
  text: string;
  sourceRef?: string;
}

export interface InvalidLine {
  fileLine: number;
  reason: string;
  code?: string;
  /**
   * The service would import this line as an entry with errors (not drop it). Such a line
   * can still be sent when the user asks for it; dropped and repeated lines never are.
   */
  importable?: PlannedLine;
}

export interface PushPlan {
  valid: PlannedLine[];
  invalid: InvalidLine[];
  /** Blank lines: not entries, never sent. */
  blank: number[];
}

const BLANK_REASON = 'The line is blank; the service counts it as an invalid line.';

/**
 * Validates each line once and sorts it into the plan. `firstLine` is the file line of
 * `lines[0]` (a selection).
 */
export function planPush(lines: readonly string[], validate: LineValidator, firstLine = 0): PushPlan {
  const plan: PushPlan = { valid: [], invalid: [], blank: [] };
  const seen = new Map<string, number>();
  lines.forEach((text, i) => {
    const fileLine = firstLine + i;
    if (typeof text !== 'string' || !text.trim()) {
      plan.blank.push(fileLine);
      return;
    }
    if (/[\r\n]/.test(text)) {
      plan.invalid.push({
        fileLine,
        reason: 'The line contains a line break; the service would read it as two broken lines and drop both. Put each entry on one line.',
        code: ServiceCodes.INVALID_JSON_LINE,
      });
      return;
    }
    const result = validate(text, fileLine);
    if (result.dropped) {
      const p = result.problems.find((q) => DROPPING_CODES.has(q.code)) ?? result.problems.find((q) => q.severity === 'error');
      plan.invalid.push({
        fileLine,
        // The validator's message says the service skips the line: said once, not twice.
        reason: p?.message ?? 'The service would drop this line without reporting it: it is not a valid manifest line.',
        ...(p ? { code: p.code } : {}),
      });
      return;
    }
    const sourceRef = result.entry?.sourceRef;
    const first = sourceRef === undefined ? undefined : seen.get(sourceRef);
    if (first !== undefined) {
      plan.invalid.push({
        fileLine,
        reason: `The source-ref "${sourceRef}" is already on line ${first + 1}; the service keeps one of them and drops the other silently. Keep one line per image.`,
        code: LocalCodes.DUPLICATE_SOURCE_REF,
      });
      return;
    }
    if (sourceRef !== undefined) seen.set(sourceRef, fileLine);
    const error = result.problems.find((p) => p.severity === 'error' && p.scope === 'line');
    if (error) {
      plan.invalid.push({
        fileLine,
        reason: error.message,
        code: error.code,
        ...(sourceRef !== undefined ? { importable: { fileLine, text, sourceRef } } : {}),
      });
      return;
    }
    plan.valid.push({ fileLine, text, sourceRef });
  });
  return plan;
}

/** The lines to send: the valid ones, plus (when `includeErrors`) those the service imports with errors. */
export function linesToSend(plan: PushPlan, includeErrors: boolean): PlannedLine[] {
  if (!includeErrors) return plan.valid;
  const extra = plan.invalid.flatMap((l) => (l.importable ? [l.importable] : []));
  return [...plan.valid, ...extra].sort((a, b) => a.fileLine - b.fileLine);
}

/** The lines of the plan that are not sent, with the reason: blank, dropped, repeated and (unless included) lines with errors. */
export function linesNotSent(plan: PushPlan, includeErrors: boolean): RejectedLine[] {
  const refused: RejectedLine[] = [
    ...plan.blank.map((line) => ({ line, reason: BLANK_REASON, code: LocalCodes.BLANK_LINE })),
    ...plan.invalid
      .filter((l) => !(includeErrors && l.importable))
      .map((l) => ({ line: l.fileLine, reason: l.reason, ...(l.code !== undefined ? { code: l.code } : {}) })),
  ];
  return refused.sort((a, b) => a.line - b.line);
}
