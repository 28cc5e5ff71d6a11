/**
 * The ranges of several JSON paths in one line, found in ONE scan of its text without building a
 * tree: only the containers on a requested path are entered, everything else is skipped a
 * character at a time. For a line that JSON.parse accepted (the validator knows it is valid
 * JSON); anything unexpected returns undefined and the caller builds the jsonc tree instead.
 * Finds what jsonc-parser's findNodeAtLocation finds: the first property with a key, an array
 * element by index. Pure: no `vscode` import.
 */
import type { JsonPath, Span } from './line-problems';

/** Where one node is: its value, and its key when it is a property's value. */
export interface NodeSpan {
  key?: Span;
  value: Span;
}

interface Trie {
  children?: Map<string | number, Trie>;
  found?: NodeSpan;
}

class Unexpected extends Error {}

/**
 * For each path, the span of the deepest node of the path that exists (undefined entries: the
 * root was not even found), with the length of the prefix it belongs to.
 */
export function scanPaths(json: string, paths: readonly JsonPath[]): { node: NodeSpan; depth: number }[] | undefined {
  const root: Trie = {};
  for (const path of paths) {
    let t = root;
    for (const seg of path) {
      t.children ??= new Map();
      let next = t.children.get(seg);
      if (!next) {
        next = {};
        t.children.set(seg, next);
      }
      t = next;
    }
  }
  try {
    const start = skipSpace(json, 0);
    const end = scanValue(json, start, root);
    root.found = { value: { start, end } };
  } catch (e) {
    if (e instanceof Unexpected) return undefined;
    throw e;
  }
  return paths.map((path) => {
    let t = root;
    let depth = 0;
    let node = root.found as NodeSpan;
    for (const seg of path) {
      const next = t.children?.get(seg);
      if (!next?.found) break;
      t = next;
      node = next.found;
      depth++;
    }
    return { node, depth };
  });
}

function skipSpace(s: string, i: number): number {
  for (;;) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) i++;
    else return i;
  }
}

/** The end of the string starting at `i` (its opening quote), after the closing quote. */
function skipString(s: string, i: number): number {
  i++;
  for (;;) {
    const q = s.indexOf('"', i);
    if (q < 0) throw new Unexpected();
    // An escaped quote has an odd number of backslashes before it.
    let b = q - 1;
    while (b >= i && s.charCodeAt(b) === 92) b--;
    if ((q - 1 - b) % 2 === 0) return q + 1;
    i = q + 1;
  }
}

/** The end of the value at `i`, without entering it. */
function skipValue(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === 34) return skipString(s, i);
  if (c === 123 || c === 91) {
    let depth = 0;
    for (;;) {
      const d = s.charCodeAt(i);
      if (d === 34) {
        i = skipString(s, i);
        continue;
      }
      if (d === 123 || d === 91) depth++;
      else if (d === 125 || d === 93) {
        depth--;
        if (depth === 0) return i + 1;
      } else if (Number.isNaN(d)) throw new Unexpected();
      i++;
    }
  }
  // A number, true, false or null.
  const from = i;
  for (;;) {
    const d = s.charCodeAt(i);
    if (Number.isNaN(d) || d === 44 || d === 125 || d === 93 || d === 32 || d === 9 || d === 10 || d === 13) break;
    i++;
  }
  if (i === from) throw new Unexpected();
  return i;
}

/** The end of the value at `i`, entering it only where `t` has requested children. */
function scanValue(s: string, i: number, t: Trie): number {
  const kids = t.children;
  const c = s.charCodeAt(i);
  if (!kids || (c !== 123 && c !== 91)) return skipValue(s, i);
  i = skipSpace(s, i + 1);
  if (c === 123) {
    if (s.charCodeAt(i) === 125) return i + 1;
    for (;;) {
      if (s.charCodeAt(i) !== 34) throw new Unexpected();
      const ks = i;
      const ke = skipString(s, i);
      const raw = s.slice(ks + 1, ke - 1);
      const key = raw.indexOf('\\') < 0 ? raw : (JSON.parse(s.slice(ks, ke)) as string);
      i = skipSpace(s, ke);
      if (s.charCodeAt(i) !== 58) throw new Unexpected();
      const vs = skipSpace(s, i + 1);
      const child = kids.get(key);
      let ve: number;
      if (child && !child.found) {
        ve = scanValue(s, vs, child);
        child.found = { key: { start: ks, end: ke }, value: { start: vs, end: ve } };
      } else ve = skipValue(s, vs);
      i = skipSpace(s, ve);
      const d = s.charCodeAt(i);
      if (d === 125) return i + 1;
      if (d !== 44) throw new Unexpected();
      i = skipSpace(s, i + 1);
    }
  }
  if (s.charCodeAt(i) === 93) return i + 1;
  for (let k = 0; ; k++) {
    const child = kids.get(k);
    let ve: number;
    if (child) {
      ve = scanValue(s, i, child);
      child.found = { value: { start: i, end: ve } };
    } else ve = skipValue(s, i);
    i = skipSpace(s, ve);
    const d = s.charCodeAt(i);
    if (d === 93) return i + 1;
    if (d !== 44) throw new Unexpected();
    i = skipSpace(s, i + 1);
  }
}
