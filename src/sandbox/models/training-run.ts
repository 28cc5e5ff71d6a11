/**
 * What the sandbox does when a model's training time is up (lifecycle/model-transitions.ts):
 * the project's datasets are checked with the SAME training-readiness rules as
 * `custom-labels check-training` and the editor (src/training `checkTrainingSync`), then
 * - a terminal manifest FILE error (an empty manifest: tm-terminal-errors-reference) fails
 *   training with no validation results ("Validation results ... are only created if there are no
 *   Terminal manifest file errors", tm-debugging-scope-json-line);
 * - otherwise the validation results are written into the OutputConfig location
 *   (tm-debugging-scope-json-line, tm-debugging-summary): training_manifest_with_validation.json
 *   and testing_manifest_with_validation.json (the datasets' lines, each error under `errors` as
 *   {code, message} at its level: line, label attribute, metadata, annotation) and manifest_summary.json (use_case, line counts,
 *   error_json_line_indices, the terminal manifest content errors); a content error fails
 *   training (TRAINING_FAILED, StatusMessage the guide's message for each code);
 * - a success "trains" the stand-in model (stand-in.ts: SIMULATED, the ground truth with seeded
 *   noise), evaluates it on the test images and writes the summary file
 *   (EvaluationSummary-<project>-<version>.json, im-summary-file) and the manifest snapshots
 *   (im-evaluation-manifest-snapshot-api).
 * The stand-in's noise is seeded from what makes the version: the sandbox's seed, the project
 * name, the version name and the datasets' lines (`modelSeed`), never the clock: the same
 * version trained again on the same data predicts the same, so a test's numbers are stable.
 * No test dataset: 20% of the training images are split off (seeded), as training does
 * ("you can create a testing dataset by using 20% of the images from the training dataset").
 * Without an S3 folder (`--s3`) nothing can be written: "Unable to write to output S3 bucket".
 */
import * as fs from 'fs';
import * as path from 'path';
import { recordFindings, stripFindings, ServiceCodes, LocalCodes, validateLine } from '../../manifest';
import { locationPath } from '../../folder-paths';
import { checkTrainingSync, labelsByType } from '../../training';
import type { Context } from '../service/context';
import { seededRandom, shuffled } from '../entries/seeded-random';
import type { KnownImage, ModelFiles, ModelRecord } from '../state/records';
import { evaluate, snapshotLine, summaryFile, type TestImage } from './evaluation';
import { imageSeed, knownImage, predict } from './stand-in';
import { projectNameOf } from '../service/arn';

/** The guide's message for each code training fails with (tm-debugging, tm-terminal-errors-reference). */
const MESSAGES = new Map<string, string>([
  [LocalCodes.EMPTY_MANIFEST, 'The manifest file is empty.'],
  [ServiceCodes.MANIFEST_SIZE_TOO_LARGE, 'The manifest file size exceeds the maximum supported size.'],
  [ServiceCodes.MANIFEST_ROWS_EXCEEDS_MAXIMUM, 'The manifest file has too many rows.'],
  [ServiceCodes.TOO_MANY_RECORDS_IN_ERROR, 'The manifest file has too many terminal errors.'],
  [ServiceCodes.TOO_MANY_INVALID_ROWS_IN_MANIFEST, 'The manifest file contains too many invalid rows.'],
  [ServiceCodes.IMAGES_IN_MULTIPLE_S3_BUCKETS, 'The manifest file contains images from multiple S3 buckets.'],
  ['ERROR_INSUFFICIENT_IMAGES_PER_LABEL_FOR_AUTOSPLIT', 'The manifest file contains insufficient labeled images per label to perform auto-split.'],
  ['ERROR_MANIFEST_TOO_FEW_LABELS', 'The manifest file has too few labels.'],
  [ServiceCodes.MANIFEST_TOO_MANY_LABELS, 'The manifest file has too many labels.'],
  ['ERROR_INSUFFICIENT_LABEL_OVERLAP', 'Less than 50% label overlap between the training and testing manifest files.'],
  ['ERROR_MANIFEST_TOO_FEW_USABLE_LABELS', 'The manifest file has too few usable labels.'],
  ['ERROR_INSUFFICIENT_USABLE_LABEL_OVERLAP', 'Less than 50% usable label overlap between the training and testing manifest files.'],
]);
const FILE_ERRORS = new Set<string>([LocalCodes.EMPTY_MANIFEST, ServiceCodes.MANIFEST_SIZE_TOO_LARGE]);
export const CANNOT_WRITE = 'Unable to write to output S3 bucket.';

