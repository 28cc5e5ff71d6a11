import * as assert from 'node:assert/strict';
import { validateText } from '../../../src/manifest';
import type { ConvertResult } from '../../../src/convert';

/** The converter's output passes the one validator: no errors, no warnings. */
export function assertValid(result: ConvertResult | string[]): void {
  const lines = Array.isArray(result) ? result : result.lines;
  const { problems } = validateText(lines.join('\n'));
  assert.deepEqual(problems.map((p) => `${p.line + 1} ${p.code} ${p.message}`), [], 'the converted manifest validates cleanly');
}

export const fixedNow = () => new Date('2024-05-01T12:00:00.000Z');

/** "file[:line][ (where)] kind" for each issue, file given by its base name. */
export function issueHeads(result: ConvertResult): string[] {
  return result.issues.map((i) => `${i.file.split(/[\\/]/).pop()}${i.line !== undefined ? `:${i.line}` : ''}${i.where ? ` (${i.where})` : ''} ${i.kind}`);
}
