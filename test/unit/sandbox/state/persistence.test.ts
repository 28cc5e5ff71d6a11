import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DescribeDatasetCommand, ListDatasetEntriesCommand, UpdateDatasetEntriesCommand } from '@aws-sdk/client-rekognition';
import { SandboxCore } from '../../../../src/sandbox';
import { classLine, clientFor, findProject, projectWithDataset, push, start, waitForDataset } from '../helpers';

function handle(core: SandboxCore, operation: string, body: unknown): Record<string, unknown> {
  const r = core.handle({ target: `RekognitionService.${operation}`, body: JSON.stringify(body) });
  assert.strictEqual(r.statusCode, 200, r.body);
  return JSON.parse(r.body) as Record<string, unknown>;
}

function entriesFiles(dir: string): Map<string, number> {
  const entriesDir = path.join(dir, 'entries');
  return new Map(fs.readdirSync(entriesDir).map((n) => [n, fs.statSync(path.join(entriesDir, n)).mtimeMs]));
}

describe('sandbox: persistence', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-data-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps projects, datasets and entries across a restart', async () => {
    const first = await start({ persistDir: dir });
    const c1 = clientFor(first);
    const { projectArn, datasetArn } = await projectWithDataset(c1, 'kept');
    await push(c1, datasetArn, [classLine('s3://bucket/1.jpg', 'cat'), classLine('s3://bucket/2.jpg', 'dog')]);
    const demo = await first.seedDemo();
    c1.destroy();
    await first.close();
    assert.ok(fs.existsSync(path.join(dir, 'sandbox-state.json')));

    const second = await start({ persistDir: dir });
    const c2 = clientFor(second);
    try {
      assert.strictEqual((await findProject(c2, 'kept'))?.ProjectArn, projectArn);
      const d = (await c2.send(new DescribeDatasetCommand({ DatasetArn: datasetArn }))).DatasetDescription!;
      assert.strictEqual(d.Status, 'UPDATE_COMPLETE');
      assert.strictEqual(d.DatasetStats?.TotalEntries, 2);
      const entries = await c2.send(new ListDatasetEntriesCommand({ DatasetArn: datasetArn }));
      assert.strictEqual(entries.DatasetEntries?.length, 2);
      assert.deepStrictEqual(await second.seedDemo(), demo, 'the demo is seeded once');
    } finally {
      c2.destroy();
      await second.close();
    }
  });

  it('resumes a transition that was in progress when the sandbox stopped', async () => {
    const first = await start({ persistDir: dir, transitionDelayMs: 60_000 });
    const c1 = clientFor(first);
    const arn = (await first.seedDemo()).trainArn;
    await c1.send(new UpdateDatasetEntriesCommand({ DatasetArn: arn, Changes: { GroundTruth: Buffer.from(classLine('s3://bucket/new.jpg', 'cat')) } }));
    c1.destroy();
    await first.close();

    // The saved transition is due in a minute: the restarted sandbox applies it then (its clock is
    // moved there by waitForDataset, no minute is waited).
    const file = path.join(dir, 'sandbox-state.json');
    const state = JSON.parse(fs.readFileSync(file, 'utf8')) as { datasets: Array<{ arn: string; status: string; pending?: { dueAt: number } }> };
    const saved = state.datasets.find((d) => d.arn === arn)!;
    assert.strictEqual(saved.status, 'UPDATE_IN_PROGRESS');
    assert.ok(saved.pending!.dueAt > Date.now(), 'the transition is not due yet');

    const second = await start({ persistDir: dir });
    const c2 = clientFor(second);
    try {
      const d = await waitForDataset(c2, arn);
      assert.strictEqual(d.Status, 'UPDATE_COMPLETE');
      assert.strictEqual(d.DatasetStats?.TotalEntries, 31);
    } finally {
      c2.destroy();
      await second.close();
    }
  });

  it('refuses a state file that is not valid, saying what to do', async () => {
    fs.writeFileSync(path.join(dir, 'sandbox-state.json'), '{oops');
    await assert.rejects(start({ persistDir: dir }), /not valid\. Move it away/);
  });

  it('writes a burst of changes once, behind the requests, and everything at close', () => {
    const core = new SandboxCore({ persistDir: dir, transitionDelayMs: 10 });
    const file = path.join(dir, 'sandbox-state.json');
    for (let i = 0; i < 200; i++) handle(core, 'CreateProject', { ProjectName: `burst-${i}` });
    assert.ok(!fs.existsSync(file), 'the state file is not rewritten on each of the 200 changes');
    core.close();
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { projects: unknown[] };
    assert.strictEqual(saved.projects.length, 200);
  });

  it('does not rewrite a dataset\'s entries when something else changes', async () => {
    const sandbox = await start({ persistDir: dir });
    const client = clientFor(sandbox);
    try {
      const { datasetArn } = await projectWithDataset(client, 'big');
      await push(client, datasetArn, Array.from({ length: 500 }, (_, i) => classLine(`s3://bucket/${i}.jpg`, 'cat')));
      await sandbox.close();
    } finally {
      client.destroy();
    }
    const before = entriesFiles(dir);
    const core = new SandboxCore({ persistDir: dir, transitionDelayMs: 10 });
    for (let i = 0; i < 20; i++) handle(core, 'CreateProject', { ProjectName: `other-${i}` });
    core.flush();
    assert.deepStrictEqual(entriesFiles(dir), before, 'the entries files are the same files, not written again');
    core.close();
    const again = new SandboxCore({ persistDir: dir, transitionDelayMs: 10 });
    try {
      const projects = handle(again, 'DescribeProjects', {}).ProjectDescriptions as Array<{ Datasets: Array<{ DatasetArn: string }> }>;
      assert.strictEqual(projects.length, 21);
      const arn = projects[0].Datasets[0].DatasetArn;
      const stats = (handle(again, 'DescribeDataset', { DatasetArn: arn }).DatasetDescription as { DatasetStats: { TotalEntries: number } }).DatasetStats;
      assert.strictEqual(stats.TotalEntries, 500);
    } finally {
      again.close();
    }
  });

  it('reads a state file of version 1 (the whole state in one file)', () => {
    const arn = 'arn:aws:rekognition:us-east-1:123456789012:project/old/1';
    const ds = 'arn:aws:rekognition:us-east-1:123456789012:project/old/dataset/train/2';
    const entry = { sourceRef: 's3://bucket/1.jpg', line: classLine('s3://bucket/1.jpg', 'cat'), labels: ['cat'], boxLabels: {}, labeled: true, hasErrors: false };
    fs.writeFileSync(
      path.join(dir, 'sandbox-state.json'),
      JSON.stringify({
        version: 1,
        lastStamp: 2,
        projects: [{ arn, name: 'old', feature: 'CUSTOM_LABELS', status: 'CREATED', created: 1 }],
        datasets: [{ arn: ds, projectArn: arn, type: 'TRAIN', status: 'CREATE_COMPLETE', statusMessage: 'ok', statusMessageCode: 'SUCCESS', created: 2, lastUpdated: 2, entries: [entry] }],
      }),
    );
    const core = new SandboxCore({ persistDir: dir });
    try {
      assert.deepStrictEqual(handle(core, 'ListDatasetEntries', { DatasetArn: ds }).DatasetEntries, [entry.line]);
    } finally {
      core.close();
    }
  });
});
