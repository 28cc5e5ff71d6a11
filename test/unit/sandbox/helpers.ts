/** Shared helpers of the sandbox tests: a real SDK client pointed at a sandbox, status polling, lines. */
import * as assert from 'assert';
import {
  CreateDatasetCommand,
  CreateProjectCommand,
  DescribeDatasetCommand,
  type DatasetDescription,
  RekognitionClient,
  UpdateDatasetEntriesCommand,
  DescribeProjectsCommand,
  type ProjectDescription,
} from '@aws-sdk/client-rekognition';
import { ManualClock, startSandbox, type Sandbox, type SandboxOptions } from '../../../src/sandbox';

export const DELAY_MS = 10;

/**
 * The clock each sandbox of these tests runs its transitions on, and the clients pointed at it.
 * Transitions never end by themselves: the wait helpers below move the clock to the next one, so
 * a state IN PROGRESS (CREATING, *_IN_PROGRESS, ResourceInUse...) lasts until a test waits.
 */
const clocks = new WeakMap<object, ManualClock>();

/** The manual clock of a sandbox started by `start`/`useSandbox` (or of a client from `clientFor`). */
export function clockOf(sandboxOrClient: object): ManualClock {
  const clock = clocks.get(sandboxOrClient);
  if (!clock) throw new Error('This sandbox was not started by the test helpers (start/useSandbox), or was given its own clock: it has no manual clock.');
  return clock;
}

/** Lets the wait helpers move `sandbox`'s clock when polling through `client` (a client not made by clientFor). */
export function bindClock<C extends object>(client: C, sandbox: Sandbox): C {
  const clock = clocks.get(sandbox);
  if (clock) clocks.set(client, clock);
  return client;
}

/** A sandbox on a ManualClock (unless `options.clock` names another): nothing settles until a test waits. */
export async function start(options: SandboxOptions = {}): Promise<Sandbox> {
  const clock = options.clock ? undefined : new ManualClock();
  const sandbox = await startSandbox({ transitionDelayMs: DELAY_MS, ...options, ...(clock ? { clock } : {}) });
  if (clock) clocks.set(sandbox, clock);
  return sandbox;
}

/**
 * The one set-up hook of the sandbox tests: a fresh sandbox and a real SDK client for each test,
 * both closed after it. Read `sandbox` and `client` inside hooks and tests.
 */
export function useSandbox(options: SandboxOptions = {}): { readonly sandbox: Sandbox; readonly client: RekognitionClient } {
  const box = {} as { sandbox: Sandbox; client: RekognitionClient };
  beforeEach(async () => {
    box.sandbox = await start(options);
    box.client = clientFor(box.sandbox);
  });
  afterEach(async () => {
    box.client?.destroy();
    await box.sandbox?.close();
  });
  return box;
}

export function clientFor(sandbox: Sandbox, maxAttempts = 1): RekognitionClient {
  const client = new RekognitionClient({
    region: 'us-east-1',
    endpoint: sandbox.endpoint,
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    maxAttempts,
  });
  return bindClock(client, sandbox);
}

/**
 * Lets the sandbox's transitions move on between two polls: on a manual clock, the next transition
 * due runs now (no sleep); on the system clock (a sandbox the helpers did not start), a short tick.
 */
async function step(client: RekognitionClient, what: string): Promise<void> {
  const clock = clocks.get(client);
  if (!clock) return new Promise((r) => setTimeout(r, 5));
  if (!clock.runNext()) throw new Error(`${what}, and no transition is scheduled on the sandbox's clock: it never will.`);
}

/** Polls DescribeDataset until the status leaves *_IN_PROGRESS (bounded number of tries). */
export async function waitForDataset(client: RekognitionClient, arn: string, tries = 200): Promise<DatasetDescription> {
  for (let i = 0; i < tries; i++) {
    const d = (await client.send(new DescribeDatasetCommand({ DatasetArn: arn }))).DatasetDescription!;
    if (!d.Status?.endsWith('_IN_PROGRESS')) return d;
    await step(client, `dataset ${arn} is ${d.Status}`);
  }
  throw new Error(`dataset ${arn} still in progress after ${tries} polls`);
}

/** Polls until DescribeDataset fails with ResourceNotFoundException. */
export async function waitForDatasetGone(client: RekognitionClient, arn: string, tries = 200): Promise<void> {
  for (let i = 0; i < tries; i++) {
    try {
      await client.send(new DescribeDatasetCommand({ DatasetArn: arn }));
    } catch (e) {
      if ((e as Error).name === 'ResourceNotFoundException') return;
      throw e;
    }
    await step(client, `dataset ${arn} is still there`);
  }
  throw new Error(`dataset ${arn} still there after ${tries} polls`);
}