export interface TrainingOutcome {
  status: 'TRAINING_COMPLETED' | 'TRAINING_FAILED';
  message: string;
}

/** Runs training for `m` (at the end of its TRAINING_IN_PROGRESS) and fills the record. */
export function runTraining(ctx: Context, m: ModelRecord): TrainingOutcome {
  const train = ctx.state.datasets.get(m.trainArn);
  const test = m.testArn ? ctx.state.datasets.get(m.testArn) : undefined;
  const trainLines = (train?.entries ?? []).map((e) => e.line);
  const testLines = test?.entries.map((e) => e.line);
  const report = checkTrainingSync(trainLines, testLines);
  const errors = report.findings.filter((f) => f.severity === 'error');
  const fileErrors = errors.filter((f) => FILE_ERRORS.has(f.code));
  if (fileErrors.length > 0) return failed(fileErrors.map((f) => f.code));
  if (!ctx.s3Root) return { status: 'TRAINING_FAILED', message: `${CANNOT_WRITE} The sandbox has no S3 folder: start it with --s3 DIR.` };
  const files: ModelFiles = { bucket: m.output.bucket };
  const base = `${m.output.prefix}${projectNameOf(m.projectArn)}/${m.versionName}/`;
  const write = (key: string, text: string): string | undefined => {
    const mapped = locationPath(ctx.s3Root!, m.output.bucket, base + key);
    if (!('path' in mapped)) return undefined;
    fs.mkdirSync(path.dirname(mapped.path), { recursive: true });
    fs.writeFileSync(mapped.path, text);
    return base + key;
  };
  const useCase = report.modelType === 'image-level' ? 'IMAGE_LEVEL_LABELS' : 'OBJECT_LOCALIZATION';
  const trainValidation = validation(trainLines);
  const testValidation = testLines ? validation(testLines) : undefined;
  const datasetErrors = (d: 'train' | 'test') => errors.filter((f) => f.dataset === d).map((f) => ({ code: f.code, message: MESSAGES.get(f.code) ?? f.message }));
  const summary = {
    statistics: {
      training: { use_case: useCase, ...trainValidation.stats, errors: datasetErrors('train') },
      ...(testValidation ? { testing: { use_case: useCase, ...testValidation.stats, errors: datasetErrors('test') } } : {}),
    },
    errors: errors.filter((f) => f.dataset === 'both').map((f) => ({ code: f.code, message: MESSAGES.get(f.code) ?? f.message })),
  };
  files.trainingValidation = write('manifests/output/training_manifest_with_validation.json', trainValidation.lines.join('\n') + '\n');
  if (testValidation) files.testingValidation = write('manifests/output/testing_manifest_with_validation.json', testValidation.lines.join('\n') + '\n');
  files.manifestSummary = write('manifests/output/manifest_summary.json', JSON.stringify(summary, null, 2));
  m.files = files;
  if (!files.trainingValidation || !files.manifestSummary) return { status: 'TRAINING_FAILED', message: `${CANNOT_WRITE} The OutputConfig S3KeyPrefix names no place in the S3 folder.` };
  if (errors.length > 0) return failed(errors.map((f) => f.code));

  // The stand-in model: usable lines of the chosen type only.
  const type = report.modelType;
  const usable = (lines: string[]) => lines.filter((l) => !validateLine(l).problems.some((p) => p.severity === 'error') && labelsByType(l)[type].size > 0).map(knownImage).filter((k): k is KnownImage => k !== undefined);
  let trainImages = usable(trainLines);
  let testImages = testLines ? usable(testLines) : undefined;
  if (!testImages) {
    const random = seededRandom(ctx.seed);
    const mixed = shuffled(trainImages, random);
    const cut = Math.max(1, Math.round(mixed.length * 0.2));
    testImages = mixed.slice(0, cut);
    trainImages = mixed.slice(cut);
  }
  const labels = [...report.train.usable[type].keys()].sort();
  const seed = modelSeed(ctx.seed, projectNameOf(m.projectArn), m.versionName, trainLines, testLines ?? []);
  m.seed = seed;
  const tests: TestImage[] = testImages.map((image) => ({ image, predictions: predict(image, type, labels, seed) }));
  const ev = evaluate(type, tests, labels);
  const ended = ctx.scheduler.now();
  m.trainingEnded = ended;
  m.modelType = type;
  m.labels = labels;
  m.thresholds = Object.fromEntries(ev.thresholds);
  m.f1 = Math.round(ev.f1 * 10000) / 10000;
  m.known = [...trainImages, ...testImages];
  const created = new Date(ended).toISOString();
  files.summary = write(`EvaluationSummary-${projectNameOf(m.projectArn)}-${m.versionName}.json`, JSON.stringify(summaryFile(type, ev, labels, { projectVersionArn: m.arn, ended, trainingImages: trainImages.length, testingImages: testImages.length }, tests), null, 2));
  files.testingSnapshot = write('manifests/output/testing_manifest_snapshot.manifest', tests.map((t) => snapshotLine(type, t, ev, created)).join('\n') + '\n');
  files.trainingSnapshot = write('manifests/output/training_manifest_snapshot.manifest', trainImages.map((k) => JSON.stringify({ 'source-ref': k.sourceRef })).join('\n') + '\n');
  return { status: 'TRAINING_COMPLETED', message: 'The model is ready to run.' };
}

