/**
 * The part of a line that an edit changes: `before` with [start, end) replaced by `insert` reads
 * `after`. The longest common start and end are left out, so an edit touches only the characters
 * that differ (a moved box: its numbers), and a cursor or a selection elsewhere on the line stays.
 * Never inside a UTF-16 surrogate pair. Pure.
 */
export function changedSpan(before: string, after: string): { start: number; end: number; insert: string } {
  const most = Math.min(before.length, after.length);
  let start = 0;
  while (start < most && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // A common end no longer than what is left after the common start, in both texts.
  let tail = 0;
  while (tail < most - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  // Not between the two halves of a pair: the span takes the whole pair.
  if (start > 0 && isHigh(before.charCodeAt(start - 1)) && start < before.length && isLow(before.charCodeAt(start))) start--;
  if (tail > 0 && isLow(before.charCodeAt(before.length - tail)) && before.length - tail > start && isHigh(before.charCodeAt(before.length - tail - 1))) tail--;
  return { start, end: before.length - tail, insert: after.slice(start, after.length - tail) };
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
