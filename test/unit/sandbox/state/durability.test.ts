/**
 * Issue #21 item 12: what the sandbox has acknowledged survives a crash. The built sandbox
 * (dist/sandbox.js, `--data DIR`) runs as a child process; the real SDK client creates a dataset
 * and pushes entries, waits until DescribeDataset answers UPDATE_COMPLETE, and the process is
 * killed at once (SIGKILL: no handler, no flush at exit). Restarted on the same folder, the
 * dataset must hold every entry it was seen to hold (or, if it comes back in progress, once that
 * transition ends). A few rounds, each a fresh kill, to catch the race.
 */
import * as assert from 'assert';
import { type ChildProcessWithoutNullStreams, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  CreateDatasetCommand,
  CreateProjectCommand,
  DescribeDatasetCommand,
  ListDatasetEntriesCommand,
  type RekognitionClient,
  UpdateDatasetEntriesCommand,
} from '@aws-sdk/client-rekognition';
import { classLine, clientFor } from '../helpers';

const ROOT = path.join(__dirname, '..', '..', '..', '..');
const BUNDLE = path.join(ROOT, 'dist', 'sandbox.js');
const ROUNDS = 5;
const LINES_PER_PUSH = 20;

/** The newest modification time of the files under `dir`. */
function newest(dir: string): number {
  let t = 0;
  for (const f of fs.readdirSync(dir, { recursive: true })) {
    const st = fs.statSync(path.join(dir, String(f)));
    if (st.isFile()) t = Math.max(t, st.mtimeMs);
  }
  return t;
}

interface Running {
  child: ChildProcessWithoutNullStreams;
  client: RekognitionClient;
}

/** Starts dist/sandbox.js on `dataDir` (transitions end at once: --delay 0) and a client for it. */
async function launch(dataDir: string): Promise<Running> {
  const child = spawn(process.execPath, [BUNDLE, '--data', dataDir, '--delay', '0', '--no-seed'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const endpoint = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(out.slice(0, nl));
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => reject(new Error(`dist/sandbox.js exited (${code}) before printing its endpoint: ${err}`)));
  });
  return { child, client: clientFor({ endpoint } as never) };
}

/** SIGKILL, and wait until the process is gone. */
async function crash(r: Running): Promise<void> {
  r.client.destroy();
  const gone = new Promise<void>((resolve) => r.child.once('exit', () => resolve()));
  r.child.kill('SIGKILL');
  await gone;
}

async function describe_(client: RekognitionClient, arn: string): Promise<string> {
  return (await client.send(new DescribeDatasetCommand({ DatasetArn: arn }))).DatasetDescription!.Status!;
}

/** Polls without sleeping until the dataset leaves *_IN_PROGRESS; returns its status. */
async function settled(client: RekognitionClient, arn: string): Promise<string> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const status = await describe_(client, arn);
    if (!status.endsWith('_IN_PROGRESS')) return status;
    if (Date.now() > deadline) throw new Error(`dataset ${arn} still ${status} after 5 s`);
  }
}

async function sourceRefs(client: RekognitionClient, arn: string): Promise<Set<string>> {
  const refs = new Set<string>();
  let token: string | undefined;
  do {
    const page = await client.send(new ListDatasetEntriesCommand({ DatasetArn: arn, MaxResults: 100, NextToken: token }));
    for (const line of page.DatasetEntries ?? []) refs.add((JSON.parse(line) as { 'source-ref': string })['source-ref']);
    token = page.NextToken;
  } while (token);
  return refs;
}

describe('sandbox: durability of acknowledged changes across a crash (--data, SIGKILL)', function () {
  this.timeout(60_000);
  let dir: string;
  const running: Running[] = [];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-crash-'));
  });
  afterEach(async () => {
    for (const r of running.splice(0)) if (r.child.exitCode === null && r.child.signalCode === null) await crash(r);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function requireFreshBundle(): void {
    assert.ok(fs.existsSync(BUNDLE), `${path.relative(ROOT, BUNDLE)} is missing: build it first (node esbuild.js).`);
    assert.ok(
      fs.statSync(BUNDLE).mtimeMs >= newest(path.join(ROOT, 'src', 'sandbox')),
      `${path.relative(ROOT, BUNDLE)} is older than src/sandbox/: this test would run old code. Rebuild it (node esbuild.js).`,
    );
  }

  async function relaunch(): Promise<Running> {
    const r = await launch(dir);
    running.push(r);
    return r;
  }

  /** A project with a TRAIN dataset, answered CREATE_COMPLETE; returns the dataset's ARN. */
  async function createDataset(client: RekognitionClient): Promise<string> {
    const projectArn = (await client.send(new CreateProjectCommand({ ProjectName: 'crash' }))).ProjectArn!;
    const arn = (await client.send(new CreateDatasetCommand({ ProjectArn: projectArn, DatasetType: 'TRAIN' }))).DatasetArn!;
    assert.strictEqual(await settled(client, arn), 'CREATE_COMPLETE');
    return arn;
  }

  it('restarted after kill -9, a dataset answered CREATE_COMPLETE exists', async () => {
    requireFreshBundle();
    let r = await relaunch();
    const arn = await createDataset(r.client);
    await crash(r);
    r = await relaunch();
    const status = await settled(r.client, arn).catch((e: Error) => `${e.name}: ${e.message}`);
    assert.strictEqual(status, 'CREATE_COMPLETE', 'the dataset answered CREATE_COMPLETE before kill -9');
  });

  it('restarted after kill -9, a dataset holds every entry of every push answered UPDATE_COMPLETE', async () => {
    requireFreshBundle();
    let r = await relaunch();
    const arn = await createDataset(r.client);
    // A clean stop (SIGTERM saves everything): only the pushes below meet a crash.
    const stopped = new Promise<void>((resolve) => r.child.once('exit', () => resolve()));
    r.client.destroy();
    r.child.kill('SIGTERM');
    await stopped;
    r = await relaunch();

    const acknowledged: string[] = [];
    const lost: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const refs = Array.from({ length: LINES_PER_PUSH }, (_, i) => `s3://bucket/round-${round}/${i}.jpg`);
      await r.client.send(new UpdateDatasetEntriesCommand({ DatasetArn: arn, Changes: { GroundTruth: Buffer.from(refs.map((ref) => classLine(ref, 'cat')).join('\n')) } }));
      assert.strictEqual(await settled(r.client, arn), 'UPDATE_COMPLETE');
      acknowledged.push(...refs);
      await crash(r);
      r = await relaunch();
      const status = await settled(r.client, arn);
      const held = await sourceRefs(r.client, arn);
      const missing = acknowledged.filter((ref) => !held.has(ref));
      if (missing.length > 0) lost.push(`round ${round}: the dataset came back ${status} without ${missing.length} of the ${acknowledged.length} acknowledged entries (first: ${missing[0]})`);
    }
    await crash(r);
    assert.deepStrictEqual(lost, [], 'entries answered UPDATE_COMPLETE were lost by kill -9');
  });
});
