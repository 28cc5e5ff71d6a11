/**
 * Whole-line quick fixes: remove a line (blank, duplicate source-ref) and rewrite an
 * https:// S3 URL as the s3://bucket/key form the service requires. Pure: no `vscode` import.
 */
import type { Node } from 'jsonc-parser';
import { childValue, replaceNode, stringOf } from '../json-line';

interface LinePosition {
  line: number;
  character: number;
}

export interface RemoveLineRange {
  start: LinePosition;
  end: LinePosition;
}

/**
 * The range that deletes line `line` with its line break: up to the start of the next line,
 * or, for the last line, from the end of the previous line. Undefined for the only line when
 * it is already empty (nothing to remove).
 */
export function wholeLineRange(line: number, lineCount: number, lineText: (i: number) => string): RemoveLineRange | undefined {
  if (line < 0 || line >= lineCount) return undefined;
  if (line + 1 < lineCount) return { start: { line, character: 0 }, end: { line: line + 1, character: 0 } };
  if (line > 0) {
    return {
      start: { line: line - 1, character: lineText(line - 1).length },
      end: { line, character: lineText(line).length },
    };
  }
  const length = lineText(line).length;
  return length > 0 ? { start: { line, character: 0 }, end: { line, character: length } } : undefined;
}

/**
 * `https://bucket.s3.region.amazonaws.com/key`, `https://s3.region.amazonaws.com/bucket/key`
 * (and the older `s3-region` / no-region forms) as `s3://bucket/key`. Undefined for anything else.
 */
export function s3UriFromHttps(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  const host = parsed.hostname.toLowerCase();
  const path = parsed.pathname.replace(/^\//, '');
  const decode = (s: string): string => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  const virtual = /^(.+)\.s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?$/.exec(host);
  if (virtual && path.length > 0) return `s3://${virtual[1]}/${decode(path)}`;
  const pathStyle = /^s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?$/.test(host);
  if (pathStyle) {
    const slash = path.indexOf('/');
    if (slash > 0 && slash < path.length - 1) return `s3://${path.slice(0, slash)}/${decode(path.slice(slash + 1))}`;
  }
  return undefined;
}

/** ERROR_INVALID_SOURCE_REF_FORMAT: an https S3 URL becomes s3://bucket/key. */
export function sourceRefFix(root: Node): { title: string; edit: { start: number; end: number; newText: string } } | undefined {
  const node = childValue(root, 'source-ref');
  const value = stringOf(node);
  if (!node || value === undefined) return undefined;
  const s3 = s3UriFromHttps(value);
  if (!s3) return undefined;
  return { title: `Write source-ref as ${s3}`, edit: replaceNode(node, JSON.stringify(s3)) };
}
