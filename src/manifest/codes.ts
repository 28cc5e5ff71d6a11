/**
 * Problem codes. The service's own codes where it has one (so a user can search the
 * Custom Labels guide for them), and ours, prefixed CL_, where it has none.
 * Pure: no `vscode` import.
 */

/** Codes the service reports per entry or per dataset. */
export const ServiceCodes = {
  // Terminal: the whole dataset operation fails.
  MANIFEST_INACCESSIBLE_OR_UNSUPPORTED_FORMAT: 'ERROR_MANIFEST_INACCESSIBLE_OR_UNSUPPORTED_FORMAT',
  MANIFEST_SIZE_TOO_LARGE: 'ERROR_MANIFEST_SIZE_TOO_LARGE',
  MANIFEST_ROWS_EXCEEDS_MAXIMUM: 'ERROR_MANIFEST_ROWS_EXCEEDS_MAXIMUM',
  INVALID_PERMISSIONS_MANIFEST_S3_BUCKET: 'ERROR_INVALID_PERMISSIONS_MANIFEST_S3_BUCKET',
  TOO_MANY_RECORDS_IN_ERROR: 'ERROR_TOO_MANY_RECORDS_IN_ERROR',
  MANIFEST_TOO_MANY_LABELS: 'ERROR_MANIFEST_TOO_MANY_LABELS',
  INSUFFICIENT_IMAGES_PER_LABEL_FOR_DISTRIBUTE: 'ERROR_INSUFFICIENT_IMAGES_PER_LABEL_FOR_DISTRIBUTE',
  // Non-terminal, per entry.
  NO_LABEL_ATTRIBUTES: 'ERROR_NO_LABEL_ATTRIBUTES',
  INVALID_LABEL_ATTRIBUTE_FORMAT: 'ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT',
  INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT: 'ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT',
  NO_VALID_LABEL_ATTRIBUTES: 'ERROR_NO_VALID_LABEL_ATTRIBUTES',
  INVALID_BOUNDING_BOX: 'ERROR_INVALID_BOUNDING_BOX',
  INVALID_IMAGE_DIMENSION: 'ERROR_INVALID_IMAGE_DIMENSION',
  BOUNDING_BOX_TOO_SMALL: 'ERROR_BOUNDING_BOX_TOO_SMALL',
  NO_VALID_ANNOTATIONS: 'ERROR_NO_VALID_ANNOTATIONS',
  MISSING_BOUNDING_BOX_CONFIDENCE: 'ERROR_MISSING_BOUNDING_BOX_CONFIDENCE',
  MISSING_CLASS_MAP_ID: 'ERROR_MISSING_CLASS_MAP_ID',
  TOO_MANY_BOUNDING_BOXES: 'ERROR_TOO_MANY_BOUNDING_BOXES',
  UNSUPPORTED_USE_CASE_TYPE: 'ERROR_UNSUPPORTED_USE_CASE_TYPE',
  INVALID_LABEL_NAME_LENGTH: 'ERROR_INVALID_LABEL_NAME_LENGTH',
  // Training (CreateProjectVersion), in the manifest summary: terminal manifest content errors
  // (tm-debugging-aggregate-errors.md).
  TOO_MANY_INVALID_ROWS_IN_MANIFEST: 'ERROR_TOO_MANY_INVALID_ROWS_IN_MANIFEST',
  IMAGES_IN_MULTIPLE_S3_BUCKETS: 'ERROR_IMAGES_IN_MULTIPLE_S3_BUCKETS',
  // Training-time, per line in the validation results (and what the service silently drops at import).
  MISSING_SOURCE_REF: 'ERROR_MISSING_SOURCE_REF',
  INVALID_SOURCE_REF_FORMAT: 'ERROR_INVALID_SOURCE_REF_FORMAT',
  INVALID_JSON_LINE: 'ERROR_INVALID_JSON_LINE',
  INVALID_IMAGE: 'ERROR_INVALID_IMAGE',
  // Warnings.
  UNANNOTATED_RECORD: 'WARNING_UNANNOTATED_RECORD',
  NO_ANNOTATIONS: 'WARNING_NO_ANNOTATIONS',
  NO_ATTRIBUTE_ANNOTATIONS: 'WARNING_NO_ATTRIBUTE_ANNOTATIONS',
} as const;

