/**
 * End to end: the service layer through the REAL SDK client (serialization, signing, retries,
 * error parsing, pagination) against the local sandbox over HTTP.
 */
import * as assert from 'assert';
import { startSandbox } from '../../../src/sandbox';
import { createCustomLabelsService, type DisposableCustomLabelsService } from '../../../src/rekognition/service';
import { createCancellationSource } from '../../../src/rekognition/cancellation';
import { lineBytes, MAX_BATCH_BYTES } from '../../../src/rekognition/pack';
import { CustomLabelsError, type ConnectionSettings } from '../../../src/rekognition/types';
import { planPush, type LineValidator } from '../../../src/rekognition/push-plan';
import { validateLine } from '../../../src/manifest/validate';
import { BUCKET, classificationLine, detectionLine, sourceRefOf } from './lines';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

const FAST_WAIT = { initialIntervalMs: 2, maxIntervalMs: 20, timeoutMs: 60_000 };

function settingsFor(sandbox: Sandbox, extra: Partial<ConnectionSettings> = {}): ConnectionSettings {
  return {
    region: sandbox.region,
    endpoint: sandbox.endpoint,
    credentials: { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'sandbox-secret' },
    maxAttempts: 1,
    ...extra,
  };
}

async function allEntries(service: DisposableCustomLabelsService, arn: string, filter = {}): Promise<string[]> {
  const out: string[] = [];
  for await (const page of service.listEntries(arn, filter)) out.push(...page);
  return out;
}

function updates(sandbox: Sandbox) {
  return sandbox.requests.filter((r) => r.operation === 'UpdateDatasetEntries');
}

async function rejectsWith(p: Promise<unknown>, code: string, pattern: RegExp): Promise<CustomLabelsError> {
  let caught: unknown;
  await assert.rejects(p, (e: unknown) => {
    caught = e;
    assert.ok(e instanceof CustomLabelsError, `a CustomLabelsError, got ${String(e)}`);
    assert.strictEqual(e.code, code);
    assert.match(e.message, pattern);
    return true;
  });
  return caught as CustomLabelsError;
}

