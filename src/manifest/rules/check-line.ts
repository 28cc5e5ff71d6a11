/**
 * One line on its own: JSON, source-ref, label attributes of both formats, service findings.
 * Validation runs on the JSON.parse result; ranges are resolved with jsonc-parser only when the
 * line has problems. Pure: no `vscode` import.
 */
import { printParseErrorCode } from 'jsonc-parser';
import { DROPPING_CODES, Limits, LocalCodes, ServiceCodes } from '../codes';
import { LineProblems, RangeResolver, firstSyntaxError, type Draft } from './line-problems';
import { scanPaths, type NodeSpan } from './path-scan';
import { checkClassification } from './classification';
import { EntryLabels, checkCommonMetadata, checkType, describe, isObject, type JsonObject } from './common';
import { checkDetection } from './detection';
import { reportNestedServiceFindings, reportServiceFindings } from './service-reported';
import { AttributeName, keyPlan } from './key-plan';
import { effectiveSeverity } from '../severity';
import type { EntrySummary, LineResult, Problem, ValidateOptions } from '../types';

/**
 * What checking one line yields. Nobody keeps it: the document and the streaming validator copy
 * what the whole-file rules need into typed arrays (line-facts.ts) and keep only the problems of
 * the lines that have some, so that a large file adds no object per line to the heap.
 */
export interface LineRecord {
  /** The line's own problems (the shared frozen NO_PROBLEMS when there are none). */
  problems: Problem[];
  /** The service would drop the line silently. */
  dropped: boolean;
  /** What the line holds (undefined unless it is a JSON object); its sourceRef and bucket are set only when well-formed. */
  entry: EntrySummary | undefined;
  /** The line has an error (an error-severity problem before overrides): terminal when also `dropped`, else non-terminal. A blank line has neither. */
  invalid: boolean;
  blank: boolean;
  /** Errors / warnings among the problems (after overrides). */
  errors: number;
  warnings: number;
}

const NO_LABELS: string[] = Object.freeze([]) as unknown as string[];
const META = '-metadata';

/** Reused for every line (validation is synchronous and not re-entrant): one allocation less per line. */
const scratch = new LineProblems();

/** Validator bugs swallowed so that a line never throws (tests assert there are none). */
export const internalFailures: { count: number; last: unknown } = { count: 0, last: undefined };

/** Shared by every line without problems; frozen so that no caller can fill it by mistake. */
export const NO_PROBLEMS: Problem[] = Object.freeze([]) as unknown as Problem[];

/** The record of a line that holds nothing to check (the newline that ends the file). */
export function emptyRecord(): LineRecord {
  return { problems: NO_PROBLEMS, dropped: false, entry: undefined, invalid: false, blank: false, errors: 0, warnings: 0 };
}

/** The public LineResult of a record. */
export function lineResultOf(rec: LineRecord): LineResult {
  return rec.entry ? { problems: rec.problems, dropped: rec.dropped, entry: rec.entry } : { problems: rec.problems, dropped: rec.dropped };
}

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
      const entry = checkObject(parsed, p, full);
      return finish(p.drafts, content, 0, line, options, undefined, entry);
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
      `This line has ${content.length.toLocaleString('en-US')} characters; the service silently drops lines over ` +
        `${Limits.maxLineChars.toLocaleString('en-US')}. Shorten it (fewer boxes or shorter values).`,
    );
    return finish([d], content, base, line, options, () => ({ start: Limits.maxLineChars, end: content.length }));
  }
  if (content.charCodeAt(0) !== 123 && content.trim() === '') {
    const d = draft(p, LocalCodes.BLANK_LINE, 'Blank line: the service counts it as a line of the manifest (toward the 250,000 lines and the share of lines with errors) but it holds no image. Remove it.');
    const rec = finish([d], content, base, line, options, () => ({ start: 0, end: content.length }));
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
    return finish([d], content, base, line, options, (r) => found?.span ?? r.whole());
  }
  if (!isObject(obj)) {
    const d = draft(
      p,
      ServiceCodes.INVALID_JSON_LINE,
      `This line is ${describe(obj)}, not a JSON object: the service skips it. Each line must be one object {"source-ref": ...}.`,
    );
    return finish([d], content, base, line, options, (r) => r.whole());
  }

  const entry = checkObject(obj, p, full);
  return finish(p.drafts, content, base, line, options, undefined, entry);
}

