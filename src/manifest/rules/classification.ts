/** Image-level classification: `"<attr>": <integer>` with its `-metadata`. Pure: no `vscode` import. */
import { LocalCodes, ServiceCodes } from '../codes';
import type { LineProblems } from './line-problems';
import { checkCommonMetadata, checkLabelName, describe, isLabelName, isNumber, type EntryLabels, type JsonObject } from './common';

/** `metaKey`: the attribute's metadata key (`attribute` + "-metadata"). */
export function checkClassification(
  attribute: string,
  metaKey: string,
  value: unknown,
  meta: JsonObject,
  p: LineProblems,
  out: EntryLabels,
): void {
  if (typeof value === 'string') {
    // The guide: the value "is not used ... and can be any integer value"; SageMaker's own
    // classification output writes it as a string ("0"). Not an error that fails a user's CI on
    // AWS's own output: a warning, with the quick fix to write the integer.
    p.add(
      LocalCodes.LABEL_VALUE_NOT_INTEGER,
      `The image-level label attribute "${attribute}" holds the string ${JSON.stringify(value.slice(0, 20))}; the format ` +
        'says an integer (any value, e.g. 0). The service does not use the value; write it as a number.',
      [attribute],
      'value',
      { attribute, expectedType: 'integer' },
    );
  } else if (!Number.isInteger(value)) {
    p.add(
      ServiceCodes.INVALID_LABEL_ATTRIBUTE_FORMAT,
      `The image-level label attribute "${attribute}" must be an integer (any value, e.g. 0), not ${describe(value)}.`,
      [attribute],
      'value',
      { attribute, expectedType: 'integer' },
    );
  }
  checkConfidence(meta['confidence'], metaKey, attribute, p);
  const name = meta['class-name'];
  if (name === undefined) {
    p.add(
      ServiceCodes.INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT,
      `"${metaKey}" has no "class-name": add the label, e.g. "class-name": "Sunrise".`,
      [metaKey, 'class-name'],
      'key',
      { attribute, missingKey: 'class-name' },
    );
  } else if (isLabelName(name) || checkLabelName(name, [metaKey, 'class-name'], attribute, '"class-name"', p)) {
    // isLabelName first: the usual case without building the path checkLabelName reports at.
    out.addLabel(name);
  }
  checkCommonMetadata(meta, metaKey, attribute, p);
}

function checkConfidence(c: unknown, metaKey: string, attribute: string, p: LineProblems): void {
  if (c === undefined) {
    p.add(
      ServiceCodes.INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT,
      `"${metaKey}" has no "confidence": add a number from 0 to 1 (the service requires it but does not use it), e.g. "confidence": 1.`,
      [metaKey, 'confidence'],
      'key',
      { attribute, missingKey: 'confidence' },
    );
  } else if (!isNumber(c) || c < 0 || c > 1) {
    p.add(
      ServiceCodes.INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT,
      `"confidence" must be a number from 0 to 1, not ${isNumber(c) ? c : describe(c)}.`,
      [metaKey, 'confidence'],
      'value',
      { attribute, expectedType: 'number' },
    );
  }
}
