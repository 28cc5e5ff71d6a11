/**
 * Training readiness: one pair of manifests per code, each built to trip exactly that rule
 * (the assertion is on the whole list of codes found), and a clean pair that trips none; every
 * fixture of readiness-fixtures.ts gives the codes it names.
 */
import * as assert from 'node:assert/strict';
import { validateLines } from '../../../src/manifest';
import { checkTraining, TrainingCodes, type TrainingReport } from '../../../src/training';

import { READINESS_FIXTURES, cls, img, many, od } from './readiness-fixtures';

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

  for (const f of READINESS_FIXTURES) {
    it(`fixture: ${f.name} -> ${f.codes.join(', ') || 'no findings'}`, async () => {
      assert.deepEqual(codes(await checkTraining(f.train, f.test)), f.codes);
    });
  }

  // cd-manifest-files-validation-rules (Note): "Overlaps are (common labels between test and
  // train)/(train labels)"; tm-debugging-aggregate-errors, the fix for ERROR_INSUFFICIENT_LABEL_OVERLAP:
  // "Remove labels from the training dataset. Alternatively, add more common labels to your testing dataset".
  it(`${TrainingCodes.INSUFFICIENT_LABEL_OVERLAP}: measured against the training labels (2 of 5 training labels in test fails)`, async () => {
    const train = ['a', 'b', 'c', 'd', 'e'].flatMap((l) => many(2, () => cls(img(), [l])));
    const report = await checkTraining(train, [cls(img(), ['a']), cls(img(), ['b'])]);
    assert.deepEqual(codes(report), [TrainingCodes.INSUFFICIENT_LABEL_OVERLAP, TrainingCodes.INSUFFICIENT_USABLE_LABEL_OVERLAP]);
    assert.deepEqual(report.findings[0].numbers, { trainLabels: 5, shared: 2, percent: 40, minimumPercent: 50 });
    assert.match(report.findings[0].message, /Not in the test manifest: "c", "d", "e"/);
    assert.match(report.findings[0].action, /Remove labels from the training manifest/);
  });

  it(`${TrainingCodes.INSUFFICIENT_LABEL_OVERLAP}: test labels training lacks do not lower the overlap (training a, b; test a, b, x, y, z)`, async () => {
    const train = [...many(2, () => cls(img(), ['a'])), ...many(2, () => cls(img(), ['b']))];
    const test = ['a', 'b', 'x', 'y', 'z'].map((l) => cls(img(), [l]));
    assert.deepEqual(codes(await checkTraining(train, test)), []);
  });

  it(`${TrainingCodes.INSUFFICIENT_USABLE_LABEL_OVERLAP}: the training's usable labels are in the test manifest only on lines of the type the service filters out`, async () => {
    const train = [...many(3, () => cls(img(), ['a'])), ...many(3, () => cls(img(), ['b'])), od(img(), ['c', 'd'])];
    const test = [cls(img(), ['c']), cls(img(), ['d']), od(img(), ['a', 'b'])];
    const report = await checkTraining(train, test);
    assert.deepEqual(codes(report), [TrainingCodes.INSUFFICIENT_USABLE_LABEL_OVERLAP]);
    assert.match(report.modelTypeReason, /mixes 6 image-level lines and 1 object-detection line/);
    assert.deepEqual(report.findings[0].numbers, { trainLabels: 2, shared: 0, percent: 0, minimumPercent: 50 });
  });

  // tm-debugging: "Training fails if there are too many JSON Line errors"; the validator's rule
  // (20% of the lines with terminal content errors, ERROR_TOO_MANY_RECORDS_IN_ERROR), as lint says it.
  it(`${TrainingCodes.TOO_MANY_RECORDS_IN_ERROR}: 4 of 10 training lines are not JSON, in the validator's words`, async () => {
    const train = [...many(3, () => cls(img(), ['a'])), ...many(3, () => cls(img(), ['b'])), ...many(4, () => '{not json')];
    const report = await checkTraining(train);
    assert.deepEqual(codes(report), [TrainingCodes.TOO_MANY_RECORDS_IN_ERROR]);
    const lint = await validateLines(train);
    const lintSays = lint.problems.find((p) => p.code === TrainingCodes.TOO_MANY_RECORDS_IN_ERROR);
    assert.ok(lintSays, 'the validator reports it too');
    assert.equal(report.findings[0].message, `The training manifest: ${lintSays.message}`);
    assert.match(report.findings[0].message, /40\.0% of the lines \(4 of 10\)/);
  });

  // cd-manifest-files-validation-rules: "Maximum of 250,000 dataset objects as lines in a manifest";
  // tm-debugging-aggregate-errors: ERROR_MANIFEST_ROWS_EXCEEDS_MAXIMUM.
  it(`${TrainingCodes.MANIFEST_ROWS_EXCEEDS_MAXIMUM}: 250,001 training lines`, async function () {
    this.timeout(60_000);
    const line = (i: number) => cls(`s3://my-bucket/r/${i}.jpg`, [i % 2 === 0 ? 'a' : 'b']);
    const lines = function* (count: number) {
      for (let i = 0; i < count; i++) yield line(i);
    };
    assert.deepEqual(codes(await checkTraining(lines(250_001), [line(-1), line(-2)])), [TrainingCodes.MANIFEST_ROWS_EXCEEDS_MAXIMUM]);
  });

  // tm-terminal-errors-reference: "The manifest file is empty"; tm-debugging: manifest file errors
  // "are detected before the contents of the training and testing datasets are validated".
  it(`${TrainingCodes.EMPTY_MANIFEST}: an empty manifest is said so, before (and instead of) any content rule`, async () => {
    const emptyTest = await checkTraining([...many(2, () => cls(img(), ['a'])), ...many(2, () => cls(img(), ['b']))], []);
    assert.deepEqual(codes(emptyTest), [TrainingCodes.EMPTY_MANIFEST]);
    assert.equal(emptyTest.findings[0].dataset, 'test');
    assert.match(emptyTest.findings[0].message, /^The test manifest: The manifest file is empty/);
    const emptyTrain = await checkTraining([], [cls(img(), ['a'])]);
    assert.deepEqual(codes(emptyTrain), [TrainingCodes.EMPTY_MANIFEST]);
    assert.equal(emptyTrain.findings[0].dataset, 'train');
    assert.doesNotMatch(emptyTrain.findings[0].message, /0 labels/);
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
    // 2 of 10 (20%): not over the validator's threshold.
    const train = [...many(4, () => cls(img(), ['a'])), ...many(4, () => cls(img(), ['b'])), '{not json', '{"source-ref": "https://x/y.jpg"}'];
    const report = await checkTraining(train);
    assert.deepEqual(codes(report), []);
    assert.equal(report.train.dropped, 2);
    assert.equal(report.train.imported, 8);
  });
});
