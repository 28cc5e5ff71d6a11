/** The `|` caret marker of the hover and completion tests (the yaml-language-server style). */
import * as assert from 'node:assert/strict';

/** Removes the one `|` in `marked`; returns the text and the caret's offset in it. */
export function parseCaret(marked: string): { text: string; caret: number } {
  const caret = marked.indexOf('|');
  assert.ok(caret >= 0 && marked.indexOf('|', caret + 1) < 0, 'exactly one | marker');
  return { text: marked.slice(0, caret) + marked.slice(caret + 1), caret };
}
