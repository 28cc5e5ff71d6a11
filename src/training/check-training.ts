/**
 * Training readiness: predicts, before training is paid for, the terminal manifest content
 * errors the service reports in the manifest summary at training time
 * (doc_source/tm-debugging-aggregate-errors.md), from the training manifest and, when there is
 * one, the test manifest; plus what the guide warns about without a code (the same image in
 * both). Each finding says its code, the numbers, and what to do.
 *
 * Readings the guide leaves open, and what we assume:
 * - The model type: "depending on the type of JSON Lines found" the service picks image-level or
 *   object detection and filters out the other type's lines. We take the type of the majority of
 *   the training manifest's usable lines (object detection on a tie) and say so when both occur.
 * - Minimum labels: the quotas page asks for 2 unique labels in an image-level dataset and 1 in
 *   an object-detection one (ERROR_MANIFEST_TOO_FEW_LABELS, on all imported labels); the
 *   aggregate-errors page asks for 1 usable image-level label and 2 usable object-detection
 *   labels (ERROR_MANIFEST_TOO_FEW_USABLE_LABELS, on the error-free lines of the chosen type).
 *   We check both as written.
 * - "Too many invalid rows": the share is not documented; we use the import stage's 20%.
 * - Auto-split: the number of images per label it needs is not documented; we use 2 (one for
 *   each side), as the sandbox's split and the Distribute command do.
 * - Label overlap is measured against the TRAINING labels: "Overlaps are (common labels between
 *   test and train)/(train labels)" (cd-manifest-files-validation-rules, Note), and the fix for
 *   ERROR_INSUFFICIENT_LABEL_OVERLAP is "Remove labels from the training dataset. Alternatively,
 *   add more common labels to your testing dataset" (tm-debugging-aggregate-errors); the usable
 *   twin the same way, over the usable labels of the chosen type.
 * - The validator's whole-file errors that stop training (dataset-profile.ts TRAINING_FILE_CODES)
 *   come from the validator itself. An empty manifest (or one over 1 GB) is a terminal manifest
 *   FILE error, "detected before the contents of the training and testing datasets are
 *   validated" (tm-debugging): when either manifest has one, it is all that is reported.
 * Pure: no `vscode` import.
 */
import { Limits, LocalCodes, ServiceCodes } from '../manifest';
import { profileDataset, profileDatasetSync, type DatasetProfile, type ModelType } from './dataset-profile';

export const TrainingCodes = {
  TOO_FEW_LABELS: 'ERROR_MANIFEST_TOO_FEW_LABELS',
  TOO_FEW_USABLE_LABELS: 'ERROR_MANIFEST_TOO_FEW_USABLE_LABELS',
  INSUFFICIENT_LABEL_OVERLAP: 'ERROR_INSUFFICIENT_LABEL_OVERLAP',
  INSUFFICIENT_USABLE_LABEL_OVERLAP: 'ERROR_INSUFFICIENT_USABLE_LABEL_OVERLAP',
  TOO_MANY_LABELS: 'ERROR_MANIFEST_TOO_MANY_LABELS',
  TOO_MANY_INVALID_ROWS: 'ERROR_TOO_MANY_INVALID_ROWS_IN_MANIFEST',
  IMAGES_IN_MULTIPLE_BUCKETS: 'ERROR_IMAGES_IN_MULTIPLE_S3_BUCKETS',
  INSUFFICIENT_IMAGES_FOR_AUTOSPLIT: 'ERROR_INSUFFICIENT_IMAGES_PER_LABEL_FOR_AUTOSPLIT',
  /** The validator's whole-file errors that also stop training (dataset-profile.ts TRAINING_FILE_CODES). */
  EMPTY_MANIFEST: LocalCodes.EMPTY_MANIFEST,
  MANIFEST_SIZE_TOO_LARGE: ServiceCodes.MANIFEST_SIZE_TOO_LARGE,
  MANIFEST_ROWS_EXCEEDS_MAXIMUM: ServiceCodes.MANIFEST_ROWS_EXCEEDS_MAXIMUM,
  TOO_MANY_RECORDS_IN_ERROR: ServiceCodes.TOO_MANY_RECORDS_IN_ERROR,
  /** The guide warns against it without a code of its own. */
  IMAGE_IN_TRAIN_AND_TEST: 'CL_IMAGE_IN_TRAIN_AND_TEST',
} as const;
export type TrainingCode = (typeof TrainingCodes)[keyof typeof TrainingCodes];

