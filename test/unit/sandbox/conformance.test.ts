/**
 * Conformance with AWS's own model (issue #11): test/fixtures/rekognition-model.json, copied from
 * ../shared/reference (extracted from aws/api-models-aws), and for the model versions
 * test/fixtures/rekognition-model-versions.json (botocore's service model, same form). Through the real SDK client against the
 * sandbox over HTTP:
 * - every answer of every operation holds only modelled members, each of the right type and within
 *   its bounds (checked on the raw JSON the sandbox sent: the SDK drops unknown members);
 * - every error path the sandbox has for an operation raises an error that operation lists, with
 *   a 4xx for client faults and a 5xx for server faults;
 * - model-driven malformed requests (missing required members, wrong types, out-of-bounds values,
 *   deep nesting) get a listed 4xx, never a 500.
 * Protocol-level answers that precede any operation (SerializationException for a body that is not
 * JSON, UnknownOperationException for an unknown target) are not operation errors and are left out.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Readable } from 'stream';
import {
  CreateDatasetCommand,
  CreateProjectCommand,
  CreateProjectVersionCommand,
  DeleteDatasetCommand,
  DeleteProjectVersionCommand,
  DescribeProjectVersionsCommand,
  DetectCustomLabelsCommand,
  StartProjectVersionCommand,
  StopProjectVersionCommand,
  DeleteProjectCommand,
  DescribeDatasetCommand,
  DescribeProjectsCommand,
  DistributeDatasetEntriesCommand,
  ListDatasetEntriesCommand,
  ListDatasetLabelsCommand,
  RekognitionClient,
  UpdateDatasetEntriesCommand,
} from '@aws-sdk/client-rekognition';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { Sandbox } from '../../../src/sandbox';
import { bindClock, boxLine, classLine, clockOf, start, waitForDataset } from './helpers';

interface Shape {
  type: string;
  members?: Record<string, { shape: string; required?: boolean }>;
  member?: string;
  key?: string;
  value?: string;
  values?: string[];
  length?: { min?: number; max?: number };
  range?: { min?: number; max?: number };
  pattern?: string;
  fault?: 'client' | 'server';
}
interface Model {
  operations: Record<string, { target: string; input: string; output: string; errors: string[] }>;
  shapes: Record<string, Shape>;
}

const DATASET_MODEL = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'rekognition-model.json'), 'utf8')) as Model;
/** The model-version operations (rekognition-model-versions.json, from botocore's service model). */
const VERSIONS_MODEL = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'rekognition-model-versions.json'), 'utf8')) as Model;
/**
 * Both models as one: a shape both name keeps the dataset model's (the same constraints, its
 * patterns anchored); an error shape the versions model lists without members carries the
 * members every Rekognition error has (Message, Code, Logref), as the dataset model's do.
 */
const MODEL: Model = {
  operations: { ...DATASET_MODEL.operations, ...VERSIONS_MODEL.operations },
  shapes: { ...VERSIONS_MODEL.shapes, ...DATASET_MODEL.shapes },
};
for (const shape of Object.values(MODEL.shapes)) {
  if (shape.fault && shape.type === 'structure' && Object.keys(shape.members ?? {}).length === 0) {
    shape.members = { Message: { shape: 'String' }, Code: { shape: 'String' }, Logref: { shape: 'String' } };
  }
}
const OPERATIONS = Object.keys(DATASET_MODEL.operations);
/** The model-version operations the sandbox implements (CopyProjectVersion is not one of them). */
const VERSION_OPERATIONS = ['CreateProjectVersion', 'DescribeProjectVersions', 'DeleteProjectVersion', 'StartProjectVersion', 'StopProjectVersion', 'DetectCustomLabels'];

function regex(pattern: string): RegExp {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return new RegExp(pattern);
  }
}

function push(out: string[], violation: string): string[] {
  out.push(violation);
  return out;
}

