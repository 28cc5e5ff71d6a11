import * as assert from 'assert';
import {
  CreateDatasetCommand,
  DescribeDatasetCommand,
  DistributeDatasetEntriesCommand,
  ListDatasetEntriesCommand,
  ListDatasetLabelsCommand,
  paginateListDatasetEntries,
  type RekognitionClient,
} from '@aws-sdk/client-rekognition';
import { splitEntries } from '../../../../src/sandbox/entries/split';
import type { EntryRecord } from '../../../../src/sandbox/state/records';
import { boxLine, classLine, createProject, expectError, multiLabelLine, projectWithDataset, push, waitForDataset, useSandbox } from '../helpers';

const LABELS = ['apple', 'banana', 'cherry', 'date', 'elder'];

/** 500 entries over 5 labels, unevenly (apple is the most common), some multi-label, some detection. */
function realistic(): string[] {
  const lines: string[] = [];
  for (let i = 0; i < 500; i++) {
    const ref = `s3://fruit/img-${String(i).padStart(4, '0')}.jpg`;
    const label = LABELS[i % 7 < 3 ? 0 : (i % 7) - 2];
    if (i % 10 === 0) lines.push(multiLabelLine(ref, [label, LABELS[(LABELS.indexOf(label) + 1) % 5]]));
    else if (i % 10 === 1) lines.push(boxLine(ref, [{ label, left: 10, top: 10, width: 100, height: 100 }]));
    else lines.push(classLine(ref, label));
  }
  return lines;
}

async function allRefs(client: RekognitionClient, arn: string): Promise<string[]> {
  const refs: string[] = [];
  for await (const page of paginateListDatasetEntries({ client, pageSize: 100 }, { DatasetArn: arn })) {
    for (const line of page.DatasetEntries ?? []) refs.push(String((JSON.parse(line) as Record<string, unknown>)['source-ref']));
  }
  return refs;
}

async function labelCounts(client: RekognitionClient, arn: string): Promise<Map<string, number>> {
  const r = await client.send(new ListDatasetLabelsCommand({ DatasetArn: arn }));
  return new Map((r.DatasetLabelDescriptions ?? []).map((l) => [l.LabelName!, l.LabelStats!.EntryCount!]));
}

