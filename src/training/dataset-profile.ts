/**
 * What the training-readiness rules need to know about one dataset, gathered line by line
 * through the one validator (nothing but these counts and the source-refs is kept), and the
 * validator's own whole-file problems that also stop training (`fileProblems`): the rule is the
 * validator's, written once (rules/file-rules.ts), whoever asks (lint, the editor, readiness,
 * the sandbox's training).
 * Pure: no `vscode` import.
 */
import { LocalCodes, ServiceCodes, validateStream, validateStreamSync, type LineObserver, type ProblemSink, type ProblemCode } from '../manifest';

export type ModelType = 'image-level' | 'object-detection';

export interface DatasetProfile {
  /** Every line, blank ones included. */
  lines: number;
  /** Lines the service drops at import without a word (invalid JSON, bad source-ref, ...): never in the dataset. */
  dropped: number;
  /** Lines that reach the dataset (lines - dropped). */
  imported: number;
  /** Imported lines with an error (blank lines included): in the dataset, not used for training. */
  invalid: number;
  /** Buckets of the imported lines, with their line counts. */
  buckets: Map<string, number>;
  /** Every label of the imported lines, with the number of images carrying it. */
  labels: Map<string, number>;
  /** Bounding boxes per label over the imported lines. */
  boxes: Map<string, number>;
  /** Labels of error-free lines, per model type, with images per label. */
  usable: Record<ModelType, Map<string, number>>;
  /** Error-free lines holding at least one label of the type. */
  usableLines: Record<ModelType, number>;
  /** Source-refs of the imported lines. */
  refs: Set<string>;
  /** The validator's whole-file errors that stop training (TRAINING_FILE_CODES), as it words them. */
  fileProblems: { code: ProblemCode; message: string }[];
}

/**
 * The validator's whole-file errors that training fails with too: an empty manifest and one over
 * 1 GB are terminal manifest FILE errors (tm-terminal-errors-reference: "The manifest file is
 * empty"; "The manifest file size exceeds the maximum supported size"), found before any content
 * is validated; too many lines ("Maximum of 250,000 dataset objects as lines in a manifest",
 * cd-manifest-files-validation-rules; ERROR_MANIFEST_ROWS_EXCEEDS_MAXIMUM in
 * tm-debugging-aggregate-errors) and too many lines with terminal content errors (tm-debugging:
 * "Training fails if there are too many JSON Line errors"; the validator's 20% share,
 * ERROR_TOO_MANY_RECORDS_IN_ERROR) are content errors.
 */
export const TRAINING_FILE_CODES: ReadonlySet<ProblemCode> = new Set<ProblemCode>([
  LocalCodes.EMPTY_MANIFEST,
  ServiceCodes.MANIFEST_SIZE_TOO_LARGE,
  ServiceCodes.MANIFEST_ROWS_EXCEEDS_MAXIMUM,
  ServiceCodes.TOO_MANY_RECORDS_IN_ERROR,
]);

export async function profileDataset(lines: AsyncIterable<string> | Iterable<string>): Promise<DatasetProfile> {
  const { profile, sink, onLine } = profiler();
  const source = (async function* () {
    for await (const raw of lines) yield String(raw);
  })();
  await validateStream(source, undefined, sink, onLine);
  return profile;
}

/** profileDataset over lines at hand, done when it returns (the sandbox's training). */
export function profileDatasetSync(lines: Iterable<string>): DatasetProfile {
  const { profile, sink, onLine } = profiler();
  validateStreamSync((function* () {
    for (const raw of lines) yield String(raw);
  })(), undefined, sink, onLine);
  return profile;
}

function profiler(): { profile: DatasetProfile; sink: ProblemSink; onLine: LineObserver } {
  const p: DatasetProfile = {
    lines: 0,
    dropped: 0,
    imported: 0,
    invalid: 0,
    buckets: new Map(),
    labels: new Map(),
    boxes: new Map(),
    usable: { 'image-level': new Map(), 'object-detection': new Map() },
    usableLines: { 'image-level': 0, 'object-detection': 0 },
    refs: new Set(),
    fileProblems: [],
  };
  const sink: ProblemSink = (problem) => {
    if (problem.scope === 'file' && problem.severity === 'error' && TRAINING_FILE_CODES.has(problem.code)) {
      p.fileProblems.push({ code: problem.code, message: problem.message });
    }
  };
  const onLine: LineObserver = (_line, text, result) => {
    p.lines++;
    if (result.dropped) {
      p.dropped++;
      return;
    }
    p.imported++;
    const hasError = result.problems.some((x) => x.severity === 'error');
    if (hasError) p.invalid++;
    const entry = result.entry;
    if (!entry) return;
    if (entry.sourceRef !== undefined) p.refs.add(entry.sourceRef);
    if (entry.bucket !== undefined) p.buckets.set(entry.bucket, (p.buckets.get(entry.bucket) ?? 0) + 1);
    for (const l of entry.labels) p.labels.set(l, (p.labels.get(l) ?? 0) + 1);
    for (const [l, n] of Object.entries(entry.boxLabels ?? {})) p.boxes.set(l, (p.boxes.get(l) ?? 0) + n);
    if (hasError) return;
    const typed = labelsByType(text);
    for (const type of ['image-level', 'object-detection'] as const) {
      const set = typed[type];
      if (set.size === 0) continue;
      p.usableLines[type]++;
      for (const l of set) p.usable[type].set(l, (p.usable[type].get(l) ?? 0) + 1);
    }
  };
  return { profile: p, sink, onLine };
}

/** The labels of one line by the type of the attribute that carries them (class-name; class-map names of boxes). */
export function labelsByType(text: string): Record<ModelType, Set<string>> {
  const out: Record<ModelType, Set<string>> = { 'image-level': new Set(), 'object-detection': new Set() };
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch {
    return out;
  }
  if (!obj || typeof obj !== 'object') return out;
  const line = obj as Record<string, unknown>;
  for (const [key, value] of Object.entries(line)) {
    if (key.endsWith('-metadata')) continue;
    const meta = line[`${key}-metadata`] as Record<string, unknown> | undefined;
    if (!meta || typeof meta !== 'object') continue;
    if (meta.type === 'groundtruth/image-classification' && typeof meta['class-name'] === 'string') {
      out['image-level'].add(meta['class-name']);
    } else if (meta.type === 'groundtruth/object-detection') {
      const map = meta['class-map'];
      const anns = (value as { annotations?: unknown })?.annotations;
      if (!map || typeof map !== 'object' || !Array.isArray(anns)) continue;
      for (const a of anns) {
        const id = (a as { class_id?: unknown })?.class_id;
        const name = (map as Record<string, unknown>)[String(id)];
        if (typeof name === 'string' && Object.prototype.hasOwnProperty.call(map, String(id))) out['object-detection'].add(name);
      }
    }
  }
  return out;
}
