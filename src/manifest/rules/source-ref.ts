/**
 * The line's "source-ref": the image the line stands for. Rules:
 * - missing: ERROR_MISSING_SOURCE_REF (the service silently skips the line); when a key is
 *   "source-ref" misspelt (key-plan.ts finds it), the message names it and the problem carries it
 *   for the quick fix that renames it;
 * - not a string: ERROR_INVALID_SOURCE_REF_FORMAT;
 * - a string that is not "s3://bucket/key" (a bucket of 3 to 255 letters, digits, '.', '-' or
 *   '_'; a non-empty key): ERROR_INVALID_SOURCE_REF_FORMAT, its message saying what is wrong (an
 *   http(s) URL, with the s3:// form of a virtual-hosted S3 URL; an upper-case "S3://"; no bucket
 *   or no key; a bad bucket name; anything else).
 * A string sets the entry's sourceRef; a well-formed one its bucket too. Pure: no `vscode` import.
 */
import { ServiceCodes } from '../codes';
import type { LineProblems } from './line-problems';
import { describe, type JsonObject } from './common';
import type { KeyPlan } from './key-plan';
import type { EntrySummary } from '../types';

/** Checks the source-ref of `obj` (whose keys `plan` describes) and records it in `entry`. */
export function checkSourceRef(obj: JsonObject, plan: KeyPlan, p: LineProblems, entry: EntrySummary): void {
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
    return;
  }
  const ref = obj['source-ref'];
  if (typeof ref !== 'string') {
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
}

/**
 * The bucket of "s3://bucket/key" (bucket 3-255 of [0-9A-Za-z._-], a non-empty key), else
 * undefined: the rule of a well-formed source-ref (exported as `sourceRefBucket`, for a converter
 * that builds lines valid by construction).
 */
export function s3Bucket(ref: string): string | undefined {
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

/** What is wrong with a string source-ref that is not "s3://bucket/key". */
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