describe('sandbox: DistributeDatasetEntries', () => {
  const box = useSandbox({ seed: 7 });
  let client: RekognitionClient;
  beforeEach(() => {
    ({ client } = box);
  });

  async function trainAndTest(name: string, lines: string[]): Promise<{ train: string; test: string }> {
    const { projectArn, datasetArn: train } = await projectWithDataset(client, name);
    if (lines.length) assert.strictEqual((await push(client, train, lines)).Status, 'UPDATE_COMPLETE');
    const test = (await client.send(new CreateDatasetCommand({ ProjectArn: projectArn, DatasetType: 'TEST' }))).DatasetArn!;
    await waitForDataset(client, test);
    return { train, test };
  }

  it('moves about 20% of 500 entries to test, keeps every label on both sides, and no entry in both', async () => {
    const { train, test } = await trainAndTest('fruit', realistic());
    const before = await labelCounts(client, train);
    await client.send(new DistributeDatasetEntriesCommand({ Datasets: [{ Arn: train }, { Arn: test }] }));
    for (const arn of [train, test]) {
      const during = (await client.send(new DescribeDatasetCommand({ DatasetArn: arn }))).DatasetDescription!;
      assert.strictEqual(during.Status, 'UPDATE_IN_PROGRESS');
    }
    const [t, s] = await Promise.all([waitForDataset(client, train), waitForDataset(client, test)]);
    assert.strictEqual(t.Status, 'UPDATE_COMPLETE');
    assert.strictEqual(s.Status, 'UPDATE_COMPLETE');
    const trainRefs = await allRefs(client, train);
    const testRefs = await allRefs(client, test);
    assert.strictEqual(trainRefs.length + testRefs.length, 500);
    assert.ok(testRefs.length >= 95 && testRefs.length <= 110, `test got ${testRefs.length}`);
    const overlap = testRefs.filter((r) => new Set(trainRefs).has(r));
    assert.deepStrictEqual(overlap, []);
    const trainLabels = await labelCounts(client, train);
    const testLabels = await labelCounts(client, test);
    for (const label of LABELS) {
      const total = before.get(label)!;
      const inTest = testLabels.get(label) ?? 0;
      assert.strictEqual((trainLabels.get(label) ?? 0) + inTest, total, label);
      assert.ok(inTest / total > 0.12 && inTest / total < 0.3, `${label}: ${inTest} of ${total} in test`);
    }
  });

  it('is deterministic for a seed', () => {
    const entries: EntryRecord[] = Array.from({ length: 50 }, (_, i) => ({ sourceRef: `s3://bucket/${i}`, line: '{}', labels: [i % 2 ? 'a' : 'b'], boxLabels: {}, labeled: true, hasErrors: false }));
    const a = splitEntries(entries, 3);
    const b = splitEntries(entries, 3);
    const c = splitEntries(entries, 4);
    assert.ok(a.ok && b.ok && c.ok);
    assert.deepStrictEqual(a.test.map((e) => e.sourceRef), b.test.map((e) => e.sourceRef));
    assert.notDeepStrictEqual(a.test.map((e) => e.sourceRef), c.test.map((e) => e.sourceRef));
    assert.strictEqual(a.test.length, 10);
  });

  it('fails both datasets with ERROR_INSUFFICIENT_IMAGES_PER_LABEL_FOR_DISTRIBUTE when a label has one image', async () => {
    const { train, test } = await trainAndTest('few', [classLine('s3://bucket/1.jpg', 'cat'), classLine('s3://bucket/2.jpg', 'cat'), classLine('s3://bucket/3.jpg', 'dog')]);
    await client.send(new DistributeDatasetEntriesCommand({ Datasets: [{ Arn: test }, { Arn: train }] }));
    for (const arn of [train, test]) {
      const d = await waitForDataset(client, arn);
      assert.strictEqual(d.Status, 'UPDATE_FAILED');
      assert.strictEqual(d.StatusMessageCode, 'CLIENT_ERROR');
      assert.match(d.StatusMessage ?? '', /ERROR_INSUFFICIENT_IMAGES_PER_LABEL_FOR_DISTRIBUTE.*'dog'/);
    }
    assert.strictEqual((await allRefs(client, train)).length, 3, 'nothing moved');
    // After adding an image of the scarce label, the failed datasets can be distributed again.
    await push(client, train, [classLine('s3://bucket/4.jpg', 'dog')]);
    await client.send(new DistributeDatasetEntriesCommand({ Datasets: [{ Arn: train }, { Arn: test }] }));
    assert.strictEqual((await waitForDataset(client, test)).DatasetStats?.TotalEntries, 2, 'one cat and one dog');
  });

  it('refuses what the service refuses', async () => {
    const { train, test } = await trainAndTest('pre', [classLine('s3://bucket/1.jpg', 'cat'), classLine('s3://bucket/2.jpg', 'cat')]);
    const send = (Datasets: Array<{ Arn: string }>) => client.send(new DistributeDatasetEntriesCommand({ Datasets }));
    await expectError(send([{ Arn: train }]), 'InvalidParameterException', 400, /datasets.*greater than or equal to 2/);
    await expectError(send([{ Arn: train }, { Arn: test }, { Arn: test }]), 'InvalidParameterException', 400, /less than or equal to 2/);
    await expectError(send([{ Arn: train }, { Arn: train }]), 'InvalidParameterException', 400, /same dataset twice/);
    await expectError(send([{ Arn: train }, { Arn: 'nope' }]), 'InvalidParameterException', 400, /arn/);
    await expectError(send([{ Arn: train }, { Arn: test.replace(/\d+$/, '1') }]), 'ResourceNotFoundException', 400);
    const other = await trainAndTest('other', []);
    await expectError(send([{ Arn: train }, { Arn: other.test }]), 'InvalidParameterException', 400, /different projects/);
    // A test dataset that is not empty.
    await push(client, test, [classLine('s3://bucket/t.jpg', 'cat')]);
    await expectError(send([{ Arn: train }, { Arn: test }]), 'InvalidParameterException', 400, /TEST dataset is not empty/);
    // Two datasets of one type cannot exist in a project; a busy dataset is refused with an error the operation
    // lists (the model has no ResourceInUseException for DistributeDatasetEntries).
    const busy = await createProject(client, 'busy');
    const bTrain = (await client.send(new CreateDatasetCommand({ ProjectArn: busy, DatasetType: 'TRAIN' }))).DatasetArn!;
    const bTest = (await client.send(new CreateDatasetCommand({ ProjectArn: busy, DatasetType: 'TEST' }))).DatasetArn!;
    await expectError(send([{ Arn: bTrain }, { Arn: bTest }]), 'ResourceNotReadyException', 400, /CREATE_IN_PROGRESS/);
    await waitForDataset(client, bTrain);
    await waitForDataset(client, bTest);
    await client.send(new DistributeDatasetEntriesCommand({ Datasets: [{ Arn: bTrain }, { Arn: bTest }] }));
    await expectError(send([{ Arn: bTrain }, { Arn: bTest }]), 'ResourceNotReadyException', 400, /UPDATE_IN_PROGRESS/);
    const failed = await waitForDataset(client, bTrain);
    assert.match(failed.StatusMessage ?? '', /no labelled entries/);
    const entries = await client.send(new ListDatasetEntriesCommand({ DatasetArn: bTest }));
    assert.deepStrictEqual(entries.DatasetEntries, []);
  });
});