export const MIN_LABELS: Record<ModelType, number> = { 'image-level': 2, 'object-detection': 1 };
export const MIN_USABLE_LABELS: Record<ModelType, number> = { 'image-level': 1, 'object-detection': 2 };
export const MIN_OVERLAP_PERCENT = 50;
export const MIN_IMAGES_PER_LABEL_FOR_AUTOSPLIT = 2;

export interface TrainingFinding {
  code: TrainingCode;
  severity: 'error' | 'warning';
  /** The dataset the finding is about. */
  dataset: 'train' | 'test' | 'both';
  /** What will fail, with the numbers. */
  message: string;
  /** What to do. */
  action: string;
  /** The numbers, by name, for tools. */
  numbers: Record<string, number>;
}

export interface TrainingReport {
  findings: TrainingFinding[];
  /** The model type the service is expected to train, and why. */
  modelType: ModelType;
  modelTypeReason: string;
  train: DatasetProfile;
  test?: DatasetProfile;
}

type Lines = AsyncIterable<string> | Iterable<string>;

export async function checkTraining(train: Lines, test?: Lines): Promise<TrainingReport> {
  const tr = await profileDataset(train);
  const te = test === undefined ? undefined : await profileDataset(test);
  return checkProfiles(tr, te);
}

/** checkTraining over lines at hand, done when it returns: the sandbox's training applies the same rules. */
export function checkTrainingSync(train: Iterable<string>, test?: Iterable<string>): TrainingReport {
  return checkProfiles(profileDatasetSync(train), test === undefined ? undefined : profileDatasetSync(test));
}