/** Violations of `shapeName` by `value` (empty: conforms). */
function check(value: unknown, shapeName: string, at: string, out: string[] = []): string[] {
  const shape = MODEL.shapes[shapeName];
  if (!shape) {
    out.push(`${at}: shape ${shapeName} is not in the model`);
    return out;
  }
  const len = (n: number) => {
    if (shape.length?.min !== undefined && n < shape.length.min) out.push(`${at}: length ${n} < ${shape.length.min}`);
    if (shape.length?.max !== undefined && n > shape.length.max) out.push(`${at}: length ${n} > ${shape.length.max}`);
  };
  switch (shape.type) {
    case 'structure': {
      if (!value || typeof value !== 'object' || Array.isArray(value)) return push(out, `${at}: not a structure`);
      for (const [k, v] of Object.entries(value)) {
        const m = shape.members?.[k];
        if (!m || !Object.hasOwn(shape.members!, k)) out.push(`${at}.${k}: not a member of ${shapeName}`);
        else check(v, m.shape, `${at}.${k}`, out);
      }
      return out;
    }
    case 'list':
      if (!Array.isArray(value)) return push(out, `${at}: not a list`);
      len(value.length);
      value.forEach((v, i) => check(v, shape.member!, `${at}[${i}]`, out));
      return out;
    case 'map':
      if (!value || typeof value !== 'object' || Array.isArray(value)) return push(out, `${at}: not a map`);
      len(Object.keys(value).length);
      for (const [k, v] of Object.entries(value)) {
        check(k, shape.key!, `${at} key`, out);
        check(v, shape.value!, `${at}.${k}`, out);
      }
      return out;
    case 'string':
      if (typeof value !== 'string') return push(out, `${at}: not a string (${typeof value})`);
      len([...value].length);
      if (shape.pattern && !regex(shape.pattern).test(value)) out.push(`${at}: '${value.slice(0, 60)}' does not match ${shape.pattern}`);
      return out;
    case 'enum':
      if (typeof value !== 'string' || !shape.values!.includes(value)) out.push(`${at}: '${String(value)}' is not one of ${shape.values!.join(', ')}`);
      return out;
    case 'float':
      if (typeof value !== 'number' || !Number.isFinite(value)) return push(out, `${at}: not a number (${JSON.stringify(value)})`);
      if (shape.range?.min !== undefined && value < shape.range.min) out.push(`${at}: ${value} < ${shape.range.min}`);
      if (shape.range?.max !== undefined && value > shape.range.max) out.push(`${at}: ${value} > ${shape.range.max}`);
      return out;
    case 'long':
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return push(out, `${at}: not an integer (${JSON.stringify(value)})`);
      if (shape.range?.min !== undefined && value < shape.range.min) out.push(`${at}: ${value} < ${shape.range.min}`);
      if (shape.range?.max !== undefined && value > shape.range.max) out.push(`${at}: ${value} > ${shape.range.max}`);
      return out;
    case 'boolean':
      if (typeof value !== 'boolean') out.push(`${at}: not a boolean`);
      return out;
    case 'timestamp':
      if (typeof value !== 'number' || !Number.isFinite(value)) out.push(`${at}: a timestamp must be epoch seconds as a number, not ${JSON.stringify(value)}`);
      return out;
    case 'blob':
      if (typeof value !== 'string') out.push(`${at}: a blob must be base64 text`);
      return out;
    default:
      return push(out, `${at}: unknown shape type ${shape.type}`);
  }
}

interface Exchange {
  operation: string;
  status: number;
  body: string;
}

/** The SDK's own HTTP handler, teeing each raw answer so the test sees what the sandbox sent. */
function recordingHandler(log: Exchange[]) {
  const inner = new NodeHttpHandler();
  return {
    metadata: inner.metadata,
    async handle(request: Parameters<NodeHttpHandler['handle']>[0], options?: Parameters<NodeHttpHandler['handle']>[1]) {
      const r = await inner.handle(request, options);
      const chunks: Buffer[] = [];
      for await (const c of r.response.body as Readable) chunks.push(Buffer.from(c as Uint8Array));
      const body = Buffer.concat(chunks);
      const target = request.headers['x-amz-target'] ?? '';
      log.push({ operation: target.replace(/^RekognitionService\./, ''), status: r.response.statusCode, body: body.toString('utf8') });
      r.response.body = Readable.from([body]);
      return r;
    },
    updateHttpClientConfig: inner.updateHttpClientConfig.bind(inner),
    httpHandlerConfigs: inner.httpHandlerConfigs.bind(inner),
    destroy: () => inner.destroy(),
  };
}

/** Checks one exchange against the model; returns the violations. */
function conforms(x: Exchange): string[] {
  const op = MODEL.operations[x.operation];
  if (!op) return [`an answer to ${x.operation}, which is not a modelled operation`];
  let json: unknown;
  try {
    json = x.body.trim() === '' ? {} : JSON.parse(x.body);
  } catch {
    return [`${x.operation}: the answer is not JSON`];
  }
  if (x.status === 200) return check(json, op.output, `${x.operation} answer`);
  const e = json as Record<string, unknown>;
  const type = String(e.__type ?? '');
  const out: string[] = [];
  if (!op.errors.includes(type)) out.push(`${x.operation}: ${type} (HTTP ${x.status}) is not an error ${x.operation} lists (${op.errors.join(', ')}): ${String(e.Message).slice(0, 200)}`);
  const shape = MODEL.shapes[type];
  if (shape) {
    const { __type: _ignored, ...members } = e;
    out.push(...check(members, type, `${x.operation} ${type}`));
    const client = shape.fault === 'client';
    if (client !== (x.status >= 400 && x.status < 500)) out.push(`${x.operation}: ${type} is a ${shape.fault} fault but came with HTTP ${x.status}`);
  }
  return out;
}