export async function findProject(client: RekognitionClient, name: string): Promise<ProjectDescription | undefined> {
  const r = await client.send(new DescribeProjectsCommand({ ProjectNames: [name] }));
  return r.ProjectDescriptions?.[0];
}

export async function waitForProject(client: RekognitionClient, name: string, until: (p: ProjectDescription | undefined) => boolean, tries = 200): Promise<ProjectDescription | undefined> {
  for (let i = 0; i < tries; i++) {
    const p = await findProject(client, name);
    if (until(p)) return p;
    await step(client, `project ${name} is ${p?.Status ?? 'gone'}, not yet as expected`);
  }
  throw new Error(`project ${name} never reached the expected state`);
}

/** Asserts an SDK call fails with the service error `name`, HTTP `status`, and a message matching `message`. */
export async function expectError(call: Promise<unknown>, name: string, status: number, message?: RegExp): Promise<Error & Record<string, unknown>> {
  try {
    await call;
  } catch (e) {
    const err = e as Error & { $metadata?: { httpStatusCode?: number }; Code?: string; Logref?: string };
    assert.strictEqual(err.name, name, `expected ${name}, got ${err.name}: ${err.message}`);
    assert.strictEqual(err.$metadata?.httpStatusCode, status);
    if (message) assert.match(err.message, message);
    return err as Error & Record<string, unknown>;
  }
  assert.fail(`expected ${name}, but the call succeeded`);
}

export async function createProject(client: RekognitionClient, name: string): Promise<string> {
  return (await client.send(new CreateProjectCommand({ ProjectName: name }))).ProjectArn!;
}

/** A project with a complete, empty dataset of `type`. */
export async function projectWithDataset(client: RekognitionClient, name: string, type: 'TRAIN' | 'TEST' = 'TRAIN'): Promise<{ projectArn: string; datasetArn: string }> {
  const projectArn = await createProject(client, name);
  const datasetArn = (await client.send(new CreateDatasetCommand({ ProjectArn: projectArn, DatasetType: type }))).DatasetArn!;
  const d = await waitForDataset(client, datasetArn);
  assert.strictEqual(d.Status, 'CREATE_COMPLETE');
  return { projectArn, datasetArn };
}

export async function push(client: RekognitionClient, datasetArn: string, lines: string[]): Promise<DatasetDescription> {
  await client.send(new UpdateDatasetEntriesCommand({ DatasetArn: datasetArn, Changes: { GroundTruth: Buffer.from(lines.join('\n') + '\n') } }));
  return waitForDataset(client, datasetArn);
}

const DATE = '2024-05-01T10:00:00.000Z';

export function classLine(sourceRef: string, label: string, attribute = 'label'): string {
  return JSON.stringify({
    'source-ref': sourceRef,
    [attribute]: 1,
    [`${attribute}-metadata`]: { confidence: 1, 'class-name': label, 'human-annotated': 'yes', 'creation-date': DATE, type: 'groundtruth/image-classification' },
  });
}

export function multiLabelLine(sourceRef: string, labels: string[]): string {
  const obj: Record<string, unknown> = { 'source-ref': sourceRef };
  labels.forEach((label, i) => {
    obj[`attr${i}`] = 1;
    obj[`attr${i}-metadata`] = { confidence: 1, 'class-name': label, 'human-annotated': 'yes', 'creation-date': DATE, type: 'groundtruth/image-classification' };
  });
  return JSON.stringify(obj);
}

export interface Box {
  label: string;
  left: number;
  top: number;
  width: number;
  height: number;
}

export function boxLine(sourceRef: string, boxes: Box[], size = { width: 800, height: 600 }): string {
  const names = [...new Set(boxes.map((b) => b.label))];
  return JSON.stringify({
    'source-ref': sourceRef,
    boxes: {
      image_size: [{ width: size.width, height: size.height, depth: 3 }],
      annotations: boxes.map((b) => ({ class_id: names.indexOf(b.label), left: b.left, top: b.top, width: b.width, height: b.height })),
    },
    'boxes-metadata': {
      objects: boxes.map(() => ({ confidence: 1 })),
      'class-map': Object.fromEntries(names.map((n, i) => [String(i), n])),
      type: 'groundtruth/object-detection',
      'human-annotated': 'yes',
      'creation-date': DATE,
    },
  });
}

export function parseEntries(lines: string[] | undefined): Array<Record<string, unknown>> {
  return (lines ?? []).map((l) => JSON.parse(l) as Record<string, unknown>);
}
