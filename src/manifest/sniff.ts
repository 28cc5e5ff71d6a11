/**
 * Tells a Custom Labels manifest (JSON Lines) from the other files that end in `.manifest`
 * (Windows application manifests are XML). Pure: no `vscode` import.
 */

/** True when the first non-blank character of the text opens a JSON object. */
export function looksLikeJsonLines(head: string): boolean {
  // A UTF-8 byte order mark may precede the first line.
  const match = /^\uFEFF?\s*(\S)/.exec(head);
  return match?.[1] === '{';
}

/** True for a path the detection looks at: `*.manifest`, case-insensitive. */
export function isManifestPath(path: string): boolean {
  return /\.manifest$/i.test(path);
}
