import * as assert from 'assert';
import { DescribeProjectsCommand, RekognitionClient } from '@aws-sdk/client-rekognition';
import { createRequestHandler, SandboxCore, type Sandbox } from '../../../src/sandbox';
import { start } from './helpers';

async function post(sandbox: Sandbox, target: string | undefined, body: string): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }> {
  const headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.1' };
  if (target) headers['x-amz-target'] = target;
  const r = await fetch(sandbox.endpoint + '/', { method: 'POST', headers, body });
  return { status: r.status, json: (await r.json()) as Record<string, unknown>, headers: r.headers };
}

describe('sandbox: wire protocol', () => {
  let sandbox: Sandbox;
  beforeEach(async () => {
    sandbox = await start();
  });
  afterEach(() => sandbox.close());

  it('binds to 127.0.0.1 and answers awsJson1_1 with epoch-second timestamps', async () => {
    assert.match(sandbox.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
    await post(sandbox, 'RekognitionService.CreateProject', JSON.stringify({ ProjectName: 'p' }));
    const r = await post(sandbox, 'RekognitionService.DescribeProjects', '{}');
    assert.strictEqual(r.status, 200);
    assert.strictEqual(r.headers.get('content-type'), 'application/x-amz-json-1.1');
    const p = (r.json.ProjectDescriptions as Array<Record<string, unknown>>)[0];
    assert.strictEqual(typeof p.CreationTimestamp, 'number');
    assert.ok(!('NextToken' in r.json), 'no NextToken on the last page');
  });

  it('answers an unknown target with UnknownOperationException and the AWS error body', async () => {
    const r = await post(sandbox, 'RekognitionService.DetectLabels', '{}');
    assert.strictEqual(r.status, 400);
    assert.strictEqual(r.json.__type, 'UnknownOperationException');
    assert.strictEqual(r.json.Code, 'UnknownOperationException');
    assert.match(String(r.json.Message), /not supported/);
    assert.match(String(r.json.Logref), /^[0-9a-f-]{36}$/);
    assert.strictEqual(r.headers.get('x-amzn-errortype'), 'UnknownOperationException');
    assert.strictEqual((await post(sandbox, undefined, '{}')).json.__type, 'UnknownOperationException');
  });

  it('answers a body that is not JSON with SerializationException', async () => {
    const r = await post(sandbox, 'RekognitionService.DescribeProjects', '{nope');
    assert.strictEqual(r.status, 400);
    assert.strictEqual(r.json.__type, 'SerializationException');
  });

  it('records the requests it saw, newest last', async () => {
    await post(sandbox, 'RekognitionService.DescribeProjects', '{}');
    await post(sandbox, 'RekognitionService.CreateProject', '{"ProjectName":"x"}');
    assert.deepStrictEqual(sandbox.requests.map((r) => r.operation), ['DescribeProjects', 'CreateProject']);
    assert.strictEqual(sandbox.requests[1].bytes, '{"ProjectName":"x"}'.length);
  });

  it('serves the same core in process, as the SDK client request handler', async () => {
    const core = new SandboxCore({ transitionDelayMs: 5 });
    const client = new RekognitionClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 1, requestHandler: createRequestHandler(core) });
    try {
      const r = await client.send(new DescribeProjectsCommand({}));
      assert.deepStrictEqual(r.ProjectDescriptions, []);
      await assert.rejects(client.send(new DescribeProjectsCommand({ MaxResults: 0 })), (e: Error & { $metadata: { httpStatusCode: number } }) => e.name === 'InvalidParameterException' && e.$metadata.httpStatusCode === 400);
      assert.deepStrictEqual(core.requests.map((q) => q.operation), ['DescribeProjects', 'DescribeProjects']);
    } finally {
      client.destroy();
      core.close();
    }
  });
});
