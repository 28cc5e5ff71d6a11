import * as assert from 'assert';
import { spawn } from 'child_process';
import * as path from 'path';
import { once } from 'events';
import { DescribeProjectsCommand, ListDatasetEntriesCommand } from '@aws-sdk/client-rekognition';
import { parseArgs } from '../../../src/sandbox/main';
import { clientFor, start } from './helpers';

const ROOT = path.join(__dirname, '..', '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

/** Runs a TypeScript snippet in a child process; resolves with its exit code and output. */
async function runChild(code: string): Promise<{ exitCode: number | null; stdout: string; stderr: string }> {
  const child = spawn(TSX, ['-e', code], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const [exitCode] = (await once(child, 'exit')) as [number | null];
  return { exitCode, stdout, stderr };
}

describe('sandbox: lifecycle', () => {
  it('close() clears its timers and sockets: a process that closes the sandbox mid-transition exits by itself', async () => {
    const code = `
      const { startSandbox } = require('./src/sandbox');
      const { RekognitionClient, UpdateDatasetEntriesCommand, DescribeProjectsCommand } = require('@aws-sdk/client-rekognition');
      (async () => {
        const sandbox = await startSandbox({ transitionDelayMs: 3600000 });
        const demo = await sandbox.seedDemo();
        const client = new RekognitionClient({ region: 'us-east-1', endpoint: sandbox.endpoint, credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 1 });
        await client.send(new DescribeProjectsCommand({}));
        await client.send(new UpdateDatasetEntriesCommand({ DatasetArn: demo.trainArn, Changes: { GroundTruth: Buffer.from('{"source-ref":"s3://demo-bucket/x.jpg"}') } }));
        await sandbox.close();
        console.log('closed');
      })();`;
    const r = await runChild(code);
    assert.strictEqual(r.exitCode, 0, r.stderr);
    assert.match(r.stdout, /closed/);
  });

  it('close() is idempotent and the port stops answering', async () => {
    const sandbox = await start();
    const client = clientFor(sandbox);
    await client.send(new DescribeProjectsCommand({}));
    await Promise.all([sandbox.close(), sandbox.close()]);
    await assert.rejects(client.send(new DescribeProjectsCommand({})), /ECONNREFUSED|socket|connect/i);
    client.destroy();
  });

  it('main: prints the endpoint first, seeds the demo, and stops on SIGTERM', async () => {
    const child = spawn(TSX, [path.join(ROOT, 'src', 'sandbox', 'main.ts'), '--delay', '5'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    const seeded = new Promise<void>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (stdout.includes('Press Ctrl+C')) resolve();
      });
    });
    await seeded;
    const lines = stdout.split('\n');
    assert.match(lines[0], /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(stdout, /AWS_ENDPOINT_URL_REKOGNITION=http:\/\/127\.0\.0\.1:\d+/);
    const client = clientFor({ endpoint: lines[0] } as never);
    try {
      const projects = await client.send(new DescribeProjectsCommand({}));
      const demo = projects.ProjectDescriptions?.[0];
      assert.match(demo?.ProjectArn ?? '', /project\/demo-project\//);
      const train = demo?.Datasets?.find((d) => d.DatasetType === 'TRAIN');
      const entries = await client.send(new ListDatasetEntriesCommand({ DatasetArn: train!.DatasetArn!, HasErrors: true }));
      assert.strictEqual(entries.DatasetEntries?.length, 2);
    } finally {
      client.destroy();
    }
    child.kill('SIGTERM');
    const [exitCode] = (await once(child, 'exit')) as [number | null];
    assert.strictEqual(exitCode, 0);
  });

  it('main: parses its flags and refuses unknown ones with the usage', () => {
    assert.deepStrictEqual(parseArgs(['--port', '4599', '--delay', '0', '--data', 'd', '--s3', 's', '--no-seed']), {
      noSeed: true,
      port: 4599,
      transitionDelayMs: 0,
      persistDir: 'd',
      s3Root: 's',
    });
    assert.throws(() => parseArgs(['--port', 'x']), /--port needs a whole number.*Usage/);
    assert.throws(() => parseArgs(['--bogus']), /Unknown option '--bogus'/);
    assert.throws(() => parseArgs(['--data']), /--data needs a folder/);
  });
});
