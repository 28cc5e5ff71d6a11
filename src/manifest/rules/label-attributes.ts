/**
 * Each label attribute of a line on its own: a key with its "<key>-metadata" beside it (paired
 * by key-plan.ts), in the line's order. Rules:
 * - the name must not contain "-metadata" nor end in "-ref", which the service reserves
 *   (CL_INVALID_ATTRIBUTE_NAME);
 * - the service's findings recorded in the value, in each of its annotations and in the
 *   metadata are reported (service-reported.ts);
 * - the metadata must be an object (ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT); when it is
 *   not, nothing more of the attribute is checked;
 * - its "type" decides the format (common.ts `checkType`): image-level classification
 *   (classification.ts) or object detection (detection.ts); without a "type", the shape decides
 *   (an object value or a "class-map": detection; a number or a "class-name": classification;
 *   neither: no format is checked); a use case the service does not support gets only the
 *   metadata both formats share (human-annotated, creation-date, job-name);
 * - an attribute is valid when no error concerns it as a whole (an error about one box does
 *   not: the service drops the box on its own); a valid detection attribute without a box is
 *   counted apart (line-labels.ts: WARNING_NO_ANNOTATIONS);
 * - more than 50 labels on the image (`Limits.maxLabelsPerImage`): CL_TOO_MANY_LABELS_PER_IMAGE,
 *   once, at the attribute that goes over.
 * The labels and boxes go to the line's EntryLabels; the counts to one AttributeTally reused
 * for every line (no object per line). Pure: no `vscode` import.
 */
import { Limits, LocalCodes, ServiceCodes } from '../codes';
import type { LineProblems } from './line-problems';
import { checkClassification } from './classification';
import { checkCommonMetadata, checkType, describe, isObject, type EntryLabels, type JsonObject } from './common';
import { checkDetection } from './detection';
import { reportNestedServiceFindings } from './service-reported';
import { AttributeName, type KeyPlan } from './key-plan';
import type { EntrySummary } from '../types';

/** What the label attributes of the line being checked came to (one instance, reused). */
export class AttributeTally {
  /** Label attributes on the line (keys paired with their metadata). */
  paired = 0;
  /** Attributes without an error about them as a whole. */
  valid = 0;
  /** Valid detection attributes without a box. */
  emptyDetections = 0;
  /** The attributes' drafts: indices `from` (included) to `to` (excluded) of the line's drafts. */
  from = 0;
  to = 0;
}

const tally = new AttributeTally();

/**
 * Checks every label attribute of `obj` (whose keys `plan` describes); `full`: their names are
 * listed in `entry.attributes`. Returns the tally, valid until the next line.
 */
export function checkLabelAttributes(
  obj: JsonObject,
  plan: KeyPlan,
  p: LineProblems,
  out: EntryLabels,
  entry: EntrySummary,
  full: boolean,
): AttributeTally {
  let boxes = 0;
  let labelLimitReported = false;
  const attributes = plan.attributes;
  const paired = attributes.length;
  let validAttributes = 0;
  let emptyDetections = 0;
  const attributesFrom = p.drafts.length;
  for (let a = 0; a < paired; a++) {
    const key = attributes[a];
    const metaKey = plan.metaOf[a];
    const before = p.drafts.length;
    if (full) entry.attributes.push(key);
    const value = obj[key];
    const meta = obj[metaKey];
    const name = plan.names[a];
    if (name !== AttributeName.OK) {
      p.add(
        LocalCodes.INVALID_ATTRIBUTE_NAME,
        name === AttributeName.HAS_METADATA
          ? `The label attribute name "${key}" contains "-metadata", which the service reserves for the metadata key. Rename it (and its metadata key).`
          : `The label attribute name "${key}" ends in "-ref", which the service reserves for references like "source-ref". Rename it (and its metadata key).`,
        [key],
        'key',
        { attribute: key },
      );
    }
    reportNestedServiceFindings(key, metaKey, value, meta, p);
    if (!isObject(meta)) {
      p.add(
        ServiceCodes.INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT,
        `"${metaKey}" must be an object with "type", "class-name" or "class-map", ..., not ${describe(meta)}.`,
        [metaKey],
        'value',
        { attribute: key, expectedType: 'object' },
      );
      continue;
    }
    const kind = checkType(meta['type'], metaKey, key, p) ?? inferKind(value, meta);
    if (kind === 'classification') checkClassification(key, metaKey, value, meta, p, out);
    else if (kind === 'detection') {
      const n = checkDetection(key, metaKey, value, meta, p, out, boxes);
      if (n === 0 && isObject(value) && !p.hasAttributeErrorSince(before)) emptyDetections++;
      boxes += n;
    } else if (kind === 'unsupported') checkCommonMetadata(meta, metaKey, key, p); // its own format is not ours to check
    if (!p.hasAttributeErrorSince(before)) validAttributes++;
    if (!labelLimitReported && out.count > Limits.maxLabelsPerImage) {
      labelLimitReported = true;
      p.add(
        LocalCodes.TOO_MANY_LABELS_PER_IMAGE,
        `This image has more than ${Limits.maxLabelsPerImage} labels (the service's limit per image): remove some label attributes or boxes.`,
        [key],
        'key',
        { attribute: key },
      );
    }
  }
  const t = tally;
  t.paired = paired;
  t.valid = validAttributes;
  t.emptyDetections = emptyDetections;
  t.from = attributesFrom;
  t.to = p.drafts.length;
  return t;
}

/** The format of an attribute whose metadata has no "type", from its shape. */
function inferKind(value: unknown, meta: JsonObject): 'classification' | 'detection' | undefined {
  if (isObject(value) || meta['class-map'] !== undefined) return 'detection';
  if (typeof value === 'number' || meta['class-name'] !== undefined) return 'classification';
  return undefined;
}