function checkObject(obj: JsonObject, p: LineProblems, full: boolean): EntrySummary {
  // Without `full`, only what the indexes need (labels, source-ref, bucket): fewer allocations.
  // That entry is read at once and never shown, so it has every field it may get from the
  // start (no property store grown per line).
  const entry: EntrySummary = full
    ? { attributes: [], labels: NO_LABELS, boxes: 0, labeled: false }
    : { attributes: NO_LABELS, labels: NO_LABELS, boxes: 0, labeled: false, sourceRef: undefined, bucket: undefined };
  // What the keys alone decide (pairs, orphans, reserved names), shared by the lines with the same keys.
  const plan = keyPlan(obj);
  const ref = plan.hasRef ? obj['source-ref'] : undefined;
  const misspelt = plan.misspelt;
  if (!plan.hasRef) {
    if (misspelt !== undefined) {
      p.add(
        ServiceCodes.MISSING_SOURCE_REF,
        `This line has no "source-ref", but it has "${misspelt.slice(0, 40)}": did you mean "source-ref"? Rename the key; ` +
          'the service silently skips the line until then.',
        [misspelt],
        'key',
        { misspeltKey: misspelt },
      );
    } else {
      p.add(
        ServiceCodes.MISSING_SOURCE_REF,
        'This line has no "source-ref": add "source-ref": "s3://bucket/key" with the image\'s location. The service silently skips it until then.',
        [],
        'key',
      );
    }
  } else if (typeof ref !== 'string') {
    p.add(
      ServiceCodes.INVALID_SOURCE_REF_FORMAT,
      `"source-ref" must be a string "s3://bucket/key", not ${describe(ref)}. The service silently skips this line.`,
      ['source-ref'],
      'value',
      { expectedType: 'string' },
    );
  } else {
    entry.sourceRef = ref;
    const bucket = s3Bucket(ref);
    if (bucket !== undefined) entry.bucket = bucket;
    else p.add(ServiceCodes.INVALID_SOURCE_REF_FORMAT, sourceRefMessage(ref), ['source-ref'], 'value');
  }

  const out = labelsOut.reset(full);
  let boxes = 0;
  let labelLimitReported = false;
  const attributes = plan.attributes;
  const paired = attributes.length;
  let validAttributes = 0;
  let emptyDetections = 0;
  const attributesFrom = p.drafts.length;
  for (let a = 0; a < paired; a++) {
    const key = attributes[a];
    const metaKey = plan.metaOf[a];
    const before = p.drafts.length;
    if (full) entry.attributes.push(key);
    const value = obj[key];
    const meta = obj[metaKey];
    const name = plan.names[a];
    if (name !== AttributeName.OK) {
      p.add(
        LocalCodes.INVALID_ATTRIBUTE_NAME,
        name === AttributeName.HAS_METADATA
          ? `The label attribute name "${key}" contains "-metadata", which the service reserves for the metadata key. Rename it (and its metadata key).`
          : `The label attribute name "${key}" ends in "-ref", which the service reserves for references like "source-ref". Rename it (and its metadata key).`,
        [key],
        'key',
        { attribute: key },
      );
    }
    reportNestedServiceFindings(key, metaKey, value, meta, p);
    if (!isObject(meta)) {
      p.add(
        ServiceCodes.INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT,
        `"${metaKey}" must be an object with "type", "class-name" or "class-map", ..., not ${describe(meta)}.`,
        [metaKey],
        'value',
        { attribute: key, expectedType: 'object' },
      );
      continue;
    }
    const kind = checkType(meta['type'], metaKey, key, p) ?? inferKind(value, meta);
    if (kind === 'classification') checkClassification(key, metaKey, value, meta, p, out);
    else if (kind === 'detection') {
      const n = checkDetection(key, metaKey, value, meta, p, out, boxes);
      if (n === 0 && isObject(value) && !p.hasAttributeErrorSince(before)) emptyDetections++;
      boxes += n;
    } else if (kind === 'unsupported') checkCommonMetadata(meta, metaKey, key, p); // its own format is not ours to check
    if (!p.hasAttributeErrorSince(before)) validAttributes++;
    if (!labelLimitReported && out.count > Limits.maxLabelsPerImage) {
      labelLimitReported = true;
      p.add(
        LocalCodes.TOO_MANY_LABELS_PER_IMAGE,
        `This image has more than ${Limits.maxLabelsPerImage} labels (the service's limit per image): remove some label attributes or boxes.`,
        [key],
        'key',
        { attribute: key },
      );
    }
  }

  const attributesTo = p.drafts.length;
  const orphans = plan.orphans;
  const orphansFrom = p.drafts.length;
  for (let o = 0; o < orphans.length; o++) {
    const key = orphans[o];
    const isMeta = key.endsWith(META);
    const attr = isMeta ? key.slice(0, -META.length) : key;
    p.add(
      LocalCodes.MISSING_METADATA,
      isMeta
        ? `"${key}" has no label attribute "${attr}" beside it: the service ignores it. Add "${attr}" (0 for an image-level label) or remove the metadata.`
        : `"${key}" has no "${key}-metadata": the service ignores it as a label. Add the metadata, or remove the key if it is not a label.`,
      [key],
      'key',
      { attribute: attr, missingKey: isMeta ? attr : key + META },
    );
  }
  // No label attribute: the guide's troubleshooting pages give ERROR_NO_LABEL_ATTRIBUTES when a
  // label attribute or its "-metadata" is missing or misspelt (the line is not used), and
  // WARNING_UNANNOTATED_RECORD for an image that simply has no labels yet (imported, labelled
  // later in the console). So: keys that try to be labels but do not pair up -> the error;
  // nothing but source-ref (and service keys) -> the warning.
  if (paired === 0) {
    if (orphans.length > 0) {
      const at = p.add(
        ServiceCodes.NO_LABEL_ATTRIBUTES,
        'No label attributes found: a label needs a key and a matching "<key>-metadata" (see the related problems). ' +
          'The service imports the line with this error and does not use it for training.',
        ref === undefined ? [] : ['source-ref'],
        'key',
        { attribute: orphans[0] },
      );
      const causes: number[] = [];
      for (let o = 0; o < orphans.length; o++) causes.push(orphansFrom + o);
      p.drafts[at].causes = causes;
    } else {
      p.add(
        ServiceCodes.UNANNOTATED_RECORD,
        'This image has no labels: it is imported, but not used for training until it is labelled.',
        ref === undefined ? [] : ['source-ref'],
        'key',
      );
    }
  }
  checkLineHasAnnotations(paired, validAttributes, emptyDetections, ref !== undefined, p, attributesFrom, attributesTo, plan.plain);
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
 * What the service writes on the line as a whole once its label attributes are judged, even when
 * there is only one attribute (tm-debugging-json-line-errors.md: the "groundtruth/wrongtype" entry
 * carries ERROR_UNSUPPORTED_USE_CASE_TYPE in its metadata AND ERROR_NO_VALID_LABEL_ATTRIBUTES on the
 * line; the entry with "annotations": [] carries WARNING_NO_ATTRIBUTE_ANNOTATIONS in the attribute
 * AND WARNING_NO_ANNOTATIONS on the line): no valid attribute left (the line is imported with the
 * error and not used for training), or only detection attributes without boxes (valid, not used
 * for training). Reported once, at the source-ref (the image the line stands for), with the
 * problems that cause it as related locations rather than a second squiggle over each cause.
 */
function checkLineHasAnnotations(
  paired: number,
  valid: number,
  empty: number,
  hasRef: boolean,
  p: LineProblems,
  from: number,
  to: number,
  keys: readonly string[],
): void {
  if (paired === 0) return;
  if (valid === 0) {
    const causes = p.attributeErrorsSince(from).filter((i) => i < to);
    const named = paired === 1 && causes.length > 0 ? p.drafts[causes[0]].data['attribute'] : undefined;
    const only = typeof named === 'string' ? named : keys[0];
    const i = p.add(
      ServiceCodes.NO_VALID_LABEL_ATTRIBUTES,
      (paired === 1
        ? `No valid label attribute: the only one on this line${only ? `, "${only.slice(0, 60)}",` : ''} is invalid (see the related problem). `
        : `None of the ${paired} label attributes on this line is valid (see the related problems). `) +
        'The service imports the line with this error but does not use it for training. Fix the attribute.',
      hasRef ? ['source-ref'] : [],
      'key',
    );
    p.drafts[i].causes = causes.slice(0, MAX_CAUSES);
  } else if (empty === valid) {
    const causes: number[] = [];
    for (let k = from; k < to && causes.length < MAX_CAUSES; k++) if (p.drafts[k].code === ServiceCodes.NO_ATTRIBUTE_ANNOTATIONS) causes.push(k);
    const i = p.add(
      ServiceCodes.NO_ANNOTATIONS,
      `No annotations: ${empty === 1 ? 'the bounding-box attribute of this line has no box' : `none of the ${empty} bounding-box attributes of this line has a box`}. ` +
        'The service imports the line as valid but does not use it for training. Add boxes, or remove the line.',
      hasRef ? ['source-ref'] : [],
      'key',
    );
    p.drafts[i].causes = causes;
  }
}

/**
 * A finding the downloaded entry records (CL_SERVICE_REPORTED) that our own rules report too, with
 * the same code: shown once, as ours (which judges the current content), not twice on one line.
 */
function hideRepeatedFindings(p: LineProblems): void {
  let reported = false;
  for (const d of p.drafts) if (d.code === LocalCodes.SERVICE_REPORTED) reported = true;
  if (!reported) return;
  const own = new Set<string>();
  for (const d of p.drafts) if (d.code !== LocalCodes.SERVICE_REPORTED) own.add(d.code);
  for (const d of p.drafts) if (d.code === LocalCodes.SERVICE_REPORTED && own.has(String(d.data['serviceCode']))) d.hidden = true;
}

/** Related locations listed for one line-level problem, at most. */
const MAX_CAUSES = 10;

/** The bucket of "s3://bucket/key" (bucket 3-255 of [0-9A-Za-z._-], a non-empty key), else undefined. */
function s3Bucket(ref: string): string | undefined {
  // Compared code by code: startsWith (with a position above all) costs a builtin call per line.
  const s3 = ref.charCodeAt(0) === 115 && ref.charCodeAt(1) === 51 && ref.charCodeAt(2) === 58 && ref.charCodeAt(3) === 47;
  if (!s3 || ref.charCodeAt(4) !== 47) return undefined;
  // Most lines use the bucket of the line before: no slicing, no lookup.
  const last = lastBucket;
  if (last !== undefined && ref.length > 6 + last.length && ref.charCodeAt(5 + last.length) === 47 && occursAt(ref, 5, last)) {
    return last;
  }
  const slash = ref.indexOf('/', 5);
  if (slash < 8 || slash > 260 || slash === ref.length - 1) return undefined;
  for (let i = 5; i < slash; i++) {
    const c = ref.charCodeAt(i);
    const ok = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46 || c === 45 || c === 95;
    if (!ok) return undefined;
  }
  lastBucket = ref.slice(5, slash);
  return lastBucket;
}

let lastBucket: string | undefined;

/** `part` is in `s` at `at`. */
function occursAt(s: string, at: number, part: string): boolean {
  for (let i = 0; i < part.length; i++) if (s.charCodeAt(at + i) !== part.charCodeAt(i)) return false;
  return true;
}

function inferKind(value: unknown, meta: JsonObject): 'classification' | 'detection' | undefined {
  if (isObject(value) || meta['class-map'] !== undefined) return 'detection';
  if (typeof value === 'number' || meta['class-name'] !== undefined) return 'classification';
  return undefined;
}

function sourceRefMessage(ref: string): string {
  const tail = 'The service silently skips this line.';
  const https = /^https?:\/\/([^/]+)\/(.*)$/i.exec(ref);
  if (https) {
    const host = https[1];
    const vhost = /^(.+)\.s3[.-](?:[a-z0-9-]+\.)?amazonaws\.com$/i.exec(host);
    const hint = vhost ? ` Here that is "s3://${vhost[1]}/${https[2]}".` : '';
    return `"source-ref" is an http(s) URL: the service only accepts "s3://bucket/key".${hint} ${tail}`;
  }
  if (/^s3:\/\//i.test(ref) && !ref.startsWith('s3://')) return `"source-ref" must start with lower-case "s3://". ${tail}`;
  if (ref.startsWith('s3://')) {
    const slash = ref.indexOf('/', 5);
    if (slash < 0 || slash === ref.length - 1) return `"source-ref" needs both a bucket and a key: "s3://bucket/path/image.jpg". ${tail}`;
    return (
      `"${ref.slice(5, slash).slice(0, 80)}" is not a valid bucket name: 3 to 255 letters, digits, '.', '-' or '_' ` +
      `("s3://bucket/path/image.jpg"). ${tail}`
    );
  }
  return `"source-ref" must be an S3 location "s3://bucket/key", not "${ref.slice(0, 80)}". ${tail}`;
}

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
    return finish([d], content, base, line, options, () => ({ start: at, end: Math.min(at + 1, content.length) }));
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

/** What RangeResolver.resolve gives: the key or value at the path, else the key of the closest existing parent. */
function spanOf(found: { node: NodeSpan; depth: number }, d: Draft): { start: number; end: number } {
  const target = found.depth === d.path.length ? d.target : 'key';
  return target === 'key' && found.node.key ? found.node.key : found.node.value;
}

function finish(
  drafts: Draft[],
  content: string,
  base: number,
  line: number,
  options: ValidateOptions | undefined,
  span?: (r: RangeResolver) => { start: number; end: number },
  entry?: EntrySummary,
): LineRecord {
  let problems: Problem[] = NO_PROBLEMS;
  let dropped = false;
  let invalid = false;
  let errors = 0;
  let warnings = 0;
  if (drafts.length > 0) {
    problems = [];
    const resolver = new RangeResolver(content);
    // A line JSON.parse accepted: every draft's range from one scan of the text, no tree.
    const scanned = span ? undefined : scanPaths(content, drafts.map((d) => d.path));
    const spans = drafts.map((d, k) => {
      const s = span ? span(resolver) : scanned ? spanOf(scanned[k], d) : resolver.resolve(d.path, d.target);
      const start = Math.min(Math.max(0, s.start), content.length) + base;
      const end = Math.min(Math.max(s.start, s.end), content.length) + base;
      return { start, end };
    });
    for (let k = 0; k < drafts.length; k++) {
      const d = drafts[k];
      if (DROPPING_CODES.has(d.code)) dropped = true;
      if (d.severity === 'error') invalid = true;
      const severity = d.hidden ? undefined : effectiveSeverity(d.code, d.severity, options);
      if (!severity) continue;
      const { start, end } = spans[k];
      if (severity === 'error') errors++;
      else if (severity === 'warning') warnings++;
      const problem: Problem = { line, start, end, severity, code: d.code, message: d.message, scope: 'line', data: d.data };
      if (d.causes && d.causes.length > 0) {
        problem.related = d.causes.map((c) => ({ line, ...spans[c], message: `${drafts[c].code}: ${drafts[c].message}` }));
      }
      problems.push(problem);
    }
  }
  // A dropped line is an invalid one whatever the severities say (terminal content errors are errors).
  return { problems, dropped, entry, invalid: invalid || dropped, blank: false, errors, warnings };
}
