/**
 * The label editor's writing, behind the manifest's door: a gesture on the image to the line's
 * new text (line-writer.ts), and the part of the line that changes (changed-span.ts). Pure: no
 * `vscode` import.
 */
export { writeGesture, creationDate, NEW_DETECTION_ATTRIBUTE, MAX_LABEL_CHARS, type LabelGesture, type PixelBox, type BoxRef, type WriteContext, type WriteResult } from './line-writer';
export { changedSpan } from './changed-span';