export function checkProfiles(tr: DatasetProfile, te?: DatasetProfile): TrainingReport {
  const findings: TrainingFinding[] = [];
  const add = (f: TrainingFinding) => findings.push(f);
  const { type, reason } = chooseModelType(tr);
  const other: ModelType = type === 'image-level' ? 'object-detection' : 'image-level';

  // Terminal manifest FILE errors come first and alone: the contents are not validated.
  for (const [name, p] of datasets(tr, te)) {
    for (const fp of p.fileProblems) {
      if (!FILE_ERROR_CODES.has(fp.code)) continue;
      add({ code: fp.code as TrainingCode, severity: 'error', dataset: name, message: `${title(name)}: ${fp.message}`, action: FILE_ACTIONS.get(fp.code) ?? '', numbers: {} });
    }
  }
  if (findings.length > 0) return { findings, modelType: type, modelTypeReason: reason, train: tr, test: te };

  for (const [name, p] of datasets(tr, te)) {
    for (const fp of p.fileProblems) {
      if (FILE_ERROR_CODES.has(fp.code)) continue;
      add({ code: fp.code as TrainingCode, severity: 'error', dataset: name, message: `${title(name)}: ${fp.message}`, action: FILE_ACTIONS.get(fp.code) ?? '', numbers: { lines: p.lines } });
    }
    const n = p.labels.size;
    if (n < MIN_LABELS[type]) {
      add({
        code: TrainingCodes.TOO_FEW_LABELS,
        severity: 'error',
        dataset: name,
        message: `The ${name === 'train' ? 'training' : 'test'} manifest has ${plural(n, 'label')}; an ${type} dataset needs at least ${MIN_LABELS[type]}.`,
        action: `Add images labelled with ${n === 0 ? 'labels' : 'other labels'} to the ${name === 'train' ? 'training' : 'test'} manifest.`,
        numbers: { labels: n, minimum: MIN_LABELS[type] },
      });
    }
    if (n > Limits.maxLabelsPerDataset) {
      add({
        code: TrainingCodes.TOO_MANY_LABELS,
        severity: 'error',
        dataset: name,
        message: `The ${name === 'train' ? 'training' : 'test'} manifest has ${n} labels; at most ${Limits.maxLabelsPerDataset} are allowed.`,
        action: `Remove ${n - Limits.maxLabelsPerDataset} labels (their class-name attributes, or their boxes and class-map entries), or merge similar labels.`,
        numbers: { labels: n, maximum: Limits.maxLabelsPerDataset },
      });
    }
    const pct = p.imported === 0 ? 0 : (p.invalid / p.imported) * 100;
    if (pct > Limits.invalidShareThresholdPercent) {
      add({
        code: TrainingCodes.TOO_MANY_INVALID_ROWS,
        severity: 'error',
        dataset: name,
        message: `${p.invalid} of the ${p.imported} lines of the ${name === 'train' ? 'training' : 'test'} manifest have errors (${round1(pct)}%); over ${Limits.invalidShareThresholdPercent}% fails training.`,
        action: 'Fix the lines with errors: run "custom-labels lint" (or open the manifest in the editor) and work through the Problems list.',
        numbers: { invalid: p.invalid, lines: p.imported, percent: round1(pct), threshold: Limits.invalidShareThresholdPercent },
      });
    }
    if (p.buckets.size > 1) {
      const shown = [...p.buckets].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([b, c]) => `${b} (${plural(c, 'line')})`).join(', ');
      add({
        code: TrainingCodes.IMAGES_IN_MULTIPLE_BUCKETS,
        severity: 'error',
        dataset: name,
        message: `The ${name === 'train' ? 'training' : 'test'} manifest's images are in ${p.buckets.size} S3 buckets: ${shown}${p.buckets.size > 4 ? ', ...' : ''}.`,
        action: 'Copy the images into one bucket and point every source-ref there, or remove the lines of the other buckets.',
        numbers: { buckets: p.buckets.size },
      });
    }
  }

  const usable = tr.usable[type].size;
  if (usable < MIN_USABLE_LABELS[type]) {
    const filtered = tr.usable[other].size;
    add({
      code: TrainingCodes.TOO_FEW_USABLE_LABELS,
      severity: 'error',
      dataset: 'train',
      message: `The training manifest has ${plural(usable, 'usable label')} for an ${type} model (error-free ${type} lines); it needs at least ${MIN_USABLE_LABELS[type]}.` +
        (filtered > 0 ? ` ${plural(filtered, `${other} label`)} on ${other} lines are filtered out.` : ''),
      action: `Add ${type} labels to the training manifest${type === 'object-detection' ? ' (boxes of at least two labels)' : ''}, or fix the lines with errors that carry them.`,
      numbers: { usableLabels: usable, minimum: MIN_USABLE_LABELS[type], filteredOut: filtered },
    });
  }

  if (te) {
    overlap(add, TrainingCodes.INSUFFICIENT_LABEL_OVERLAP, 'label', te.labels, tr.labels);
    overlap(add, TrainingCodes.INSUFFICIENT_USABLE_LABEL_OVERLAP, `usable ${type} label`, te.usable[type], tr.usable[type]);
    let shared = 0;
    const examples: string[] = [];
    for (const ref of te.refs) {
      if (!tr.refs.has(ref)) continue;
      shared++;
      if (examples.length < 3) examples.push(ref);
    }
    if (shared > 0) {
      add({
        code: TrainingCodes.IMAGE_IN_TRAIN_AND_TEST,
        severity: 'warning',
        dataset: 'both',
        message: `${plural(shared, 'image')} ${shared === 1 ? 'is' : 'are'} in both the training and the test manifest (${examples.join(', ')}${shared > 3 ? ', ...' : ''}); the guide warns against it: the test scores would flatter the model.`,
        action: 'Keep each image in one dataset: remove these lines from the test manifest (or from the training one).',
        numbers: { images: shared },
      });
    }
  } else {
    const thin = [...tr.usable[type]].filter(([, c]) => c < MIN_IMAGES_PER_LABEL_FOR_AUTOSPLIT);
    if (thin.length > 0) {
      const shown = thin.slice(0, 5).map(([l, c]) => `"${l}" (${plural(c, 'image')})`).join(', ');
      add({
        code: TrainingCodes.INSUFFICIENT_IMAGES_FOR_AUTOSPLIT,
        severity: 'error',
        dataset: 'train',
        message: `There is no test manifest, so training splits 20% off the training images; ${plural(thin.length, 'label')} ${thin.length === 1 ? 'has' : 'have'} fewer than ${MIN_IMAGES_PER_LABEL_FOR_AUTOSPLIT} images: ${shown}${thin.length > 5 ? ', ...' : ''}.`,
        action: `Add images of ${thin.length === 1 ? 'that label' : 'those labels'} (at least ${MIN_IMAGES_PER_LABEL_FOR_AUTOSPLIT} each), or provide a test manifest.`,
        numbers: { labels: thin.length, minimumImages: MIN_IMAGES_PER_LABEL_FOR_AUTOSPLIT },
      });
    }
  }
  return { findings, modelType: type, modelTypeReason: reason, train: tr, test: te };
}

