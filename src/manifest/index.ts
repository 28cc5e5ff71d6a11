/** The manifest validator's public API. Pure: no `vscode` import. */
export { validateLine, validateText, validateLines, type ValidationSummary } from './validate';
export { ManifestDocument, type EditRange } from './document/document';
export { defaultSeverity } from './severity';
export * from './codes';
export type * from './types';
