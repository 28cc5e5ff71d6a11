/**
 * The messages between the extension and a webview page, checked on arrival on both sides: a
 * page's messages are described once (its room's messages.ts) as TypeScript types and a small
 * check per kind built from the checks below. A message that fails its check is not trusted and
 * not handled: the page drops it, the extension drops it and logs the first one (`receiver`).
 * No imports, no DOM, no Node: the pages' bundles and the extension both use this file.
 */

/** A check of a value that arrived from the other side. */
export type Check<T> = (value: unknown) => value is T;

/** The type a check accepts. */
export type Checked<C> = C extends Check<infer T> ? T : never;

type CheckMap = Record<string, Check<unknown>>;
/** The object type a shape's checks accept: required properties, then optional ones. */
export type Shaped<R extends CheckMap, O extends CheckMap> = { [K in keyof R]: Checked<R[K]> } & { [K in keyof O]?: Checked<O[K]> };

export const isString: Check<string> = (v): v is string => typeof v === 'string';
export const isBoolean: Check<boolean> = (v): v is boolean => typeof v === 'boolean';
/** A finite number (NaN and the infinities do not survive JSON anyway). */
export const isNumber: Check<number> = (v): v is number => typeof v === 'number' && Number.isFinite(v);
export const isInteger: Check<number> = (v): v is number => Number.isInteger(v);
export const isNonNegativeInteger: Check<number> = (v): v is number => Number.isInteger(v) && (v as number) >= 0;

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** One of the given strings. */
export function oneOf<T extends string>(...values: readonly T[]): Check<T> {
  return (v): v is T => typeof v === 'string' && (values as readonly string[]).includes(v);
}

export function nullable<T>(check: Check<T>): Check<T | null> {
  return (v): v is T | null => v === null || check(v);
}

export function arrayOf<T>(item: Check<T>): Check<T[]> {
  return (v): v is T[] => Array.isArray(v) && v.every((x) => item(x));
}

/** An array of exactly these items. */
export function tuple<T extends unknown[]>(...items: { [K in keyof T]: Check<T[K]> }): Check<T> {
  return (v): v is T => Array.isArray(v) && v.length === items.length && items.every((check, i) => check(v[i]));
}

/**
 * An object with the `required` properties and, when present (not undefined), the `optional` ones.
 * Other properties are allowed and left unread.
 */
export function shape<R extends CheckMap, O extends CheckMap = Record<never, never>>(required: R, optional?: O): Check<Shaped<R, O>> {
  const must = Object.entries(required);
  const may = Object.entries(optional ?? {});
  return (v): v is Shaped<R, O> => isRecord(v) && must.every(([k, check]) => check(v[k])) && may.every(([k, check]) => v[k] === undefined || check(v[k]));
}

/** The check of one kind of message: `type` is `kind`, the rest as `shape`. */
export function message<K extends string, R extends CheckMap = Record<never, never>, O extends CheckMap = Record<never, never>>(
  kind: K,
  required?: R,
  optional?: O,
): Check<{ type: K } & Shaped<R, O>> {
  const rest = shape(required ?? ({} as R), optional);
  return (v): v is { type: K } & Shaped<R, O> => isRecord(v) && v.type === kind && rest(v);
}

/** A union of messages told apart by `type`. */
export interface Message {
  type: string;
}

/** The checks of a union of messages, one per `type`. */
export type MessageChecks<M extends Message> = { [K in M['type']]: Check<Extract<M, { type: K }>> };

/** Reads a message of the union `M`: the message itself when its kind's check passes, else undefined. */
export function messageReader<M extends Message>(checks: MessageChecks<M>): (data: unknown) => M | undefined {
  // The type comes from the other side: looked up in a Map, never as a key of an object.
  const byType = new Map<string, Check<unknown>>(Object.entries(checks) as Array<[string, Check<unknown>]>);
  return (data) => {
    if (!isRecord(data) || typeof data.type !== 'string') return undefined;
    const check = byType.get(data.type);
    return check && check(data) ? (data as unknown as M) : undefined;
  };
}

/** What a message that failed its check looked like, for a log: its type (cut short) or its lack of one; never its content. */
export function describeRejected(data: unknown): string {
  if (!isRecord(data)) return `a ${data === null ? 'null' : Array.isArray(data) ? 'array' : typeof data} instead of a message`;
  if (typeof data.type !== 'string') return 'a message without a type';
  const type = data.type.length > 40 ? `${data.type.slice(0, 40)}…` : data.type;
  return `a "${type}" message the extension does not expect (an unknown kind, or its content not as described)`;
}

/**
 * The extension's side: reads the page's messages with `read`; the first one that fails is
 * reported through `warn` (later ones are dropped silently: a broken page would flood the log).
 */
export function receiver<M extends Message>(page: string, read: (data: unknown) => M | undefined, warn: (text: string) => void): (data: unknown) => M | undefined {
  let warned = false;
  return (data) => {
    const m = read(data);
    if (m === undefined && !warned) {
      warned = true;
      warn(`${page}: its page sent ${describeRejected(data)}; it was ignored, and so will be any further ones, without a word.`);
    }
    return m;
  };
}
