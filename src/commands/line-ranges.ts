/** Pure helpers for line lists in messages. */

/** 0-based line indexes -> "1-3, 7, 9-12" (1-based); after `maxRanges` ranges: "… and N more". */
export function formatLineRanges(lines: readonly number[], maxRanges = 8): string {
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  const ranges: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    ranges.push(i === j ? `${sorted[i]! + 1}` : `${sorted[i]! + 1}-${sorted[j]! + 1}`);
    i = j + 1;
  }
  if (ranges.length <= maxRanges) return ranges.join(', ');
  const shown = ranges.slice(0, maxRanges);
  const rest = ranges.slice(maxRanges).length;
  return `${shown.join(', ')} and ${rest} more range${rest === 1 ? '' : 's'}`;
}
