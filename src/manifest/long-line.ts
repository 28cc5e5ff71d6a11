/**
 * The problems of a line the splitter kept as its prefix only (lines.ts, LineBatch.long): the
 * same as the rules give for the whole line. The rules see the prefix, itself longer than the
 * service's limit (so: CL_LINE_TOO_LONG, or the first byte that is not UTF-8, as for the whole
 * line), and the figures they could not see are put right: the line's length in characters and
 * the end of its range, or the column of a byte that is not UTF-8 past the prefix.
 * Pure: no `vscode` import.
 */
import { LocalCodes, ServiceCodes } from './codes';
import { countText } from './count-text';
import type { LongLine } from './lines';
import { checkLine, checkUndecodableLine } from './rules/check-line';
import type { LineRecord } from './rules/line-record';
import type { ValidateOptions } from './types';

/** The record of line `line` (0-based), `prefix` being its first bytes decoded. */
export function checkLongLine(prefix: string, line: number, long: LongLine, undecodableAt: number | undefined, options?: ValidateOptions): LineRecord {
  if (undecodableAt !== undefined) {
    const rec = checkUndecodableLine(prefix, line, undecodableAt, options);
    for (const p of rec.problems) {
      if (p.code !== ServiceCodes.INVALID_JSON_LINE || p.start === undecodableAt) continue;
      // The rules placed the byte at the prefix's end at most.
      p.message = p.message.replace(`column ${p.start + 1}`, `column ${undecodableAt + 1}`);
      p.start = undecodableAt;
      p.end = undecodableAt + 1;
    }
    return rec;
  }
  const rec = checkLine(prefix, line, options, false);
  // What the rules count: the line without one final '\r' nor a byte order mark on line 0.
  const base = line === 0 && prefix.charCodeAt(0) === 0xfeff ? 1 : 0;
  const length = long.length - (long.crs > 0 ? 1 : 0) - base;
  for (const p of rec.problems) {
    if (p.code !== LocalCodes.LINE_TOO_LONG) continue;
    // The range runs from the limit to the line's end: the prefix's length is known from it.
    const seen = p.end - base;
    p.message = p.message.replace(countText(seen), countText(length));
    p.end = length + base;
  }
  return rec;
}
