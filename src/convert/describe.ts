/**
 * A value from the input as a message quotes it: a number, boolean or null as JSON, a string as
 * JSON cut at 60 characters, an array or an object by its kind only. Never walks into a value
 * (a value nested 10,000 deep must not overflow the stack of a message). Control characters are
 * escaped by whoever prints the message. Pure: no `vscode` import.
 */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);
  if (Array.isArray(v)) return `an array (${v.length} item${v.length === 1 ? '' : 's'})`;
  return typeof v === 'object' ? 'an object' : typeof v;
}
