/**
 * Short explanations of the manifest's keys, `type` values and the service's error codes,
 * shared by hover and completion. From the Custom Labels developer guide (see
 * custom-labels-facts.md). Pure: no `vscode` import.
 */
import { ServiceCodes } from '../codes';
import { CLASSIFICATION_TYPE, DETECTION_TYPE, MULTILABEL_TYPE } from '../json-line';
import { SERVICE_FINDING_KEY_SET } from '../service-findings';

/** What each key means, where it may appear. */
export const KEY_DOCS: Readonly<Record<string, string>> = {
  'source-ref': 'The image: `s3://BUCKET/KEY` (https URLs are rejected). Required; all images in one bucket; each image once per dataset.',
  confidence: 'A number from 0 to 1. Required, but not used by Custom Labels.',
  'class-name': 'The image-level label this attribute assigns. Required for classification; at most 256 characters.',
  'human-annotated': '`"yes"` when a person made the annotation, otherwise `"no"`. Required.',
  'creation-date': 'When the label was created, as a UTC ISO-8601 timestamp. Required.',
  type: '`groundtruth/image-classification` (image-level label) or `groundtruth/object-detection` (bounding boxes). Required.',
  'job-name': 'A name for the job that produced the label. Optional.',
  'class-map': 'Maps each `class_id` used in `annotations` to its label: `{"0": "cat"}`. Required for object detection.',
  objects: 'One `{"confidence": n}` per annotation, in the same order. Required for object detection.',
  image_size: '`[{"width": w, "height": h, "depth": 3}]` in pixels: a one-element array; depth is required but unused.',
  annotations: 'The bounding boxes: `[{"class_id", "top", "left", "width", "height"}]` in pixels; at most 50 per image.',
  class_id: "The box's label, as a key of the metadata's `class-map`.",
  top: 'Distance in pixels from the top edge of the image to the top of the box (>= 0).',
  left: 'Distance in pixels from the left edge of the image to the left of the box (>= 0).',
  width: 'Width in pixels.',
  height: 'Height in pixels.',
  depth: 'Colour channels (3). Required in image_size but not used.',
  'confidence-map': "Ground Truth multi-label output: each class id's confidence. Not part of the Custom Labels format.",
  'cl-metadata': 'Written by the service (`is_labeled`); kept as it is.',
  errors: 'Problems the service recorded for this entry (older format).',
  'cl-errors': 'Problems the service recorded for this entry.',
  warnings: 'Warnings the service recorded for this entry.',
};

export const TYPE_DOCS: Readonly<Record<string, string>> = {
  [CLASSIFICATION_TYPE]:
    'Image-level label: the attribute holds an integer (its value is ignored) and `class-name` names the label. Several labels on one image = several attribute/metadata pairs.',
  [DETECTION_TYPE]:
    'Object localization: the attribute holds `image_size` and `annotations` (boxes in pixels); the metadata maps class ids to labels in `class-map` and gives one `objects` confidence per box.',
  [MULTILABEL_TYPE]:
    "Ground Truth's multi-label classification output. Custom Labels does **not** accept it (ERROR_UNSUPPORTED_USE_CASE_TYPE): convert the line to one image-classification attribute per label (quick fix).",
};

export const ACCEPTED_TYPES: readonly string[] = [CLASSIFICATION_TYPE, DETECTION_TYPE];

