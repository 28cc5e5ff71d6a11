/**
 * The source-refs of a manifest's lines rewritten after an upload: only the source-ref's value
 * changes (its place found by the validator's own scan, manifest/entry.ts), the rest of the line
 * is left byte for byte. Pure: the editor applies the edits as one WorkspaceEdit; tests apply them
 * to text.
 */
import { readEntry } from '../manifest';

export interface SourceRefEdit {
  /** 0-based line. */
  line: number;
  /** UTF-16 offsets in the line of the value, quotes included; `end` exclusive. */
  start: number;
  end: number;
  /** The new value, a JSON string with its quotes. */
  text: string;
}

/** The edits that give each line whose source-ref `renamed` names its new source-ref. */
export function sourceRefEdits(lines: Iterable<string>, renamed: ReadonlyMap<string, string>): SourceRefEdit[] {
  const edits: SourceRefEdit[] = [];
  let line = 0;
  for (const text of lines) {
    const at = line++;
    if (text.trim() === '') continue;
    const entry = readEntry(text, { spans: true });
    const next = entry.sourceRef === undefined ? undefined : renamed.get(entry.sourceRef);
    if (next === undefined || !entry.sourceRefSpan) continue;
    edits.push({ line: at, start: entry.sourceRefSpan.start, end: entry.sourceRefSpan.end, text: JSON.stringify(next) });
  }
  return edits;
}

/** `lines` with the edits applied (one edit per line at most, as sourceRefEdits makes them). */
export function applySourceRefEdits(lines: readonly string[], edits: readonly SourceRefEdit[]): string[] {
  const out = [...lines];
  for (const e of edits) out[e.line] = out[e.line]!.slice(0, e.start) + e.text + out[e.line]!.slice(e.end);
  return out;
}
