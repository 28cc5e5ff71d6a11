/**
 * One line on its own, from its text to its record. `checkLine` never throws: a failure is our
 * bug, not the user's, so the line is reported without problems and the failure counted in
 * `internalFailures` (where the tests look). The line as text:
 * - a final '\r' is not content (ranges leave it out); nor is a byte order mark at the start of
 *   the first line (ranges still count it);
 * - over 100,000 characters (`Limits.maxLineChars`): CL_LINE_TOO_LONG (the service drops it),
 *   not parsed;
 * - nothing but white space: CL_BLANK_LINE, counted as a line (the whole-file rules'
 *   denominators) but in neither share of lines with errors;
 * - not JSON: ERROR_INVALID_JSON_LINE at the first syntax error jsonc-parser finds, saying so
 *   when the line holds a CR not followed by a newline; JSON but not an object: the same code;
 * - bytes that are not UTF-8 (`checkUndecodableLine`): ERROR_INVALID_JSON_LINE at the first;
 * - an object with a CR inside it (not the final one, between JSON tokens, where JSON takes it for
 *   white space): CL_LONE_CR, a warning at the CR, since other readers split the line there.
 * An object is then checked in this order (the order of its problems): its source-ref
 * (source-ref.ts), each label attribute (label-attributes.ts), the line's labels as a whole
 * (line-labels.ts), the service's findings at its top level, and the recorded findings our own
 * rules repeat hidden (service-reported.ts). The usual line (an object, no byte order mark) is
 * parsed once, by JSON.parse; ranges are found only for a line with problems (line-record.ts).
 * Pure: no `vscode` import.
 */
import { printParseErrorCode } from 'jsonc-parser';
import { Limits, LocalCodes, ServiceCodes } from '../codes';
import { countText } from '../count-text';
import { LineProblems, firstSyntaxError, type Draft } from './line-problems';
import { EntryLabels, describe, isObject, type JsonObject } from './common';
import { hideRepeatedFindings, reportServiceFindings } from './service-reported';
import { keyPlan } from './key-plan';
import { checkSourceRef } from './source-ref';
import { checkLabelAttributes } from './label-attributes';
import { checkLineLabels } from './line-labels';
import { emptyRecord, recordOf, type LineRecord } from './line-record';
import type { EntrySummary, ValidateOptions } from '../types';

const NO_LABELS: string[] = Object.freeze([]) as unknown as string[];

/** Reused for every line (validation is synchronous and not re-entrant): one allocation less per line. */
const scratch = new LineProblems();

/** Validator bugs swallowed so that a line never throws (tests assert there are none). */
export const internalFailures: { count: number; last: unknown } = { count: 0, last: undefined };

/**
 * Validates one line on its own. `full`: the entry also lists the attributes and counts boxes
 * per label (an index needs only the labels). Never throws.
 */
export function checkLine(text: string, line: number, options?: ValidateOptions, full = true): LineRecord {
  const t = typeof text === 'string' ? text : String(text);
  let rec: LineRecord;
  try {
    rec = checkLineUnsafe(t, line, options, full);
  } catch (e) {
    // Never throw on content: a failure here is our bug, not the user's; report nothing for the
    // line, and keep the failure where tests look for it.
    internalFailures.count++;
    internalFailures.last = e;
    rec = emptyRecord();
  }
  return rec;
}

function checkLineUnsafe(text: string, line: number, options: ValidateOptions | undefined, full: boolean): LineRecord {
  // The usual line, an object without a byte order mark: parsed first, the text read from its
  // start (a final '\r' is JSON white space), and only then looked at for a CR to leave out of
  // its ranges. Anything else (or a line that does not parse) goes the long way below.
  if (text.charCodeAt(0) === 123 && text.length <= Limits.maxLineChars) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (isObject(parsed)) {
      const content = text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text;
      const p = scratch;
      p.reset();
      const entry = checkEntry(parsed, p, full);
      return withLoneCr(recordOf(p.drafts, content, 0, line, options, undefined, entry), content, 0, line, options);
    }
  }
  let content = text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text;
  let base = 0;
  if (line === 0 && content.charCodeAt(0) === 0xfeff) {
    content = content.slice(1);
    base = 1;
  }
  const p = scratch;
  p.reset();

  if (content.length > Limits.maxLineChars) {
    const d = draft(
      p,
      LocalCodes.LINE_TOO_LONG,
      `This line has ${countText(content.length)} characters; the service silently drops lines over ` +
        `${countText(Limits.maxLineChars)}. Shorten it (fewer boxes or shorter values).`,
    );
    return recordOf([d], content, base, line, options, () => ({ start: Limits.maxLineChars, end: content.length }));
  }
  if (content.charCodeAt(0) !== 123 && content.trim() === '') {
    const d = draft(p, LocalCodes.BLANK_LINE, 'Blank line: the service counts it as a line of the manifest (toward the 250,000 lines and the share of lines with errors) but it holds no image. Remove it.');
    const rec = recordOf([d], content, base, line, options, () => ({ start: 0, end: content.length }));
    // Counted as a line (the whole-file rules' denominators), in neither share of lines with errors.
    rec.blank = true;
    rec.invalid = false;
    return rec;
  }

  let obj: unknown;
  try {
    obj = JSON.parse(content);
  } catch (e) {
    const found = firstSyntaxError(content);
    const what = found ? humanize(printParseErrorCode(found.error.error)) : String((e as Error)?.message ?? e);
    const col = (found ? found.span.start : 0) + base + 1;
    const d = draft(
      p,
      ServiceCodes.INVALID_JSON_LINE,
      `Not valid JSON (${what} at column ${col}): the service silently skips this line. Each line must be one complete JSON object.` +
        (content.indexOf('\r') >= 0
          ? ' The line holds a carriage return (CR) that is not followed by a newline: it does not end a line (manifest lines end with LF or CRLF).'
          : ''),
    );
    return recordOf([d], content, base, line, options, (r) => found?.span ?? r.whole());
  }
  if (!isObject(obj)) {
    const d = draft(
      p,
      ServiceCodes.INVALID_JSON_LINE,
      `This line is ${describe(obj)}, not a JSON object: the service skips it. Each line must be one object {"source-ref": ...}.`,
    );
    return recordOf([d], content, base, line, options, (r) => r.whole());
  }

  const entry = checkEntry(obj, p, full);
  return withLoneCr(recordOf(p.drafts, content, base, line, options, undefined, entry), content, base, line, options);
}