/** What the service's own codes mean, in one sentence each. */
export const SERVICE_CODE_DOCS: Readonly<Record<string, string>> = {
  [ServiceCodes.MANIFEST_INACCESSIBLE_OR_UNSUPPORTED_FORMAT]: 'The manifest could not be read, or is not JSON Lines in a supported format. The dataset operation failed.',
  [ServiceCodes.MANIFEST_SIZE_TOO_LARGE]: 'The manifest is over 1 GB. The dataset operation failed.',
  [ServiceCodes.MANIFEST_ROWS_EXCEEDS_MAXIMUM]: 'The manifest has more than 250,000 lines. The dataset operation failed.',
  [ServiceCodes.INVALID_PERMISSIONS_MANIFEST_S3_BUCKET]: 'Custom Labels may not read the manifest\'s bucket. The dataset operation failed.',
  [ServiceCodes.TOO_MANY_RECORDS_IN_ERROR]:
    '"The manifest file has too many terminal errors": too many lines with terminal content errors (invalid JSON, source-ref missing, malformed or repeated, over 100,000 characters; the guide gives 20%). The dataset create or update failed.',
  [ServiceCodes.MANIFEST_TOO_MANY_LABELS]: 'More than 250 labels in the dataset. The dataset operation failed.',
  [ServiceCodes.INSUFFICIENT_IMAGES_PER_LABEL_FOR_DISTRIBUTE]: 'Too few images per label to split the training dataset. The distribute operation failed.',
  [ServiceCodes.NO_LABEL_ATTRIBUTES]: 'The line has no label attribute: the attribute or its `-metadata` key is missing or misspelt. Imported with the error, not used for training.',
  [ServiceCodes.INVALID_LABEL_ATTRIBUTE_FORMAT]: "A label attribute's value has the wrong shape (classification: an integer; detection: image_size and annotations).",
  [ServiceCodes.INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT]: 'A `-metadata` object is missing a required field or has a wrong value.',
  [ServiceCodes.NO_VALID_LABEL_ATTRIBUTES]: 'Written on the line when none of its label attributes is valid, even when it has only one (each attribute carries its own error). Imported, not used for training.',
  [ServiceCodes.INVALID_BOUNDING_BOX]: 'A box has a negative value or lies (partly) outside the image.',
  [ServiceCodes.INVALID_IMAGE_DIMENSION]: 'image_size is missing or out of range (64 to 4096 px per side, aspect ratio at most 20:1).',
  [ServiceCodes.BOUNDING_BOX_TOO_SMALL]: 'A box is 1 px or less on a side once the image is scaled so its longest side is 1280 px.',
  [ServiceCodes.NO_VALID_ANNOTATIONS]: 'None of the boxes of a detection attribute is valid.',
  [ServiceCodes.MISSING_BOUNDING_BOX_CONFIDENCE]: '`objects` lacks a confidence for one or more boxes.',
  [ServiceCodes.MISSING_CLASS_MAP_ID]: 'A box uses a class_id that the class-map does not name.',
  [ServiceCodes.TOO_MANY_BOUNDING_BOXES]: 'More than 50 boxes on one image.',
  [ServiceCodes.UNSUPPORTED_USE_CASE_TYPE]: 'The metadata `type` is not one Custom Labels accepts (image-classification or object-detection).',
  [ServiceCodes.INVALID_LABEL_NAME_LENGTH]: 'A label name is longer than 256 characters.',
  [ServiceCodes.MISSING_SOURCE_REF]: 'The line has no `source-ref`.',
  [ServiceCodes.INVALID_SOURCE_REF_FORMAT]: '`source-ref` is not an `s3://BUCKET/KEY` URI.',
  [ServiceCodes.INVALID_JSON_LINE]: 'The line is not valid JSON.',
  [ServiceCodes.INVALID_IMAGE]: 'The image could not be read, or is not a PNG/JPEG within the size limits.',
  [ServiceCodes.TOO_MANY_INVALID_ROWS_IN_MANIFEST]:
    '"The manifest file contains too many invalid rows": too many lines with non-terminal errors. Such lines are imported and never fail an import; this fails training (manifest summary).',
  [ServiceCodes.IMAGES_IN_MULTIPLE_S3_BUCKETS]:
    '"The manifest file contains images from multiple S3 buckets": every `source-ref` must be in one bucket. Training failed (manifest summary).',
  [ServiceCodes.UNANNOTATED_RECORD]: 'The image has no labels (no label attribute at all). Imported, not used for training until labelled.',
  [ServiceCodes.NO_ANNOTATIONS]:
    'Written on the **line**: an object-localization line has no bounding box at all (its bounding-box attributes have no `annotations`). Valid, but not used for training.',
  [ServiceCodes.NO_ATTRIBUTE_ANNOTATIONS]:
    'Written in one **bounding-box attribute**: its `annotations` array is missing or empty. Valid, but the attribute contributes no box.',
};

/** Keys under which the service records problems in a downloaded entry. */
export const ERROR_KEYS: ReadonlySet<string> = SERVICE_FINDING_KEY_SET;
