/**
 * DistributeDatasetEntries' split. The service documents only "20% of the training entries move
 * to the test dataset"; whether it stratifies, how it rounds and what it does with unlabelled
 * images is not documented. The sandbox's approximation, deterministic for a seed:
 *
 * 1. Every label must be on at least MIN_IMAGES_PER_LABEL (2) entries, so that both datasets can
 *    hold it; otherwise the split fails (ERROR_INSUFFICIENT_IMAGES_PER_LABEL_FOR_DISTRIBUTE). A
 *    training dataset without any labelled entry fails the same way.
 * 2. Entries are shuffled with the seeded PRNG. Labels are visited rarest first; for each label,
 *    entries holding it move to test until the label has max(1, round(20% of its entries)) test
 *    entries. An entry moves only if every label it holds keeps at least one training entry.
 * 3. Remaining entries (labelled or not) move in shuffled order until round(20% of all entries)
 *    have moved. Multi-label entries can make a label's share deviate a little from 20%.
 */
import { seededRandom, shuffled } from './seeded-random';
import type { EntryRecord } from '../state/records';

export const TEST_SHARE = 0.2;
export const MIN_IMAGES_PER_LABEL = 2;

export type SplitResult =
  | { ok: true; train: EntryRecord[]; test: EntryRecord[] }
  | { ok: false; reason: string };

export function splitEntries(entries: readonly EntryRecord[], seed: number): SplitResult {
  const counts = new Map<string, number>();
  for (const e of entries) for (const l of e.labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  if (counts.size === 0) {
    return { ok: false, reason: `the training dataset has no labelled entries (${entries.length} entries). Label images before distributing.` };
  }
  const scarce = [...counts].filter(([, n]) => n < MIN_IMAGES_PER_LABEL).map(([l]) => l);
  if (scarce.length > 0) {
    const shown = scarce.slice(0, 5).map((l) => `'${l}'`).join(', ');
    return {
      ok: false,
      reason: `each label needs at least ${MIN_IMAGES_PER_LABEL} images to be split between training and test; ${scarce.length === 1 ? '1 label has' : `${scarce.length} labels have`} fewer (${shown}${scarce.length > 5 ? ', ...' : ''}). Add images of those labels or remove the labels.`,
    };
  }
  const order = shuffled(entries, seededRandom(seed));
  const moved = new Set<EntryRecord>();
  const trainLeft = new Map(counts);
  const testHas = new Map<string, number>();
  const canMove = (e: EntryRecord) => !moved.has(e) && e.labels.every((l) => (trainLeft.get(l) ?? 0) > 1);
  const move = (e: EntryRecord) => {
    moved.add(e);
    for (const l of e.labels) {
      trainLeft.set(l, (trainLeft.get(l) ?? 0) - 1);
      testHas.set(l, (testHas.get(l) ?? 0) + 1);
    }
  };
  const rarestFirst = [...counts].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
  for (const [label, n] of rarestFirst) {
    const quota = Math.max(1, Math.round(n * TEST_SHARE));
    for (const e of order) {
      if ((testHas.get(label) ?? 0) >= quota) break;
      if (e.labels.includes(label) && canMove(e)) move(e);
    }
  }
  const target = Math.round(entries.length * TEST_SHARE);
  for (const e of order) {
    if (moved.size >= target) break;
    if (canMove(e)) move(e);
  }
  return { ok: true, train: entries.filter((e) => !moved.has(e)), test: entries.filter((e) => moved.has(e)) };
}
