import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DescribeDatasetCommand, ListDatasetEntriesCommand, UpdateDatasetEntriesCommand } from '@aws-sdk/client-rekognition';
import { classLine, clientFor, findProject, projectWithDataset, push, start, waitForDataset } from './helpers';

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

    // The saved transition is due in a minute; the restarted sandbox applies it then. Rewrite its due time.
    const file = path.join(dir, 'sandbox-state.json');
    const state = JSON.parse(fs.readFileSync(file, 'utf8')) as { datasets: Array<{ arn: string; status: string; pending?: { dueAt: number } }> };
    const saved = state.datasets.find((d) => d.arn === arn)!;
    assert.strictEqual(saved.status, 'UPDATE_IN_PROGRESS');
    saved.pending!.dueAt = Date.now();
    fs.writeFileSync(file, JSON.stringify(state));

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
});
