/**
 * NextToken as the model has it (ExtendedPaginationToken: 0-1,024 characters, whatever the
 * filters) and InvalidPaginationTokenException for a token the sandbox did not hand out (issue #11).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  CreateDatasetCommand,
  DescribeProjectsCommand,
  ListDatasetEntriesCommand,
  ListDatasetLabelsCommand,
  type RekognitionClient,
} from '@aws-sdk/client-rekognition';
import type { Sandbox } from '../../../src/sandbox';
import { classLine, clientFor, createProject, expectError, multiLabelLine, projectWithDataset, push, start, useSandbox } from './helpers';

describe('sandbox: pagination tokens', () => {
  const box = useSandbox();
  let client: RekognitionClient;
  let arn: string;
  const labels = Array.from({ length: 10 }, (_, i) => `${'l'.repeat(250)}-${i}`);
  beforeEach(async () => {
    client = box.client;
    arn = (await projectWithDataset(client, 'pages')).datasetArn;
    const refPart = 'r'.repeat(1500);
    await push(client, arn, Array.from({ length: 7 }, (_, i) => multiLabelLine(`s3://bucket/${refPart}/${i}.jpg`, [labels[i % 10], 'cat'])));
  });

  it('keeps NextToken within 1,024 characters with the longest filters, and pages on with it', async () => {
    // SourceRefContains at its 2,048 maximum would match nothing here: 1,500 characters of the source-refs.
    const filters = { ContainsLabels: labels, SourceRefContains: 'r'.repeat(1500), Labeled: true, HasErrors: false };
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const r = await client.send(new ListDatasetEntriesCommand({ DatasetArn: arn, ...filters, MaxResults: 2, NextToken: token }));
      token = r.NextToken;
      if (token !== undefined) assert.ok(token.length <= 1024, `a NextToken of ${token.length} characters`);
      seen.push(...(r.DatasetEntries ?? []));
      pages++;
    } while (token);
    assert.strictEqual(seen.length, 7);
    assert.strictEqual(new Set(seen).size, 7, 'no entry twice');
    assert.strictEqual(pages, 4);
  });

  it('answers an unknown or forged token with InvalidPaginationTokenException', async () => {
    for (const NextToken of ['nope', 'x'.repeat(1024), Buffer.from(JSON.stringify({ o: 1, s: `ListDatasetEntries:${arn}` })).toString('base64')]) {
      await expectError(client.send(new ListDatasetEntriesCommand({ DatasetArn: arn, NextToken })), 'InvalidPaginationTokenException', 400, /NextToken is invalid or expired/);
      await expectError(client.send(new ListDatasetLabelsCommand({ DatasetArn: arn, NextToken })), 'InvalidPaginationTokenException', 400);
      await expectError(client.send(new DescribeProjectsCommand({ NextToken })), 'InvalidPaginationTokenException', 400);
    }
  });

  it('refuses a token sent with other filters, or to another operation', async () => {
    const first = await client.send(new ListDatasetEntriesCommand({ DatasetArn: arn, MaxResults: 1 }));
    assert.ok(first.NextToken);
    await expectError(client.send(new ListDatasetEntriesCommand({ DatasetArn: arn, MaxResults: 1, HasErrors: true, NextToken: first.NextToken })), 'InvalidPaginationTokenException', 400);
    await expectError(client.send(new ListDatasetLabelsCommand({ DatasetArn: arn, NextToken: first.NextToken })), 'InvalidPaginationTokenException', 400);
    // The same request again with the same token (a retry) gets the same page.
    const a = await client.send(new ListDatasetEntriesCommand({ DatasetArn: arn, MaxResults: 1, NextToken: first.NextToken }));
    const b = await client.send(new ListDatasetEntriesCommand({ DatasetArn: arn, MaxResults: 1, NextToken: first.NextToken }));
    assert.deepStrictEqual(a.DatasetEntries, b.DatasetEntries);
  });

  it('pages labels and projects with short tokens too', async () => {
    const l1 = await client.send(new ListDatasetLabelsCommand({ DatasetArn: arn, MaxResults: 5 }));
    assert.ok(l1.NextToken && l1.NextToken.length <= 1024);
    const l2 = await client.send(new ListDatasetLabelsCommand({ DatasetArn: arn, MaxResults: 5, NextToken: l1.NextToken }));
    assert.deepStrictEqual([...(l1.DatasetLabelDescriptions ?? []), ...(l2.DatasetLabelDescriptions ?? [])].map((l) => l.LabelName), ['cat', ...labels.slice(0, 7)].sort());
    assert.strictEqual(l2.NextToken, undefined);
    for (let i = 0; i < 3; i++) await createProject(client, `more-${i}`);
    const names = ['pages', 'more-0', 'more-1', 'more-2'];
    const p1 = await client.send(new DescribeProjectsCommand({ ProjectNames: names, MaxResults: 3 }));
    assert.ok(p1.NextToken && p1.NextToken.length <= 1024);
    const p2 = await client.send(new DescribeProjectsCommand({ ProjectNames: names, MaxResults: 3, NextToken: p1.NextToken }));
    assert.deepStrictEqual([...(p1.ProjectDescriptions ?? []), ...(p2.ProjectDescriptions ?? [])].map((p) => p.ProjectArn?.split('/')[1]), names);
  });
});

describe('sandbox: CreateDataset copying a dataset that is not ready', () => {
  let sandbox: Sandbox;
  let client: RekognitionClient;
  let root: string;
  beforeEach(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-copy-'));
    fs.mkdirSync(path.join(root, 'bucket'));
    fs.writeFileSync(path.join(root, 'bucket', 'm.manifest'), classLine('s3://bucket/1.jpg', 'cat'));
    sandbox = await start({ s3Root: root, transitionDelayMs: 250 });
    client = clientFor(sandbox);
  });
  afterEach(async () => {
    client.destroy();
    await sandbox.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('answers InvalidParameterException (an error CreateDataset lists), not ResourceNotReadyException', async () => {
    const projectArn = await createProject(client, 'copy');
    const source = (await client.send(new CreateDatasetCommand({ ProjectArn: projectArn, DatasetType: 'TRAIN', DatasetSource: { GroundTruthManifest: { S3Object: { Bucket: 'bucket', Name: 'm.manifest' } } } }))).DatasetArn!;
    await expectError(
      client.send(new CreateDatasetCommand({ ProjectArn: projectArn, DatasetType: 'TEST', DatasetSource: { DatasetArn: source } })),
      'InvalidParameterException',
      400,
      /CREATE_IN_PROGRESS.*only a created dataset can be copied/,
    );
  });
});
