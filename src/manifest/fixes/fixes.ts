/**
 * Quick fixes for the validator's problems, keyed on the problem's code. Each fix is derived
 * from the code plus the line text (parsed with jsonc-parser); the problem's `data` is only a
 * hint for which attribute / annotation / class id is meant. Edits are minimal (insert a key,
 * replace a value, remove a property) and keep the line's spacing. Never throws.
 * Pure: no `vscode` import; the editor adapter maps these 1:1 onto CodeActions.
 *
 * Deliberately without a fix:
 * - invalid JSON, a line over 100,000 characters: any repair would be a guess;
 * - ERROR_INVALID_LABEL_NAME_LENGTH: truncating to 256 characters would silently create a
 *   different label (two long names sharing a prefix would merge), and the same label usually
 *   appears on many lines, so a one-line edit would split it. Renaming is the user's decision.
 */
import { LocalCodes, ServiceCodes } from '../codes';
import type { Problem } from '../types';
import { findProperty, parseStrict, replaceNode, type LineEdit } from '../json-line';
import { dataString, type FixInputs, type LineFix } from './support';
import {
  attributeFormatFixes,
  creationDateFixes,
  metadataFormatFixes,
  missingMetadataFixes,
  unsupportedTypeFixes,
} from './metadata';
import {
  imageSizeArrayFixes,
  invalidBoxFixes,
  missingClassMapIdFixes,
  missingConfidenceFixes,
  tooSmallBoxFixes,
} from './boxes';
import { imageSizeMismatchFixes } from './image-size';
import { sourceRefFix, wholeLineRange } from './lines';

export interface Position {
  line: number;
  character: number;
}
export interface TextEditSpec {
  start: Position;
  end: Position;
  newText: string;
}
export interface Fix {
  title: string;
  isPreferred?: boolean;
  edits: TextEditSpec[];
}
export interface FixContext {
  lineText(line: number): string;
  lineCount: number;
  /** Clock for creation-date values (tests pin it). */
  now?: () => Date;
  /** Labels used anywhere in the file, offered as class-name / class-map values. */
  labels?: string[];
}

type InLineBuilder = (root: NonNullable<ReturnType<typeof parseStrict>>, inputs: FixInputs) => LineFix[];

const IN_LINE: Partial<Record<string, InLineBuilder>> = {
  [LocalCodes.MISSING_METADATA]: missingMetadataFixes,
  [ServiceCodes.INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT]: metadataFormatFixes,
  [ServiceCodes.INVALID_LABEL_ATTRIBUTE_FORMAT]: attributeFormatFixes,
  [LocalCodes.LABEL_VALUE_NOT_INTEGER]: attributeFormatFixes,
  [ServiceCodes.MISSING_SOURCE_REF]: misspeltSourceRefFixes,
  [ServiceCodes.UNSUPPORTED_USE_CASE_TYPE]: unsupportedTypeFixes,
  [ServiceCodes.MISSING_CLASS_MAP_ID]: missingClassMapIdFixes,
  [ServiceCodes.INVALID_BOUNDING_BOX]: invalidBoxFixes,
  [ServiceCodes.BOUNDING_BOX_TOO_SMALL]: tooSmallBoxFixes,
  [ServiceCodes.MISSING_BOUNDING_BOX_CONFIDENCE]: missingConfidenceFixes,
  [LocalCodes.IMAGE_SIZE_NOT_ARRAY]: imageSizeArrayFixes,
  [LocalCodes.IMAGE_SIZE_MISMATCH]: imageSizeMismatchFixes,
  [LocalCodes.INVALID_CREATION_DATE]: creationDateFixes,
  [ServiceCodes.INVALID_SOURCE_REF_FORMAT]: (root) => {
    const fix = sourceRefFix(root);
    return fix ? [{ title: fix.title, isPreferred: true, edits: [fix.edit] }] : [];
  },
};

/** "source_ref" (a misspelt key the validator named) renamed to "source-ref". */
function misspeltSourceRefFixes(root: NonNullable<ReturnType<typeof parseStrict>>, inputs: FixInputs): LineFix[] {
  const key = dataString(inputs.problem, 'misspeltKey');
  if (key === undefined || findProperty(root, 'source-ref')) return [];
  const keyNode = findProperty(root, key)?.children?.[0];
  if (!keyNode) return [];
  return [{ title: `Rename "${key}" to "source-ref"`, isPreferred: true, edits: [replaceNode(keyNode, '"source-ref"')] }];
}

