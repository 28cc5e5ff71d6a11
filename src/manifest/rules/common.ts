/**
 * Checks shared by classification and detection metadata, and the entry being built.
 * Pure: no `vscode` import.
 */
import { Limits, LocalCodes, ServiceCodes } from '../codes';
import type { LineProblems } from './line-problems';

export const CLASSIFICATION_TYPE = 'groundtruth/image-classification';
export const DETECTION_TYPE = 'groundtruth/object-detection';
export const MULTILABEL_TYPE = 'groundtruth/image-classification-multilabel';

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return 'a string';
  return `a ${typeof v}`;
}

/**
 * Labels and boxes a line assigns, collected while its attributes are checked. One object serves
 * every line (reset() between them): its labels live in the first `count` slots of an array that
 * is overwritten, not emptied (an array's length setter is a builtin call, once per line).
 */
export class EntryLabels {
  private readonly list: string[] = [];
  /** Distinct labels so far. */
  count = 0;
  boxes = 0;
  boxLabels: Record<string, number> | undefined;

  /** `countBoxes`: also count boxes per label (only when the full entry is wanted). */
  constructor(private countBoxes = true) {}

  /** Empty again, for the next line; `boxLabels` starts anew (the entry of the line before keeps its own). */
  reset(countBoxes: boolean): this {
    this.count = 0;
    this.boxes = 0;
    this.boxLabels = undefined;
    this.countBoxes = countBoxes;
    return this;
  }

  /** The labels, in the order first assigned (a new array). */
  labels(): string[] {
    const l = this.list;
    // Literals for the usual one or two labels: allocated inline, no builtin call.
    if (this.count === 1) return [l[0]];
    if (this.count === 2) return [l[0], l[1]];
    return l.slice(0, this.count);
  }

  addLabel(label: string): void {
    const list = this.list;
    const n = this.count;
    for (let i = 0; i < n; i++) if (list[i] === label) return;
    list[n] = label;
    this.count = n + 1;
  }

  addBox(label: string): void {
    this.addLabel(label);
    this.boxes++;
    if (!this.countBoxes) return;
    // Null prototype: a label may be "constructor", "__proto__" or "toString".
    if (!this.boxLabels) this.boxLabels = Object.create(null) as Record<string, number>;
    this.boxLabels[label] = (this.boxLabels[label] ?? 0) + 1;
  }
}

/** `human-annotated`, `creation-date`, `job-name`: the same in both formats. */
export function checkCommonMetadata(meta: JsonObject, metaKey: string, attribute: string, p: LineProblems): void {
  const human = meta['human-annotated'];
  if (human === undefined) {
    p.add(
      ServiceCodes.INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT,
      `"${metaKey}" has no "human-annotated": add "human-annotated": "yes" (labelled by a person) or "no".`,
      [metaKey, 'human-annotated'],
      'key',
      { attribute, missingKey: 'human-annotated' },
    );
  } else if (human !== 'yes' && human !== 'no') {
    p.add(
      ServiceCodes.INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT,
      `"human-annotated" must be the string "yes" or "no", not ${JSON.stringify(human)}.`,
      [metaKey, 'human-annotated'],
      'value',
      { attribute, expectedType: 'yes/no' },
    );
  }

  const date = meta['creation-date'];
  if (date === undefined) {
    p.add(
      ServiceCodes.INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT,
      `"${metaKey}" has no "creation-date": add the UTC time the label was made, e.g. "2024-05-01T12:00:00Z".`,
      [metaKey, 'creation-date'],
      'key',
      { attribute, missingKey: 'creation-date' },
    );
  } else {
    const why = creationDateProblem(date);
    if (why) {
      p.add(LocalCodes.INVALID_CREATION_DATE, `"creation-date" ${why}`, [metaKey, 'creation-date'], 'value', {
        attribute,
        expectedType: 'ISO-8601 UTC date-time',
      });
    }
  }

  const job = meta['job-name'];
  if (job !== undefined && typeof job !== 'string') {
    p.add(
      ServiceCodes.INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT,
      `"job-name" is optional but must be a string when present, not ${describe(job)}.`,
      [metaKey, 'job-name'],
      'value',
      { attribute, expectedType: 'string' },
    );
  }
}

const DATE_EXAMPLE = 'e.g. "2024-05-01T12:00:00Z"';

/**
 * Why a creation-date is not an ISO-8601 UTC date-time, or undefined when it is. Ground Truth
 * writes UTC times without a zone ("2020-03-06T17:46:39.176", as in the guide's examples) and the
 * guide's own service output uses a space before the time: both are accepted. A zone other than
 * UTC (Z, +00:00) is not. Hand-parsed, straight-line, without closures: it runs on every label of
 * every line (profiled: a loop per field and a closure per call cost about 4% of validating the
 * bench's file).
 */
export function creationDateProblem(value: unknown): string | undefined {
  const example = DATE_EXAMPLE;
  if (typeof value !== 'string') return `must be a string with an ISO-8601 UTC date-time (${example}), not ${describe(value)}.`;
  // A labelling job or a conversion stamps many lines with the same time (lines of two of them,
  // or of two kinds, may alternate): a comparison or two instead of parsing the date again.
  if (value === lastValidDate || value === otherValidDate) return undefined;
  const why = dateProblem(value);
  if (why === undefined) {
    otherValidDate = lastValidDate;
    lastValidDate = value;
  }
  return why;
}

/** The last two distinct creation-dates found valid. */
let lastValidDate: string | undefined;
let otherValidDate: string | undefined;

