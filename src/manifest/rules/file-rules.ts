/**
 * Whole-file rules, computed from a FileIndex: duplicate source-refs, more than one bucket,
 * the line / size / label quotas, an empty file, and the two shares of lines with errors, each at
 * its own stage: terminal content errors (dropped at import; too many fail the import,
 * ERROR_TOO_MANY_RECORDS_IN_ERROR) and non-terminal errors (imported, not used for training; too
 * many fail training, ERROR_TOO_MANY_INVALID_ROWS_IN_MANIFEST).
 * Pure: no `vscode` import.
 */
import { Limits, LocalCodes, ServiceCodes, type ProblemCode } from '../codes';
import { countText } from '../count-text';
import type { FileIndex } from '../document/file-index';
import { defaultSeverity, effectiveSeverity } from '../severity';
import type { ManifestStats, Problem, ValidateOptions } from '../types';

/** What the rules need to know about the file beyond the index. */
export interface FileFacts {
  /** Lines as the service counts them (a final newline does not start one more). */
  lines: number;
  /** Size in bytes (UTF-8). */
  bytes: number;
  /** Length of line 0's text (kept for callers; file-wide problems no longer paint line 0). */
  firstLineLength: number;
  /** Length of a line's text (without its line break), to place a file-wide problem on it. */
  lineLength?: (line: number) => number;
  /** Blank lines (they are invalid, and not entries). */
  blanks: number;
}

const MAX_RELATED = 20;

/** The lines with terminal content errors, and those imported with non-terminal errors. */
export function errorShares(index: FileIndex): { terminal: number; nonTerminal: number } {
  // A later occurrence of a source-ref is dropped at import: terminal, even when it also has
  // non-terminal errors of its own.
  const terminal = index.droppedOwn + index.laterDuplicates;
  const nonTerminal = index.invalidOwn - index.droppedOwn - index.laterDuplicatesWithErrors;
  return { terminal, nonTerminal };
}

/** Where problems go: an array, or a sink that keeps none of them. */
export interface ProblemOut {
  push(problem: Problem): unknown;
}

/** Appends the whole-file problems. */
export function fileProblems(index: FileIndex, facts: FileFacts, options: ValidateOptions | undefined, out: ProblemOut): void {
  refProblems(index, options, out);
  quotaFileProblems(index, facts, options, out);
}

/**
 * Appends the problems of duplicate source-refs and of images outside the majority bucket
 * (what changes only when FileIndex.version does).
 */
export function refProblems(index: FileIndex, options: ValidateOptions | undefined, out: ProblemOut): void {
  duplicateProblems(index, options, out);
  bucketProblems(index, options, out);
}

/** Appends the file's quota problems (a few at most, reported at line 0). */
export function quotaFileProblems(index: FileIndex, facts: FileFacts, options: ValidateOptions | undefined, out: ProblemOut): void {
  for (const q of quotaProblems(index, facts)) {
    const severity = effectiveSeverity(q.code, defaultSeverity(q.code), options);
    if (!severity) continue;
    out.push({ ...fileProblemRange(index, facts, q.code), severity, code: q.code, message: q.message, scope: 'file', data: q.data });
  }
}

/**
 * Where a whole-file problem is shown, never painting a healthy line: a share of lines with errors
 * on the first line it counts (terminal: dropped or repeated; non-terminal: imported with errors);
 * the line quota on the first line past it; the others as an empty range at the start of the file
 * (the editor marks one character there).
 */
function fileProblemRange(index: FileIndex, facts: FileFacts, code: ProblemCode): { line: number; start: number; end: number } {
  let line: number | undefined;
  if (code === ServiceCodes.TOO_MANY_RECORDS_IN_ERROR || code === LocalCodes.RECORDS_IN_ERROR) {
    const dropped = index.firstDroppedLine();
    const repeated = firstDuplicateLine(index);
    line = dropped === undefined ? repeated : repeated === undefined ? dropped : Math.min(dropped, repeated);
  } else if (code === ServiceCodes.TOO_MANY_INVALID_ROWS_IN_MANIFEST || code === LocalCodes.INVALID_ROWS) {
    line = index.firstNonTerminalLine();
  } else if (code === ServiceCodes.MANIFEST_ROWS_EXCEEDS_MAXIMUM && facts.lines > Limits.maxLines) {
    line = Limits.maxLines;
  }
  if (line !== undefined) return { line, start: 0, end: facts.lineLength?.(line) ?? 0 };
  return { line: 0, start: 0, end: 0 };
}

/** The first later occurrence of a repeated source-ref (invalid as a duplicate). */
function firstDuplicateLine(index: FileIndex): number | undefined {
  let first: number | undefined;
  for (const { lines } of index.duplicates.values()) {
    if (lines.length > 1 && (first === undefined || lines[1]! < first)) first = lines[1];
  }
  return first;
}