/** Our own codes, for rules the service enforces without a code of its own. */
export const LocalCodes = {
  /** The same source-ref on more than one line: the service keeps one and drops the rest silently. */
  DUPLICATE_SOURCE_REF: 'CL_DUPLICATE_SOURCE_REF',
  /** A line over 100,000 characters: dropped silently. */
  LINE_TOO_LONG: 'CL_LINE_TOO_LONG',
  /**
   * An empty or whitespace-only line: counted as a line of the manifest ("Blank/invalid lines are
   * also counted as dataset objects") but stored nowhere; not among the terminal content errors
   * (the sandbox's reading too: one table for linter, sandbox and push).
   */
  BLANK_LINE: 'CL_BLANK_LINE',
  /**
   * A carriage return (CR) inside a line, not before its newline: JSON takes it for white space, so
   * the line parses, but other readers of JSON Lines (Python's splitlines, Java's readLine) end a
   * line there and see two broken lines. A warning at the CR's column.
   */
  LONE_CR: 'CL_LONE_CR',
  /** A file without a single line: "The manifest file is empty" (a file error without a code of its own). */
  EMPTY_MANIFEST: 'CL_EMPTY_MANIFEST',
  /**
   * Lines with terminal content errors (dropped at import), at most 20% of the lines: a warning
   * with the share (above 20% the import fails: ERROR_TOO_MANY_RECORDS_IN_ERROR).
   */
  RECORDS_IN_ERROR: 'CL_RECORDS_IN_ERROR',
  /**
   * Lines imported with non-terminal errors (not used for training), at most 20% of the imported
   * lines: information with the share (above it training fails: ERROR_TOO_MANY_INVALID_ROWS_IN_MANIFEST).
   */
  INVALID_ROWS: 'CL_INVALID_ROWS',
  /**
   * An image-level label attribute whose value is a string ("0", as SageMaker's own output writes
   * it) instead of an integer: the guide says the value is not used; a warning with a quick fix.
   */
  LABEL_VALUE_NOT_INTEGER: 'CL_LABEL_VALUE_NOT_INTEGER',
  /** A label attribute name that contains `-metadata` or ends in `-ref`. */
  INVALID_ATTRIBUTE_NAME: 'CL_INVALID_ATTRIBUTE_NAME',
  /** An attribute without its `-metadata`, or `-metadata` without its attribute. */
  MISSING_METADATA: 'CL_MISSING_METADATA',
  /** image_size given as a bare object (one guide page shows it): accepted, but an array is expected. */
  IMAGE_SIZE_NOT_ARRAY: 'CL_IMAGE_SIZE_NOT_ARRAY',
  /** creation-date that is not UTC ISO-8601. */
  INVALID_CREATION_DATE: 'CL_INVALID_CREATION_DATE',
  /** More than 50 labels on one image. */
  TOO_MANY_LABELS_PER_IMAGE: 'CL_TOO_MANY_LABELS_PER_IMAGE',
  /** Check Images: the declared image_size is not the image's real size. */
  IMAGE_SIZE_MISMATCH: 'CL_IMAGE_SIZE_MISMATCH',
  /** Check Images: the image could not be read for a reason that is not the image (access denied, network). */
  IMAGE_UNREADABLE: 'CL_IMAGE_UNREADABLE',
  /** An error or warning the service itself recorded in a downloaded entry (errors / cl-errors / warnings). */
  SERVICE_REPORTED: 'CL_SERVICE_REPORTED',
  // Dataset health (src/health: `custom-labels health`), over the images' pixels and the manifests' counts.
  /** The same image content (SHA-256 of the bytes) under different source-refs in one dataset. */
  HEALTH_DUPLICATE_IMAGE: 'CL_HEALTH_DUPLICATE_IMAGE',
  /** Images that look the same (dHash within the threshold) in one dataset: a cluster of near-duplicates. */
  HEALTH_NEAR_DUPLICATE: 'CL_HEALTH_NEAR_DUPLICATE',
  /** The same image (one source-ref or one content) in the training and the test dataset. */
  HEALTH_TRAIN_TEST_LEAK: 'CL_HEALTH_TRAIN_TEST_LEAK',
  /** A cluster of near-duplicates with images in both the training and the test dataset. */
  HEALTH_NEAR_TRAIN_TEST_LEAK: 'CL_HEALTH_NEAR_TRAIN_TEST_LEAK',
  /** Fewer training images than the guide's minimum of 10. */
  HEALTH_FEW_IMAGES: 'CL_HEALTH_FEW_IMAGES',
  /** Images per label, most against fewest: the imbalance ratio. */
  HEALTH_LABEL_IMBALANCE: 'CL_HEALTH_LABEL_IMBALANCE',
  /** Labels in the test dataset that no training image has. */
  HEALTH_LABEL_ONLY_IN_TEST: 'CL_HEALTH_LABEL_ONLY_IN_TEST',
  /** Labels with too few images to reach the test side of the automatic 80/20 split. */
  HEALTH_LABEL_SPLIT: 'CL_HEALTH_LABEL_SPLIT',
  /** A test label on more than 1,000 images (the quota page's testing maximum per label). */
  HEALTH_TEST_LABEL_OVER_MAXIMUM: 'CL_HEALTH_TEST_LABEL_OVER_MAXIMUM',
  /** Boxes under 1 px, or under a few px, on a side once the image is scaled to 1280 px. */
  HEALTH_SMALL_BOXES: 'CL_HEALTH_SMALL_BOXES',
  /** Boxes covering nearly the whole image. */
  HEALTH_IMAGE_SIZED_BOXES: 'CL_HEALTH_IMAGE_SIZED_BOXES',
  /** Images with nearly the 50 boxes an image may have. */
  HEALTH_MANY_BOXES: 'CL_HEALTH_MANY_BOXES',
  /** Image sizes and aspect ratios, as distributions, against the service's limits. */
  HEALTH_IMAGE_SIZES: 'CL_HEALTH_IMAGE_SIZES',
  /** Images health could not read or decode. */
  HEALTH_IMAGE_UNREADABLE: 'CL_HEALTH_IMAGE_UNREADABLE',
} as const;

