/**
 * Whole-file rules, computed from a FileIndex: duplicate source-refs, more than one bucket,
 * the line / size / label quotas and the share of invalid lines (the service's 20% rule).
 * Pure: no `vscode` import.
 */
import { Limits, LocalCodes, ServiceCodes, type ProblemCode } from '../codes';
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

export function invalidLines(index: FileIndex): number {
  return index.invalidOwn + index.invalidDuplicates;
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
 * Where a whole-file problem is shown, never painting a healthy line: the share of invalid lines
 * on the first invalid line (it is one of them); the line quota on the first line past it; the
 * others as an empty range at the start of the file (the editor marks one character there).
 */
function fileProblemRange(index: FileIndex, facts: FileFacts, code: ProblemCode): { line: number; start: number; end: number } {
  if (code === ServiceCodes.TOO_MANY_RECORDS_IN_ERROR || code === LocalCodes.RECORDS_IN_ERROR) {
    const line = index.firstInvalidLine() ?? firstDuplicateLine(index);
    if (line !== undefined) return { line, start: 0, end: facts.lineLength?.(line) ?? 0 };
  }
  if (code === ServiceCodes.MANIFEST_ROWS_EXCEEDS_MAXIMUM && facts.lines > Limits.maxLines) {
    return { line: Limits.maxLines, start: 0, end: facts.lineLength?.(Limits.maxLines) ?? 0 };
  }
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
  count(LocalCodes.MULTIPLE_BUCKETS, index.minorityCount());
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
  const code = LocalCodes.MULTIPLE_BUCKETS;
  const severity = effectiveSeverity(code, defaultSeverity(code), options);
  if (!severity) return;
  const majorCount = index.buckets.get(major) ?? 0;
  for (const { line, bucket } of index.linesOutside(major)) {
    out.push({
      line,
      ...index.refSpan(line),
      severity,
      code,
      message:
        `This image is in the bucket "${bucket}", but ${plural(majorCount, 'image')} ${majorCount === 1 ? 'is' : 'are'} in "${major}": ` +
        `all images of a dataset must be in one S3 bucket. Copy the image to "${major}" and update "source-ref".`,
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
  if (index.labels.size > Limits.maxLabelsPerDataset) {
    out.push({
      code: ServiceCodes.MANIFEST_TOO_MANY_LABELS,
      message: `The manifest uses ${fmt(index.labels.size)} labels; a dataset may have at most ${Limits.maxLabelsPerDataset}. Merge or remove labels.`,
      data: { labels: index.labels.size },
    });
  }
  const invalid = invalidLines(index);
  if (facts.lines > 0 && invalid > 0) {
    const pct = (invalid / facts.lines) * 100;
    const over = pct > Limits.invalidShareThresholdPercent;
    out.push({
      code: over ? ServiceCodes.TOO_MANY_RECORDS_IN_ERROR : LocalCodes.RECORDS_IN_ERROR,
      message:
        `${percent(pct)}% of the lines (${fmt(invalid)} of ${fmt(facts.lines)}) are invalid; ` +
        (over
          ? `above ${Limits.invalidShareThresholdPercent}% the service fails the whole import. Fix or remove the invalid lines.`
          : `the service fails an import above ${Limits.invalidShareThresholdPercent}%, and skips these lines.`),
      data: { invalidLines: invalid, lines: facts.lines, percent: pct },
    });
  }
  return out;
}

export function makeStats(index: FileIndex, facts: FileFacts, options: ValidateOptions | undefined): ManifestStats {
  const invalid = invalidLines(index);
  const extra = fileCounts(index, facts, options);
  const buckets = new Map(index.buckets);
  return {
    lines: facts.lines,
    entries: facts.lines - facts.blanks,
    invalidLines: invalid,
    invalidPercent: facts.lines === 0 ? 0 : (invalid / facts.lines) * 100,
    labels: new Map(index.labels),
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
  return n.toLocaleString('en-US');
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