describe('sandbox: conformance with the Rekognition model (test/fixtures/rekognition-model.json)', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let client: RekognitionClient;
  let root: string;
  const log: Exchange[] = [];
  /** Errors raised per operation by the scenarios (what the sandbox's error paths produce). */
  const raised = new Map<string, Set<string>>();

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-conformance-'));
    fs.mkdirSync(path.join(root, 'bucket'));
    fs.writeFileSync(path.join(root, 'bucket', 'ok.manifest'), [classLine('s3://bucket/1.jpg', 'cat'), classLine('s3://bucket/2.jpg', 'cat')].join('\n'));
    fs.writeFileSync(path.join(root, 'bucket', 'bad.manifest'), 'not json\n');
    sandbox = await start({ s3Root: root, transitionDelayMs: 20 });
    client = bindClock(new RekognitionClient({ region: 'us-east-1', endpoint: sandbox.endpoint, credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 1, requestHandler: recordingHandler(log) }), sandbox);
  });
  after(async () => {
    client.destroy();
    await sandbox.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  /** Sends `command`, expecting the error `name` when given; records what was raised. */
  async function expect(command: object, name?: string): Promise<Record<string, unknown>> {
    const operation = command.constructor.name.replace(/Command$/, '');
    try {
      const out = (await client.send(command as never)) as unknown as Record<string, unknown>;
      assert.strictEqual(name, undefined, `${operation}: expected ${name}, but it succeeded`);
      return out;
    } catch (e) {
      const err = e as Error;
      if (name === undefined || err.name !== name) throw new Error(`${operation}: expected ${name ?? 'success'}, got ${err.name}: ${err.message}`);
      if (!raised.has(operation)) raised.set(operation, new Set());
      raised.get(operation)!.add(err.name);
      return {};
    }
  }
  const settle = (arn: string) => waitForDataset(client, arn, 400);

  it('has a checker that finds unmodelled members, wrong types, out-of-bounds values and unlisted errors', () => {
    assert.deepStrictEqual(check({ DatasetArn: 'arn:aws:rekognition:us-east-1:123456789012:project/p/dataset/train/1' }, 'CreateDatasetResponse', 'r'), []);
    assert.strictEqual(check({ DatasetArn: 'x' }, 'CreateDatasetResponse', 'r').length, 2, 'too short and not the pattern');
    assert.strictEqual(check({ Other: 1 }, 'CreateDatasetResponse', 'r').length, 1);
    assert.strictEqual(check({ NextToken: 'x'.repeat(1025) }, 'ListDatasetEntriesResponse', 'r').length, 1);
    assert.strictEqual(check({ DatasetLabelDescriptions: [{ LabelName: 'a', LabelStats: { BoundingBoxCount: '0[object Object]' } }] }, 'ListDatasetLabelsResponse', 'r').length, 1);
    assert.strictEqual(check({ DatasetDescription: { CreationTimestamp: '2024-01-01T00:00:00Z' } }, 'DescribeDatasetResponse', 'r').length, 1);
    const unlisted = { operation: 'CreateDataset', status: 400, body: JSON.stringify({ __type: 'ResourceNotReadyException', Message: 'm', Code: 'ResourceNotReadyException', Logref: 'l' }) };
    assert.strictEqual(conforms(unlisted).length, 1);
    assert.strictEqual(conforms({ ...unlisted, operation: 'CreateProject', status: 500, body: unlisted.body.replace(/ResourceNotReadyException/g, 'InvalidParameterException') }).length, 1, 'a client fault with a 5xx');
  });

  it('answers every operation, on its success and error paths, only as the model allows', async () => {
    const ok = { S3Object: { Bucket: 'bucket', Name: 'ok.manifest' } };
    // CreateProject
    const projectArn = (await expect(new CreateProjectCommand({ ProjectName: 'conf' }))).ProjectArn as string;
    await expect(new CreateProjectCommand({ ProjectName: 'conf' }), 'ResourceInUseException');
    await expect(new CreateProjectCommand({ ProjectName: 'bad name!' }), 'InvalidParameterException');
    const moderation = (await expect(new CreateProjectCommand({ ProjectName: 'mod', Feature: 'CONTENT_MODERATION' }))).ProjectArn as string;
    // DescribeProjects
    await expect(new DescribeProjectsCommand({}));
    await expect(new DescribeProjectsCommand({ Features: ['CUSTOM_LABELS', 'CONTENT_MODERATION'], MaxResults: 1 }));
    await expect(new DescribeProjectsCommand({ MaxResults: 101 }), 'InvalidParameterException');
    await expect(new DescribeProjectsCommand({ NextToken: 'stale' }), 'InvalidPaginationTokenException');
    // CreateDataset, and its refusals.
    const train = (await expect(new CreateDatasetCommand({ ProjectArn: projectArn, DatasetType: 'TRAIN', DatasetSource: { GroundTruthManifest: ok } }))).DatasetArn as string;
    const test = (await expect(new CreateDatasetCommand({ ProjectArn: projectArn, DatasetType: 'TEST' }))).DatasetArn as string;
    await expect(new CreateDatasetCommand({ ProjectArn: projectArn, DatasetType: 'TRAIN' }), 'ResourceAlreadyExistsException');
    await expect(new CreateDatasetCommand({ ProjectArn: projectArn.replace(/\d+$/, '1'), DatasetType: 'TEST' }), 'ResourceNotFoundException');
    await expect(new CreateDatasetCommand({ ProjectArn: moderation, DatasetType: 'TEST' }), 'InvalidParameterException');
    await expect(new CreateDatasetCommand({ ProjectArn: moderation, DatasetType: 'TEST', DatasetSource: { GroundTruthManifest: { S3Object: { Bucket: 'no-such-bucket', Name: 'x' } } } }), 'InvalidS3ObjectException');
    await expect(new CreateDatasetCommand({ ProjectArn: projectArn, DatasetType: 'TEST', DatasetSource: { GroundTruthManifest: ok, DatasetArn: train } }), 'InvalidParameterException');
    await expect(new CreateDatasetCommand({ ProjectArn: projectArn, DatasetType: 'TEST', DatasetSource: { DatasetArn: train.replace(/\d+$/, '1') } }), 'ResourceNotFoundException');
    await settle(train);
    await settle(test);

    // Busy datasets: transitions started under slowTransitionsMs stay in progress until the sandbox closes.
    sandbox.faults = { slowTransitionsMs: 600_000 };
    const busyProject = (await expect(new CreateProjectCommand({ ProjectName: 'conf-busy' }))).ProjectArn as string;
    const busy = (await expect(new CreateDatasetCommand({ ProjectArn: busyProject, DatasetType: 'TRAIN', DatasetSource: { GroundTruthManifest: ok } }))).DatasetArn as string;
    const busyTest = (await expect(new CreateDatasetCommand({ ProjectArn: busyProject, DatasetType: 'TEST' }))).DatasetArn as string;
    sandbox.faults = {};
    await expect(new DescribeDatasetCommand({ DatasetArn: busy }));
    await expect(new ListDatasetEntriesCommand({ DatasetArn: busy }), 'ResourceNotReadyException');
    await expect(new ListDatasetLabelsCommand({ DatasetArn: busy }), 'ResourceNotReadyException');
    await expect(new UpdateDatasetEntriesCommand({ DatasetArn: busy, Changes: { GroundTruth: Buffer.from(classLine('s3://bucket/3.jpg', 'dog')) } }), 'ResourceInUseException');
    await expect(new DeleteDatasetCommand({ DatasetArn: busy }), 'ResourceInUseException');
    await expect(new DeleteProjectCommand({ ProjectArn: busyProject }), 'ResourceInUseException');
    await expect(new DistributeDatasetEntriesCommand({ Datasets: [{ Arn: busy }, { Arn: busyTest }] }), 'ResourceNotReadyException');
    const copyProject = (await expect(new CreateProjectCommand({ ProjectName: 'conf-copy' }))).ProjectArn as string;
    await expect(new CreateDatasetCommand({ ProjectArn: copyProject, DatasetType: 'TEST', DatasetSource: { DatasetArn: busy } }), 'InvalidParameterException');

    // Complete datasets: the success paths.
    await expect(new DescribeProjectsCommand({ ProjectNames: ['conf'] }));
    await expect(new DescribeDatasetCommand({ DatasetArn: train }));
    await expect(new DescribeDatasetCommand({ DatasetArn: train.replace(/\d+$/, '1') }), 'ResourceNotFoundException');
    const lines = [
      ...Array.from({ length: 8 }, (_, i) => classLine(`s3://bucket/c-${i}.jpg`, i % 2 ? 'cat' : 'dog')),
      boxLine('s3://bucket/off.jpg', [{ label: 'car', left: 700, top: 500, width: 300, height: 200 }]),
      boxLine('s3://bucket/box.jpg', [{ label: 'car', left: 10, top: 10, width: 100, height: 100 }]),
      boxLine('s3://bucket/box2.jpg', [{ label: 'car', left: 20, top: 10, width: 100, height: 100 }]),
    ];
    await expect(new UpdateDatasetEntriesCommand({ DatasetArn: train, Changes: { GroundTruth: Buffer.from(lines.join('\n')) } }));
    await settle(train);
    await expect(new UpdateDatasetEntriesCommand({ DatasetArn: train, Changes: { GroundTruth: Buffer.alloc(5_242_881, 0x20) } }), 'InvalidParameterException');
    await expect(new UpdateDatasetEntriesCommand({ DatasetArn: train.replace(/\d+$/, '1'), Changes: { GroundTruth: Buffer.from('{}') } }), 'ResourceNotFoundException');
    const first = await expect(new ListDatasetEntriesCommand({ DatasetArn: train, MaxResults: 3, ContainsLabels: ['cat', 'dog', 'car'], Labeled: true }));
    await expect(new ListDatasetEntriesCommand({ DatasetArn: train, MaxResults: 3, ContainsLabels: ['cat', 'dog', 'car'], Labeled: true, NextToken: first.NextToken as string }));
    await expect(new ListDatasetEntriesCommand({ DatasetArn: train, HasErrors: true, SourceRefContains: 'off' }));
    await expect(new ListDatasetEntriesCommand({ DatasetArn: train, NextToken: 'stale' }), 'InvalidPaginationTokenException');
    await expect(new ListDatasetEntriesCommand({ DatasetArn: train, SourceRefContains: ' ' }), 'InvalidParameterException');
    await expect(new ListDatasetEntriesCommand({ DatasetArn: train.replace(/\d+$/, '1') }), 'ResourceNotFoundException');
    const labels = await expect(new ListDatasetLabelsCommand({ DatasetArn: train, MaxResults: 1 }));
    await expect(new ListDatasetLabelsCommand({ DatasetArn: train, MaxResults: 1, NextToken: labels.NextToken as string }));
    await expect(new ListDatasetLabelsCommand({ DatasetArn: train, NextToken: 'stale' }), 'InvalidPaginationTokenException');
    await expect(new ListDatasetLabelsCommand({ DatasetArn: train.replace(/\d+$/, '1') }), 'ResourceNotFoundException');
    // A copy of a complete dataset.
    const copy = (await expect(new CreateDatasetCommand({ ProjectArn: copyProject, DatasetType: 'TRAIN', DatasetSource: { DatasetArn: train } }))).DatasetArn as string;
    const copyTest = (await expect(new CreateDatasetCommand({ ProjectArn: copyProject, DatasetType: 'TEST' }))).DatasetArn as string;
    await settle(copy);
    await settle(copyTest);

    // DistributeDatasetEntries' refusals, then a distribution.
    await expect(new DistributeDatasetEntriesCommand({ Datasets: [{ Arn: train }] }), 'InvalidParameterException');
    await expect(new DistributeDatasetEntriesCommand({ Datasets: [{ Arn: train }, { Arn: train }] }), 'InvalidParameterException');
    await expect(new DistributeDatasetEntriesCommand({ Datasets: [{ Arn: train }, { Arn: test.replace(/\d+$/, '1') }] }), 'ResourceNotFoundException');
    await expect(new DistributeDatasetEntriesCommand({ Datasets: [{ Arn: train }, { Arn: copyTest }] }), 'InvalidParameterException');
    await expect(new DistributeDatasetEntriesCommand({ Datasets: [{ Arn: train }, { Arn: test }] }));
    await settle(train);
    await settle(test);
    await expect(new DistributeDatasetEntriesCommand({ Datasets: [{ Arn: train }, { Arn: test }] }), 'InvalidParameterException');
    // A distribution in progress (slow): the other operations on its datasets.
    sandbox.faults = { slowTransitionsMs: 600_000 };
    await expect(new DistributeDatasetEntriesCommand({ Datasets: [{ Arn: copy }, { Arn: copyTest }] }));
    sandbox.faults = {};
    await expect(new UpdateDatasetEntriesCommand({ DatasetArn: copyTest, Changes: { GroundTruth: Buffer.from(classLine('s3://bucket/t.jpg', 'cat')) } }), 'ResourceInUseException');
    await expect(new DistributeDatasetEntriesCommand({ Datasets: [{ Arn: copy }, { Arn: copyTest }] }), 'ResourceNotReadyException');
    // A dataset whose creation failed (too many terminal errors).
    const other = (await expect(new CreateProjectCommand({ ProjectName: 'conf-failed' }))).ProjectArn as string;
    const failed = (await expect(new CreateDatasetCommand({ ProjectArn: other, DatasetType: 'TRAIN', DatasetSource: { GroundTruthManifest: { S3Object: { Bucket: 'bucket', Name: 'bad.manifest' } } } }))).DatasetArn as string;
    const empty = (await expect(new CreateDatasetCommand({ ProjectArn: other, DatasetType: 'TEST' }))).DatasetArn as string;
    assert.strictEqual((await settle(failed)).Status, 'CREATE_FAILED');
    await settle(empty);
    await expect(new ListDatasetEntriesCommand({ DatasetArn: failed }), 'ResourceNotReadyException');
    await expect(new UpdateDatasetEntriesCommand({ DatasetArn: failed, Changes: { GroundTruth: Buffer.from(classLine('s3://bucket/x.jpg', 'cat')) } }), 'InvalidParameterException');
    await expect(new DistributeDatasetEntriesCommand({ Datasets: [{ Arn: failed }, { Arn: empty }] }), 'ResourceNotReadyException');
    await expect(new DistributeDatasetEntriesCommand({ Datasets: [{ Arn: train }, { Arn: empty }] }), 'InvalidParameterException');
    // Deletes.
    await expect(new DeleteDatasetCommand({ DatasetArn: failed }));
    await expect(new DeleteDatasetCommand({ DatasetArn: failed.replace(/\d+$/, '1') }), 'ResourceNotFoundException');
    await expect(new DeleteProjectCommand({ ProjectArn: moderation }));
    await expect(new DeleteProjectCommand({ ProjectArn: moderation.replace(/\d+$/, '1') }), 'ResourceNotFoundException');
    // Faults the sandbox injects: throttling and internal errors, which every operation lists.
    for (const operation of OPERATIONS) {
      sandbox.faults = { throttleEveryNth: 1, operations: [operation] };
      await expect(commandFor(operation, { projectArn, train, test }), 'ThrottlingException');
      sandbox.faults = { internalErrorEveryNth: 1, operations: [operation] };
      await expect(commandFor(operation, { projectArn, train, test }), 'InternalServerError');
    }
    sandbox.faults = {};

    const violations = log.flatMap(conforms);
    assert.deepStrictEqual(violations, []);
    assert.deepStrictEqual(OPERATIONS.filter((op) => !log.some((x) => x.operation === op && x.status === 200)), [], 'every operation answered 200 at least once');
    // What each operation raised is a subset of what it lists (the recorded errors checked above, summarised).
    for (const [op, names] of raised) for (const n of names) assert.ok(MODEL.operations[op].errors.includes(n), `${op} raised ${n}`);
  });

  it('answers model-driven malformed requests with a 4xx the operation lists', async () => {
    const projectArn = (await client.send(new CreateProjectCommand({ ProjectName: 'fuzz' }))).ProjectArn!;
    const datasetArn = (await client.send(new CreateDatasetCommand({ ProjectArn: projectArn, DatasetType: 'TRAIN' }))).DatasetArn!;
    await settle(datasetArn);
    const base: Record<string, Record<string, unknown>> = {
      CreateProject: { ProjectName: 'fuzz-new' },
      DescribeProjects: {},
      DeleteProject: { ProjectArn: projectArn.replace(/\d+$/, '1') },
      CreateDataset: { ProjectArn: projectArn, DatasetType: 'TEST' },
      DescribeDataset: { DatasetArn: datasetArn },
      DeleteDataset: { DatasetArn: datasetArn.replace(/\d+$/, '1') },
      ListDatasetEntries: { DatasetArn: datasetArn },
      ListDatasetLabels: { DatasetArn: datasetArn },
      UpdateDatasetEntries: { DatasetArn: datasetArn.replace(/\d+$/, '1'), Changes: { GroundTruth: Buffer.from('{}').toString('base64') } },
      DistributeDatasetEntries: { Datasets: [{ Arn: datasetArn }, { Arn: datasetArn.replace(/\d+$/, '1') }] },
    };
    const deep = '['.repeat(20_000) + ']'.repeat(20_000);
    const problems: string[] = [];
    let sent = 0;
    for (const operation of OPERATIONS) {
      const input = MODEL.shapes[MODEL.operations[operation].input];
      for (const [name, member] of Object.entries(input.members ?? {})) {
        const shape = MODEL.shapes[member.shape];
        const variants: Array<[string, string]> = [];
        const body = (value: unknown) => JSON.stringify({ ...base[operation], [name]: value });
        const { [name]: _dropped, ...without } = base[operation];
        if (member.required) variants.push(['missing', JSON.stringify(without)]);
        const wrong = shape.type === 'string' || shape.type === 'enum' || shape.type === 'blob' ? 42 : shape.type === 'list' || shape.type === 'map' || shape.type === 'structure' ? 'text' : 'text';
        variants.push(['wrong type', body(wrong)]);
        if (shape.type === 'string' && shape.length?.max !== undefined) variants.push(['too long', body('a'.repeat(shape.length.max + 1))]);
        if (shape.type === 'integer' && shape.range?.max !== undefined) variants.push(['over range', body(shape.range.max + 1)]);
        if (shape.type === 'integer' && shape.range?.min !== undefined) variants.push(['under range', body(shape.range.min - 1)]);
        if (shape.type === 'enum') variants.push(['not in enum', body('NOT_A_VALUE')]);
        if (shape.type === 'list' && shape.length?.max !== undefined) variants.push(['too many items', body(Array.from({ length: shape.length.max + 1 }, () => 'x'))]);
        variants.push(['nested 20,000 deep', JSON.stringify({ ...base[operation] }).replace(/^\{/, `{"${name}":${deep}${Object.keys(base[operation]).length ? ',' : ''}`)]);
        for (const [what, text] of variants) {
          sent++;
          const r = await fetch(sandbox.endpoint, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `RekognitionService.${operation}` }, body: text });
          const answer = await r.text();
          const where = `${operation}.${name} ${what}`;
          if (r.status < 400 || r.status >= 500) {
            problems.push(`${where}: HTTP ${r.status} ${answer.slice(0, 160)}`);
            continue;
          }
          problems.push(...conforms({ operation, status: r.status, body: answer }).map((v) => `${where}: ${v}`));
        }
      }
    }
    assert.deepStrictEqual(problems, []);
    assert.ok(sent > 50, `${sent} malformed requests`);
  });

  it('answers the model-version operations, on their success and error paths, only as the model allows', async () => {
    const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    fs.mkdirSync(path.join(root, 'bucket', 'img'), { recursive: true });
    const lines = ['cat', 'dog'].flatMap((l) =>
      Array.from({ length: 4 }, (_, i) => {
        fs.writeFileSync(path.join(root, 'bucket', 'img', `${l}-${i}.png`), Buffer.concat([PNG, Buffer.from(`${l}${i}`)]));
        return classLine(`s3://bucket/img/${l}-${i}.png`, l);
      }),
    );
    const from = log.length;
    const projectArn = (await expect(new CreateProjectCommand({ ProjectName: 'conf-models' }))).ProjectArn as string;
    const train = (await expect(new CreateDatasetCommand({ ProjectArn: projectArn, DatasetType: 'TRAIN' }))).DatasetArn as string;
    const test = (await expect(new CreateDatasetCommand({ ProjectArn: projectArn, DatasetType: 'TEST' }))).DatasetArn as string;
    await settle(train);
    await settle(test);
    await expect(new UpdateDatasetEntriesCommand({ DatasetArn: train, Changes: { GroundTruth: Buffer.from(lines.slice(0, 3).concat(lines.slice(4, 7)).join('\n')) } }));
    await expect(new UpdateDatasetEntriesCommand({ DatasetArn: test, Changes: { GroundTruth: Buffer.from([lines[3], lines[7]].join('\n')) } }));
    await settle(train);
    await settle(test);
    const output = { S3Bucket: 'bucket', S3KeyPrefix: 'out/' };
    // CreateProjectVersion
    await expect(new CreateProjectVersionCommand({ ProjectArn: projectArn.replace(/\d+$/, '1'), VersionName: 'v1', OutputConfig: output }), 'ResourceNotFoundException');
    await expect(new CreateProjectVersionCommand({ ProjectArn: projectArn, VersionName: 'bad name!', OutputConfig: output }), 'InvalidParameterException');
    await expect(new CreateProjectVersionCommand({ ProjectArn: projectArn, VersionName: 'v1', OutputConfig: output, TrainingData: { Assets: [] } }), 'InvalidParameterException');
    const model = (await expect(new CreateProjectVersionCommand({ ProjectArn: projectArn, VersionName: 'v1', OutputConfig: output }))).ProjectVersionArn as string;
    await expect(new CreateProjectVersionCommand({ ProjectArn: projectArn, VersionName: 'v1', OutputConfig: output }), 'ResourceInUseException');
    // While training.
    await expect(new DescribeProjectVersionsCommand({ ProjectArn: projectArn }));
    await expect(new StartProjectVersionCommand({ ProjectVersionArn: model, MinInferenceUnits: 1 }), 'ResourceInUseException');
    await expect(new DeleteProjectVersionCommand({ ProjectVersionArn: model }), 'ResourceInUseException');
    await expect(new DetectCustomLabelsCommand({ ProjectVersionArn: model, Image: { S3Object: { Bucket: 'bucket', Name: 'img/cat-0.png' } } }), 'ResourceNotReadyException');
    await expect(new DeleteProjectCommand({ ProjectArn: projectArn }), 'ResourceInUseException');
    const second = (await expect(new CreateProjectVersionCommand({ ProjectArn: projectArn, VersionName: 'v2', OutputConfig: output }))).ProjectVersionArn as string;
    // Both trainings end (the second model is deleted at the end, as it stands, TRAINING_COMPLETED).
    while (clockOf(sandbox).runNext());
    // DescribeProjectVersions: completed, paged, filtered, refused.
    const first = await expect(new DescribeProjectVersionsCommand({ ProjectArn: projectArn, MaxResults: 1 }));
    await expect(new DescribeProjectVersionsCommand({ ProjectArn: projectArn, MaxResults: 1, NextToken: first.NextToken as string }));
    await expect(new DescribeProjectVersionsCommand({ ProjectArn: projectArn, VersionNames: ['v1'] }));
    await expect(new DescribeProjectVersionsCommand({ ProjectArn: projectArn, NextToken: 'stale' }), 'InvalidPaginationTokenException');
    await expect(new DescribeProjectVersionsCommand({ ProjectArn: projectArn, MaxResults: 101 }), 'InvalidParameterException');
    await expect(new DescribeProjectVersionsCommand({ ProjectArn: projectArn.replace(/\d+$/, '1') }), 'ResourceNotFoundException');
    // Start, detect, stop, delete.
    await expect(new StartProjectVersionCommand({ ProjectVersionArn: model, MinInferenceUnits: 2, MaxInferenceUnits: 1 }), 'InvalidParameterException');
    await expect(new StartProjectVersionCommand({ ProjectVersionArn: model.replace(/\d+$/, '1'), MinInferenceUnits: 1 }), 'ResourceNotFoundException');
    await expect(new StartProjectVersionCommand({ ProjectVersionArn: model, MinInferenceUnits: 1 }));
    await expect(new StartProjectVersionCommand({ ProjectVersionArn: model, MinInferenceUnits: 1 }), 'ResourceInUseException');
    await expect(new StopProjectVersionCommand({ ProjectVersionArn: model }), 'ResourceInUseException');
    while (clockOf(sandbox).runNext());
    await expect(new DetectCustomLabelsCommand({ ProjectVersionArn: model, Image: { S3Object: { Bucket: 'bucket', Name: 'img/cat-0.png' } }, MinConfidence: 0 }));
    await expect(new DetectCustomLabelsCommand({ ProjectVersionArn: model, Image: { Bytes: fs.readFileSync(path.join(root, 'bucket', 'img', 'dog-3.png')) }, MaxResults: 1 }));
    await expect(new DetectCustomLabelsCommand({ ProjectVersionArn: model, Image: { S3Object: { Bucket: 'bucket', Name: 'img/none.png' } } }), 'InvalidS3ObjectException');
    await expect(new DetectCustomLabelsCommand({ ProjectVersionArn: model, Image: { Bytes: Buffer.from('GIF89a not an image') } }), 'InvalidImageFormatException');
    await expect(new DetectCustomLabelsCommand({ ProjectVersionArn: model, Image: {} }), 'InvalidParameterException');
    await expect(new DetectCustomLabelsCommand({ ProjectVersionArn: model, Image: { S3Object: { Bucket: 'bucket', Name: 'img/cat-0.png' } }, MinConfidence: 101 }), 'InvalidParameterException');
    await expect(new DetectCustomLabelsCommand({ ProjectVersionArn: model.replace(/\d+$/, '1'), Image: { S3Object: { Bucket: 'bucket', Name: 'img/cat-0.png' } } }), 'ResourceNotFoundException');
    await expect(new DeleteProjectVersionCommand({ ProjectVersionArn: model }), 'ResourceInUseException');
    for (const operation of VERSION_OPERATIONS) {
      sandbox.faults = { throttleEveryNth: 1, operations: [operation] };
      await expect(versionCommandFor(operation, projectArn, model), 'ThrottlingException');
      sandbox.faults = { internalErrorEveryNth: 1, operations: [operation] };
      await expect(versionCommandFor(operation, projectArn, model), 'InternalServerError');
    }
    sandbox.faults = {};
    await expect(new StopProjectVersionCommand({ ProjectVersionArn: model }));
    while (clockOf(sandbox).runNext());
    await expect(new DescribeProjectVersionsCommand({ ProjectArn: projectArn }));
    await expect(new DeleteProjectVersionCommand({ ProjectVersionArn: model }));
    await expect(new DeleteProjectVersionCommand({ ProjectVersionArn: second }));
    while (clockOf(sandbox).runNext());
    await expect(new DeleteProjectVersionCommand({ ProjectVersionArn: model }), 'ResourceNotFoundException');

    const exchanges = log.slice(from);
    assert.deepStrictEqual(exchanges.flatMap(conforms), []);
    assert.deepStrictEqual(VERSION_OPERATIONS.filter((op) => !exchanges.some((x) => x.operation === op && x.status === 200)), [], 'every model-version operation answered 200 at least once');
    const described = exchanges.filter((x) => x.operation === 'DescribeProjectVersions' && x.status === 200).map((x) => JSON.parse(x.body) as { ProjectVersionDescriptions: { Status: string; EvaluationResult?: unknown; ManifestSummary?: unknown }[] });
    const statuses = new Set(described.flatMap((d) => d.ProjectVersionDescriptions.map((m) => m.Status)));
    for (const s of ['TRAINING_IN_PROGRESS', 'TRAINING_COMPLETED', 'STOPPED']) assert.ok(statuses.has(s), `a description with ${s}`);
    assert.ok(described.some((d) => d.ProjectVersionDescriptions.some((m) => m.EvaluationResult && m.ManifestSummary)), 'a trained model described with its results');
  });
});