export type ServiceCode = (typeof ServiceCodes)[keyof typeof ServiceCodes];
export type LocalCode = (typeof LocalCodes)[keyof typeof LocalCodes];
export type ProblemCode = ServiceCode | LocalCode;

/**
 * Codes we used before the service's own was known, and the code that replaced each: a user's
 * severity override written for the old code still applies to the new one.
 */
export const FORMER_CODES: ReadonlyMap<string, ProblemCode> = new Map<string, ProblemCode>([
  ['CL_MULTIPLE_BUCKETS', ServiceCodes.IMAGES_IN_MULTIPLE_S3_BUCKETS],
]);

/**
 * Terminal content errors: problems that make the service drop a line at import without reporting
 * it anywhere ("images that have terminal content errors are removed from the dataset",
 * debugging-datasets-terminal-errors.md): a line over 100,000 characters, source-ref missing or
 * malformed, content that is not valid JSON, a repeated source-ref (found by the whole-file rules,
 * CL_DUPLICATE_SOURCE_REF). A blank line is counted as a line but is not one of them. Only
 * these count toward ERROR_TOO_MANY_RECORDS_IN_ERROR; every other error is non-terminal.
 */
export const DROPPING_CODES: ReadonlySet<ProblemCode> = new Set<ProblemCode>([
  ServiceCodes.INVALID_JSON_LINE,
  ServiceCodes.MISSING_SOURCE_REF,
  ServiceCodes.INVALID_SOURCE_REF_FORMAT,
  LocalCodes.LINE_TOO_LONG,
  LocalCodes.DUPLICATE_SOURCE_REF,
]);

/** Service limits used by the rules. */
export const Limits = {
  maxLineChars: 100_000,
  maxLines: 250_000,
  maxManifestBytes: 1024 * 1024 * 1024,
  maxLabelsPerDataset: 250,
  maxLabelsPerImage: 50,
  maxBoxesPerImage: 50,
  maxLabelNameLength: 256,
  /**
   * The share of lines with terminal content errors above which an import fails (the guide's
   * validation-rules page); the same share is used for lines with non-terminal errors at training
   * (ERROR_TOO_MANY_INVALID_ROWS_IN_MANIFEST says only "too many").
   */
  invalidShareThresholdPercent: 20,
  /** A box must be larger than this many pixels on each side after scaling the longest side to 1280. */
  minBoxSidePx: 1,
  scaledLongestSide: 1280,
  minImageSidePx: 64,
  maxImageSidePx: 4096,
} as const;
