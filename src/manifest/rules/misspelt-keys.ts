/**
 * Keys that are "source-ref" misspelt: the guide's ERROR_MISSING_SOURCE_REF "occurs when the
 * source-ref key is missing or is misspelt" (tm-debugging-json-line-errors.md), so a near miss is
 * named as such ("did you mean source-ref?") instead of being judged as a label attribute without
 * its metadata. Pure: no `vscode` import.
 */

const SOURCE_REF = 'source-ref';

/** "source_ref", "Source-Ref", "sourceref", "source-ref ", "souce-ref": edit distance at most 2, case ignored. */
export function isSourceRefMisspelling(key: string): boolean {
  if (key === SOURCE_REF || key.length < 8 || key.length > 12 || key.endsWith('-metadata')) return false;
  return editDistance(key.toLowerCase(), SOURCE_REF, 2) <= 2;
}

/** Levenshtein distance of a and b, or max + 1 once it is known to exceed `max`. */
function editDistance(a: string, b: string, max: number): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1));
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}