/** The stand-in model's seed: FNV-1a over the project, the version name and the datasets' lines, mixed with the sandbox's seed. */
export function modelSeed(sandboxSeed: number, project: string, version: string, trainLines: readonly string[], testLines: readonly string[]): number {
  let h = imageSeed(sandboxSeed, `${project}\n${version}`);
  for (const part of [trainLines, testLines]) h = imageSeed(h, `\u0000${part.length}\n${part.join('\n')}`);
  return h;
}

function failed(codes: string[]): TrainingOutcome {
  const unique = [...new Set(codes)];
  return { status: 'TRAINING_FAILED', message: unique.map((c) => `${c}: ${MESSAGES.get(c) ?? c}`).join(' ') };
}

/** The validation manifest of a dataset's lines: each line as given, the service's keys replaced by its errors now; and the summary's counts. */
function validation(lines: string[]): { lines: string[]; stats: Record<string, unknown> } {
  const out: string[] = [];
  const errorLines: number[] = [];
  let invalid = 0;
  let ignored = 0;
  lines.forEach((text, i) => {
    const result = validateLine(text, i);
    let obj: Record<string, unknown>;
    try {
      obj = JSON.parse(text) as Record<string, unknown>;
    } catch {
      obj = { 'source-ref': null };
    }
    // The errors of this validation, each at the level the guide's format puts it (the line, the
    // label attribute, its metadata, an annotation: tm-debugging-scope-json-line); what the
    // dataset's entry recorded at import is not carried over.
    stripFindings(obj);
    const errs = result.problems.filter((p) => p.severity === 'error' && p.code.startsWith('ERROR_'));
    if (errs.length > 0) {
      recordFindings(obj, errs, true, { validation: true });
      invalid++;
      errorLines.push(i);
    } else if (!result.entry?.labeled) {
      ignored++;
    }
    out.push(JSON.stringify(obj));
  });
  return {
    lines: out,
    stats: { total_json_lines: lines.length, valid_json_lines: lines.length - invalid - ignored, invalid_json_lines: invalid, ignored_json_lines: ignored, error_json_line_indices: errorLines },
  };
}

