import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  deleteRefusal,
  startConfirmation,
  startRefusal,
  stopRefusal,
  parseOutputLocation,
  suggestVersionName,
  trainConfirmation,
  trainingEndedMessage,
  validateVersionName,
} from '../../../src/commands/train-words';
import { checkTraining } from '../../../src/training';

/** The service's own model (botocore, the fixture the conformance test reads): the rule is checked against it, not against our copy of it. */
const REFERENCE = path.join(__dirname, '..', '..', 'fixtures', 'rekognition-model-versions.json');
const model = JSON.parse(fs.readFileSync(REFERENCE, 'utf8')) as { shapes: Record<string, { length?: { min?: number; max?: number }; pattern?: string }> };

function classification(i: number, label: string): string {
  return JSON.stringify({
    'source-ref': `s3://bucket/img-${label}-${i}.jpg`,
    a: 1,
    'a-metadata': { confidence: 1, 'class-name': label, 'human-annotated': 'yes', 'creation-date': '2024-01-01T00:00:00', type: 'groundtruth/image-classification' },
  });
}

describe('Train Model: the words and rules', () => {
  it('a version name follows VersionName of the service model: its pattern and its length', function () {
    const shape = model!.shapes.VersionName!;
    const pattern = new RegExp(`^(?:${shape.pattern})$`);
    const samples = ['v1', 'model_2024.01-a', 'a b', 'é', 'x/y', '', 'a'.repeat(shape.length!.max!), 'a'.repeat(shape.length!.max! + 1), 'ok:no'];
    for (const s of samples) {
      const allowed = s.length >= shape.length!.min! && s.length <= shape.length!.max! && pattern.test(s);
      assert.equal(validateVersionName(s) === undefined, allowed, `"${s.slice(0, 20)}" (${s.length} characters): ${validateVersionName(s)}`);
    }
    assert.match(validateVersionName('v1', ['v1']) ?? '', /already has a version named "v1"/);
    assert.match(validateVersionName('a b') ?? '', /" "/);
  });

  it('suggests the next vN', () => {
    assert.equal(suggestVersionName([]), 'v1');
    assert.equal(suggestVersionName(['v2', 'v10', 'other']), 'v11');
  });

  it('the output location: s3://bucket/prefix, the bucket within S3Bucket\'s rule of the service model', function () {
    const bucket = model!.shapes.S3Bucket!;
    assert.deepEqual(parseOutputLocation('s3://my-bucket/output/'), { bucket: 'my-bucket', prefix: 'output/' });
    assert.deepEqual(parseOutputLocation('my-bucket'), { bucket: 'my-bucket', prefix: '' });
    assert.ok('error' in parseOutputLocation('s3://' + 'b'.repeat(bucket.length!.min! - 1) + '/x'));
    assert.ok(!('error' in parseOutputLocation('s3://' + 'b'.repeat(bucket.length!.min!) + '/x')));
    assert.ok('error' in parseOutputLocation('s3://bad bucket/x'));
    assert.ok('error' in parseOutputLocation(''));
  });

  it('the confirmation: "Train" when the check is clean, the findings and "Train Anyway" when it predicts a failure; always says training is billed', async () => {
    const clean = await checkTraining(
      [...Array.from({ length: 12 }, (_, i) => classification(i, 'cat')), ...Array.from({ length: 12 }, (_, i) => classification(i, 'dog'))],
      [...Array.from({ length: 4 }, (_, i) => classification(100 + i, 'cat')), ...Array.from({ length: 4 }, (_, i) => classification(100 + i, 'dog'))],
    );
    const ok = trainConfirmation('birds', 'v1', { bucket: 'out', prefix: 'models/' }, clean, true);
    assert.equal(ok.button, 'Train');
    assert.match(ok.message, /Train model "v1" of birds\?/);
    assert.match(ok.detail, /billed/);
    assert.match(ok.detail, /s3:\/\/out\/models\//);

    const oneLabel = await checkTraining(Array.from({ length: 12 }, (_, i) => classification(i, 'cat')));
    const codes = oneLabel.findings.filter((f) => f.severity === 'error').map((f) => f.code);
    assert.ok(codes.length > 0, 'one label cannot train');
    const bad = trainConfirmation('birds', 'v1', { bucket: 'out', prefix: '' }, oneLabel, false);
    assert.equal(bad.button, 'Train Anyway');
    for (const c of codes) assert.ok(bad.detail.includes(c), `the detail names ${c}: ${bad.detail}`);
    assert.match(bad.detail, /billed/);
    assert.match(bad.detail, /20%/);
  });

  it('says how training ended: the F1 score, or the status message', () => {
    assert.deepEqual(trainingEndedMessage('birds', { name: 'v1', status: 'TRAINING_COMPLETED', f1: 0.87345 }), { ok: true, text: 'Model v1 of birds is trained: F1 score 0.873. Show its evaluation from its row in the explorer.' });
    const failed = trainingEndedMessage('birds', { name: 'v1', status: 'TRAINING_FAILED', statusMessage: 'The manifest file has too few labels.' });
    assert.equal(failed.ok, false);
    assert.match(failed.text, /failed \(TRAINING_FAILED\): The manifest file has too few labels\./);
  });

  it('starts only a trained or stopped version, stops only a running one, and says a running model is billed by the minute per inference unit', () => {
    for (const status of ['TRAINING_COMPLETED', 'STOPPED']) assert.equal(startRefusal({ name: 'v1', status }), undefined, status);
    for (const status of ['TRAINING_IN_PROGRESS', 'TRAINING_FAILED', 'RUNNING', 'STARTING', 'STOPPING', 'FAILED']) assert.ok(startRefusal({ name: 'v1', status }), status);
    assert.equal(stopRefusal({ name: 'v1', status: 'RUNNING' }), undefined);
    for (const status of ['STARTING', 'STOPPED', 'TRAINING_COMPLETED']) assert.ok(stopRefusal({ name: 'v1', status }), status);
    const q = startConfirmation('birds', 'v1', 2);
    assert.equal(q.message, 'Start model v1 of birds with 2 inference units?');
    assert.match(q.detail, /billed for every minute it runs, for each inference unit, until it is stopped/);
  });

  it('refuses to delete a version while it trains, starts, runs or stops, with what to do', () => {
    for (const status of ['TRAINING_IN_PROGRESS', 'STARTING', 'RUNNING', 'STOPPING']) assert.ok(deleteRefusal({ name: 'v1', status }), status);
    assert.match(deleteRefusal({ name: 'v1', status: 'RUNNING' })!, /Stop it/);
    for (const status of ['TRAINING_COMPLETED', 'TRAINING_FAILED', 'STOPPED', 'FAILED']) assert.equal(deleteRefusal({ name: 'v1', status }), undefined, status);
  });
});
