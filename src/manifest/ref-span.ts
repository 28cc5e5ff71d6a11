/**
 * The range of a line's `source-ref` value, found without building a jsonc tree when the key
 * appears once in its plain spelling (the usual case); the tree otherwise. Whole-file problems
 * (duplicates, buckets) point there. Pure: no `vscode` import.
 */
import { RangeResolver, type Span } from './line-problems';

export function sourceRefSpan(text: string, line: number): Span {
  let content = text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text;
  let base = 0;
  if (line === 0 && content.charCodeAt(0) === 0xfeff) {
    content = content.slice(1);
    base = 1;
  }
  const quick = quickSpan(content);
  const s = quick ?? new RangeResolver(content).resolve(['source-ref'], 'value');
  return { start: s.start + base, end: s.end + base };
}

function quickSpan(content: string): Span | undefined {
  const key = '"source-ref"';
  const at = content.indexOf(key);
  if (at < 0 || content.indexOf(key, at + key.length) >= 0) return undefined;
  let i = at + key.length;
  while (i < content.length && isSpace(content.charCodeAt(i))) i++;
  if (content[i] !== ':') return undefined;
  i++;
  while (i < content.length && isSpace(content.charCodeAt(i))) i++;
  if (content[i] !== '"') return undefined;
  const start = i;
  i++;
  while (i < content.length) {
    const c = content.charCodeAt(i);
    if (c === 92) i += 2;
    else if (c === 34) return { start, end: i + 1 };
    else i++;
  }
  return undefined;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}