/** Errors and warnings the whole-file rules add, without building the problems. */
export function fileCounts(index: FileIndex, facts: FileFacts, options: ValidateOptions | undefined): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  const count = (code: ProblemCode, n: number): void => {
    const s = effectiveSeverity(code, defaultSeverity(code), options);
    if (s === 'error') errors += n;
    else if (s === 'warning') warnings += n;
  };
  count(LocalCodes.DUPLICATE_SOURCE_REF, index.laterDuplicates);
  count(ServiceCodes.IMAGES_IN_MULTIPLE_S3_BUCKETS, index.minorityCount());
  for (const q of quotaProblems(index, facts)) count(q.code, 1);
  return { errors, warnings };
}

function duplicateProblems(index: FileIndex, options: ValidateOptions | undefined, out: ProblemOut): void {
  const code = LocalCodes.DUPLICATE_SOURCE_REF;
  const severity = effectiveSeverity(code, defaultSeverity(code), options);
  if (!severity) return;
  for (const [ref, { lines: group }] of index.duplicates) {
    if (group.length < 2) continue;
    const first = group[0];
    const firstSpan = index.refSpan(first);
    const shown = ref.length > 120 ? `${ref.slice(0, 117)}...` : ref;
    const laterLines = group.slice(1);
    out.push({
      line: first,
      ...firstSpan,
      severity: 'information',
      code,
      message:
        `The image "${shown}" is repeated on ${plural(laterLines.length, 'later line')} (${lineList(laterLines)}): ` +
        'the service keeps one line per image and silently drops the others. Merge their labels into one line.',
      scope: 'file',
      related: group.slice(1, 1 + MAX_RELATED).map((r) => ({ line: r, ...index.refSpan(r), message: 'repeated here' })),
      data: { path: ['source-ref'], firstLine: first, duplicateLines: laterLines, sourceRef: ref },
    });
    for (let i = 1; i < group.length; i++) {
      const r = group[i];
      out.push({
        line: r,
        ...index.refSpan(r),
        severity,
        code,
        message:
          `The image "${shown}" is already on line ${first + 1}: the service keeps one line per image and silently drops ` +
          'the others. Remove this line, or merge its labels into the first one.',
        scope: 'file',
        related: [{ line: first, ...firstSpan, message: 'first occurrence of this source-ref' }],
        data: { path: ['source-ref'], firstLine: first, sourceRef: ref },
      });
    }
  }
}

function bucketProblems(index: FileIndex, options: ValidateOptions | undefined, out: ProblemOut): void {
  const major = index.majorityBucket();
  if (major === undefined) return;
  const code = ServiceCodes.IMAGES_IN_MULTIPLE_S3_BUCKETS;
  const severity = effectiveSeverity(code, defaultSeverity(code), options);
  if (!severity) return;
  const majorCount = index.bucketLines(major);
  for (const { line, bucket } of index.linesOutside(major)) {
    out.push({
      line,
      ...index.refSpan(line),
      severity,
      code,
      message:
        `This image is in the bucket "${bucket}", but ${plural(majorCount, 'image')} ${majorCount === 1 ? 'is' : 'are'} in "${major}": ` +
        'all images of a dataset must be in one S3 bucket; training fails with this error. ' +
        `Copy the image to "${major}" and update "source-ref", or remove the line.`,
      scope: 'file',
      data: { path: ['source-ref'], bucket, majorityBucket: major },
    });
  }
}

interface Quota {
  code: ProblemCode;
  message: string;
  data: Record<string, unknown>;
}

