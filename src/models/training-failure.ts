/**
 * A failed training's errors, placed on the person's own manifest lines. Pure: no `vscode`.
 *
 * The service reports them in files: "During training, Amazon Rekognition Custom Labels creates
 * validation result manifests to hold non-terminal JSON Line errors. The validation results
 * manifests are copies of the training and testing datasets with error information added"
 * (tm-debugging-scope-json-line), beside a manifest summary with the terminal content errors
 * (tm-debugging-summary). Each validation line is matched to local lines by its source-ref (the
 * same key a push's entry errors are matched by): `placeTrainingErrors`. What matches no local
 * line stays listed (`unplaced`) for the read-only report (`trainingErrorsReport`).
 * `statusInWords`: the StatusMessage without its codes, as a sentence a person reads.
 */
import { readEntry, type EntryIssue } from '../manifest';
import type { ManifestSummary, ValidationLine } from './readers';

export type ValidatedDataset = 'training' | 'testing';

/** The lines with errors of one validation manifest. */
export interface DatasetValidation {
  dataset: ValidatedDataset;
  lines: readonly ValidationLine[];
}

/** A local line holding a source-ref that training reported errors on. */
export interface LocalLine {
  fileLine: number;
  text: string;
}

/** One error of the validation manifests on one local line. */
export interface PlacedTrainingError {
  /** The local manifest (its key as the caller names it: a URI string). */
  file: string;
  fileLine: number;
  /** The local line's text when it was placed (an edited line loses the error). */
  text: string;
  sourceRef: string;
  dataset: ValidatedDataset;
  issue: EntryIssue;
}

export interface UnplacedTrainingError {
  dataset: ValidatedDataset;
  line: ValidationLine;
}

/** The source-refs that carry errors in the validation manifests. */
export function refsWithErrors(validations: readonly DatasetValidation[]): Set<string> {
  const refs = new Set<string>();
  for (const v of validations) for (const l of v.lines) if (l.sourceRef !== undefined) refs.add(l.sourceRef);
  return refs;
}

/**
 * Finds, in one local manifest's lines, the first line of each wanted source-ref (a manifest
 * holds a source-ref once; a repeat is the validator's own finding). A line is parsed only when
 * its text names a wanted source-ref.
 */
export function findLocalLines(wanted: ReadonlySet<string>, lines: Iterable<string>): Map<string, LocalLine> {
  const finder = new LocalLineFinder(wanted);
  if (wanted.size > 0) for (const text of lines) finder.next(text);
  return finder.found;
}

const SOURCE_REF = /"source-ref"\s*:\s*"((?:[^"\\]|\\.)*)"/g;

/** `findLocalLines` a line at a time (a file streamed from disk). */
export class LocalLineFinder {
  readonly found = new Map<string, LocalLine>();
  private fileLine = 0;
  constructor(private readonly wanted: ReadonlySet<string>) {}

  next(text: string): void {
    const at = this.fileLine++;
    // A quick look first (most lines name no wanted source-ref); the line's reader decides.
    let maybe = false;
    for (const m of text.matchAll(SOURCE_REF)) if ((maybe = m[1]!.includes('\\') || this.wanted.has(m[1]!))) break;
    if (!maybe) return;
    const ref = readEntry(text).sourceRef;
    if (ref !== undefined && this.wanted.has(ref) && !this.found.has(ref)) this.found.set(ref, { fileLine: at, text });
  }
}

/**
 * Every error of the validation manifests on every local line with its source-ref (in each
 * manifest that holds it), and the validation lines no local line holds.
 */
export function placeTrainingErrors(
  validations: readonly DatasetValidation[],
  manifests: readonly { file: string; found: ReadonlyMap<string, LocalLine> }[],
): { placed: PlacedTrainingError[]; unplaced: UnplacedTrainingError[] } {
  const placed: PlacedTrainingError[] = [];
  const unplaced: UnplacedTrainingError[] = [];
  for (const v of validations) {
    for (const line of v.lines) {
      let landed = false;
      if (line.sourceRef !== undefined) {
        for (const m of manifests) {
          const local = m.found.get(line.sourceRef);
          if (!local) continue;
          landed = true;
          for (const issue of line.issues) placed.push({ file: m.file, fileLine: local.fileLine, text: local.text, sourceRef: line.sourceRef, dataset: v.dataset, issue });
        }
      }
      if (!landed) unplaced.push({ dataset: v.dataset, line });
    }
  }
  return { placed, unplaced };
}

/**
 * The StatusMessage in words: "ERROR_X: The manifest file … ." pairs (the sandbox's, and the
 * service's codes as the guide names them) read as their sentences, the codes left out.
 */
export function statusInWords(message: string | undefined): string {
  if (!message) return 'The service gave no reason.';
  const words = message.replace(/\b(?:ERROR|WARNING)_[A-Z0-9_]+:\s*/g, '').replace(/\s+/g, ' ').trim();
  return words || message.trim();
}

const DATASET_WORDS: Record<ValidatedDataset, string> = { training: 'training dataset', testing: 'test dataset' };

/** "training dataset" / "test dataset". */
export function datasetWords(d: ValidatedDataset): string {
  return DATASET_WORDS[d];
}

/**
 * The read-only report of a failed training: the status in words, the manifest summary's
 * errors, then each validation line with errors (its line in the dataset, its source-ref, and
 * each error's code, message and place in the line).
 */
export function trainingErrorsReport(title: string, statusMessage: string | undefined, summary: ManifestSummary | undefined, validations: readonly DatasetValidation[]): string {
  const out: string[] = [title, '', `Training failed: ${statusInWords(statusMessage)}`];
  if (statusMessage) out.push(`Status message: ${statusMessage}`);
  const summaryErrors: string[] = [];
  for (const [d, stats] of [['training', summary?.training], ['testing', summary?.testing]] as const) {
    if (!stats) continue;
    const counts = [stats.total !== undefined ? `${stats.total} lines` : '', stats.invalid !== undefined ? `${stats.invalid} with errors` : '', stats.ignored !== undefined ? `${stats.ignored} ignored` : ''].filter(Boolean).join(', ');
    if (counts) summaryErrors.push(`${datasetWords(d)}: ${counts}`);
    for (const e of stats.errors) summaryErrors.push(`${datasetWords(d)}: ${e.code}: ${e.message}`);
  }
  for (const e of summary?.errors ?? []) summaryErrors.push(`both datasets: ${e.code}: ${e.message}`);
  if (summaryErrors.length > 0) out.push('', 'Manifest summary:', ...summaryErrors.map((s) => `  ${s}`));
  for (const v of validations) {
    if (v.lines.length === 0) continue;
    out.push('', `Lines of the ${datasetWords(v.dataset)} with errors (${v.lines.length}):`);
    for (const l of v.lines) {
      out.push(`  line ${l.line + 1}: ${l.sourceRef ?? '(no source-ref)'}`);
      for (const i of l.issues) out.push(`    ${i.severity} ${i.code}: ${i.message}${i.path ? ` (at ${i.path})` : ''}`);
    }
  }
  return out.join('\n') + '\n';
}
