/**
 * Training readiness: one pair of manifests per code, each built to trip exactly that rule
 * (the assertion is on the whole list of codes found), and a clean pair that trips none.
 */
import * as assert from 'node:assert/strict';
import { checkTraining, TrainingCodes, type TrainingReport } from '../../../src/training';

const DATE = '2024-05-01T12:00:00Z';

/** An image-level line, one attribute per label. `bad` makes its metadata invalid (confidence 2: a non-terminal error). */
function cls(ref: string, labels: string[], bad = false): string {
  const line: Record<string, unknown> = { 'source-ref': ref };
  labels.forEach((l, i) => {
    line[`l${i}`] = 1;
    line[`l${i}-metadata`] = { confidence: bad ? 2 : 1, 'class-name': l, 'human-annotated': 'yes', 'creation-date': DATE, type: 'groundtruth/image-classification' };
  });
  return JSON.stringify(line);
}

/** An object-detection line with one box per label. */
function od(ref: string, labels: string[]): string {
  const classMap: Record<string, string> = {};
  labels.forEach((l, i) => (classMap[String(i)] = l));
  return JSON.stringify({
    'source-ref': ref,
    bb: { image_size: [{ width: 640, height: 480, depth: 3 }], annotations: labels.map((_, i) => ({ class_id: i, left: 10 + i, top: 10, width: 100, height: 100 })) },
    'bb-metadata': { objects: labels.map(() => ({ confidence: 1 })), 'class-map': classMap, type: 'groundtruth/object-detection', 'human-annotated': 'yes', 'creation-date': DATE },
  });
}

let n = 0;
const img = (bucket = 'my-bucket') => `s3://${bucket}/images/${++n}.jpg`;
const many = (count: number, make: () => string) => Array.from({ length: count }, make);

function codes(report: TrainingReport): string[] {
  return report.findings.map((f) => f.code);
}