/**
 * A CR left inside an object's line (the final one is already out of `content`): CL_LONE_CR at
 * its column, added to the line's record. One scan of the line, allocation only when found.
 */
function withLoneCr(rec: LineRecord, content: string, base: number, line: number, options: ValidateOptions | undefined): LineRecord {
  const at = content.indexOf('\r');
  if (at < 0) return rec;
  const p = new LineProblems();
  const d = draft(
    p,
    LocalCodes.LONE_CR,
    `A carriage return (CR) at column ${at + base + 1}, inside the line: JSON reads it as white space, but other readers of JSON Lines (Python's splitlines, Java's readLine) end the line there and see two broken lines. Remove it (manifest lines end with LF or CRLF).`,
  );
  const extra = recordOf([d], content, base, line, options, () => ({ start: at, end: at + 1 }));
  if (extra.problems.length === 0) return rec;
  rec.problems = rec.problems.length === 0 ? extra.problems : [...rec.problems, ...extra.problems];
  rec.errors += extra.errors;
  rec.warnings += extra.warnings;
  if (extra.invalid) rec.invalid = true;
  return rec;
}

/**
 * The rules of a line that is a JSON object, in the order of its problems; returns what it holds.
 * Without `full`, only what the indexes need (labels, source-ref, bucket): fewer allocations.
 */
function checkEntry(obj: JsonObject, p: LineProblems, full: boolean): EntrySummary {
  // That entry is read at once and never shown, so it has every field it may get from the
  // start (no property store grown per line).
  const entry: EntrySummary = full
    ? { attributes: [], labels: NO_LABELS, boxes: 0, labeled: false }
    : { attributes: NO_LABELS, labels: NO_LABELS, boxes: 0, labeled: false, sourceRef: undefined, bucket: undefined };
  // What the keys alone decide (pairs, orphans, reserved names), shared by the lines with the same keys.
  const plan = keyPlan(obj);
  checkSourceRef(obj, plan, p, entry);
  const out = labelsOut.reset(full);
  const tally = checkLabelAttributes(obj, plan, p, out, entry, full);
  checkLineLabels(plan, tally, plan.hasRef, p);
  if (plan.findings) reportServiceFindings(obj, [], p);
  if (p.drafts.length > 0) hideRepeatedFindings(p);

  entry.labels = out.count > 0 ? out.labels() : NO_LABELS;
  entry.boxes = out.boxes;
  if (out.boxLabels) entry.boxLabels = out.boxLabels;
  entry.labeled = out.count > 0;
  return entry;
}

/** Reused for every line (validation is synchronous and not re-entrant): the entry gets a copy of its labels. */
const labelsOut = new EntryLabels();

/**
 * The record of a line whose bytes are not UTF-8 (`column`: where the first bad byte stands as
 * U+FFFD in `text`). JSON text must be UTF-8 (RFC 8259, section 8.1) and the service reads the
 * manifest as such: it cannot read the line, whatever the rest of it holds. Never throws.
 */
export function checkUndecodableLine(text: string, line: number, column: number, options?: ValidateOptions): LineRecord {
  try {
    let content = text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text;
    let base = 0;
    if (line === 0 && content.charCodeAt(0) === 0xfeff) {
      content = content.slice(1);
      base = 1;
    }
    const at = Math.min(Math.max(0, column - base), content.length);
    const p = scratch;
    p.reset();
    const d = draft(
      p,
      ServiceCodes.INVALID_JSON_LINE,
      `Not valid UTF-8 (a byte at column ${at + base + 1} is not part of any character; shown as U+FFFD): the service cannot ` +
        'read this line and skips it. Save the manifest as UTF-8, or re-type the character there.',
    );
    return recordOf([d], content, base, line, options, () => ({ start: at, end: Math.min(at + 1, content.length) }));
  } catch (e) {
    internalFailures.count++;
    internalFailures.last = e;
    return emptyRecord();
  }
}

function humanize(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function draft(p: LineProblems, code: Draft['code'], message: string): Draft {
  p.add(code, message, [], 'key');
  return p.drafts[p.drafts.length - 1];
}

