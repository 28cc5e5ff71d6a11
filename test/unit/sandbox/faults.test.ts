import * as assert from 'assert';
import { CreateDatasetCommand, DescribeDatasetCommand, DescribeProjectsCommand, ListDatasetEntriesCommand, UpdateDatasetEntriesCommand, type RekognitionClient } from '@aws-sdk/client-rekognition';
import type { Sandbox } from '../../../src/sandbox';
import { classLine, clientFor, expectError, projectWithDataset, push, start, waitForDataset } from './helpers';

describe('sandbox: fault injection', () => {
  let sandbox: Sandbox;
  const clients: RekognitionClient[] = [];
  const client = (attempts = 1) => {
    const c = clientFor(sandbox, attempts);
    clients.push(c);
    return c;
  };
  beforeEach(async () => {
    sandbox = await start();
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await sandbox.close();
  });

  it('throttles every Nth request with ThrottlingException (HTTP 500), which the SDK retries', async () => {
    sandbox.faults = { throttleEveryNth: 2 };
    await client(1).send(new DescribeProjectsCommand({}));
    await expectError(client(1).send(new DescribeProjectsCommand({})), 'ThrottlingException', 500, /Rate exceeded/);
    await client(1).send(new DescribeProjectsCommand({}));
    const r = await client(3).send(new DescribeProjectsCommand({}));
    assert.strictEqual(r.$metadata.attempts, 2, 'the 4th request was throttled, the retry succeeded');
    assert.deepStrictEqual(sandbox.requests.map((q) => q.operation).slice(-2), ['DescribeProjects', 'DescribeProjects']);
  });

  it('answers every Nth request with InternalServerError (HTTP 500), which the SDK retries', async () => {
    sandbox.faults = { internalErrorEveryNth: 1 };
    const err = await expectError(client(3).send(new DescribeProjectsCommand({})), 'InternalServerError', 500, /Internal server error/);
    assert.strictEqual((err.$metadata as { attempts: number }).attempts, 3);
    sandbox.faults = { internalErrorEveryNth: 3 };
    const before = sandbox.requests.length;
    const r = await client(3).send(new DescribeProjectsCommand({}));
    assert.strictEqual(r.$metadata.attempts, 1);
    await client(3).send(new DescribeProjectsCommand({}));
    const third = await client(3).send(new DescribeProjectsCommand({}));
    assert.strictEqual(third.$metadata.attempts, 2);
    assert.strictEqual(sandbox.requests.length - before, 4);
  });

  it('limits faults to the chosen operations', async () => {
    const c = client(1);
    const { datasetArn } = await projectWithDataset(c, 'p');
    sandbox.faults = { internalErrorEveryNth: 1, operations: ['UpdateDatasetEntries'] };
    await c.send(new DescribeProjectsCommand({}));
    await expectError(push(c, datasetArn, [classLine('s3://bucket/1.jpg', 'cat')]), 'InternalServerError', 500);
  });

  it('fails the next update once with UPDATE_FAILED (CLIENT_ERROR)', async () => {
    const c = client(1);
    const { datasetArn } = await projectWithDataset(c, 'p');
    sandbox.faults.failNextUpdate = true;
    const failed = await push(c, datasetArn, [classLine('s3://bucket/1.jpg', 'cat')]);
    assert.strictEqual(failed.Status, 'UPDATE_FAILED');
    assert.strictEqual(failed.StatusMessageCode, 'CLIENT_ERROR');
    assert.strictEqual(failed.DatasetStats?.TotalEntries, 0);
    assert.strictEqual(sandbox.faults.failNextUpdate, false);
    const ok = await push(c, datasetArn, [classLine('s3://bucket/1.jpg', 'cat')]);
    assert.strictEqual(ok.Status, 'UPDATE_COMPLETE');
  });

  it('keeps operations started under slowTransitionsMs in progress while the others keep the normal pace', async () => {
    const c = client(1);
    const { projectArn, datasetArn } = await projectWithDataset(c, 'fast');
    sandbox.faults.slowTransitionsMs = 60_000;
    const slowArn = (await c.send(new CreateDatasetCommand({ ProjectArn: projectArn, DatasetType: 'TEST' }))).DatasetArn!;
    delete sandbox.faults.slowTransitionsMs;
    const ok = await push(c, datasetArn, [classLine('s3://bucket/1.jpg', 'cat')]);
    assert.strictEqual(ok.Status, 'UPDATE_COMPLETE', 'an operation started after the fault is lifted takes the normal delay');
    const slow = await c.send(new DescribeDatasetCommand({ DatasetArn: slowArn }));
    assert.strictEqual(slow.DatasetDescription?.Status, 'CREATE_IN_PROGRESS', 'the slow creation is still in progress');
  });

  it('loses the response of an applied update (loseNextResponse): the SDK retries into ResourceInUseException, and the update lands', async () => {
    const c = client(3);
    const { datasetArn } = await projectWithDataset(c, 'p');
    sandbox.faults = { loseNextResponse: 'UpdateDatasetEntries' };
    const body = { DatasetArn: datasetArn, Changes: { GroundTruth: Buffer.from(classLine('s3://bucket/1.jpg', 'cat') + '\n') } };
    const err = await expectError(c.send(new UpdateDatasetEntriesCommand(body)), 'ResourceInUseException', 400);
    assert.strictEqual((err.$metadata as { attempts: number }).attempts, 2, 'the first attempt was applied and its answer lost; the retry found the dataset busy');
    assert.strictEqual(sandbox.faults.loseNextResponse, undefined, 'reset once used');
    const d = await waitForDataset(c, datasetArn);
    assert.strictEqual(d.Status, 'UPDATE_COMPLETE');
    const listed = await c.send(new ListDatasetEntriesCommand({ DatasetArn: datasetArn }));
    assert.strictEqual(listed.DatasetEntries?.length, 1, 'the update whose response was lost landed');
  });
});
