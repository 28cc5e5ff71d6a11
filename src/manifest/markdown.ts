/**
 * Manifest text inside Markdown (hovers): shown as written, never as Markdown. A label with a
 * backtick cannot break out of its code span, and `![img](url)`, `[link](url)`, `<b>`, `**` in a
 * manifest render as the characters they are. Pure: no `vscode` import.
 */

/** Control characters (a newline would end the paragraph) as the JSON escapes a person wrote. */
function visible(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => JSON.stringify(c).slice(1, -1));
}

/**
 * A code span holding `text` literally: the fence is one backtick longer than the longest run
 * inside, with a space either side when the text starts or ends with a backtick (CommonMark).
 */
export function codeSpan(text: string): string {
  const shown = visible(text);
  const longest = Math.max(0, ...Array.from(shown.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = shown.startsWith('`') || shown.endsWith('`') || (shown.startsWith(' ') && shown.endsWith(' ') && shown.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${shown}${pad}${fence}`;
}

/** Plain text for Markdown: every character Markdown could read as syntax is backslash-escaped. */
export function escapeMarkdown(text: string): string {
  return visible(text).replace(/[\\`*_{}[\]()#+\-.!|<>~&:]/g, (c) => `\\${c}`);
}
