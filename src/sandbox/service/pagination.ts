/**
 * NextToken values as the model allows them (ExtendedPaginationToken: at most 1,024 characters,
 * whatever the filters): a short random id of a cursor kept here, server-side. The cursor holds the
 * request's scope (operation, resource, filters), the list being paged and the position, so a page
 * costs its own size, not the size of the list. An unknown, evicted or expired token, or one sent
 * with other filters, is InvalidPaginationTokenException.
 */
import { randomBytes } from 'crypto';
import { invalidToken } from './errors';

interface Cursor {
  scope: string;
  /** The list being paged (a snapshot: later changes do not shift the pages of a listing in progress). */
  items: readonly unknown[];
  /** Index in `items` where the next page starts. */
  position: number;
  createdAt: number;
}

export class Cursors {
  /** Open listings kept (oldest evicted first): bounded memory for a sandbox left running. */
  static readonly MAX_OPEN = 1_000;
  static readonly TTL_MS = 24 * 60 * 60 * 1000;
  private readonly open = new Map<string, Cursor>();

  /** A new token (22 characters) for the page of `items` starting at `position`. */
  issue(scope: string, items: readonly unknown[], position: number, now = Date.now()): string {
    const token = randomBytes(16).toString('base64url');
    this.open.set(token, { scope, items, position, createdAt: now });
    if (this.open.size > Cursors.MAX_OPEN) this.open.delete(this.open.keys().next().value as string);
    return token;
  }

  /**
   * The cursor of `token` for this scope. The cursor stays valid (a client retrying the same
   * request with the same token gets the same page).
   */
  resume<T>(token: string, scope: string, now = Date.now()): { items: readonly T[]; position: number } {
    const c = this.open.get(token);
    if (!c || c.scope !== scope || now - c.createdAt > Cursors.TTL_MS) {
      if (c && now - c.createdAt > Cursors.TTL_MS) this.open.delete(token);
      throw invalidToken(
        'The NextToken is invalid or expired. Pass the NextToken of the previous response to the same request (same dataset and filters), or omit it to start over.',
      );
    }
    return { items: c.items as readonly T[], position: c.position };
  }

  get size(): number {
    return this.open.size;
  }

  clear(): void {
    this.open.clear();
  }
}

/**
 * One page of a list computed once per listing: `compute` runs for the first page only; later
 * pages slice the cursor's snapshot.
 */
export function page<T>(cursors: Cursors, token: string | undefined, maxResults: number, scope: string, compute: () => readonly T[]): { items: T[]; nextToken?: string } {
  const { items, position } = token === undefined ? { items: compute(), position: 0 } : cursors.resume<T>(token, scope);
  const slice = items.slice(position, position + maxResults);
  const end = position + slice.length;
  return { items: slice, nextToken: end < items.length ? cursors.issue(scope, items, end) : undefined };
}

/**
 * One page of the items of `source` that pass `keep`, scanning from where the previous page
 * stopped: the cost is the page and the items skipped to fill it, so a whole listing is linear.
 */
export function filteredPage<T>(
  cursors: Cursors,
  token: string | undefined,
  maxResults: number,
  scope: string,
  source: () => readonly T[],
  keep: (item: T) => boolean,
): { items: T[]; nextToken?: string } {
  const { items, position } = token === undefined ? { items: source(), position: 0 } : cursors.resume<T>(token, scope);
  const out: T[] = [];
  let i = position;
  for (; i < items.length; i++) {
    if (!keep(items[i])) continue;
    if (out.length === maxResults) break; // the first item of the next page: there is one
    out.push(items[i]);
  }
  return { items: out, nextToken: i < items.length ? cursors.issue(scope, items, i) : undefined };
}
