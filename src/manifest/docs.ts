/**
 * Where the Custom Labels developer guide explains each of the service's codes, by the stage that
 * reports it (see custom-labels-facts.md, "Error codes the service reports, and where"). Pure.
 */
import { ServiceCodes, type ProblemCode } from './codes';

const GUIDE = 'https://docs.aws.amazon.com/rekognition/latest/customlabels-dg';

/** Terminal file errors of a dataset create / update (debugging-datasets-terminal-errors.md). */
const DATASET_FILE_ERRORS: ReadonlySet<string> = new Set([
  ServiceCodes.MANIFEST_INACCESSIBLE_OR_UNSUPPORTED_FORMAT,
  ServiceCodes.MANIFEST_SIZE_TOO_LARGE,
  ServiceCodes.MANIFEST_ROWS_EXCEEDS_MAXIMUM,
  ServiceCodes.INVALID_PERMISSIONS_MANIFEST_S3_BUCKET,
  ServiceCodes.TOO_MANY_RECORDS_IN_ERROR,
  ServiceCodes.MANIFEST_TOO_MANY_LABELS,
  ServiceCodes.INSUFFICIENT_IMAGES_PER_LABEL_FOR_DISTRIBUTE,
]);

/** Terminal manifest content errors of training, in the manifest summary (tm-debugging-aggregate-errors.md). */
const TRAINING_ERRORS: ReadonlySet<string> = new Set([
  ServiceCodes.TOO_MANY_INVALID_ROWS_IN_MANIFEST,
  ServiceCodes.IMAGES_IN_MULTIPLE_S3_BUCKETS,
]);

/** The guide's page (and anchor) for a service code; undefined for our own CL_ codes. */
export function docsUrlFor(code: ProblemCode | string): string | undefined {
  if (code.startsWith('CL_')) return undefined;
  if (DATASET_FILE_ERRORS.has(code)) return `${GUIDE}/debugging-datasets-terminal-errors.html#md-error-status-${code}`;
  if (TRAINING_ERRORS.has(code)) return `${GUIDE}/tm-debugging-aggregate-errors.html#tm-error-${code}`;
  if (/^WARNING_[A-Z_]+$/.test(code)) return `${GUIDE}/tm-debugging-json-line-errors.html#tm-warning-${code}`;
  if (/^ERROR_[A-Z_]+$/.test(code)) return `${GUIDE}/tm-debugging-json-line-errors.html#tm-error-${code}`;
  return undefined;
}
