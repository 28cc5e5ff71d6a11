import * as assert from 'assert';
import {
  CreateDatasetCommand,
  CreateProjectCommand,
  DeleteProjectCommand,
  DescribeDatasetCommand,
  DescribeProjectsCommand,
  paginateDescribeProjects,
  type RekognitionClient,
} from '@aws-sdk/client-rekognition';
import { createProject, expectError, findProject, waitForDataset, waitForProject, useSandbox } from '../helpers';

describe('sandbox: projects', () => {
  const box = useSandbox();
  let client: RekognitionClient;
  beforeEach(() => {
    ({ client } = box);
  });

  it('creates a project: CREATING, then CREATED, with an ARN of the service pattern and epoch timestamps', async () => {
    const arn = await createProject(client, 'my-project');
    assert.match(arn, /^arn:aws:rekognition:us-east-1:123456789012:project\/my-project\/[0-9]+$/);
    const first = await findProject(client, 'my-project');
    assert.strictEqual(first?.Status, 'CREATING');
    assert.strictEqual(first?.Feature, 'CUSTOM_LABELS');
    assert.ok(first?.CreationTimestamp instanceof Date && Math.abs(first.CreationTimestamp.getTime() - Date.now()) < 60_000);
    const done = await waitForProject(client, 'my-project', (p) => p?.Status === 'CREATED');
    assert.strictEqual(done?.ProjectArn, arn);
    assert.deepStrictEqual(done?.Datasets, []);
  });

  it('refuses a duplicate project name with ResourceInUseException (as CreateProject does)', async () => {
    await createProject(client, 'dup');
    await expectError(client.send(new CreateProjectCommand({ ProjectName: 'dup' })), 'ResourceInUseException', 400, /already exists/);
  });

  it('validates the name and the enums', async () => {
    await expectError(client.send(new CreateProjectCommand({ ProjectName: 'has space' })), 'InvalidParameterException', 400, /projectName.*regular expression/);
    await expectError(client.send(new CreateProjectCommand({ ProjectName: 'x'.repeat(256) })), 'InvalidParameterException', 400, /length less than or equal to 255/);
    await expectError(client.send(new CreateProjectCommand({} as never)), 'InvalidParameterException', 400, /projectName.*must not be null/);
    await expectError(client.send(new CreateProjectCommand({ ProjectName: 'p', Feature: 'NOPE' as never })), 'InvalidParameterException', 400, /enum value set/);
  });

  it('lists projects sorted by creation time, page by page, and filters by name and feature', async () => {
    const names = ['c-proj', 'a-proj', 'b-proj', 'd-proj', 'e-proj'];
    for (const n of names) await createProject(client, n);
    await client.send(new CreateProjectCommand({ ProjectName: 'moderation', Feature: 'CONTENT_MODERATION' }));
    const seen: string[] = [];
    let pages = 0;
    for await (const page of paginateDescribeProjects({ client, pageSize: 2 }, {})) {
      pages++;
      assert.ok((page.ProjectDescriptions?.length ?? 0) <= 2);
      for (const p of page.ProjectDescriptions ?? []) seen.push(p.ProjectArn!.split('/')[1]);
    }
    assert.deepStrictEqual(seen, names, 'creation order, CUSTOM_LABELS only by default');
    assert.strictEqual(pages, 3);
    const mod = await client.send(new DescribeProjectsCommand({ Features: ['CONTENT_MODERATION'] }));
    assert.deepStrictEqual(mod.ProjectDescriptions?.map((p) => [p.Feature, p.AutoUpdate]), [['CONTENT_MODERATION', 'DISABLED']]);
    const two = await client.send(new DescribeProjectsCommand({ ProjectNames: ['b-proj', 'e-proj'] }));
    assert.deepStrictEqual(two.ProjectDescriptions?.map((p) => p.ProjectArn!.split('/')[1]), ['b-proj', 'e-proj']);
  });

  it('validates MaxResults and NextToken', async () => {
    await expectError(client.send(new DescribeProjectsCommand({ MaxResults: 0 })), 'InvalidParameterException', 400, /greater than or equal to 1/);
    await expectError(client.send(new DescribeProjectsCommand({ MaxResults: 101 })), 'InvalidParameterException', 400, /less than or equal to 100/);
    await expectError(client.send(new DescribeProjectsCommand({ NextToken: 'bogus' })), 'InvalidPaginationTokenException', 400, /NextToken is invalid/);
    await expectError(client.send(new DescribeProjectsCommand({ NextToken: 'x'.repeat(1025) })), 'InvalidParameterException', 400, /1024/);
  });

  it('deletes a project with its datasets: DELETING, then gone', async () => {
    const arn = await createProject(client, 'doomed');
    const ds = (await client.send(new CreateDatasetCommand({ ProjectArn: arn, DatasetType: 'TRAIN' }))).DatasetArn!;
    await waitForDataset(client, ds);
    const r = await client.send(new DeleteProjectCommand({ ProjectArn: arn }));
    assert.strictEqual(r.Status, 'DELETING');
    assert.strictEqual((await findProject(client, 'doomed'))?.Status, 'DELETING');
    await waitForProject(client, 'doomed', (p) => p === undefined);
    await expectError(client.send(new DescribeDatasetCommand({ DatasetArn: ds })), 'ResourceNotFoundException', 400, /does not exist/);
    await expectError(client.send(new DeleteProjectCommand({ ProjectArn: arn })), 'ResourceNotFoundException', 400, /does not exist/);
  });

  it('refuses to delete a project while one of its datasets is in progress', async () => {
    const arn = await createProject(client, 'busy');
    const ds = (await client.send(new CreateDatasetCommand({ ProjectArn: arn, DatasetType: 'TRAIN' }))).DatasetArn!;
    await expectError(client.send(new DeleteProjectCommand({ ProjectArn: arn })), 'ResourceInUseException', 400, /CREATE_IN_PROGRESS/);
    await waitForDataset(client, ds);
  });

  it('checks ARN patterns before anything else', async () => {
    const err = await expectError(client.send(new DeleteProjectCommand({ ProjectArn: 'arn:aws:rekognition:us-east-1:123:project/x/1' })), 'InvalidParameterException', 400, /projectArn.*regular expression/);
    assert.strictEqual(err.Code, 'InvalidParameterException');
    assert.match(String(err.Logref), /^[0-9a-f-]{36}$/);
    await expectError(client.send(new DeleteProjectCommand({ ProjectArn: 'short' })), 'InvalidParameterException', 400, /greater than or equal to 20/);
  });
});
