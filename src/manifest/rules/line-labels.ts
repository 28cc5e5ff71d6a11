/**
 * What a line says about its labels as a whole, once each label attribute is judged
 * (label-attributes.ts). The guide's troubleshooting pages give ERROR_NO_LABEL_ATTRIBUTES when a
 * label attribute or its "-metadata" is missing or misspelt (the line is not used), and
 * WARNING_UNANNOTATED_RECORD for an image that simply has no labels yet (imported, labelled
 * later in the console). Rules:
 * - a key without its pair (a key without "<key>-metadata", a "<key>-metadata" without "<key>";
 *   a misspelt "source-ref" excepted, source-ref.ts reports it): CL_MISSING_METADATA, the
 *   service ignores the key;
 * - no label attribute, and keys that try to be labels but do not pair up:
 *   ERROR_NO_LABEL_ATTRIBUTES, the unpaired keys' problems as its causes;
 * - nothing but source-ref (and the service's keys): WARNING_UNANNOTATED_RECORD;
 * - label attributes, none of them valid: ERROR_NO_VALID_LABEL_ATTRIBUTES (the service writes it
 *   on the line even when there is only one attribute: the line is imported with the error and
 *   not used for training), the attributes' errors as its causes (at most 10);
 * - valid attributes, all of them detection attributes without a box: WARNING_NO_ANNOTATIONS
 *   (valid, not used for training), their WARNING_NO_ATTRIBUTE_ANNOTATIONS as its causes (at
 *   most 10).
 * Each line-level problem is reported once, at the source-ref (the image the line stands for;
 * the line's start without one), with the problems that cause it as related locations rather
 * than a second squiggle over each cause. Pure: no `vscode` import.
 */
import { LocalCodes, ServiceCodes } from '../codes';
import type { LineProblems } from './line-problems';
import type { KeyPlan } from './key-plan';
import type { AttributeTally } from './label-attributes';

const META = '-metadata';

/** Related locations listed for one line-level problem, at most. */
const MAX_CAUSES = 10;

/** The line-level rules of a line whose keys `plan` describes and whose attributes came to `tally`. */
export function checkLineLabels(plan: KeyPlan, tally: AttributeTally, hasRef: boolean, p: LineProblems): void {
  const orphans = plan.orphans;
  const orphansFrom = p.drafts.length;
  for (let o = 0; o < orphans.length; o++) {
    const key = orphans[o];
    const isMeta = key.endsWith(META);
    const attr = isMeta ? key.slice(0, -META.length) : key;
    p.add(
      LocalCodes.MISSING_METADATA,
      isMeta
        ? `"${key}" has no label attribute "${attr}" beside it: the service ignores it. Add "${attr}" (0 for an image-level label) or remove the metadata.`
        : `"${key}" has no "${key}-metadata": the service ignores it as a label. Add the metadata, or remove the key if it is not a label.`,
      [key],
      'key',
      { attribute: attr, missingKey: isMeta ? attr : key + META },
    );
  }
  const paired = tally.paired;
  if (paired === 0) {
    if (orphans.length > 0) {
      const at = p.add(
        ServiceCodes.NO_LABEL_ATTRIBUTES,
        'No label attributes found: a label needs a key and a matching "<key>-metadata" (see the related problems). ' +
          'The service imports the line with this error and does not use it for training.',
        hasRef ? ['source-ref'] : [],
        'key',
        { attribute: orphans[0] },
      );
      const causes: number[] = [];
      for (let o = 0; o < orphans.length; o++) causes.push(orphansFrom + o);
      p.drafts[at].causes = causes;
    } else {
      p.add(
        ServiceCodes.UNANNOTATED_RECORD,
        'This image has no labels: it is imported, but not used for training until it is labelled.',
        hasRef ? ['source-ref'] : [],
        'key',
      );
    }
    return;
  }
  checkLineHasAnnotations(paired, tally.valid, tally.emptyDetections, hasRef, p, tally.from, tally.to, plan.plain);
}

/**
 * What the service writes on the line once its label attributes are judged, even when there is
 * only one (tm-debugging-json-line-errors.md: the "groundtruth/wrongtype" entry carries
 * ERROR_UNSUPPORTED_USE_CASE_TYPE in its metadata AND ERROR_NO_VALID_LABEL_ATTRIBUTES on the
 * line; the entry with "annotations": [] carries WARNING_NO_ATTRIBUTE_ANNOTATIONS in the attribute
 * AND WARNING_NO_ANNOTATIONS on the line): no valid attribute left, or only detection attributes
 * without boxes. `from`..`to`: the attributes' drafts.
 */
function checkLineHasAnnotations(
  paired: number,
  valid: number,
  empty: number,
  hasRef: boolean,
  p: LineProblems,
  from: number,
  to: number,
  keys: readonly string[],
): void {
  if (valid === 0) {
    const causes = p.attributeErrorsSince(from).filter((i) => i < to);
    const named = paired === 1 && causes.length > 0 ? p.drafts[causes[0]].data['attribute'] : undefined;
    const only = typeof named === 'string' ? named : keys[0];
    const i = p.add(
      ServiceCodes.NO_VALID_LABEL_ATTRIBUTES,
      (paired === 1
        ? `No valid label attribute: the only one on this line${only ? `, "${only.slice(0, 60)}",` : ''} is invalid (see the related problem). `
        : `None of the ${paired} label attributes on this line is valid (see the related problems). `) +
        'The service imports the line with this error but does not use it for training. Fix the attribute.',
      hasRef ? ['source-ref'] : [],
      'key',
    );
    p.drafts[i].causes = causes.slice(0, MAX_CAUSES);
  } else if (empty === valid) {
    const causes: number[] = [];
    for (let k = from; k < to && causes.length < MAX_CAUSES; k++) if (p.drafts[k].code === ServiceCodes.NO_ATTRIBUTE_ANNOTATIONS) causes.push(k);
    const i = p.add(
      ServiceCodes.NO_ANNOTATIONS,
      `No annotations: ${empty === 1 ? 'the bounding-box attribute of this line has no box' : `none of the ${empty} bounding-box attributes of this line has a box`}. ` +
        'The service imports the line as valid but does not use it for training. Add boxes, or remove the line.',
      hasRef ? ['source-ref'] : [],
      'key',
    );
    p.drafts[i].causes = causes;
  }
}
