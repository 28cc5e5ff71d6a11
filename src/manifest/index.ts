/** The manifest validator's public API. Pure: no `vscode` import. */
export { validateLine, validateText, validateLines, validateStream, type ValidationSummary, type ProblemSink, type LineSource } from './validate';
export { splitLines, decodeLines, lineBatches, fileLineBatches, type LineBatch } from './lines';
export { ManifestDocument, type EditRange } from './document';
export { defaultSeverity } from './severity';
export * from './codes';
export type * from './types';
