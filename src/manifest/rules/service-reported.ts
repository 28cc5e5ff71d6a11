/**
 * Entries downloaded from the service (ListDatasetEntries) carry what the service found:
 * `errors` / `cl-errors` / `warnings` (and `cl-warnings`) arrays of {code, message} at the line,
 * in a label attribute, in its metadata and in each annotation, plus `"cl-metadata":
 * {"is_labeled": true}`. These keys are not label attributes. Each reported item becomes a
 * CL_SERVICE_REPORTED problem at its key. A recorded finding that our own rules report too,
 * with the same code, is hidden: shown once, as ours (`hideRepeatedFindings`). Pure: no
 * `vscode` import.
 */
import { LocalCodes } from '../codes';
import type { JsonPath, LineProblems } from './line-problems';
import { isObject, type JsonObject } from './common';
import { findingItems, SERVICE_KEYS } from '../service-findings';

export { SERVICE_KEYS };

/** Reports the service's own findings stored in `container` (the line, an attribute, ...). */
export function reportServiceFindings(container: JsonObject, at: JsonPath, p: LineProblems): void {
  for (const { severity, key, index, code = 'an unnamed code', message = '' } of findingItems(container)) {
    const isError = severity === 'error';
    const where = at.length === 0 ? 'this entry' : `"${at.join('.')}"`;
    p.add(
      LocalCodes.SERVICE_REPORTED,
      `The service reported ${isError ? 'an error' : 'a warning'} on ${where}: ${code}${message ? ` (${message})` : ''}. ` +
        'It was recorded when the entry was downloaded; fix the content, then the push replaces it.',
      [...at, key],
      'key',
      { serviceCode: code, serviceMessage: message, serviceSeverity: severity, index },
      isError ? 'warning' : 'information',
    );
  }
}

/**
 * True when the line object holds any of the service's finding lists (checked before building
 * paths). The same test on the objects inside a line is made by copies of this function, one per
 * kind of object, on purpose: V8 keeps what it learns about property lookups per function, and a
 * single function seeing every shape of object of a manifest gives up and looks each missing key
 * up the slow, generic way (profiled: about 10 ms on 100,000 lines, for finding nothing).
 */
export function hasFindings(o: JsonObject): boolean {
  return o['errors'] !== undefined || o['cl-errors'] !== undefined || o['warnings'] !== undefined || o['cl-warnings'] !== undefined;
}

/** hasFindings for a label attribute's value (see there why a copy). */
function valueHasFindings(o: JsonObject): boolean {
  return o['errors'] !== undefined || o['cl-errors'] !== undefined || o['warnings'] !== undefined || o['cl-warnings'] !== undefined;
}

/** hasFindings for an annotation (see there why a copy). */
function annotationHasFindings(o: JsonObject): boolean {
  return o['errors'] !== undefined || o['cl-errors'] !== undefined || o['warnings'] !== undefined || o['cl-warnings'] !== undefined;
}

/** hasFindings for a label attribute's metadata (see there why a copy). */
function metadataHasFindings(o: JsonObject): boolean {
  return o['errors'] !== undefined || o['cl-errors'] !== undefined || o['warnings'] !== undefined || o['cl-warnings'] !== undefined;
}

/** Service findings in an attribute value (detection), its metadata (`metaKey`), and each annotation. */
export function reportNestedServiceFindings(attribute: string, metaKey: string, value: unknown, meta: unknown, p: LineProblems): void {
  if (isObject(value)) {
    if (valueHasFindings(value)) reportServiceFindings(value, [attribute], p);
    const anns = value['annotations'];
    if (Array.isArray(anns)) {
      for (let i = 0; i < anns.length; i++) {
        const a: unknown = anns[i];
        if (isObject(a) && annotationHasFindings(a)) reportServiceFindings(a, [attribute, 'annotations', i], p);
      }
    }
  }
  if (isObject(meta) && metadataHasFindings(meta)) reportServiceFindings(meta, [metaKey], p);
}

/**
 * A finding the downloaded entry records (CL_SERVICE_REPORTED) that our own rules report too, with
 * the same code: shown once, as ours (which judges the current content), not twice on one line.
 */
export function hideRepeatedFindings(p: LineProblems): void {
  let reported = false;
  for (const d of p.drafts) if (d.code === LocalCodes.SERVICE_REPORTED) reported = true;
  if (!reported) return;
  const own = new Set<string>();
  for (const d of p.drafts) if (d.code !== LocalCodes.SERVICE_REPORTED) own.add(d.code);
  for (const d of p.drafts) if (d.code === LocalCodes.SERVICE_REPORTED && own.has(String(d.data['serviceCode']))) d.hidden = true;
}
