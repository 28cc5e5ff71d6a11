/**
 * The manifest validator's public API: the one door the rest of `src/` imports through (a unit
 * test holds it). Pure: no `vscode` import.
 */
export {
  validateLine,
  validateText,
  validateLines,
  validateStream,
  validateStreamSync,
  type ValidationSummary,
  type ProblemSink,
  type LineSource,
  type LineObserver,
} from './validate';
export { splitLines, splitDocumentLines, withoutCr, decodeLines, lineBatches, fileLineBatches, fileLineBatchesBlocking, fileLines, firstInvalidUtf8, type LineBatch } from './lines';
export { ManifestDocument, type EditRange } from './document/document';
export {
  MAX_SHOWN_PER_FILE,
  hiddenTotal,
  noteSeverity,
  selectShown,
  ShownKeeper,
  type SeverityCounts,
  type ShownProblems,
} from './document/shown-problems';
export { PublishedItems, type PublishedUpdate } from './document/published-items';
export { defaultSeverity } from './severity';
export * from './codes';
export type * from './types';
export { docsUrlFor } from './docs';
export { codeDoc } from './code-docs';
export { convertMultilabel, convertMultilabelLine, type MultilabelConversion } from './fixes/convert-multilabel';
export { NON_ATTRIBUTE_KEYS, applyLineEdits, childValue, keyOf, parseStrict, properties, stringOf } from './json-line';
export { isManifestPath, looksLikeJsonLines } from './sniff';
export { readEntry, type ManifestEntry, type EntryAttribute, type EntryBox, type EntrySpan, type ReadOptions } from './entry';
export { s3Location, type S3Location } from './s3-uri';
export { scaleFactor } from './scale';
export { countText } from './count-text';
export { s3Bucket as sourceRefBucket } from './rules/source-ref';
export { creationDateProblem } from './rules/common';
export { countOf, describeTotals, formatPercent, type Health } from './summary';
export { fixesFor, type Fix, type FixContext, type Position, type TextEditSpec } from './fixes/fixes';
export { hoverAt, type HoverContext, type HoverResult } from './assists/hover';
export { completionsAt, type CompletionContext, type CompletionKind, type CompletionSpec } from './assists/completion';
export {
  SERVICE_ERROR_KEYS,
  SERVICE_WARNING_KEYS,
  SERVICE_FINDING_KEYS,
  SERVICE_METADATA_KEY,
  SERVICE_KEYS,
  findingSeverity,
  entryIssues,
  mapIssuesToLines,
  recordFindings,
  stripFindings,
  findingLevel,
  isServiceCode,
  RECORDED_ERROR_KEY,
  RECORDED_WARNING_KEY,
  type FindingLevel,
  type RecordOptions,
  placeByText,
  type EntryIssue,
  type MappedIssue,
} from './service-findings';
export { changedSpan, writeGesture, creationDate, NEW_DETECTION_ATTRIBUTE, MAX_LABEL_CHARS, type LabelGesture, type PixelBox, type BoxRef, type WriteContext, type WriteResult } from './edit';