/**
 * (common labels between test and train) / (train labels), at least 50%
 * (cd-manifest-files-validation-rules, Note; tm-debugging-aggregate-errors).
 */
function overlap(
  add: (f: TrainingFinding) => void,
  code: TrainingCode,
  what: string,
  test: ReadonlyMap<string, number>,
  train: ReadonlyMap<string, number>,
): void {
  if (train.size === 0) return;
  const notInTest = [...train.keys()].filter((l) => !test.has(l));
  const shared = train.size - notInTest.length;
  const pct = (shared / train.size) * 100;
  if (pct >= MIN_OVERLAP_PERCENT) return;
  const shown = notInTest.slice(0, 5).map((l) => `"${l}"`).join(', ');
  add({
    code,
    severity: 'error',
    dataset: 'both',
    message: `Only ${shared} of the ${plural(train.size, `training ${what}`)} ${shared === 1 ? 'is' : 'are'} in the test manifest (${round1(pct)}%); at least ${MIN_OVERLAP_PERCENT}% is needed. Not in the test manifest: ${shown}${notInTest.length > 5 ? ', ...' : ''}.`,
    action: 'Remove labels from the training manifest, or add test images labelled with more of the training labels.',
    numbers: { trainLabels: train.size, shared, percent: round1(pct), minimumPercent: MIN_OVERLAP_PERCENT },
  });
}

export function chooseModelType(tr: DatasetProfile): { type: ModelType; reason: string } {
  const il = tr.usableLines['image-level'];
  const od = tr.usableLines['object-detection'];
  if (od === 0 && il === 0) return { type: 'image-level', reason: 'the training manifest has no usable labelled line; assuming image-level.' };
  if (od === 0) return { type: 'image-level', reason: `all ${plural(il, 'usable line')} are image-level.` };
  if (il === 0) return { type: 'object-detection', reason: `all ${plural(od, 'usable line')} are object detection.` };
  const type: ModelType = il > od ? 'image-level' : 'object-detection';
  return {
    type,
    reason: `the training manifest mixes ${plural(il, 'image-level line')} and ${plural(od, 'object-detection line')}; the service picks one type (assumed: the majority, ${type}) and filters out the other's lines.`,
  };
}

/** The terminal manifest FILE errors among TRAINING_FILE_CODES (tm-terminal-errors-reference). */
const FILE_ERROR_CODES: ReadonlySet<string> = new Set([LocalCodes.EMPTY_MANIFEST, ServiceCodes.MANIFEST_SIZE_TOO_LARGE]);

const FILE_ACTIONS = new Map<string, string>([
  [LocalCodes.EMPTY_MANIFEST, 'Add one JSON line per image (its "source-ref" and labels), or train without this manifest.'],
  [ServiceCodes.MANIFEST_SIZE_TOO_LARGE, 'Split the manifest: at most 1 GB.'],
  [ServiceCodes.MANIFEST_ROWS_EXCEEDS_MAXIMUM, `Reduce the manifest to at most ${Limits.maxLines.toLocaleString('en-US')} lines.`],
  [
    ServiceCodes.TOO_MANY_RECORDS_IN_ERROR,
    'Fix or remove the lines that are not JSON, lack a valid "source-ref", repeat one or are over 100,000 characters: run "custom-labels lint" (or open the manifest in the editor) and work through the Problems list.',
  ],
]);

function title(name: 'train' | 'test'): string {
  return name === 'train' ? 'The training manifest' : 'The test manifest';
}

function datasets(tr: DatasetProfile, te?: DatasetProfile): [('train' | 'test'), DatasetProfile][] {
  return te ? [['train', tr], ['test', te]] : [['train', tr]];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
