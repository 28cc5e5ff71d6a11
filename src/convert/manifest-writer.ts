/**
 * Collects converted lines. Every line goes through the one validator before it is written: a
 * line the validator finds an error on is left out and reported with where it came from, so a
 * converter's output always passes `custom-labels lint`. A source-ref written twice is reported
 * too (the service would keep one and drop the other silently).
 * Pure: no `vscode` import.
 */
import { validateLine } from '../manifest';
import { formatOrigin, type ConvertIssue, type ConvertResult, type Origin } from './types';

export class ManifestWriter {
  private readonly lines: string[] = [];
  private readonly issues: ConvertIssue[] = [];
  private readonly refs = new Map<string, Origin>();
  private readonly labels = new Set<string>();
  private boxes = 0;
  private readonly buckets = new Map<string, Origin>();

  /** Reports an item left out or changed. */
  report(origin: Origin, kind: ConvertIssue['kind'], message: string): void {
    this.issues.push({ ...origin, kind, message });
  }

  /**
   * Writes one entry unless its source-ref was written before or the validator finds an error.
   * Returns true when written.
   */
  add(entry: Record<string, unknown>, origin: Origin, facts: { labels: readonly string[]; boxes?: number }): boolean {
    const ref = entry['source-ref'];
    if (typeof ref === 'string') {
      const first = this.refs.get(ref);
      if (first) {
        this.report(origin, 'skipped', `repeated image ${ref}: it was already converted from ${formatOrigin(first)}; a source-ref may appear once per manifest. Merge the two into one, then convert again.`);
        return false;
      }
    }
    const text = JSON.stringify(entry);
    const errors = validateLine(text).problems.filter((p) => p.severity === 'error');
    if (errors.length > 0) {
      const shown = errors.slice(0, 3).map((p) => `${p.code}: ${p.message}`).join(' ');
      this.report(origin, 'skipped', `not written, the service would reject it: ${shown}${errors.length > 3 ? ` (and ${errors.length - 3} more)` : ''}`);
      return false;
    }
    if (typeof ref === 'string') {
      this.refs.set(ref, origin);
      const bucket = /^s3:\/\/([^/]+)\//.exec(ref)?.[1];
      if (bucket !== undefined && !this.buckets.has(bucket)) this.buckets.set(bucket, origin);
    }
    this.lines.push(text);
    for (const l of facts.labels) this.labels.add(l);
    this.boxes += facts.boxes ?? 0;
    return true;
  }

  result(): ConvertResult {
    if (this.buckets.size > 1) {
      const [first, ...others] = [...this.buckets];
      const issue = {
        ...others[0][1],
        kind: 'warning' as const,
        message: `the images are in ${this.buckets.size} S3 buckets (${[...this.buckets.keys()].join(', ')}; ${others[0][0]} first here, ${first[0]} first at ${formatOrigin(first[1])}): training fails with ERROR_IMAGES_IN_MULTIPLE_S3_BUCKETS. Put the images in one bucket.`,
      };
      if (!this.issues.some((i) => i.kind === 'warning' && i.message === issue.message)) this.issues.push(issue);
    }
    return {
      lines: this.lines,
      issues: this.issues,
      stats: { images: this.lines.length, labels: this.labels.size, boxes: this.boxes },
    };
  }
}