/** The quick fixes for one problem; empty when there is none we can make without guessing. */
export function fixesFor(problem: Problem, context: FixContext): Fix[] {
  try {
    return tidy(build(problem, context));
  } catch {
    return [];
  }
}

function build(problem: Problem, context: FixContext): Fix[] {
  const line = problem.line;
  if (!Number.isInteger(line) || line < 0 || line >= context.lineCount) return [];
  const text = context.lineText(line);
  if (typeof text !== 'string') return [];

  if (problem.code === LocalCodes.BLANK_LINE) {
    if (text.trim() !== '') return [];
    const range = wholeLineRange(line, context.lineCount, context.lineText);
    return range ? [{ title: 'Remove the blank line', isPreferred: true, edits: [{ ...range, newText: '' }] }] : [];
  }
  if (problem.code === LocalCodes.DUPLICATE_SOURCE_REF) {
    if (text.trim() === '') return [];
    const first = problem.data?.firstLine;
    // On the image's first line: offer to remove the later copies, never this line itself (a
    // "fix all" that removed every copy, first included, would lose the image).
    if (first === line) return removeLaterDuplicates(problem.data?.duplicateLines, context);
    const range = wholeLineRange(line, context.lineCount, context.lineText);
    const where = typeof first === 'number' ? ` (the image is already on line ${first + 1})` : '';
    return range ? [{ title: `Remove this duplicate line${where}`, isPreferred: true, edits: [{ ...range, newText: '' }] }] : [];
  }

  const builder = IN_LINE[problem.code];
  if (!builder) return [];
  const root = parseStrict(text);
  if (!root) return [];
  const inputs: FixInputs = {
    text,
    problem,
    lineText: context.lineText,
    lineCount: context.lineCount,
    now: context.now ?? (() => new Date()),
    labels: context.labels ?? [],
  };
  return builder(root, inputs)
    .filter((f) => f.edits.length > 0 && disjoint(f.edits))
    .map((f) => ({
      title: f.title,
      ...(f.isPreferred ? { isPreferred: true } : {}),
      edits: f.edits.map((e) => ({
        start: { line, character: e.start },
        end: { line, character: e.end },
        newText: e.newText,
      })),
    }));
}

/** "Remove the later copies" for the first line of a duplicated image: one edit per later line. */
function removeLaterDuplicates(lines: unknown, context: FixContext): Fix[] {
  if (!Array.isArray(lines)) return [];
  const later = [...new Set(lines.filter((l): l is number => Number.isInteger(l) && l > 0 && l < context.lineCount))].sort((a, b) => a - b);
  if (later.length === 0) return [];
  const removed = new Set(later);
  const edits: Fix['edits'] = [];
  for (const l of later) {
    const last = l === context.lineCount - 1;
    // The last line goes with the line break before it, unless that break goes with the line
    // before (removed too): then only its text, so that no two edits overlap.
    const range =
      last && removed.has(l - 1)
        ? { start: { line: l, character: 0 }, end: { line: l, character: context.lineText(l).length } }
        : wholeLineRange(l, context.lineCount, context.lineText);
    if (range) edits.push({ ...range, newText: '' });
  }
  const which = later.length === 1 ? `line ${later[0] + 1}` : `${later.length} later lines`;
  return [{ title: `Keep this line and remove the copies of this image (${which})`, edits }];
}

/** Edits of one fix must not overlap (touching is fine): editors reject overlapping edits. */
function disjoint(edits: readonly LineEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) if (sorted[i].start < sorted[i - 1].end) return false;
  return true;
}

/** Drop duplicate titles and keep at most one preferred fix (the first), as VS Code's auto-fix expects. */
function tidy(fixes: Fix[]): Fix[] {
  const seen = new Set<string>();
  let preferred = false;
  const out: Fix[] = [];
  for (const f of fixes) {
    if (seen.has(f.title)) continue;
    seen.add(f.title);
    if (f.isPreferred) {
      if (preferred) {
        const { isPreferred: _drop, ...rest } = f;
        void _drop;
        out.push(rest);
        continue;
      }
      preferred = true;
    }
    out.push(f);
  }
  return out;
}