function dateProblem(v: string): string | undefined {
  const example = DATE_EXAMPLE;
  if (v.length < 16) return notIsoDate(v);
  // YYYY-MM-DD?HH:MM, each field read once; digitAt is hugely negative for a non-digit, so a
  // field with one is negative.
  const y = digitAt(v, 0) * 1000 + digitAt(v, 1) * 100 + digitAt(v, 2) * 10 + digitAt(v, 3);
  const month = digitAt(v, 5) * 10 + digitAt(v, 6);
  const day = digitAt(v, 8) * 10 + digitAt(v, 9);
  const hour = digitAt(v, 11) * 10 + digitAt(v, 12);
  const minute = digitAt(v, 14) * 10 + digitAt(v, 15);
  const sep = v.charCodeAt(10);
  if (
    y < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 ||
    v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45 || (sep !== 84 && sep !== 32) || v.charCodeAt(13) !== 58
  ) {
    return notIsoDate(v);
  }
  let i = 16;
  let sec = 0;
  if (v.charCodeAt(i) === 58) {
    sec = digitAt(v, i + 1) * 10 + digitAt(v, i + 2);
    if (sec < 0) return notIsoDate(v);
    i += 3;
    if (v.charCodeAt(i) === 46) {
      let k = i + 1;
      while (k < v.length && isDigit(v.charCodeAt(k))) k++;
      if (k === i + 1 || k - i - 1 > 9) return notIsoDate(v);
      i = k;
    }
  }
  let zone = '';
  if (i < v.length) {
    zone = v.slice(i);
    if (zone !== 'Z' && !/^[+-]\d{2}:?\d{2}$/.test(zone)) return notIsoDate(v);
  }
  const daysIn = month === 2 ? (isLeap(y) ? 29 : 28) : DAYS_IN_MONTH[month - 1];
  if (month < 1 || month > 12 || day < 1 || day > daysIn || hour > 23 || minute > 59 || sec > 60) {
    return `"${v}" is not a real date and time: check the month, day and time fields (${example}).`;
  }
  if (zone && zone !== 'Z' && !/^[+-]00:?00$/.test(zone)) {
    return `"${v}" is in the time zone ${zone}: the service expects UTC; convert it and end it with "Z" (${example}).`;
  }
  return undefined;
}

/** The message for a creation-date that is not written as an ISO-8601 date-time. */
function notIsoDate(v: string): string {
  return `"${v.slice(0, 60)}" is not an ISO-8601 date-time: write it as YYYY-MM-DDTHH:MM:SS in UTC, ${DATE_EXAMPLE}.`;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The value of the digit at `at`; -100000 (enough to make any field of up to 4 digits negative) when it is not one. */
function digitAt(s: string, at: number): number {
  const d = s.charCodeAt(at) - 48;
  return d >= 0 && d <= 9 ? d : -100000;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** A well-formed label name: checkLabelName would accept it without a problem. */
export function isLabelName(label: unknown): label is string {
  return typeof label === 'string' && label.length >= 1 && label.length <= Limits.maxLabelNameLength;
}

/** A label name (class-name or class-map value): a string of 1..256 characters. */
export function checkLabelName(
  label: unknown,
  path: (string | number)[],
  attribute: string,
  what: string,
  p: LineProblems,
): label is string {
  if (typeof label !== 'string') {
    p.add(
      ServiceCodes.INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT,
      `${what} must be a string (the label's name), not ${describe(label)}.`,
      path,
      'value',
      { attribute, expectedType: 'string' },
    );
    return false;
  }
  if (label.length < 1 || label.length > Limits.maxLabelNameLength) {
    p.add(
      ServiceCodes.INVALID_LABEL_NAME_LENGTH,
      label.length < 1
        ? `${what} is empty: a label name needs 1 to ${Limits.maxLabelNameLength} characters.`
        : `${what} has ${label.length} characters: a label name may have at most ${Limits.maxLabelNameLength}. Shorten it (on every line that uses it).`,
      path,
      'value',
      { attribute },
    );
    return false;
  }
  return true;
}

/**
 * The `type` value: the two supported use cases, with advice for the others. Undefined when the
 * type is missing (the caller infers the format), 'unsupported' when the service rejects it.
 */
export function checkType(
  type: unknown,
  metaKey: string,
  attribute: string,
  p: LineProblems,
): 'classification' | 'detection' | 'unsupported' | undefined {
  if (type === CLASSIFICATION_TYPE) return 'classification';
  if (type === DETECTION_TYPE) return 'detection';
  if (type === undefined) {
    p.add(
      ServiceCodes.INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT,
      `"${metaKey}" has no "type": add "type": "${CLASSIFICATION_TYPE}" (image-level label) or "${DETECTION_TYPE}" (bounding boxes).`,
      [metaKey, 'type'],
      'key',
      { attribute, missingKey: 'type' },
    );
    return undefined;
  }
  if (type === MULTILABEL_TYPE) {
    p.add(
      ServiceCodes.UNSUPPORTED_USE_CASE_TYPE,
      `Custom Labels does not accept Ground Truth's "${MULTILABEL_TYPE}" output. Convert it: one label attribute per label, ` +
        `each with its own "-metadata" holding "class-name" and "type": "${CLASSIFICATION_TYPE}".`,
      [metaKey, 'type'],
      'value',
      { attribute, expectedType: CLASSIFICATION_TYPE },
    );
    return 'unsupported';
  }
  p.add(
    ServiceCodes.UNSUPPORTED_USE_CASE_TYPE,
    `${JSON.stringify(type).slice(0, 80)} is not a use case Custom Labels supports: use "${CLASSIFICATION_TYPE}" or "${DETECTION_TYPE}".`,
    [metaKey, 'type'],
    'value',
    { attribute },
  );
  return 'unsupported';
}
