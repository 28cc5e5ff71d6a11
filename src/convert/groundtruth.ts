/**
 * SageMaker Ground Truth multi-label classification output (`groundtruth/image-classification-
 * multilabel`, which Custom Labels rejects with ERROR_UNSUPPORTED_USE_CASE_TYPE) to the accepted
 * form, for a whole file: every line goes through the editor's quick-fix conversion
 * (manifest/fixes/convert-multilabel.ts); lines that are not multi-label are copied as they are.
 * Pure: no `vscode` import.
 */
import { applyLineEdits, childValue, convertMultilabel, keyOf, parseStrict, properties, stringOf } from '../manifest';
import { ManifestWriter } from './manifest-writer';
import type { ConvertResult } from './types';

export interface GroundTruthOptions {
  /** Several inputs into one manifest: pass the same writer (repeated images are found across them). */
  writer?: ManifestWriter;
  now?: () => Date;
}

export async function convertGroundTruth(
  lines: AsyncIterable<string> | Iterable<string>,
  file: string,
  options: GroundTruthOptions = {},
): Promise<ConvertResult> {
  const writer = options.writer ?? new ManifestWriter();
  let n = 0;
  for await (const raw of lines) {
    n++;
    const origin = { file, line: n };
    const text = raw.replace(/\r$/, '');
    if (text.trim() === '') continue;
    let root = parseStrict(text);
    if (!root || root.type !== 'object') {
      writer.report(origin, 'skipped', 'the line is not a JSON object; fix it in the Ground Truth output and convert again.');
      continue;
    }
    let current = text;
    const labels: string[] = [];
    const unnamed: number[] = [];
    for (;;) {
      const attr = multilabelAttribute(root);
      if (!attr) break;
      const conversion = convertMultilabel(current, attr, options.now);
      if (!conversion) break;
      current = applyLineEdits(current, conversion.edits);
      labels.push(...conversion.labels);
      unnamed.push(...conversion.unnamedIds);
      const next = parseStrict(current);
      if (!next) break;
      root = next;
    }
    if (unnamed.length > 0) {
      writer.report(origin, 'changed', `class id(s) ${unnamed.join(', ')} are not in the class-map; their labels are written as "class-<id>". Rename them, or add them to the class-map and convert again.`);
    }
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(current) as Record<string, unknown>;
    } catch {
      writer.report(origin, 'skipped', 'the converted line is not JSON (an internal error); the line was left out.');
      continue;
    }
    const hasLabel = Object.keys(entry).some((k) => k.endsWith('-metadata'));
    if (!hasLabel) {
      writer.report(origin, 'skipped', 'the image has no labels (its multi-label list is empty): label it, or leave it out.');
      continue;
    }
    const ref = entry['source-ref'];
    writer.add(current.trim(), origin, { sourceRef: typeof ref === 'string' ? ref : '', labels: labels.length > 0 ? labels : labelsOf(entry) });
  }
  return writer.result();
}

function multilabelAttribute(root: NonNullable<ReturnType<typeof parseStrict>>): string | undefined {
  return properties(root)
    .map(keyOf)
    .find((k) => k !== 'source-ref' && !k.endsWith('-metadata') && childValue(root, k)?.type === 'array' &&
      stringOf(childValue(childValue(root, `${k}-metadata`), 'type'))?.endsWith('-multilabel'));
}

function labelsOf(entry: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(entry)) {
    if (!k.endsWith('-metadata') || !v || typeof v !== 'object') continue;
    const meta = v as Record<string, unknown>;
    if (typeof meta['class-name'] === 'string') out.push(meta['class-name']);
    const map = meta['class-map'];
    if (map && typeof map === 'object') for (const name of Object.values(map)) if (typeof name === 'string') out.push(name);
  }
  return out;
}