describe('rekognition service against the sandbox (real SDK client)', function () {
  this.timeout(120_000);
  let sandbox: Sandbox;
  let service: DisposableCustomLabelsService;
  let n = 0;
  const uniqueName = (prefix: string) => `${prefix}-${++n}`;

  /** A project with empty train and test datasets, both complete. */
  async function freshProject(): Promise<{ project: string; train: string; test: string }> {
    const project = await service.createProject(uniqueName('proj'));
    const train = await service.createDataset(project, 'TRAIN', { kind: 'empty' });
    const test = await service.createDataset(project, 'TEST', { kind: 'empty' });
    await service.waitForStatus(train, FAST_WAIT);
    await service.waitForStatus(test, FAST_WAIT);
    return { project, train, test };
  }

  before(async () => {
    sandbox = await startSandbox({ transitionDelayMs: 10, seed: 7 });
    service = createCustomLabelsService(settingsFor(sandbox));
  });
  after(async () => {
    service?.dispose();
    await sandbox?.close();
  });
  afterEach(() => {
    sandbox.faults.throttleEveryNth = undefined;
    sandbox.faults.internalErrorEveryNth = undefined;
    sandbox.faults.failNextUpdate = undefined;
    sandbox.faults.operations = undefined;
  });

  it('every operation: projects, datasets, entries with filters, labels, copy, delete', async () => {
    const name = uniqueName('every-op');
    const project = await service.createProject(name);
    const listed = (await service.listProjects()).find((p) => p.arn === project);
    assert.ok(listed, 'the new project is listed');
    assert.strictEqual(listed.name, name);
    assert.strictEqual(listed.feature, 'CUSTOM_LABELS');

    const train = await service.createDataset(project, 'TRAIN', { kind: 'empty' });
    const created = await service.waitForStatus(train, FAST_WAIT);
    assert.strictEqual(created.status, 'CREATE_COMPLETE');
    assert.strictEqual(created.type, 'TRAIN');
    assert.ok(created.created instanceof Date);

    const lines = [
      classificationLine(1, 'cat'),
      classificationLine(2, 'cat'),
      classificationLine(3, 'dog'),
      detectionLine(4, 'bird'),
    ];
    const pushed = await service.pushEntries(train, lines, { wait: FAST_WAIT });
    assert.deepStrictEqual(pushed.landed, [0, 1, 2, 3]);
    assert.strictEqual(pushed.dataset?.status, 'UPDATE_COMPLETE');

    const d = await service.describeDataset(train);
    assert.strictEqual(d.stats.totalEntries, 4);
    assert.strictEqual(d.stats.labeledEntries, 4);
    assert.ok(d.lastUpdated instanceof Date);

    assert.deepStrictEqual((await allEntries(service, train)).map(sourceRefOf).sort(), lines.map(sourceRefOf).sort());
    assert.deepStrictEqual(
      (await allEntries(service, train, { containsLabels: ['cat'] })).map(sourceRefOf).sort(),
      [sourceRefOf(lines[0]), sourceRefOf(lines[1])],
    );
    assert.deepStrictEqual((await allEntries(service, train, { sourceRefContains: '/boxes/' })).map(sourceRefOf), [sourceRefOf(lines[3])]);
    assert.deepStrictEqual(await allEntries(service, train, { labeled: false }), []);

    const labels = await service.listLabels(train);
    assert.deepStrictEqual(
      labels.map((l) => [l.name, l.entryCount]).sort(),
      [['bird', 1], ['cat', 2], ['dog', 1]],
    );
    assert.strictEqual(labels.find((l) => l.name === 'bird')?.boundingBoxCount, 1);

    // A test dataset copied from the training dataset.
    const test = await service.createDataset(project, 'TEST', { kind: 'copy', datasetArn: train });
    const copied = await service.waitForStatus(test, FAST_WAIT);
    assert.strictEqual(copied.stats.totalEntries, 4);

    const withDatasets = (await service.listProjects()).find((p) => p.arn === project);
    assert.deepStrictEqual(withDatasets?.datasets.map((x) => x.type).sort(), ['TEST', 'TRAIN']);

    await service.deleteDataset(test);
    await service.deleteDataset(train);
    // Waiting on a deleted dataset polls through DELETE_IN_PROGRESS until it is gone.
    await rejectsWith(service.waitForStatus(test, FAST_WAIT), 'ResourceNotFoundException', /not found/);
    await rejectsWith(service.waitForStatus(train, FAST_WAIT), 'ResourceNotFoundException', /not found/);
    await service.deleteProject(project);
    const gone = await service.listProjects();
    assert.ok(gone.every((p) => p.arn !== project || p.status === 'DELETING'), 'the project is gone or going');
  });

  it('lists all pages of projects, and Content Moderation projects only when asked', async () => {
    const names = Array.from({ length: 105 }, () => uniqueName('many'));
    for (const name of names) await service.createProject(name);
    const all = await service.listProjects();
    assert.strictEqual(all.filter((p) => p.name.startsWith('many-')).length, 105, 'each once');
    const listedNames = new Set(all.map((p) => p.name));
    for (const name of names) assert.ok(listedNames.has(name), name);
    const pages = sandbox.requests.filter((r) => r.operation === 'DescribeProjects').length;
    assert.ok(pages >= 2, 'more than one page was read');
    const both = await service.listProjects({ features: ['CUSTOM_LABELS', 'CONTENT_MODERATION'] });
    assert.ok(both.length >= all.length);
  });

  it('maps service errors to actionable CustomLabelsErrors', async () => {
    const { project, train } = await freshProject();
    const ghost = train.replace(/\/\d+$/, '/1');
    const nf = await rejectsWith(service.describeDataset(ghost), 'ResourceNotFoundException', /^Describe dataset failed: .*not found.*refresh the explorer/);
    assert.ok(nf.cause instanceof Error && nf.cause.name === 'ResourceNotFoundException', 'keeps the original as cause');

    await rejectsWith(service.createDataset(project, 'TRAIN', { kind: 'empty' }), 'ResourceAlreadyExistsException', /already has a dataset of this type/);
    const projectName = project.split('/')[1];
    // CreateProject reports a taken name as ResourceInUseException (API reference).
    await rejectsWith(service.createProject(projectName), 'ResourceInUseException', /already exists.*Choose another name/);

    // Our own checks refuse bad input before any request.
    const count = sandbox.requests.length;
    await rejectsWith(service.describeDataset(project), 'INVALID_ARN', /not a dataset ARN: it is a project ARN/);
    await rejectsWith(service.createProject('bad name!'), 'INVALID_PARAMETER', /not allowed: " ", "!"/);
    await assert.rejects(async () => {
      for await (const _ of service.listEntries(train, { containsLabels: Array(11).fill('x') })) void _;
    }, /at most 10 are allowed/);
    assert.strictEqual(sandbox.requests.length, count, 'no request was sent for invalid input');

    // A closed endpoint: what to check.
    const dead = createCustomLabelsService({ ...settingsFor(sandbox), endpoint: 'http://127.0.0.1:1' });
    await rejectsWith(dead.listProjects(), 'ECONNREFUSED', /could not reach http:\/\/127\.0\.0\.1:1.*endpoint/);
    dead.dispose();
  });

  it('a push of more than 5 MB arrives complete, in the minimum number of requests, no line twice', async () => {
    const { train } = await freshProject();
    // ~1 KB lines with 3-byte characters: byte counts differ from string lengths.
    const lines = Array.from({ length: 12_000 }, (_, i) => classificationLine(i, i % 3 === 0 ? 'cat' : 'dog', 300));
    const perLine = lineBytes(lines[0]);
    assert.ok(lines.every((l) => lineBytes(l) === perLine), 'uniform line size for an exact minimum');
    assert.ok(perLine > lines[0].length + 500, 'multi-byte content');
    const total = perLine * lines.length;
    assert.ok(total > 2 * MAX_BATCH_BYTES, `${total} bytes: more than two requests' worth`);
    const perRequest = Math.floor(MAX_BATCH_BYTES / perLine);
    const minimum = Math.ceil(lines.length / perRequest);

    const before = updates(sandbox).length;
    const result = await service.pushEntries(train, lines, { wait: FAST_WAIT });
    const sent = updates(sandbox).slice(before);

    assert.strictEqual(result.batches.length, minimum);
    assert.strictEqual(sent.length, minimum, 'one request per batch: no retries, no extra calls');
    assert.deepStrictEqual(result.batches.map((b) => b.state), Array(minimum).fill('landed'));
    assert.deepStrictEqual(result.batches.map((b) => b.bytes), sent.map((r) => r.payloadBytes), 'the sandbox decoded exactly the bytes we counted');
    for (const b of result.batches) assert.ok(b.bytes <= MAX_BATCH_BYTES);
    assert.deepStrictEqual(result.landed, lines.map((_, i) => i));
    assert.deepStrictEqual(result.batches.flatMap((b) => b.lines), lines.map((_, i) => i), 'order kept, each line once');

    const stored = await allEntries(service, train);
    assert.strictEqual(stored.length, lines.length);
    assert.strictEqual(new Set(stored.map(sourceRefOf)).size, lines.length, 'no line twice');
    assert.deepStrictEqual(new Set(stored.map(sourceRefOf)), new Set(lines.map(sourceRefOf)));
    const d = await service.describeDataset(train);
    assert.strictEqual(d.stats.totalEntries, lines.length);
  });

  it('a push validates each line once: the plan is made once and sent as it is', async () => {
    const { train } = await freshProject();
    let calls = 0;
    const counting: LineValidator = (text, line) => {
      calls++;
      return validateLine(text, line);
    };
    const counted = createCustomLabelsService(settingsFor(sandbox), { validateLine: counting });
    try {
      const n = 40;
      const lines = [...Array.from({ length: n - 2 }, (_, i) => classificationLine(i, 'cat')), '{"source-ref": "s3://b/x.jpg", ', classificationLine(0, 'cat')];
      // The push command's path: plan with the validator, ask about the invalid lines, push the plan.
      const plan = planPush(lines, counting);
      const result = await counted.pushEntries(train, plan, { wait: FAST_WAIT, includeErrors: false });
      assert.deepStrictEqual(result.landed, lines.slice(0, n - 2).map((_, i) => i));
      assert.strictEqual(calls, n, `${n} lines pushed, ${calls} validator calls`);
      // Given lines, the service plans them itself: once each too.
      calls = 0;
      await counted.pushEntries(train, lines, { wait: FAST_WAIT });
      assert.strictEqual(calls, n, `${n} lines pushed, ${calls} validator calls`);
    } finally {
      counted.dispose();
    }
  });

  it('refuses the lines the service would drop, and pushes the rest', async () => {
    const { train } = await freshProject();
    const lines = [
      classificationLine(1, 'cat'),
      '{"source-ref": "s3://b/x.jpg", ',
      classificationLine(1, 'cat'),
      JSON.stringify({ label: 1 }),
      classificationLine(2, 'dog'),
    ];
    const result = await service.pushEntries(train, lines, { wait: FAST_WAIT });
    assert.deepStrictEqual(result.landed, [0, 4]);
    assert.deepStrictEqual(
      result.rejected.map((r) => [r.line, r.code]),
      [
        [1, 'ERROR_INVALID_JSON_LINE'],
        [2, 'CL_DUPLICATE_SOURCE_REF'],
        [3, 'ERROR_MISSING_SOURCE_REF'],
      ],
    );
    assert.strictEqual((await allEntries(service, train)).length, 2);
  });

  it('distributes a realistic dataset: test gets ~20%, labels preserved', async () => {
    const { train, test } = await freshProject();
    const labels = ['cat', 'dog', 'bird', 'fish'];
    const lines = Array.from({ length: 400 }, (_, i) => classificationLine(i, labels[i % labels.length]));
    await service.pushEntries(train, lines, { wait: FAST_WAIT });

    const result = await service.distribute(train, test, FAST_WAIT);
    assert.strictEqual(result.train.status, 'UPDATE_COMPLETE');
    assert.strictEqual(result.test.status, 'UPDATE_COMPLETE');
    const trainEntries = (await allEntries(service, train)).map(sourceRefOf);
    const testEntries = (await allEntries(service, test)).map(sourceRefOf);
    assert.strictEqual(trainEntries.length + testEntries.length, 400, 'nothing lost');
    assert.strictEqual(new Set([...trainEntries, ...testEntries]).size, 400, 'no image in both');
    assert.ok(testEntries.length >= 60 && testEntries.length <= 100, `test holds ${testEntries.length} of 400 (~20%)`);
    const testLabels = await service.listLabels(test);
    assert.deepStrictEqual(testLabels.map((l) => l.name).sort(), [...labels].sort(), 'every label in the test dataset');
    const trainLabels = await service.listLabels(train);
    assert.deepStrictEqual(trainLabels.map((l) => l.name).sort(), [...labels].sort(), 'every label still in training');

    // Now the test dataset is not empty: refused before any call.
    const before = sandbox.requests.filter((r) => r.operation === 'DistributeDatasetEntries').length;
    await rejectsWith(service.distribute(train, test, FAST_WAIT), 'PRECONDITION_FAILED', /test dataset is not empty/);
    assert.strictEqual(sandbox.requests.filter((r) => r.operation === 'DistributeDatasetEntries').length, before);
  });

  it('refuses distribute preconditions with clear errors', async () => {
    const a = await freshProject();
    const b = await freshProject();
    await rejectsWith(service.distribute(a.train, b.test, FAST_WAIT), 'PRECONDITION_FAILED', /different projects/);
    await rejectsWith(service.distribute(a.test, a.train, FAST_WAIT), 'PRECONDITION_FAILED', /ARNs are swapped/);
    await rejectsWith(service.distribute(a.train, a.test, FAST_WAIT), 'PRECONDITION_FAILED', /training dataset is empty/);
    await service.pushEntries(a.train, [classificationLine(1, 'cat'), classificationLine(2, 'cat'), classificationLine(3, 'dog')], { wait: FAST_WAIT });
    await rejectsWith(service.distribute(a.train, a.test, FAST_WAIT), 'PRECONDITION_FAILED', /"dog" \(1 image\)/);
  });

  it('cancelled while batch 2 updates: batches 1 and 2 landed (the push waits for the one the service accepted), the rest not sent; pushing the file again sends only the rest', async () => {
    const { train } = await freshProject();
    const lines = Array.from({ length: 40 }, (_, i) => classificationLine(i, 'cat'));
    const source = createCancellationSource();
    const before = updates(sandbox).length;
    const result = await service.pushEntries(train, lines, {
      maxBatchBytes: lineBytes(lines[0]) * 10,
      wait: FAST_WAIT,
      cancellation: source.token,
      progress: { report: (m) => /^Batch 2 of 4 sent/.test(m) && source.cancel() },
    });
    assert.strictEqual(result.cancelled, true);
    assert.strictEqual(updates(sandbox).length - before, 2);
    // Cancelled while batch 2 was updating: the service had accepted it, the push waited and says it landed.
    assert.deepStrictEqual(result.batches.map((b) => b.state), ['landed', 'landed', 'not-sent', 'not-sent']);
    assert.deepStrictEqual(result.landed, lines.map((_, i) => i).slice(0, 20));
    assert.deepStrictEqual(result.unknown, []);
    assert.strictEqual(result.dataset?.stats.totalEntries, 20, 'the counts after batch 2');
    assert.deepStrictEqual(result.notLanded, lines.map((_, i) => i).slice(20));

    // Pushing the whole file again compares first and sends only the 20 lines never sent.
    const mark = updates(sandbox).length;
    const rest = await service.pushEntries(train, lines, { maxBatchBytes: lineBytes(lines[0]) * 10, wait: FAST_WAIT });
    assert.deepStrictEqual(rest.unchanged, lines.map((_, i) => i).slice(0, 20));
    assert.deepStrictEqual(rest.landed, lines.map((_, i) => i).slice(20));
    assert.strictEqual(updates(sandbox).length - mark, 2);
    const stored = (await allEntries(service, train)).map(sourceRefOf);
    assert.deepStrictEqual(stored.sort(), lines.map(sourceRefOf).sort());
  });

  it('retries injected throttling and 500s: nothing lost or duplicated', async () => {
    const { train } = await freshProject();
    const retrying = createCustomLabelsService(settingsFor(sandbox, { maxAttempts: 5 }));
    try {
      sandbox.faults.throttleEveryNth = 3;
      sandbox.faults.internalErrorEveryNth = 5;
      const lines = Array.from({ length: 60 }, (_, i) => classificationLine(i, i % 2 ? 'cat' : 'dog'));
      const result = await retrying.pushEntries(train, lines, { maxBatchBytes: lineBytes(lines[0]) * 10, wait: FAST_WAIT });
      assert.deepStrictEqual(result.batches.map((b) => b.state), Array(6).fill('landed'));
      assert.strictEqual(result.landed.length, 60);
      const stored: string[] = [];
      for await (const page of retrying.listEntries(train)) stored.push(...page);
      assert.strictEqual(stored.length, 60);
      assert.strictEqual(new Set(stored.map(sourceRefOf)).size, 60);
    } finally {
      retrying.dispose();
    }
    // With one attempt, a throttled call surfaces as an actionable error.
    sandbox.faults.throttleEveryNth = 1;
    await rejectsWith(service.listProjects(), 'ThrottlingException', /throttling requests.*try again/);
  });

  it('a failed batch (failNextUpdate) is reported exactly; later batches are not sent', async () => {
    const { train } = await freshProject();
    const lines = Array.from({ length: 30 }, (_, i) => classificationLine(i, 'cat'));
    // The first batch lands, then the next update fails.
    let armed = false;
    const result = await service.pushEntries(train, lines, {
      maxBatchBytes: lineBytes(lines[0]) * 10,
      wait: FAST_WAIT,
      progress: {
        report: (m) => {
          if (!armed && /^Batch 1 of 3 sent/.test(m)) {
            armed = true;
            sandbox.faults.failNextUpdate = true;
          }
        },
      },
    });
    assert.deepStrictEqual(result.batches.map((b) => b.state), ['landed', 'refused', 'not-sent']);
    assert.ok(result.batches[1].error && result.batches[1].error.length > 10, 'the failure is explained');
    assert.deepStrictEqual(result.landed, lines.map((_, i) => i).slice(0, 10));
    assert.deepStrictEqual(result.notLanded, lines.map((_, i) => i).slice(10));
    const stored = (await allEntries(service, train)).map(sourceRefOf);
    assert.deepStrictEqual(stored.sort(), lines.slice(0, 10).map(sourceRefOf).sort());
  });

  it('streams entries page by page and stops when cancelled', async () => {
    const { train } = await freshProject();
    const lines = Array.from({ length: 250 }, (_, i) => classificationLine(i, 'cat'));
    await service.pushEntries(train, lines, { wait: FAST_WAIT });
    const source = createCancellationSource();
    const pages: number[] = [];
    await rejectsWith(
      (async () => {
        for await (const page of service.listEntries(train, {}, source.token)) {
          pages.push(page.length);
          source.cancel();
        }
      })(),
      'CANCELLED',
      /cancelled/,
    );
    assert.deepStrictEqual(pages, [100]);
    const sizes: number[] = [];
    for await (const page of service.listEntries(train)) sizes.push(page.length);
    assert.deepStrictEqual(sizes, [100, 100, 50]);
  });

  it('keeps the bucket in source-refs intact through the wire', async () => {
    const { train } = await freshProject();
    await service.pushEntries(train, [classificationLine(9, 'ünïcødé-猫')], { wait: FAST_WAIT });
    const [entry] = await allEntries(service, train);
    assert.ok(sourceRefOf(entry).startsWith(`s3://${BUCKET}/`));
    assert.strictEqual(JSON.parse(entry)['animal-metadata']['class-name'], 'ünïcødé-猫');
  });
});
