/** The requests the sandbox saw, for tests: the most recent ones only, so memory stays bounded. */
import type { RequestRecord } from './options';

export class RequestLog {
  /** Records kept (about 50 bytes each): enough for any test, bounded for a sandbox left running. */
  static readonly MAX_KEPT = 10_000;
  private items: RequestRecord[] = [];
  total = 0;

  add(record: RequestRecord): void {
    this.total++;
    this.items.push(record);
    // Trim in batches, so adding stays O(1) amortized.
    if (this.items.length >= 2 * RequestLog.MAX_KEPT) this.items = this.items.slice(-RequestLog.MAX_KEPT);
  }

  /** Newest last; at most MAX_KEPT. */
  recent(): readonly RequestRecord[] {
    return this.items.length > RequestLog.MAX_KEPT ? this.items.slice(-RequestLog.MAX_KEPT) : this.items;
  }
}