/** A valid request of a model-version `operation` (the faults fail it before it runs). */
function versionCommandFor(operation: string, projectArn: string, model: string): object {
  switch (operation) {
    case 'CreateProjectVersion':
      return new CreateProjectVersionCommand({ ProjectArn: projectArn, VersionName: 'faulted', OutputConfig: { S3Bucket: 'bucket' } });
    case 'DescribeProjectVersions':
      return new DescribeProjectVersionsCommand({ ProjectArn: projectArn });
    case 'DeleteProjectVersion':
      return new DeleteProjectVersionCommand({ ProjectVersionArn: model });
    case 'StartProjectVersion':
      return new StartProjectVersionCommand({ ProjectVersionArn: model, MinInferenceUnits: 1 });
    case 'StopProjectVersion':
      return new StopProjectVersionCommand({ ProjectVersionArn: model });
    case 'DetectCustomLabels':
      return new DetectCustomLabelsCommand({ ProjectVersionArn: model, Image: { S3Object: { Bucket: 'bucket', Name: 'img/cat-0.png' } } });
    default:
      throw new Error(`no command for ${operation}`);
  }
}

/** A valid request of `operation` (the faults fail it before it runs). */
function commandFor(operation: string, arns: { projectArn: string; train: string; test: string }): object {
  switch (operation) {
    case 'CreateProject':
      return new CreateProjectCommand({ ProjectName: 'faulted' });
    case 'DescribeProjects':
      return new DescribeProjectsCommand({});
    case 'DeleteProject':
      return new DeleteProjectCommand({ ProjectArn: arns.projectArn });
    case 'CreateDataset':
      return new CreateDatasetCommand({ ProjectArn: arns.projectArn, DatasetType: 'TEST' });
    case 'DescribeDataset':
      return new DescribeDatasetCommand({ DatasetArn: arns.train });
    case 'DeleteDataset':
      return new DeleteDatasetCommand({ DatasetArn: arns.test });
    case 'ListDatasetEntries':
      return new ListDatasetEntriesCommand({ DatasetArn: arns.train });
    case 'ListDatasetLabels':
      return new ListDatasetLabelsCommand({ DatasetArn: arns.train });
    case 'UpdateDatasetEntries':
      return new UpdateDatasetEntriesCommand({ DatasetArn: arns.train, Changes: { GroundTruth: Buffer.from('{}') } });
    case 'DistributeDatasetEntries':
      return new DistributeDatasetEntriesCommand({ Datasets: [{ Arn: arns.train }, { Arn: arns.test }] });
    default:
      throw new Error(`no command for ${operation}`);
  }
}
