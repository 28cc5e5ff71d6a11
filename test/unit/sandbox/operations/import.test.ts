import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CreateDatasetCommand, DeleteDatasetCommand, ListDatasetEntriesCommand, type RekognitionClient } from '@aws-sdk/client-rekognition';
import type { Sandbox } from '../../../../src/sandbox';
import { demoManifestLines } from '../../../../src/sandbox/demo/manifest';
import { classLine, clientFor, createProject, expectError, start, waitForDataset, waitForDatasetGone } from '../helpers';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'fixtures', 'sandbox', 's3');

describe('sandbox: CreateDataset from the S3 folder', () => {
  let sandbox: Sandbox;
  let client: RekognitionClient;
  let root: string;
  let projectArn: string;
  beforeEach(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-s3-'));
    fs.cpSync(FIXTURES, root, { recursive: true });
    sandbox = await start({ s3Root: root });
    client = clientFor(sandbox);
    projectArn = await createProject(client, 'p');
  });
  afterEach(async () => {
    client.destroy();
    await sandbox.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const create = (bucket: string, key: string, type: 'TRAIN' | 'TEST' = 'TRAIN') =>
    client.send(new CreateDatasetCommand({ ProjectArn: projectArn, DatasetType: type, DatasetSource: { GroundTruthManifest: { S3Object: { Bucket: bucket, Name: key } } } }));

  const write = (key: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, 'bucket', key)), { recursive: true });
    fs.writeFileSync(path.join(root, 'bucket', key), text);
  };

  it('imports the demo manifest: entries, stats and non-terminal errors', async () => {
    const arn = (await create('demo-bucket', 'demo.manifest')).DatasetArn!;
    const d = await waitForDataset(client, arn);
    assert.strictEqual(d.Status, 'CREATE_COMPLETE');
    assert.match(d.StatusMessage ?? '', /successfully created from the manifest/);
    assert.strictEqual(d.DatasetStats?.TotalEntries, 30);
    assert.strictEqual(d.DatasetStats?.ErrorEntries, 2);
    assert.strictEqual(d.DatasetStats?.TotalLabels, 5);
    const errors = await client.send(new ListDatasetEntriesCommand({ DatasetArn: arn, HasErrors: true }));
    assert.strictEqual(errors.DatasetEntries?.length, 2);
  });

  it('keeps the fixture manifest equal to the seeded demo lines', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'demo-bucket', 'demo.manifest'), 'utf8');
    assert.strictEqual(text, demoManifestLines().join('\n') + '\n');
  });

  it('fails with ERROR_MANIFEST_INACCESSIBLE_OR_UNSUPPORTED_FORMAT when the object cannot be read', async () => {
    const arn = (await create('demo-bucket', 'missing.manifest')).DatasetArn!;
    const d = await waitForDataset(client, arn);
    assert.strictEqual(d.Status, 'CREATE_FAILED');
    assert.strictEqual(d.StatusMessageCode, 'CLIENT_ERROR');
    assert.match(d.StatusMessage ?? '', /^ERROR_MANIFEST_INACCESSIBLE_OR_UNSUPPORTED_FORMAT: s3:\/\/demo-bucket\/missing\.manifest does not exist/);
    await expectError(client.send(new ListDatasetEntriesCommand({ DatasetArn: arn })), 'ResourceNotReadyException', 400, /CREATE_FAILED/);
  });

  it('answers a bad S3Object synchronously with InvalidS3ObjectException', async () => {
    await expectError(create('no-such-bucket', 'x.manifest'), 'InvalidS3ObjectException', 400, /bucket 'no-such-bucket' does not exist/);
    await expectError(create('a', 'x.manifest'), 'InvalidS3ObjectException', 400, /bucket name 'a' is not valid/);
    await expectError(create('demo-bucket', ''), 'InvalidS3ObjectException', 400, /1-1024/);
  });

  it('fails with the terminal codes: too many rows, too many labels, too many records in error', async () => {
    write('rows.manifest', '\n'.repeat(250_001));
    write('labels.manifest', Array.from({ length: 251 }, (_, i) => classLine(`s3://bucket/${i}.jpg`, `label-${i}`)).join('\n'));
    write('errors.manifest', [classLine('s3://bucket/1.jpg', 'cat'), '', classLine('s3://bucket/2.jpg', 'cat'), 'oops'].join('\n'));
    const expectations: Array<[string, RegExp]> = [
      ['rows.manifest', /^ERROR_MANIFEST_ROWS_EXCEEDS_MAXIMUM: .* 250001 lines/],
      ['labels.manifest', /^ERROR_MANIFEST_TOO_MANY_LABELS: .* 251 labels/],
      // The blank line is counted as a line but is not a terminal content error (DROPPING_CODES); "oops" is.
      ['errors.manifest', /^ERROR_TOO_MANY_RECORDS_IN_ERROR: the manifest file has too many terminal errors: 1 of 4 lines \(25%\)/],
    ];
    for (const [key, pattern] of expectations) {
      const arn = (await create('bucket', key)).DatasetArn!;
      const d = await waitForDataset(client, arn);
      assert.strictEqual(d.Status, 'CREATE_FAILED', key);
      assert.strictEqual(d.StatusMessageCode, 'CLIENT_ERROR');
      assert.match(d.StatusMessage ?? '', pattern);
      // A failed dataset still occupies its type until it is deleted.
      await expectError(create('bucket', key), 'ResourceAlreadyExistsException', 400);
      await client.send(new DeleteDatasetCommand({ DatasetArn: arn }));
      await waitForDatasetGone(client, arn);
    }
  });
});
