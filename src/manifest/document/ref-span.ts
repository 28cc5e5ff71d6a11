/**
 * A line's `source-ref` value and its range, found without building a jsonc tree when the key
 * appears once in its plain spelling (the usual case); the tree or JSON.parse otherwise.
 * Whole-file problems (duplicates, buckets) point there. Pure: no `vscode` import.
 */
import { RangeResolver, type Span } from '../rules/line-problems';

export function sourceRefSpan(text: string, line: number): Span {
  const { content, base } = contentOf(text, line);
  const quick = quickSpan(content);
  const s = quick ?? new RangeResolver(content).resolve(['source-ref'], 'value');
  return { start: s.start + base, end: s.end + base };
}

/**
 * The range of the source-ref value when the caller already has that value (JSON.parse's `ref`):
 * the first '"source-ref"' key at the top level whose value is spelt as `ref` without escapes,
 * found without looking past it (the usual line starts with it). Otherwise as sourceRefSpan.
 */
export function knownRefSpan(text: string, line: number, ref: string): Span {
  const first = line === 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
  // The usual line starts with its source-ref: the first property of the object (the one the
  // range is of, as for sourceRefSpan), whose value ends at the next quote when no backslash
  // comes before it (no escape). Two searches, no comparison with `ref`.
  if (text.startsWith(LEADING_REF, first)) {
    const start = first + LEADING_REF.length - 1;
    const q = text.indexOf('"', start + 1);
    const backslash = text.indexOf('\\', start + 1);
    if (q > start && (backslash < 0 || backslash > q)) return { start, end: q + 1 };
  }
  const key = '"source-ref"';
  const at = text.indexOf(key, first);
  if (at >= 0 && atTopLevel(text, first, at)) {
    let i = at + key.length;
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) === 58) {
      i++;
      while (i < text.length && isSpace(text.charCodeAt(i))) i++;
      const end = i + 1 + ref.length;
      if (text.charCodeAt(i) === 34 && text.charCodeAt(end) === 34 && text.startsWith(ref, i + 1) && ref.indexOf('"') < 0 && ref.indexOf('\\') < 0) {
        return { start: i, end: end + 1 };
      }
    }
  }
  return sourceRefSpan(text, line);
}

/** How most lines start: the object's first key is "source-ref", its value a string. */
const LEADING_REF = '{"source-ref":"';

/** Offset `at` of `text` is directly inside the top-level object (depth 1, outside any string). */
function atTopLevel(text: string, from: number, at: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = from; i < at; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) depth--;
  }
  return depth === 1 && !inString;
}

/**
 * The string value of the line's top-level "source-ref" exactly as JSON.parse reads it, or
 * undefined when it has none (or is not a JSON object). The indexes keep only a hash of it and
 * read it again here for the few lines whose hashes are equal.
 */
export function sourceRefOf(text: string, line: number): string | undefined {
  const { content } = contentOf(text, line);
  // Without a backslash no key can be spelt with escapes, and a quote cannot occur inside a string:
  // the only '"source-ref"' is then the top-level key, and its value is the text between the quotes.
  if (content.indexOf('\\') < 0) {
    const quick = quickSpan(content);
    if (quick) return content.slice(quick.start + 1, quick.end - 1);
  }
  try {
    const o = JSON.parse(content) as unknown;
    const ref = o !== null && typeof o === 'object' && !Array.isArray(o) ? (o as Record<string, unknown>)['source-ref'] : undefined;
    return typeof ref === 'string' ? ref : undefined;
  } catch {
    return undefined;
  }
}

/** The line's JSON text as checkLine sees it: without a final '\r', nor a byte order mark on line 0. */
function contentOf(text: string, line: number): { content: string; base: number } {
  let content = text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text;
  let base = 0;
  if (line === 0 && content.charCodeAt(0) === 0xfeff) {
    content = content.slice(1);
    base = 1;
  }
  return { content, base };
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
