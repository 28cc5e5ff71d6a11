/**
 * Model versions end to end: the client functions (src/rekognition/model-versions.ts, through
 * call.ts and the real SDK) against the sandbox over HTTP on a ManualClock; training checked with
 * the readiness rules; the files training writes read back with src/models' readers and checked
 * against numbers this test computes itself from the evaluation snapshot and the test lines.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as sdk from '@aws-sdk/client-rekognition';
import { mapIssuesToLines } from '../../../src/manifest';
import { findLocalLines, placeTrainingErrors, readEvaluationLine, readManifestSummary, readSummaryFile, readValidationManifest, refsWithErrors, sourceRefOf } from '../../../src/models';
import {
  createCaller,
} from '../../../src/rekognition/call';
import {
  deleteModel,
  describeModel,
  detectLabels,
  listModels,
  startModel,
  stopModel,
  trainModel,
  type ModelVersion,
} from '../../../src/rekognition';
import { ManualClock, startSandbox, type Sandbox } from '../../../src/sandbox';
import { bindClock, boxLine, classLine, clockOf, push, start, waitForDataset } from '../sandbox/helpers';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('model versions: train, follow, read the results, start, detect, stop, delete (sandbox, real SDK)', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let client: sdk.RekognitionClient;
  let root: string;
  let call: ReturnType<typeof createCaller>;

  beforeEach(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'models-e2e-'));
    sandbox = await start({ s3Root: root });
    client = bindClock(new sdk.RekognitionClient({ region: 'us-east-1', endpoint: sandbox.endpoint, credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 1 }), sandbox);
    call = createCaller(async () => ({ client, sdk }), { region: 'us-east-1', endpoint: sandbox.endpoint });
  });
  afterEach(async () => {
    client.destroy();
    await sandbox.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const image = (key: string) => {
    const file = path.join(root, 'imgs', key);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, Buffer.concat([PNG, Buffer.from(key)]));
    return `s3://imgs/${key}`;
  };
  const read = (bucket: string, key: string) => fs.readFileSync(path.join(root, bucket, key), 'utf8');

  async function project(name: string, train: string[], test: string[]): Promise<string> {
    const projectArn = (await client.send(new sdk.CreateProjectCommand({ ProjectName: name }))).ProjectArn!;
    const trainArn = (await client.send(new sdk.CreateDatasetCommand({ ProjectArn: projectArn, DatasetType: 'TRAIN' }))).DatasetArn!;
    const testArn = (await client.send(new sdk.CreateDatasetCommand({ ProjectArn: projectArn, DatasetType: 'TEST' }))).DatasetArn!;
    await waitForDataset(client, trainArn);
    await waitForDataset(client, testArn);
    assert.strictEqual((await push(client, trainArn, train)).Status, 'UPDATE_COMPLETE');
    assert.strictEqual((await push(client, testArn, test)).Status, 'UPDATE_COMPLETE');
    return projectArn;
  }

  /** Follows the model's status (DescribeProjectVersions through listModels), moving the clock, until it leaves `busy`. */
  async function follow(projectArn: string, arn: string, busy: string[]): Promise<{ model: ModelVersion; seen: string[] }> {
    const seen: string[] = [];
    for (let i = 0; i < 50; i++) {
      const model = (await listModels(call, projectArn)).find((m) => m.arn === arn)!;
      if (seen[seen.length - 1] !== model.status) seen.push(model.status);
      if (!busy.includes(model.status)) return { model, seen };
      assert.ok(clockOf(sandbox).runNext(), `${model.status} and nothing scheduled`);
    }
    throw new Error('the model never settled');
  }

  it('a model trains, its results read back match the test lines and its predictions; it starts, detects, stops and is deleted', async () => {
    const labels = ['cat', 'dog', 'bird'];
    const train = labels.flatMap((l) => Array.from({ length: 12 }, (_, i) => classLine(image(`train/${l}-${i}.png`), l)));
    const test = labels.flatMap((l) => Array.from({ length: 8 }, (_, i) => classLine(image(`test/${l}-${i}.png`), l)));
    const projectArn = await project('pets', train, test);
    const arn = await trainModel(call, projectArn, 'v1', { bucket: 'out', prefix: 'results/' });
    const { model, seen } = await follow(projectArn, arn, ['TRAINING_IN_PROGRESS']);
    assert.deepStrictEqual(seen, ['TRAINING_IN_PROGRESS', 'TRAINING_COMPLETED']);
    assert.ok(model.summary && model.testingSnapshot && model.manifestSummary && model.trainingValidation, 'the files are named');

    // The summary file against what this test counts from the snapshot's predictions and the summary's thresholds.
    const summary = readSummaryFile(read(model.summary.bucket, model.summary.key))!;
    const snapshot = read(model.testingSnapshot.bucket, model.testingSnapshot.key).split('\n').filter((l) => l.trim() !== '').map((l) => readEvaluationLine(l)!);
    assert.strictEqual(snapshot.length, test.length);
    assert.strictEqual(summary.testingImages, test.length);
    assert.strictEqual(summary.trainingImages, train.length);
    assert.deepStrictEqual(summary.labels.map((l) => l.label).sort(), [...labels].sort());
    let TP = 0;
    let FP = 0;
    let FN = 0;
    for (const row of summary.labels) {
      let tp = 0;
      let fp = 0;
      let fn = 0;
      for (const img of snapshot) {
        const truth = img.labels.includes(row.label);
        const p = img.predictions.find((x) => x.label === row.label);
        const predicted = p !== undefined && p.confidence >= row.threshold - 1e-9;
        if (truth && predicted) tp++;
        else if (truth) fn++;
        else if (predicted) fp++;
      }
      TP += tp;
      FP += fp;
      FN += fn;
      const precision = tp / (tp + fp);
      const recall = tp / (tp + fn);
      assert.strictEqual(row.testImages, test.filter((l) => JSON.parse(l).label === undefined ? false : JSON.parse(l)['label-metadata']['class-name'] === row.label).length);
      assert.ok(Math.abs(row.precision - precision) < 1e-3, `${row.label} precision ${row.precision} vs ${precision}`);
      assert.ok(Math.abs(row.recall - recall) < 1e-3, `${row.label} recall ${row.recall} vs ${recall}`);
      assert.ok(Math.abs(row.f1 - (2 * precision * recall) / (precision + recall)) < 1e-3);
    }
    const f1 = (2 * TP) / (2 * TP + FP + FN);
    assert.ok(Math.abs(summary.f1! - f1) < 1e-3, `aggregate F1 ${summary.f1} vs ${f1}`);
    assert.ok(Math.abs(model.f1! - f1) < 1e-3, 'EvaluationResult.F1Score is the aggregate F1');
    assert.ok(f1 > 0.5 && f1 < 1, `realistic, not perfect: F1 ${f1}`);
    // Sorted by F1, best first.
    assert.deepStrictEqual(summary.labels.map((l) => l.f1), [...summary.labels.map((l) => l.f1)].sort((a, b) => b - a));
    const ms = readManifestSummary(read(model.manifestSummary.bucket, model.manifestSummary.key))!;
    assert.strictEqual(ms.training?.useCase, 'IMAGE_LEVEL_LABELS');
    assert.strictEqual(ms.training?.total, train.length);

    // Detection needs a running model.
    const first = { s3: { bucket: 'imgs', key: 'test/cat-0.png' } };
    await assert.rejects(detectLabels(call, arn, first), (e: Error & { code?: string }) => /ResourceNotReady|not ready|TRAINING_COMPLETED/i.test(`${e.message} ${e.code}`));
    assert.strictEqual(await startModel(call, arn), 'STARTING');
    assert.deepStrictEqual((await follow(projectArn, arn, ['STARTING'])).seen, ['STARTING', 'RUNNING']);
    await assert.rejects(deleteModel(call, arn), /running|RUNNING/);
    const all = await detectLabels(call, arn, first, { minConfidence: 0 });
    assert.deepStrictEqual(all.map((l) => l.name).sort(), [...labels].sort(), 'MinConfidence 0: every label the model scores');
    assert.deepStrictEqual(all.map((l) => l.confidence), [...all.map((l) => l.confidence)].sort((a, b) => b - a), 'most confident first');
    assert.strictEqual((await detectLabels(call, arn, first, { minConfidence: 0, maxResults: 1 })).length, 1);
    const byThreshold = await detectLabels(call, arn, first);
    const catRow = snapshot.find((s) => s.sourceRef === 's3://imgs/test/cat-0.png')!;
    const expected = catRow.predictions.filter((p) => p.confidence >= summary.labels.find((r) => r.label === p.label)!.threshold - 1e-9).map((p) => p.label).sort();
    assert.deepStrictEqual(byThreshold.map((l) => l.name).sort(), expected, 'without MinConfidence: the labels above their thresholds, as evaluated');
    const bytes = fs.readFileSync(path.join(root, 'imgs', 'test', 'cat-0.png'));
    assert.deepStrictEqual(await detectLabels(call, arn, { bytes }, { minConfidence: 0 }), all, 'the same image as Bytes');
    assert.strictEqual(await stopModel(call, arn), 'STOPPING');
    assert.deepStrictEqual((await follow(projectArn, arn, ['STOPPING'])).seen, ['STOPPING', 'STOPPED']);
    assert.strictEqual(await deleteModel(call, arn), 'DELETING');
    clockOf(sandbox).runNext();
    assert.deepStrictEqual(await listModels(call, projectArn), []);
  });

  it('the same version trained on the same data in another sandbox, at another time, predicts the same (the noise is seeded from the version, not the clock)', async () => {
    const labels = ['cat', 'dog'];
    const train = labels.flatMap((l) => Array.from({ length: 10 }, (_, i) => classLine(image(`same/train-${l}-${i}.png`), l)));
    const test = labels.flatMap((l) => Array.from({ length: 10 }, (_, i) => classLine(image(`same/test-${l}-${i}.png`), l)));
    const predictionsOf = async (): Promise<string> => {
      const projectArn = await project('same', train, test);
      const arn = await trainModel(call, projectArn, 'v1', { bucket: 'out' });
      const { model } = await follow(projectArn, arn, ['TRAINING_IN_PROGRESS']);
      const lines = read(model.testingSnapshot!.bucket, model.testingSnapshot!.key).split('\n').filter((l) => l.trim() !== '');
      return JSON.stringify(lines.map((l) => readEvaluationLine(l)!.predictions));
    };
    const first = await predictionsOf();
    // Another sandbox, its clock an hour later: the version is made of the same things.
    client.destroy();
    await sandbox.close();
    fs.rmSync(path.join(root, 'out'), { recursive: true, force: true });
    sandbox = await start({ s3Root: root });
    clockOf(sandbox).advance(3_600_000);
    client = bindClock(new sdk.RekognitionClient({ region: 'us-east-1', endpoint: sandbox.endpoint, credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 1 }), sandbox);
    call = createCaller(async () => ({ client, sdk }), { region: 'us-east-1', endpoint: sandbox.endpoint });
    assert.strictEqual(await predictionsOf(), first);
  });

  it("a training failure names its codes; the validation manifest's line errors map back to the local lines by source-ref", async () => {
    const good = ['cat', 'dog'].flatMap((l) => Array.from({ length: 4 }, (_, i) => classLine(image(`t/${l}-${i}.png`), l)));
    // Three lines with a non-terminal error (confidence 2): 3 of 11, over 20%.
    const bad = [0, 1, 2].map((i) => classLine(image(`t/bad-${i}.png`), 'cat').replace('"confidence":1', '"confidence":2'));
    const local = [good[0], bad[0], ...good.slice(1, 5), bad[1], ...good.slice(5), bad[2]];
    const test = [classLine(image('q/cat.png'), 'cat'), classLine(image('q/dog.png'), 'dog')];
    const projectArn = await project('broken', local, test);
    const arn = await trainModel(call, projectArn, 'v1', { bucket: 'out' });
    const { model } = await follow(projectArn, arn, ['TRAINING_IN_PROGRESS']);
    assert.strictEqual(model.status, 'TRAINING_FAILED');
    assert.match(model.statusMessage ?? '', /ERROR_TOO_MANY_INVALID_ROWS_IN_MANIFEST/);
    assert.strictEqual(model.summary, undefined, 'no evaluation');
    const ms = readManifestSummary(read(model.manifestSummary!.bucket, model.manifestSummary!.key))!;
    assert.deepStrictEqual(ms.training?.errors.map((e) => e.code), ['ERROR_TOO_MANY_INVALID_ROWS_IN_MANIFEST']);
    const validation = read(model.trainingValidation!.bucket, model.trainingValidation!.key).split('\n').filter((l) => l !== '');
    const withErrors = readValidationManifest(validation);
    assert.strictEqual(withErrors.length, 3);
    const mapped = mapIssuesToLines(validation, local.map((text, fileLine) => ({ fileLine, sourceRef: sourceRefOf(text) })));
    const badLines = [1, 6, 10];
    assert.deepStrictEqual([...new Set(mapped.map((m) => m.fileLine))], badLines);
    assert.ok(mapped.every((m) => m.severity === 'error' && m.code.startsWith('ERROR_')));
    assert.deepStrictEqual(badLines.map((l) => local[l]), bad);

    // The editor's placing (Show Training Errors): both validation manifests, the local files by source-ref.
    assert.ok(model.testingValidation, 'the testing validation manifest is named');
    const validations = [
      { dataset: 'training' as const, lines: withErrors },
      { dataset: 'testing' as const, lines: readValidationManifest(read(model.testingValidation.bucket, model.testingValidation.key).split('\n')) },
    ];
    const wanted = refsWithErrors(validations);
    const { placed, unplaced } = placeTrainingErrors(validations, [
      { file: 'test.manifest', found: findLocalLines(wanted, test) },
      { file: 'train.manifest', found: findLocalLines(wanted, local) },
    ]);
    assert.deepStrictEqual(unplaced, []);
    assert.deepStrictEqual([...new Set(placed.map((p) => `${p.file}:${p.fileLine}`))], badLines.map((l) => `train.manifest:${l}`));
    // Each error where the guide's format puts it (tm-debugging-scope-json-line): the confidence in
    // the label attribute's metadata, the line without a valid label attribute on the line itself.
    for (const l of badLines) {
      const here = placed.filter((p) => p.fileLine === l).map((p) => [p.issue.path, p.issue.code]).sort();
      assert.deepStrictEqual(here, [['', 'ERROR_NO_VALID_LABEL_ATTRIBUTES'], ['label-metadata', 'ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT']], `line ${l}`);
    }
  });

  it("lists every model through DescribeProjectVersions' pages, newest first; a model is read back by its ARN", async () => {
    const train = ['cat', 'dog'].flatMap((l) => Array.from({ length: 5 }, (_, i) => classLine(image(`p/${l}-${i}.png`), l)));
    const test = ['cat', 'dog'].map((l) => classLine(image(`p/${l}-t.png`), l));
    const projectArn = await project('paged', train, test);
    const arns: string[] = [];
    for (const v of ['v1', 'v2', 'v3']) arns.push(await trainModel(call, projectArn, v, { bucket: 'out' }));
    while (clockOf(sandbox).runNext());
    const listed = await listModels(call, projectArn, { pageSize: 1 });
    assert.deepStrictEqual(listed.map((m) => m.name), ['v3', 'v2', 'v1']);
    assert.ok(listed.every((m) => m.status === 'TRAINING_COMPLETED'));
    const pages = sandbox.requests.filter((r) => r.operation === 'DescribeProjectVersions').length;
    assert.ok(pages >= 3, `${pages} pages`);
    assert.deepStrictEqual((await describeModel(call, arns[1]))?.name, 'v2');
    assert.strictEqual(await describeModel(call, arns[1].replace(/\d+$/, '1')), undefined);
  });

  it('a restarted sandbox (--data) keeps its models, and ends a training that was in progress', async () => {
    const data = fs.mkdtempSync(path.join(os.tmpdir(), 'models-data-'));
    const clock = new ManualClock();
    let box = await startSandbox({ s3Root: root, persistDir: data, clock, transitionDelayMs: 10 });
    let c = bindClock(new sdk.RekognitionClient({ region: 'us-east-1', endpoint: box.endpoint, credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 1 }), box);
    let caller = createCaller(async () => ({ client: c, sdk }), { region: 'us-east-1', endpoint: box.endpoint });
    try {
      const projectArn = (await c.send(new sdk.CreateProjectCommand({ ProjectName: 'kept' }))).ProjectArn!;
      const trainArn = (await c.send(new sdk.CreateDatasetCommand({ ProjectArn: projectArn, DatasetType: 'TRAIN' }))).DatasetArn!;
      while (clock.runNext());
      await c.send(new sdk.UpdateDatasetEntriesCommand({ DatasetArn: trainArn, Changes: { GroundTruth: Buffer.from(['cat', 'dog'].flatMap((l) => Array.from({ length: 5 }, (_, i) => classLine(image(`k/${l}-${i}.png`), l))).join('\n')) } }));
      while (clock.runNext());
      const done = await trainModel(caller, projectArn, 'done', { bucket: 'out' });
      while (clock.runNext());
      const pending = await trainModel(caller, projectArn, 'pending', { bucket: 'out' });
      c.destroy();
      await box.close();
      box = await startSandbox({ s3Root: root, persistDir: data, clock, transitionDelayMs: 10 });
      c = bindClock(new sdk.RekognitionClient({ region: 'us-east-1', endpoint: box.endpoint, credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 1 }), box);
      caller = createCaller(async () => ({ client: c, sdk }), { region: 'us-east-1', endpoint: box.endpoint });
      const before = await listModels(caller, projectArn);
      assert.deepStrictEqual(before.map((m) => [m.arn, m.status]), [[pending, 'TRAINING_IN_PROGRESS'], [done, 'TRAINING_COMPLETED']]);
      assert.ok(before[1].summary, 'the completed model keeps its results');
      while (clock.runNext());
      assert.strictEqual((await listModels(caller, projectArn))[0].status, 'TRAINING_COMPLETED');
      assert.strictEqual(await startModel(caller, done), 'STARTING');
    } finally {
      c.destroy();
      await box.close();
      fs.rmSync(data, { recursive: true, force: true });
    }
  });

  it('an object-detection model: its summary and snapshot agree with boxes this test matches itself (IoU 0.5); detections come with boxes', async () => {
    const labels = ['car', 'bike'];
    const size = { width: 800, height: 600 };
    const boxes = (i: number) => [
      { label: labels[i % 2], left: 40 + (i % 5) * 20, top: 50, width: 200, height: 150 },
      { label: labels[(i + 1) % 2], left: 400, top: 300 - (i % 4) * 10, width: 160, height: 120 },
    ];
    const train = Array.from({ length: 20 }, (_, i) => boxLine(image(`od/train-${i}.png`), boxes(i), size));
    const test = Array.from({ length: 12 }, (_, i) => boxLine(image(`od/test-${i}.png`), boxes(i), size));
    const projectArn = await project('traffic', train, test);
    const arn = await trainModel(call, projectArn, 'v1', { bucket: 'out' });
    const { model } = await follow(projectArn, arn, ['TRAINING_IN_PROGRESS']);
    assert.strictEqual(model.status, 'TRAINING_COMPLETED', model.statusMessage);
    const summary = readSummaryFile(read(model.summary!.bucket, model.summary!.key))!;
    assert.ok(summary.averagePrecision !== undefined && summary.averageRecall !== undefined, 'object detection: mAP and mAR');
    const snapshot = read(model.testingSnapshot!.bucket, model.testingSnapshot!.key).split('\n').filter((l) => l.trim() !== '').map((l) => readEvaluationLine(l)!);
    // This test's own matching: greedy by confidence, same label, IoU >= 0.5, on the snapshot's pixels.
    const overlap = (a: { left: number; top: number; width: number; height: number }, b: typeof a) => {
      const w = Math.max(0, Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left));
      const h = Math.max(0, Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top));
      return (w * h) / (a.width * a.height + b.width * b.height - w * h);
    };
    let TP = 0;
    let FP = 0;
    let FN = 0;
    for (const row of summary.labels) {
      let tp = 0;
      let fp = 0;
      let fn = 0;
      for (const img of snapshot) {
        const truth = img.boxes.filter((b) => b.label === row.label);
        const used = new Set<number>();
        const preds = img.predictions.filter((p) => p.label === row.label && p.confidence >= row.threshold - 1e-9).sort((a, b) => b.confidence - a.confidence);
        for (const p of preds) {
          const j = truth.findIndex((t, k) => !used.has(k) && overlap(p.box!, t) >= 0.5);
          if (j >= 0) {
            used.add(j);
            tp++;
          } else fp++;
        }
        fn += truth.length - used.size;
      }
      TP += tp;
      FP += fp;
      FN += fn;
      assert.ok(Math.abs(row.precision - tp / (tp + fp)) < 1e-3, `${row.label} precision ${row.precision} vs ${tp}/${tp + fp}`);
      assert.ok(Math.abs(row.recall - tp / (tp + fn)) < 1e-3, `${row.label} recall ${row.recall} vs ${tp}/${tp + fn}`);
      assert.strictEqual(row.testImages, test.length, 'every test image has a box of each label');
    }
    const f1 = (2 * TP) / (2 * TP + FP + FN);
    assert.ok(Math.abs(summary.f1! - f1) < 1e-3, `aggregate F1 ${summary.f1} vs ${f1}`);
    assert.ok(f1 > 0.5 && f1 < 1, `realistic, not perfect: F1 ${f1}`);
    await startModel(call, arn);
    await follow(projectArn, arn, ['STARTING']);
    const found = await detectLabels(call, arn, { s3: { bucket: 'imgs', key: 'od/test-0.png' } }, { minConfidence: 0 });
    assert.ok(found.length > 0 && found.every((l) => l.box && l.box.left >= 0 && l.box.left + l.box.width <= 1 + 1e-9), 'boxes as ratios of the image');
    await stopModel(call, arn);
  });
});
