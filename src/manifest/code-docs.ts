/**
 * What each problem code means, in Markdown, for those who describe codes apart from a problem
 * (the linter's SARIF rules). The service's codes: the hover's own sentences (SERVICE_CODE_DOCS,
 * from the guide). Ours (CL_): what `codes.ts` says of each, as one table here. Pure.
 */
import { LocalCodes, type ProblemCode } from './codes';
import { SERVICE_CODE_DOCS } from './assists/manifest-terms';

/** Our own codes, as `codes.ts` describes them beside each. */
const LOCAL_CODE_DOCS: ReadonlyMap<string, string> = new Map<string, string>([
  [LocalCodes.DUPLICATE_SOURCE_REF, 'The same `source-ref` on more than one line: the service keeps one and drops the rest silently.'],
  [LocalCodes.LINE_TOO_LONG, 'A line over 100,000 characters: the service drops it silently.'],
  [
    LocalCodes.BLANK_LINE,
    'An empty or whitespace-only line: counted as a line of the manifest ("Blank/invalid lines are also counted as dataset objects") but stored nowhere; not among the terminal content errors.',
  ],
  [
    LocalCodes.LONE_CR,
    'A carriage return (CR) inside a line, not before its newline: JSON takes it for white space, so the line parses, but other readers of JSON Lines end a line there and see two broken lines.',
  ],
  [LocalCodes.EMPTY_MANIFEST, 'A file without a single line: "The manifest file is empty".'],
  [
    LocalCodes.RECORDS_IN_ERROR,
    'Lines with terminal content errors (dropped at import), at most 20% of the lines: the share so far (above 20% the import fails: ERROR_TOO_MANY_RECORDS_IN_ERROR).',
  ],
  [
    LocalCodes.INVALID_ROWS,
    'Lines imported with non-terminal errors (not used for training), at most 20% of the imported lines: the share so far (above it training fails: ERROR_TOO_MANY_INVALID_ROWS_IN_MANIFEST).',
  ],
  [
    LocalCodes.LABEL_VALUE_NOT_INTEGER,
    'An image-level label attribute whose value is a string ("0", as SageMaker\'s own output writes it) instead of an integer: the guide says the value is not used.',
  ],
  [LocalCodes.INVALID_ATTRIBUTE_NAME, 'A label attribute name that contains `-metadata` or ends in `-ref`.'],
  [LocalCodes.MISSING_METADATA, 'An attribute without its `-metadata`, or `-metadata` without its attribute.'],
  [LocalCodes.IMAGE_SIZE_NOT_ARRAY, '`image_size` given as a bare object (one guide page shows it): accepted, but an array is expected.'],
  [LocalCodes.INVALID_CREATION_DATE, '`creation-date` that is not UTC ISO-8601.'],
  [LocalCodes.TOO_MANY_LABELS_PER_IMAGE, 'More than 50 labels on one image.'],
  [LocalCodes.IMAGE_SIZE_MISMATCH, 'Check Images: the declared `image_size` is not the image\'s real size.'],
  [LocalCodes.IMAGE_UNREADABLE, 'Check Images: the image could not be read for a reason that is not the image (access denied, network).'],
  [LocalCodes.SERVICE_REPORTED, 'An error or warning the service itself recorded in a downloaded entry (`errors` / `cl-errors` / `warnings`).'],
  [LocalCodes.HEALTH_DUPLICATE_IMAGE, 'Dataset health: the same image content (SHA-256 of the bytes) under different `source-ref`s in one dataset; the model sees it twice.'],
  [LocalCodes.HEALTH_NEAR_DUPLICATE, 'Dataset health: images that look the same (re-encoded, resized, slightly cropped: a 64-bit dHash within 10 bits) in one dataset.'],
  [LocalCodes.HEALTH_TRAIN_TEST_LEAK, 'Dataset health: the same image in the training and the test dataset ("Images in your test dataset shouldn\'t be images that are in the training dataset"); the test scores flatter the model.'],
  [LocalCodes.HEALTH_NEAR_TRAIN_TEST_LEAK, 'Dataset health: images that look the same in the training and the test dataset; the test scores flatter the model.'],
  [LocalCodes.HEALTH_FEW_IMAGES, 'Dataset health: fewer than the 10 training images the guide asks for ("Use at least 10 images to train your model").'],
  [LocalCodes.HEALTH_LABEL_IMBALANCE, 'Dataset health: the training images of the most common label against those of the rarest (the imbalance ratio); a warning from 10:1.'],
  [LocalCodes.HEALTH_LABEL_ONLY_IN_TEST, 'Dataset health: labels of the test dataset that no training image has; the model cannot learn them.'],
  [LocalCodes.HEALTH_LABEL_SPLIT, 'Dataset health: without a test dataset training splits 20% off; labels with fewer than 5 images may get no test image (fewer than 2 fails training).'],
  [LocalCodes.HEALTH_TEST_LABEL_OVER_MAXIMUM, 'Dataset health: a test label on more than 1,000 images ("Maximum number of images per label is 1000", testing quotas).'],
  [LocalCodes.HEALTH_SMALL_BOXES, 'Dataset health: boxes whose width or height is at most 1 px (the service rejects them) or under 4 px once the image is scaled so its longest side is 1280 px.'],
  [LocalCodes.HEALTH_IMAGE_SIZED_BOXES, 'Dataset health: boxes covering 95% or more of their image; an image-level label may say the same.'],
  [LocalCodes.HEALTH_MANY_BOXES, 'Dataset health: images with 45 or more boxes, near the 50 an image may have.'],
  [LocalCodes.HEALTH_IMAGE_SIZES, 'Dataset health: image sizes and aspect ratios as distributions, with the images outside 64 to 4096 px a side or over 20:1.'],
  [LocalCodes.HEALTH_IMAGE_UNREADABLE, 'Dataset health: images that could not be read or decoded (missing, over 15 MB, not PNG or JPEG, corrupt).'],
]);

/** What `code` means, in Markdown; undefined for a code nobody describes. */
export function codeDoc(code: ProblemCode | string): string | undefined {
  return Object.prototype.hasOwnProperty.call(SERVICE_CODE_DOCS, code) ? SERVICE_CODE_DOCS[code] : LOCAL_CODE_DOCS.get(code);
}