describe('checkTraining', () => {
  it('a clean pair has no findings', async () => {
    const train = [...many(2, () => cls(img(), ['a'])), ...many(2, () => cls(img(), ['b']))];
    const test = [cls(img(), ['a']), cls(img(), ['b'])];
    const report = await checkTraining(train, test);
    assert.deepEqual(codes(report), []);
    assert.equal(report.modelType, 'image-level');
  });

  it(`${TrainingCodes.TOO_FEW_LABELS}: an image-level training manifest with one label`, async () => {
    const report = await checkTraining(many(3, () => cls(img(), ['a'])));
    assert.deepEqual(codes(report), [TrainingCodes.TOO_FEW_LABELS]);
    assert.deepEqual(report.findings[0].numbers, { labels: 1, minimum: 2 });
    assert.match(report.findings[0].action, /Add images labelled with other labels/);
  });

  it(`${TrainingCodes.TOO_FEW_USABLE_LABELS}: an object-detection training manifest with boxes of one label`, async () => {
    const report = await checkTraining(many(2, () => od(img(), ['a'])), [od(img(), ['a'])]);
    assert.deepEqual(codes(report), [TrainingCodes.TOO_FEW_USABLE_LABELS]);
    assert.equal(report.modelType, 'object-detection');
    assert.deepEqual(report.findings[0].numbers, { usableLabels: 1, minimum: 2, filteredOut: 0 });
  });

  it(`${TrainingCodes.INSUFFICIENT_LABEL_OVERLAP}: most test labels are not in training (they sit on test lines of the other type)`, async () => {
    const train = [...many(2, () => cls(img(), ['a'])), ...many(2, () => cls(img(), ['b']))];
    const test = [cls(img(), ['a']), cls(img(), ['a']), od(img(), ['d', 'e'])];
    const report = await checkTraining(train, test);
    assert.deepEqual(codes(report), [TrainingCodes.INSUFFICIENT_LABEL_OVERLAP]);
    assert.deepEqual(report.findings[0].numbers, { testLabels: 3, shared: 1, percent: 33.3, minimumPercent: 50 });
    assert.match(report.findings[0].message, /Not in training: "d", "e"/);
  });

  it(`${TrainingCodes.INSUFFICIENT_USABLE_LABEL_OVERLAP}: the test labels are in training, but only on lines of the type the service filters out`, async () => {
    const train = [...many(2, () => cls(img(), ['a'])), ...many(2, () => cls(img(), ['b'])), od(img(), ['c', 'd'])];
    const test = [cls(img(), ['c']), cls(img(), ['d'])];
    const report = await checkTraining(train, test);
    assert.deepEqual(codes(report), [TrainingCodes.INSUFFICIENT_USABLE_LABEL_OVERLAP]);
    assert.match(report.modelTypeReason, /mixes 4 image-level lines and 1 object-detection line/);
    assert.deepEqual(report.findings[0].numbers, { testLabels: 2, shared: 0, percent: 0, minimumPercent: 50 });
  });

  it(`${TrainingCodes.TOO_MANY_LABELS}: 251 labels`, async () => {
    const train = Array.from({ length: 251 }, (_, i) => [cls(img(), [`label-${i}`]), cls(img(), [`label-${i}`])]).flat();
    const report = await checkTraining(train);
    assert.deepEqual(codes(report), [TrainingCodes.TOO_MANY_LABELS]);
    assert.deepEqual(report.findings[0].numbers, { labels: 251, maximum: 250 });
  });

  it(`${TrainingCodes.TOO_MANY_INVALID_ROWS}: 3 of 11 lines have (non-terminal) errors`, async () => {
    const train = [...many(4, () => cls(img(), ['a'])), ...many(4, () => cls(img(), ['b'])), ...many(3, () => cls(img(), ['a'], true))];
    const report = await checkTraining(train);
    assert.deepEqual(codes(report), [TrainingCodes.TOO_MANY_INVALID_ROWS]);
    assert.deepEqual(report.findings[0].numbers, { invalid: 3, lines: 11, percent: 27.3, threshold: 20 });
  });

  it(`${TrainingCodes.IMAGES_IN_MULTIPLE_BUCKETS}: images in two buckets`, async () => {
    const train = [...many(2, () => cls(img('bucket-one'), ['a'])), ...many(2, () => cls(img('bucket-two'), ['b']))];
    const report = await checkTraining(train);
    assert.deepEqual(codes(report), [TrainingCodes.IMAGES_IN_MULTIPLE_BUCKETS]);
    assert.match(report.findings[0].message, /2 S3 buckets: bucket-one \(2 lines\), bucket-two \(2 lines\)/);
  });

  it(`${TrainingCodes.INSUFFICIENT_IMAGES_FOR_AUTOSPLIT}: no test manifest and a label on one image`, async () => {
    const train = [...many(2, () => cls(img(), ['a'])), cls(img(), ['b'])];
    const report = await checkTraining(train);
    assert.deepEqual(codes(report), [TrainingCodes.INSUFFICIENT_IMAGES_FOR_AUTOSPLIT]);
    assert.match(report.findings[0].message, /"b" \(1 image\)/);
    // The same training manifest with a test manifest needs no split.
    assert.deepEqual(codes(await checkTraining(train, [cls(img(), ['a']), cls(img(), ['b'])])), []);
  });

  it(`${TrainingCodes.IMAGE_IN_TRAIN_AND_TEST} (a warning, the guide has no code): an image in both manifests`, async () => {
    const shared = img();
    const train = [cls(shared, ['a']), cls(img(), ['a']), ...many(2, () => cls(img(), ['b']))];
    const test = [cls(shared, ['a']), cls(img(), ['b'])];
    const report = await checkTraining(train, test);
    assert.deepEqual(codes(report), [TrainingCodes.IMAGE_IN_TRAIN_AND_TEST]);
    assert.equal(report.findings[0].severity, 'warning');
    assert.match(report.findings[0].message, new RegExp(`1 image is in both .*${shared.replace(/[./]/g, '\\$&')}`));
  });

  it('lines the service drops at import (not JSON, bad source-ref) are not counted as dataset lines', async () => {
    const train = [...many(2, () => cls(img(), ['a'])), ...many(2, () => cls(img(), ['b'])), '{not json', '{"source-ref": "https://x/y.jpg"}'];
    const report = await checkTraining(train);
    assert.deepEqual(codes(report), []);
    assert.equal(report.train.dropped, 2);
    assert.equal(report.train.imported, 4);
  });
});
