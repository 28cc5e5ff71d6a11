/**
 * Request validation, as the service does it (the SDK validates nothing). Messages follow the
 * service's constraint style and say what to change.
 */
import { invalidParameter } from './errors';
import { ARN_MAX, ARN_MIN, DATASET_ARN_PATTERN, PROJECT_ARN_PATTERN } from './arn';

export type Body = Record<string, unknown>;

function member(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function show(value: unknown): string {
  let s: string | undefined;
  try {
    s = typeof value === 'string' ? value : JSON.stringify(value);
  } catch {
    s = Array.isArray(value) ? '[...]' : '{...}';
  }
  return s === undefined ? 'null' : s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

function constraint(name: string, value: unknown, rule: string): Error {
  return invalidParameter(`1 validation error detected: Value '${show(value)}' at '${member(name)}' failed to satisfy constraint: ${rule}`);
}

export function required(body: Body, name: string): unknown {
  const v = body[name];
  if (v === undefined || v === null) {
    throw invalidParameter(`1 validation error detected: Value null at '${member(name)}' failed to satisfy constraint: Member must not be null. Add ${name} to the request.`);
  }
  return v;
}

export function optionalString(body: Body, name: string, min: number, max: number, pattern?: RegExp): string | undefined {
  const v = body[name];
  if (v === undefined || v === null) return undefined;
  return checkString(name, v, min, max, pattern);
}

export function requiredString(body: Body, name: string, min: number, max: number, pattern?: RegExp): string {
  return checkString(name, required(body, name), min, max, pattern);
}

export function checkString(name: string, v: unknown, min: number, max: number, pattern?: RegExp): string {
  if (typeof v !== 'string') throw constraint(name, v, 'Member must be a string');
  if (v.length < min) throw constraint(name, v, `Member must have length greater than or equal to ${min}`);
  if (v.length > max) throw constraint(name, v, `Member must have length less than or equal to ${max}`);
  if (pattern && !pattern.test(v)) throw constraint(name, v, `Member must satisfy regular expression pattern: ${pattern.source}`);
  return v;
}

export function requiredProjectArn(body: Body, name = 'ProjectArn'): string {
  return requiredString(body, name, ARN_MIN, ARN_MAX, PROJECT_ARN_PATTERN);
}

export function requiredDatasetArn(body: Body, name = 'DatasetArn'): string {
  return requiredString(body, name, ARN_MIN, ARN_MAX, DATASET_ARN_PATTERN);
}

export function optionalEnum<T extends string>(body: Body, name: string, values: readonly T[]): T | undefined {
  const v = body[name];
  if (v === undefined || v === null) return undefined;
  return checkEnum(name, v, values);
}

export function checkEnum<T extends string>(name: string, v: unknown, values: readonly T[]): T {
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) {
    throw constraint(name, v, `Member must satisfy enum value set: [${values.join(', ')}]`);
  }
  return v as T;
}

export function requiredEnum<T extends string>(body: Body, name: string, values: readonly T[]): T {
  required(body, name);
  return optionalEnum(body, name, values) as T;
}

export function optionalBoolean(body: Body, name: string): boolean | undefined {
  const v = body[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw constraint(name, v, 'Member must be a boolean');
  return v;
}

export function optionalObject(body: Body, name: string): Body | undefined {
  const v = body[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw constraint(name, v, 'Member must be a structure');
  return v as Body;
}

export function optionalList(body: Body, name: string, min: number, max: number): unknown[] | undefined {
  const v = body[name];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw constraint(name, v, 'Member must be a list');
  if (v.length < min) throw constraint(name, v, `Member must have length greater than or equal to ${min}`);
  if (v.length > max) throw constraint(name, v, `Member must have length less than or equal to ${max}`);
  return v;
}

/** MaxResults 1-100 (default 100) and NextToken (at most 1024 characters). */
export function paging(body: Body): { maxResults: number; nextToken?: string } {
  const v = body.MaxResults;
  let maxResults = 100;
  if (v !== undefined && v !== null) {
    if (typeof v !== 'number' || !Number.isInteger(v)) throw constraint('MaxResults', v, 'Member must be an integer');
    if (v < 1) throw constraint('MaxResults', v, 'Member must have value greater than or equal to 1');
    if (v > 100) throw constraint('MaxResults', v, 'Member must have value less than or equal to 100');
    maxResults = v;
  }
  const nextToken = optionalString(body, 'NextToken', 0, 1024);
  return { maxResults, nextToken: nextToken === '' ? undefined : nextToken };
}
