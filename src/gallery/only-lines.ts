/**
 * A gallery of some lines only ("these lines of this manifest": a health finding's entries). The
 * entries of the other lines are dropped as they are built, and those kept are numbered again
 * from 0 in file order (the page keeps entries at their id); each keeps its line, so a click
 * still reveals it. Pure: no `vscode`.
 */
import type { GalleryEntry } from './entries';

/** The entries of `batch` on a line of `only` (0-based), their ids following on from `nextId`. */
export function keepLines(batch: readonly GalleryEntry[], only: ReadonlySet<number>, nextId: number): GalleryEntry[] {
  const out: GalleryEntry[] = [];
  for (const e of batch) if (only.has(e.line)) out.push({ ...e, id: nextId + out.length });
  return out;
}

/** The title's note of which lines a gallery shows (1-based, as an editor numbers them): " (lines 3, 8)". */
export function linesNote(only: ReadonlySet<number>): string {
  const sorted = [...only].sort((a, b) => a - b).map((l) => l + 1);
  const shown = sorted.slice(0, 8).join(', ') + (sorted.length > 8 ? `, … (${sorted.length})` : '');
  return ` (line${sorted.length === 1 ? '' : 's'} ${shown})`;
}
