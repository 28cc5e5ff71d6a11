/** Where the Custom Labels developer guide explains each of the service's codes. Pure. */
import { ServiceCodes, type ProblemCode } from './codes';

const GUIDE = 'https://docs.aws.amazon.com/rekognition/latest/customlabels-dg';

const TERMINAL: ReadonlySet<string> = new Set([
  ServiceCodes.MANIFEST_INACCESSIBLE_OR_UNSUPPORTED_FORMAT,
  ServiceCodes.MANIFEST_SIZE_TOO_LARGE,
  ServiceCodes.MANIFEST_ROWS_EXCEEDS_MAXIMUM,
  ServiceCodes.INVALID_PERMISSIONS_MANIFEST_S3_BUCKET,
  ServiceCodes.TOO_MANY_RECORDS_IN_ERROR,
  ServiceCodes.MANIFEST_TOO_MANY_LABELS,
  ServiceCodes.INSUFFICIENT_IMAGES_PER_LABEL_FOR_DISTRIBUTE,
]);

/** The guide's page for a service code; undefined for our own CL_ codes. */
export function docsUrlFor(code: ProblemCode | string): string | undefined {
  if (code.startsWith('CL_')) return undefined;
  if (TERMINAL.has(code)) return `${GUIDE}/tm-debugging.html`;
  if (/^(ERROR|WARNING)_[A-Z_]+$/.test(code)) return `${GUIDE}/tm-debugging-json-line-errors.html#tm-error-${code}`;
  return undefined;
}
