import * as assert from 'assert';
import {
  CreateDatasetCommand,
  DeleteDatasetCommand,
  DescribeDatasetCommand,
  ListDatasetEntriesCommand,
  ListDatasetLabelsCommand,
  UpdateDatasetEntriesCommand,
  type RekognitionClient,
} from '@aws-sdk/client-rekognition';
import { classLine, createProject, expectError, findProject, projectWithDataset, push, waitForDataset, waitForDatasetGone, useSandbox } from '../helpers';

describe('sandbox: datasets', () => {
  const box = useSandbox();
  let client: RekognitionClient;
  beforeEach(() => {
    ({ client } = box);
  });

  it('creates an empty dataset: CREATE_IN_PROGRESS, then CREATE_COMPLETE with zero stats', async () => {
    const projectArn = await createProject(client, 'p');
    const arn = (await client.send(new CreateDatasetCommand({ ProjectArn: projectArn, DatasetType: 'TRAIN' }))).DatasetArn!;
    assert.match(arn, /^arn:aws:rekognition:us-east-1:123456789012:project\/p\/dataset\/train\/[0-9]+$/);
    const first = (await client.send(new DescribeDatasetCommand({ DatasetArn: arn }))).DatasetDescription!;
    assert.strictEqual(first.Status, 'CREATE_IN_PROGRESS');
    const done = await waitForDataset(client, arn);
    assert.strictEqual(done.Status, 'CREATE_COMPLETE');
    assert.strictEqual(done.StatusMessageCode, 'SUCCESS');
    assert.ok(done.CreationTimestamp instanceof Date && done.LastUpdatedTimestamp instanceof Date);
    assert.deepStrictEqual(done.DatasetStats, { LabeledEntries: 0, TotalEntries: 0, TotalLabels: 0, ErrorEntries: 0 });
    const project = await findProject(client, 'p');
    assert.deepStrictEqual(project?.Datasets?.map((d) => [d.DatasetType, d.DatasetArn, d.Status]), [['TRAIN', arn, 'CREATE_COMPLETE']]);
  });

  it('refuses a second dataset of the same type, both sources, bad types and unknown projects', async () => {
    const { projectArn } = await projectWithDataset(client, 'p');
    await expectError(client.send(new CreateDatasetCommand({ ProjectArn: projectArn, DatasetType: 'TRAIN' })), 'ResourceAlreadyExistsException', 400, /already has a TRAIN dataset/);
    await expectError(
      client.send(
        new CreateDatasetCommand({
          ProjectArn: projectArn,
          DatasetType: 'TEST',
          DatasetSource: { DatasetArn: `${projectArn.replace(/\/\d+$/, '')}/dataset/train/1`, GroundTruthManifest: { S3Object: { Bucket: 'bucket', Name: 'k' } } },
        }),
      ),
      'InvalidParameterException',
      400,
      /both GroundTruthManifest and DatasetArn/,
    );
    await expectError(client.send(new CreateDatasetCommand({ ProjectArn: projectArn, DatasetType: 'VALIDATION' as never })), 'InvalidParameterException', 400, /enum value set: \[TRAIN, TEST\]/);
    await expectError(client.send(new CreateDatasetCommand({ ProjectArn: projectArn.replace(/\d+$/, '1'), DatasetType: 'TEST' })), 'ResourceNotFoundException', 400, /does not exist/);
    await expectError(client.send(new CreateDatasetCommand({ ProjectArn: 'arn:aws:s3:::bucket/key/xxxxxxxx', DatasetType: 'TEST' })), 'InvalidParameterException', 400, /projectArn/);
  });

  it('refuses to list entries or labels while the dataset is being created (ResourceNotReadyException)', async () => {
    const projectArn = await createProject(client, 'p');
    const arn = (await client.send(new CreateDatasetCommand({ ProjectArn: projectArn, DatasetType: 'TEST' }))).DatasetArn!;
    await expectError(client.send(new ListDatasetEntriesCommand({ DatasetArn: arn })), 'ResourceNotReadyException', 400, /CREATE_IN_PROGRESS/);
    await expectError(client.send(new ListDatasetLabelsCommand({ DatasetArn: arn })), 'ResourceNotReadyException', 400, /CREATE_IN_PROGRESS/);
    await waitForDataset(client, arn);
    assert.deepStrictEqual((await client.send(new ListDatasetEntriesCommand({ DatasetArn: arn }))).DatasetEntries, []);
  });

  it('refuses update and delete while busy (ResourceInUseException)', async () => {
    const projectArn = await createProject(client, 'p');
    const arn = (await client.send(new CreateDatasetCommand({ ProjectArn: projectArn, DatasetType: 'TRAIN' }))).DatasetArn!;
    await expectError(client.send(new DeleteDatasetCommand({ DatasetArn: arn })), 'ResourceInUseException', 400, /CREATE_IN_PROGRESS/);
    await waitForDataset(client, arn);
    await client.send(new UpdateDatasetEntriesCommand({ DatasetArn: arn, Changes: { GroundTruth: Buffer.from(classLine('s3://bucket/a.jpg', 'cat')) } }));
    await expectError(
      client.send(new UpdateDatasetEntriesCommand({ DatasetArn: arn, Changes: { GroundTruth: Buffer.from(classLine('s3://bucket/b.jpg', 'cat')) } })),
      'ResourceInUseException',
      400,
      /UPDATE_IN_PROGRESS/,
    );
    await expectError(client.send(new DeleteDatasetCommand({ DatasetArn: arn })), 'ResourceInUseException', 400, /UPDATE_IN_PROGRESS/);
    assert.strictEqual((await waitForDataset(client, arn)).Status, 'UPDATE_COMPLETE');
  });

  it('deletes a dataset: DELETE_IN_PROGRESS, then ResourceNotFoundException; the type can be created again', async () => {
    const { projectArn, datasetArn } = await projectWithDataset(client, 'p');
    await client.send(new DeleteDatasetCommand({ DatasetArn: datasetArn }));
    const during = (await client.send(new DescribeDatasetCommand({ DatasetArn: datasetArn }))).DatasetDescription!;
    assert.strictEqual(during.Status, 'DELETE_IN_PROGRESS');
    await waitForDatasetGone(client, datasetArn);
    await expectError(client.send(new DeleteDatasetCommand({ DatasetArn: datasetArn })), 'ResourceNotFoundException', 400, /does not exist/);
    const again = (await client.send(new CreateDatasetCommand({ ProjectArn: projectArn, DatasetType: 'TRAIN' }))).DatasetArn!;
    assert.notStrictEqual(again, datasetArn);
  });

  it('copies a dataset from its ARN', async () => {
    const { projectArn, datasetArn } = await projectWithDataset(client, 'p');
    await push(client, datasetArn, [classLine('s3://bucket/1.jpg', 'cat'), classLine('s3://bucket/2.jpg', 'dog')]);
    const copy = (await client.send(new CreateDatasetCommand({ ProjectArn: projectArn, DatasetType: 'TEST', DatasetSource: { DatasetArn: datasetArn } }))).DatasetArn!;
    const done = await waitForDataset(client, copy);
    assert.strictEqual(done.Status, 'CREATE_COMPLETE');
    assert.strictEqual(done.DatasetStats?.TotalEntries, 2);
    const a = await client.send(new ListDatasetEntriesCommand({ DatasetArn: datasetArn }));
    const b = await client.send(new ListDatasetEntriesCommand({ DatasetArn: copy }));
    assert.deepStrictEqual(b.DatasetEntries, a.DatasetEntries);
    const missing = datasetArn.replace(/\d+$/, '9');
    await expectError(client.send(new CreateDatasetCommand({ ProjectArn: projectArn, DatasetType: 'TEST', DatasetSource: { DatasetArn: missing } })), 'ResourceNotFoundException', 400);
  });

  it('validates dataset ARNs', async () => {
    await expectError(client.send(new DescribeDatasetCommand({ DatasetArn: 'arn:aws:rekognition:us-east-1:123456789012:project/p/1' })), 'InvalidParameterException', 400, /datasetArn.*regular expression/);
    await expectError(client.send(new DescribeDatasetCommand({} as never)), 'InvalidParameterException', 400, /must not be null/);
  });
});