function quotaProblems(index: FileIndex, facts: FileFacts): Quota[] {
  const out: Quota[] = [];
  if (facts.lines > Limits.maxLines) {
    out.push({
      code: ServiceCodes.MANIFEST_ROWS_EXCEEDS_MAXIMUM,
      message:
        `The manifest has ${fmt(facts.lines)} lines; the service accepts at most ${fmt(Limits.maxLines)} (blank and invalid lines count). ` +
        'Split it into several manifests.',
      data: { lines: facts.lines },
    });
  }
  if (facts.bytes > Limits.maxManifestBytes) {
    out.push({
      code: ServiceCodes.MANIFEST_SIZE_TOO_LARGE,
      message: `The manifest is ${fmt(Math.round(facts.bytes / 1048576))} MB; the service accepts at most 1 GB. Split it into several manifests.`,
      data: { bytes: facts.bytes },
    });
  }
  if (index.labelCount > Limits.maxLabelsPerDataset) {
    out.push({
      code: ServiceCodes.MANIFEST_TOO_MANY_LABELS,
      message: `The manifest uses ${fmt(index.labelCount)} labels; a dataset may have at most ${Limits.maxLabelsPerDataset}. Merge or remove labels.`,
      data: { labels: index.labelCount },
    });
  }
  if (facts.lines - facts.blanks === 0) {
    // md-create-manifest-file-validation-rules: "Empty manifest ... Error"; tm-terminal-errors-reference:
    // "The manifest file is empty", a file error without a code of its own.
    out.push({
      code: LocalCodes.EMPTY_MANIFEST,
      message:
        'The manifest file is empty: the service creates no dataset and trains no model from it. ' +
        'Add one JSON line per image ("source-ref" and its labels).',
      data: { lines: facts.lines },
    });
    return out;
  }
  const { terminal, nonTerminal } = errorShares(index);
  const threshold = Limits.invalidShareThresholdPercent;
  if (terminal > 0) {
    const pct = (terminal / facts.lines) * 100;
    const over = pct > threshold;
    const what =
      `${percent(pct)}% of the lines (${fmt(terminal)} of ${fmt(facts.lines)}) have terminal content errors ` +
      '(invalid JSON, source-ref missing, malformed or repeated, over 100,000 characters). ';
    out.push({
      code: over ? ServiceCodes.TOO_MANY_RECORDS_IN_ERROR : LocalCodes.RECORDS_IN_ERROR,
      message: over
        ? what +
          `Import: above ${threshold}% CreateDataset or UpdateDatasetEntries fails with this code (dataset CREATE_FAILED or ` +
          'UPDATE_FAILED, CLIENT_ERROR). Fix or remove those lines.'
        : what +
          'Import: the service drops these lines without reporting them anywhere (not in the console, not by any API); ' +
          `the import still succeeds, and fails with ERROR_TOO_MANY_RECORDS_IN_ERROR above ${threshold}%.`,
      data: { stage: 'import', terminalLines: terminal, lines: facts.lines, percent: pct },
    });
  }
  const imported = facts.lines - terminal;
  if (nonTerminal > 0 && imported > 0) {
    const pct = (nonTerminal / imported) * 100;
    const over = pct > threshold;
    const what =
      `${percent(pct)}% of the lines the service imports (${fmt(nonTerminal)} of ${fmt(imported)}) have non-terminal errors. ` +
      'Import: they are stored with their errors (ListDatasetEntries, the console\'s "Errors" filter) and never fail it. ';
    out.push({
      code: over ? ServiceCodes.TOO_MANY_INVALID_ROWS_IN_MANIFEST : LocalCodes.INVALID_ROWS,
      message: over
        ? what + 'Training: they are not used, and this many fail training with this code. Fix those lines.'
        : what +
          `Training: they are not used; too many (we warn above ${threshold}%) fail training with ERROR_TOO_MANY_INVALID_ROWS_IN_MANIFEST.`,
      data: { stage: 'training', nonTerminalLines: nonTerminal, importedLines: imported, percent: pct },
    });
  }
  return out;
}

export function makeStats(index: FileIndex, facts: FileFacts, options: ValidateOptions | undefined): ManifestStats {
  const { terminal, nonTerminal } = errorShares(index);
  const invalid = terminal + nonTerminal;
  const extra = fileCounts(index, facts, options);
  const buckets = index.buckets;
  const imported = facts.lines - terminal;
  return {
    lines: facts.lines,
    entries: facts.lines - facts.blanks,
    terminalLines: terminal,
    terminalPercent: facts.lines === 0 ? 0 : (terminal / facts.lines) * 100,
    nonTerminalLines: nonTerminal,
    nonTerminalPercent: imported <= 0 ? 0 : (nonTerminal / imported) * 100,
    invalidLines: invalid,
    invalidPercent: facts.lines === 0 ? 0 : (invalid / facts.lines) * 100,
    labels: index.labels,
    buckets,
    errors: index.errors + extra.errors,
    warnings: index.warnings + extra.warnings,
  };
}

/** Orders problems by line, then start, then end (a stable sort keeps equal ones in order). */
export function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => a.line - b.line || a.start - b.start || a.end - b.end);
}

function fmt(n: number): string {
  return countText(n);
}

function percent(p: number): string {
  if (p < 0.1) return '<0.1';
  return p.toFixed(1);
}

function plural(n: number, word: string): string {
  return `${fmt(n)} ${word}${n === 1 ? '' : 's'}`;
}

function lineList(lines: number[]): string {
  const shown = lines.slice(0, 5).map((l) => l + 1);
  return `${lines.length === 1 ? 'line' : 'lines'} ${shown.join(', ')}${lines.length > 5 ? ', ...' : ''}`;
}
