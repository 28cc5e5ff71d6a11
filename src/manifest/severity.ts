/**
 * Default severity of every problem code, and the user's overrides. Pure: no `vscode` import.
 *
 * ERROR_* codes are errors and WARNING_* codes warnings, as the service names them. Our CL_*
 * codes take the severity of what the service does with such a line:
 * - errors: the line is dropped or loses a label (duplicate source-ref, line too long, a bad
 *   attribute name, a creation-date the service rejects, over 50 labels), or the file is empty;
 * - warnings: a blank line (counted as a line, holds no image, in neither share of lines with
 *   errors); the line is imported but something deserves a look (a key without its metadata or
 *   the reverse: the service ignores it, and when nothing pairs up the line's own
 *   ERROR_NO_LABEL_ATTRIBUTES is the error; image_size as a bare object,
 *   which the service accepts; a label attribute value written as a string, as SageMaker's own
 *   output does; a share of dropped lines still under the 20% threshold; an error the service
 *   recorded in a downloaded entry — it describes the content at download time, our own rules
 *   judge the current content, so it does not count as an invalid line);
 * - information: the share of lines imported with errors, under the threshold (each such line
 *   has its own error already).
 *
 * A code that replaced one of ours (FORMER_CODES) also takes the override written for the old one.
 */
import { FORMER_CODES, LocalCodes, type ProblemCode } from './codes';
import type { Severity, ValidateOptions } from './types';

const LOCAL_DEFAULTS: Record<string, Severity> = {
  [LocalCodes.DUPLICATE_SOURCE_REF]: 'error',
  [LocalCodes.LINE_TOO_LONG]: 'error',
  [LocalCodes.BLANK_LINE]: 'warning',
  [LocalCodes.LONE_CR]: 'warning',
  [LocalCodes.EMPTY_MANIFEST]: 'error',
  [LocalCodes.RECORDS_IN_ERROR]: 'warning',
  [LocalCodes.INVALID_ROWS]: 'information',
  [LocalCodes.LABEL_VALUE_NOT_INTEGER]: 'warning',
  [LocalCodes.INVALID_ATTRIBUTE_NAME]: 'error',
  [LocalCodes.MISSING_METADATA]: 'warning',
  [LocalCodes.IMAGE_SIZE_NOT_ARRAY]: 'warning',
  [LocalCodes.INVALID_CREATION_DATE]: 'error',
  [LocalCodes.TOO_MANY_LABELS_PER_IMAGE]: 'error',
  [LocalCodes.SERVICE_REPORTED]: 'warning',
  // Check Images: boxes scaled to a declared size that is not the image's land in the wrong place.
  [LocalCodes.IMAGE_SIZE_MISMATCH]: 'error',
  // Check Images: not the image's fault (access, network); the service may well read it.
  [LocalCodes.IMAGE_UNREADABLE]: 'warning',
};

/** The severity a code has before any override. */
export function defaultSeverity(code: ProblemCode): Severity {
  if (code.startsWith('ERROR_')) return 'error';
  if (code.startsWith('WARNING_')) return 'warning';
  return LOCAL_DEFAULTS[code] ?? 'warning';
}

/** The severity after the user's override; undefined when the code is turned off. */
export function effectiveSeverity(
  code: ProblemCode,
  base: Severity,
  options: ValidateOptions | undefined,
): Severity | undefined {
  const overrides = options?.severityOverrides;
  if (overrides === undefined) return base;
  let o = overrides[code];
  if (o === undefined) {
    for (const [former, now] of FORMER_CODES) if (now === code && overrides[former] !== undefined) o = overrides[former];
  }
  if (o === undefined) return base;
  if (o === 'off') return undefined;
  return o === 'error' || o === 'warning' || o === 'information' ? o : base;
}
