/**
 * Opaque NextToken values: base64 of {offset, scope}. A token is only valid for the same
 * operation and resource (scope); anything else is InvalidPaginationTokenException.
 */
import { invalidToken } from './errors';

export function encodeToken(offset: number, scope: string): string {
  return Buffer.from(JSON.stringify({ o: offset, s: scope }), 'utf8').toString('base64');
}

export function decodeToken(token: string | undefined, scope: string): number {
  if (token === undefined) return 0;
  try {
    const v = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { o?: unknown; s?: unknown };
    if (typeof v.o === 'number' && Number.isInteger(v.o) && v.o >= 0 && v.s === scope) return v.o;
  } catch {
    // fall through
  }
  throw invalidToken('The NextToken is invalid or expired. Pass the NextToken from the previous response of the same request, or omit it to start over.');
}

/** One page of `items` and the token of the next page (undefined on the last page). */
export function page<T>(items: readonly T[], token: string | undefined, maxResults: number, scope: string): { items: T[]; nextToken?: string } {
  const start = decodeToken(token, scope);
  const slice = items.slice(start, start + maxResults);
  const end = start + slice.length;
  return { items: slice, nextToken: end < items.length ? encodeToken(end, scope) : undefined };
}
