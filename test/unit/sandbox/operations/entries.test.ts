import * as assert from 'assert';
import {
  ListDatasetEntriesCommand,
  ListDatasetLabelsCommand,
  paginateListDatasetEntries,
  UpdateDatasetEntriesCommand,
  type RekognitionClient,
} from '@aws-sdk/client-rekognition';
import type { Sandbox } from '../../../../src/sandbox';
import { entryIssues } from '../../../../src/manifest';
import { boxLine, classLine, expectError, multiLabelLine, parseEntries, projectWithDataset, push, waitForDataset, useSandbox } from '../helpers';

/** Valid classification lines totalling exactly `size` bytes. */
function exactly(size: number): Buffer {
  const parts: string[] = [];
  let used = 0;
  const base = classLine('s3://bucket/last-.jpg', 'cat').length;
  for (let i = 0; size - used > 2 * base + 400; i++) {
    const line = classLine(`s3://bucket/img-${i}.jpg`, 'cat') + '\n';
    parts.push(line);
    used += line.length;
  }
  parts.push(classLine(`s3://bucket/last-${'x'.repeat(size - used - base)}.jpg`, 'cat'));
  return Buffer.from(parts.join(''));
}

describe('sandbox: dataset entries', () => {
  const box = useSandbox();
  let sandbox: Sandbox;
  let client: RekognitionClient;
  let arn: string;
  beforeEach(async () => {
    ({ sandbox, client } = box);
    arn = (await projectWithDataset(client, 'p')).datasetArn;
  });

  const list = async (input: Omit<ConstructorParameters<typeof ListDatasetEntriesCommand>[0], 'DatasetArn'> = {}) =>
    parseEntries((await client.send(new ListDatasetEntriesCommand({ DatasetArn: arn, ...input }))).DatasetEntries);

  it('adds entries, then upserts by source-ref (replaced in place, new ones appended)', async () => {
    const d1 = await push(client, arn, [classLine('s3://bucket/1.jpg', 'cat'), classLine('s3://bucket/2.jpg', 'dog')]);
    assert.strictEqual(d1.Status, 'UPDATE_COMPLETE');
    assert.strictEqual(d1.StatusMessageCode, 'SUCCESS');
    const d2 = await push(client, arn, [classLine('s3://bucket/1.jpg', 'bird'), classLine('s3://bucket/3.jpg', 'dog')]);
    assert.deepStrictEqual(d2.DatasetStats, { LabeledEntries: 3, TotalEntries: 3, TotalLabels: 2, ErrorEntries: 0 });
    const entries = await list();
    assert.deepStrictEqual(entries.map((e) => e['source-ref']), ['s3://bucket/1.jpg', 's3://bucket/2.jpg', 's3://bucket/3.jpg']);
    assert.strictEqual((entries[0]['label-metadata'] as Record<string, unknown>)['class-name'], 'bird');
  });

  it('drops lines the service drops (bad JSON, no source-ref, repeated source-ref), silently', async () => {
    const lines = [
      classLine('s3://bucket/1.jpg', 'cat'),
      classLine('s3://bucket/2.jpg', 'cat'),
      classLine('s3://bucket/3.jpg', 'cat'),
      classLine('s3://bucket/4.jpg', 'cat'),
      classLine('s3://bucket/5.jpg', 'cat'),
      classLine('s3://bucket/6.jpg', 'cat'),
      classLine('s3://bucket/7.jpg', 'cat'),
      classLine('s3://bucket/8.jpg', 'cat'),
      '{"source-ref": "s3://bucket/broken.jpg", ',
      classLine('s3://bucket/1.jpg', 'dog'),
    ];
    const d = await push(client, arn, lines);
    assert.strictEqual(d.Status, 'UPDATE_COMPLETE', '2 of 10 invalid is not over 20%');
    assert.strictEqual(d.DatasetStats?.TotalEntries, 8);
    const first = (await list({ SourceRefContains: '/1.jpg' }))[0];
    assert.strictEqual((first['label-metadata'] as Record<string, unknown>)['class-name'], 'cat', 'the first of a repeated source-ref is kept');
  });

  it('records per-entry errors the way ListDatasetEntries shows them, and filters on them', async () => {
    const good = Array.from({ length: 9 }, (_, i) => boxLine(`s3://bucket/ok-${i}.jpg`, [{ label: 'car', left: 10, top: 10, width: 100, height: 80 }]));
    const offImage = boxLine('s3://bucket/off.jpg', [{ label: 'car', left: 700, top: 500, width: 300, height: 200 }]);
    const d = await push(client, arn, [...good, offImage]);
    assert.strictEqual(d.Status, 'UPDATE_COMPLETE');
    assert.strictEqual(d.DatasetStats?.ErrorEntries, 1);
    const withErrors = await list({ HasErrors: true });
    assert.deepStrictEqual(withErrors.map((e) => e['source-ref']), ['s3://bucket/off.jpg']);
    // Where the service writes it: on the annotation (read back as the extension reads it).
    const errors = entryIssues(JSON.stringify(withErrors[0])).issues.filter((i) => i.severity === 'error');
    assert.ok(errors.length > 0);
    assert.ok(errors.some((e) => e.code === 'ERROR_INVALID_BOUNDING_BOX' && e.path.endsWith('.annotations[0]')), JSON.stringify(errors));
    assert.ok(errors.every((e) => e.message.length > 0 && !e.code.startsWith('CL_')));
    assert.strictEqual((await list({ HasErrors: false })).length, 9);
    assert.ok((await list({ HasErrors: false })).every((e) => entryIssues(JSON.stringify(e)).issues.every((i) => i.severity !== 'error')));
  });

  it('strips service keys from a pushed line before validating it again', async () => {
    const fixed = JSON.parse(classLine('s3://bucket/x.jpg', 'cat')) as Record<string, unknown>;
    fixed.errors = [{ code: 'ERROR_INVALID_BOUNDING_BOX', message: 'old' }];
    fixed['cl-errors'] = [{ code: 'ERROR_NO_LABEL_ATTRIBUTES', message: 'old' }];
    const d = await push(client, arn, [JSON.stringify(fixed)]);
    assert.strictEqual(d.DatasetStats?.ErrorEntries, 0);
    const [entry] = await list();
    assert.ok(!('errors' in entry) && !('cl-errors' in entry));
  });

  it('fails the whole update over 20% invalid lines: UPDATE_FAILED, CLIENT_ERROR, ERROR_TOO_MANY_RECORDS_IN_ERROR, nothing applied', async () => {
    await push(client, arn, [classLine('s3://bucket/keep.jpg', 'cat')]);
    const lines = [classLine('s3://bucket/1.jpg', 'cat'), classLine('s3://bucket/2.jpg', 'cat'), classLine('s3://bucket/3.jpg', 'cat'), 'not json', '{"no-source":1}'];
    const d = await push(client, arn, lines);
    assert.strictEqual(d.Status, 'UPDATE_FAILED');
    assert.strictEqual(d.StatusMessageCode, 'CLIENT_ERROR');
    assert.match(d.StatusMessage ?? '', /ERROR_TOO_MANY_RECORDS_IN_ERROR/);
    assert.match(d.StatusMessage ?? '', /2 of 5 lines \(40%\)/);
    assert.strictEqual(d.DatasetStats?.TotalEntries, 1);
    const again = await push(client, arn, [classLine('s3://bucket/9.jpg', 'dog')]);
    assert.strictEqual(again.Status, 'UPDATE_COMPLETE', 'a failed update can be retried');
  });

  it('enforces the 1 to 5,242,880 decoded bytes of Changes.GroundTruth', async () => {
    const send = (bytes: Buffer) => client.send(new UpdateDatasetEntriesCommand({ DatasetArn: arn, Changes: { GroundTruth: bytes } }));
    await expectError(send(Buffer.alloc(5_242_881, 0x20)), 'InvalidParameterException', 400, /5242881 bytes; at most 5242880/);
    await expectError(send(Buffer.alloc(0)), 'InvalidParameterException', 400, /empty/);
    await expectError(client.send(new UpdateDatasetEntriesCommand({ DatasetArn: arn } as never)), 'InvalidParameterException', 400, /changes.*must not be null/);
    // Exactly at the limit: accepted (valid lines, the last one's source-ref padded to reach 5,242,880 bytes).
    const padded = exactly(5_242_880);
    assert.strictEqual(padded.length, 5_242_880);
    await send(padded);
    const d = await waitForDataset(client, arn);
    assert.strictEqual(d.Status, 'UPDATE_COMPLETE');
    assert.strictEqual(sandbox.requests.filter((r) => r.operation === 'UpdateDatasetEntries').at(-1)?.payloadBytes, 5_242_880);
  });

  it('computes stats and labels (entry and bounding-box counts) from the stored entries', async () => {
    await push(client, arn, [
      classLine('s3://bucket/c1.jpg', 'cat'),
      classLine('s3://bucket/c2.jpg', 'cat'),
      multiLabelLine('s3://bucket/m.jpg', ['cat', 'dog']),
      boxLine('s3://bucket/d1.jpg', [
        { label: 'car', left: 10, top: 10, width: 50, height: 50 },
        { label: 'car', left: 100, top: 100, width: 50, height: 50 },
        { label: 'bus', left: 200, top: 200, width: 50, height: 50 },
      ]),
    ]);
    const d = await waitForDataset(client, arn);
    assert.deepStrictEqual(d.DatasetStats, { LabeledEntries: 4, TotalEntries: 4, TotalLabels: 4, ErrorEntries: 0 });
    const labels = (await client.send(new ListDatasetLabelsCommand({ DatasetArn: arn }))).DatasetLabelDescriptions;
    assert.deepStrictEqual(
      labels?.map((l) => [l.LabelName, l.LabelStats?.EntryCount, l.LabelStats?.BoundingBoxCount]),
      [
        ['bus', 1, 1],
        ['car', 1, 2],
        ['cat', 3, 0],
        ['dog', 1, 0],
      ],
    );
    const page1 = await client.send(new ListDatasetLabelsCommand({ DatasetArn: arn, MaxResults: 3 }));
    assert.strictEqual(page1.DatasetLabelDescriptions?.length, 3);
    const page2 = await client.send(new ListDatasetLabelsCommand({ DatasetArn: arn, MaxResults: 3, NextToken: page1.NextToken }));
    assert.deepStrictEqual(page2.DatasetLabelDescriptions?.map((l) => l.LabelName), ['dog']);
    assert.strictEqual(page2.NextToken, undefined);
  });

  it('filters entries by labels, labelled state and source-ref, and validates the filters', async () => {
    await push(client, arn, [
      classLine('s3://bucket/cats/1.jpg', 'cat'),
      classLine('s3://bucket/dogs/1.jpg', 'dog'),
      multiLabelLine('s3://bucket/both/1.jpg', ['cat', 'dog']),
      boxLine('s3://bucket/cars/1.jpg', [{ label: 'car', left: 10, top: 10, width: 50, height: 50 }]),
    ]);
    const refs = (es: Array<Record<string, unknown>>) => es.map((e) => e['source-ref']);
    assert.deepStrictEqual(refs(await list({ ContainsLabels: ['cat'] })), ['s3://bucket/cats/1.jpg', 's3://bucket/both/1.jpg']);
    assert.deepStrictEqual(refs(await list({ ContainsLabels: ['car', 'dog'] })), ['s3://bucket/dogs/1.jpg', 's3://bucket/both/1.jpg', 's3://bucket/cars/1.jpg']);
    assert.deepStrictEqual(refs(await list({ SourceRefContains: 'dogs/' })), ['s3://bucket/dogs/1.jpg']);
    assert.strictEqual((await list({ Labeled: true })).length, 4);
    assert.strictEqual((await list({ Labeled: false })).length, 0);
    await expectError(client.send(new ListDatasetEntriesCommand({ DatasetArn: arn, ContainsLabels: [] })), 'InvalidParameterException', 400, /containsLabels.*greater than or equal to 1/);
    await expectError(
      client.send(new ListDatasetEntriesCommand({ DatasetArn: arn, ContainsLabels: Array.from({ length: 11 }, (_, i) => `l${i}`) })),
      'InvalidParameterException',
      400,
      /less than or equal to 10/,
    );
    await expectError(client.send(new ListDatasetEntriesCommand({ DatasetArn: arn, SourceRefContains: '' })), 'InvalidParameterException', 400, /sourceRefContains/);
  });

  it('pages entries with MaxResults and NextToken (the SDK paginator sees every entry once)', async () => {
    const lines = Array.from({ length: 250 }, (_, i) => classLine(`s3://bucket/img-${String(i).padStart(3, '0')}.jpg`, i % 2 ? 'cat' : 'dog'));
    await push(client, arn, lines);
    const seen: string[] = [];
    let pages = 0;
    for await (const page of paginateListDatasetEntries({ client, pageSize: 100 }, { DatasetArn: arn })) {
      pages++;
      for (const e of parseEntries(page.DatasetEntries)) seen.push(String(e['source-ref']));
    }
    assert.strictEqual(pages, 3);
    assert.strictEqual(seen.length, 250);
    assert.strictEqual(new Set(seen).size, 250);
    const first = await client.send(new ListDatasetEntriesCommand({ DatasetArn: arn, MaxResults: 10, ContainsLabels: ['cat'] }));
    await expectError(
      client.send(new ListDatasetEntriesCommand({ DatasetArn: arn, MaxResults: 10, NextToken: first.NextToken })),
      'InvalidPaginationTokenException',
      400,
      /NextToken/,
    );
    await expectError(client.send(new ListDatasetEntriesCommand({ DatasetArn: arn, MaxResults: 101 })), 'InvalidParameterException', 400, /maxResults/);
  });
});
