/**
 * Unlabelled manifest lines, and what the status bar counts of a manifest's lines.
 *
 * A new line holds its `source-ref` only. The validator reads it as an image without labels
 * (WARNING_UNANNOTATED_RECORD), as the service does: its example of that warning is a line with a
 * source-ref only, "Record is unannotated ... The JSON line for the image isn't used for training"
 * (tm-debugging-json-line-errors.md, WARNING_UNANNOTATED_RECORD): a warning, the line imported,
 * and ListDatasetEntries finds it with `Labeled: false`. The image's size is not written into the line:
 * `image_size` belongs inside an object-detection label attribute, and at the top of a line the
 * validator takes it for a label attribute without its metadata (CL_MISSING_METADATA, and the
 * line's ERROR_NO_LABEL_ATTRIBUTES: not used for training). The size is read when a box is drawn.
 *
 * A line is labelled when it has a label attribute, as the validator sees one: a key with its
 * "<key>-metadata" (manifest/entry.ts reads them by the validator's key plan; a key without its
 * metadata is no label attribute: ERROR_NO_LABEL_ATTRIBUTES). The lines counted are those that are
 * not blank. Pure: no `vscode`.
 */
import { readEntry } from '../manifest';

export function unlabelledLine(sourceRef: string): string {
  return JSON.stringify({ 'source-ref': sourceRef });
}

/** The manifest's text for `sourceRefs`, one line each, ending with a newline (empty for none). */
export function unlabelledManifest(sourceRefs: readonly string[]): string {
  return sourceRefs.length ? `${sourceRefs.map(unlabelledLine).join('\n')}\n` : '';
}

export interface LabelledCount {
  labelled: number;
  lines: number;
}

/** Whether one line is labelled; `known` keeps the answers by line text, so a recount after an edit parses only the changed lines. */
export function isLabelled(line: string, known?: Map<string, boolean>): boolean {
  const had = known?.get(line);
  if (had !== undefined) return had;
  const labelled = readEntry(line).attributes.some((a) => a.hasMetadata);
  known?.set(line, labelled);
  return labelled;
}

export function countLabelled(lines: Iterable<string>, known?: Map<string, boolean>): LabelledCount {
  let labelled = 0;
  let count = 0;
  for (const line of lines) {
    if (line.trim() === '') continue;
    count++;
    if (isLabelled(line, known)) labelled++;
  }
  return { labelled, lines: count };
}

/** The status bar's words. */
export function labelledText(c: LabelledCount): string {
  return `Labelled ${c.labelled} of ${c.lines}`;
}
