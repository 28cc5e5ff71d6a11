/**
 * Benchmark of the sandbox (issues #11 and #12), run by `npm run bench`. Each figure is a ratio
 * measured in the same run, never a timed assertion:
 * - paging: listing N entries in pages of 100 as N doubles (ratio per doubling: ~2 is linear, ~4 quadratic);
 * - throughput over HTTP with and without `--data` (persistence), as requests/s and their ratio;
 * - memory: heap growth over many requests (a record kept per request grows it without bound).
 * Only the sandbox's public surface is used, so the same file measures an older commit too.
 * Sizes: BENCH_PAGING_MAX (default 200000), BENCH_REQUESTS (default 2000).
 */
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { SandboxCore, startSandbox } from '../../src/sandbox';
import type { EntryRecord } from '../../src/sandbox/state/records';

const PAGING_MAX = Number(process.env.BENCH_PAGING_MAX ?? 200_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2_000);
const CONCURRENCY = 8;
/** Listings per size (the median is printed). */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ACCOUNT_PROJECT = 'arn:aws:rekognition:us-east-1:123456789012:project/bench/1';
const DATASET = 'arn:aws:rekognition:us-east-1:123456789012:project/bench/dataset/train/2';

function entries(n: number): EntryRecord[] {
  return Array.from({ length: n }, (_, i) => {
    const sourceRef = `s3://bucket/images/${i}.jpg`;
    return {
      sourceRef,
      line: JSON.stringify({ 'source-ref': sourceRef, label: 1, 'label-metadata': { 'class-name': i % 3 ? 'cat' : 'dog', confidence: 1, type: 'groundtruth/image-classification' } }),
      labels: [i % 3 ? 'cat' : 'dog'],
      boxLabels: {},
      labeled: true,
      hasErrors: i % 10 === 0,
    };
  });
}

/** A core holding one complete TRAIN dataset of `n` entries (put straight into the state). */
function coreWith(n: number, options: ConstructorParameters<typeof SandboxCore>[0] = {}): SandboxCore {
  const core = new SandboxCore({ transitionDelayMs: 5, ...options });
  const now = Date.now();
  core.ctx.state.projects.set(ACCOUNT_PROJECT, { arn: ACCOUNT_PROJECT, name: 'bench', feature: 'CUSTOM_LABELS', status: 'CREATED', created: now });
  core.ctx.state.datasets.set(DATASET, {
    arn: DATASET,
    projectArn: ACCOUNT_PROJECT,
    type: 'TRAIN',
    status: 'CREATE_COMPLETE',
    statusMessage: 'ok',
    statusMessageCode: 'SUCCESS',
    created: now,
    lastUpdated: now,
    entries: entries(n),
  });
  core.ctx.changed();
  return core;
}

function call(core: SandboxCore, operation: string, body: unknown): Record<string, unknown> {
  const r = core.handle({ target: `RekognitionService.${operation}`, body: JSON.stringify(body) });
  if (r.statusCode !== 200) throw new Error(`${operation}: ${r.body.slice(0, 300)}`);
  return JSON.parse(r.body) as Record<string, unknown>;
}

/** Lists every entry in pages of 100; returns [ms, entries seen]. */
function listAll(core: SandboxCore, filters: Record<string, unknown>): [number, number] {
  const t0 = process.hrtime.bigint();
  let seen = 0;
  let token: string | undefined;
  do {
    const r = call(core, 'ListDatasetEntries', { DatasetArn: DATASET, MaxResults: 100, ...filters, ...(token ? { NextToken: token } : {}) });
    seen += (r.DatasetEntries as string[]).length;
    token = r.NextToken as string | undefined;
  } while (token);
  return [Number(process.hrtime.bigint() - t0) / 1e6, seen];
}

function paging(): void {
  console.log('\n## Sandbox: listing N entries in pages of 100 (ratio per doubling: 2 = linear, 4 = quadratic)');
  for (const [label, filters] of [
    ['no filter', {}],
    ['HasErrors: false (90% match)', { HasErrors: false }],
  ] as const) {
    let previous: number | undefined;
    const ratios: number[] = [];
    for (let n = 25_000; n <= PAGING_MAX; n *= 2) {
      const core = coreWith(n);
      listAll(core, filters); // warm-up
      const rounds = Array.from({ length: ROUNDS }, () => listAll(core, filters));
      const ms = median(rounds.map((r) => r[0]));
      const seen = rounds[0][1];
      core.close();
      const ratio = previous === undefined ? undefined : ms / previous;
      if (ratio !== undefined) ratios.push(ratio);
      console.log(`  ${label}: ${n} entries -> ${seen} listed in ${ms.toFixed(0)} ms (median of ${ROUNDS}; ${((ms * 1000) / n).toFixed(2)} us/entry)${ratio === undefined ? '' : `, x${ratio.toFixed(2)} for x2 entries`}`);
      previous = ms;
    }
    if (ratios.length > 0) console.log(`  ${label}: ratio per doubling ${ratios.map((r) => r.toFixed(2)).join(', ')} (median ${median(ratios).toFixed(2)})`);
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Sends `total` requests over HTTP keep-alive, CONCURRENCY at a time: half CreateProject (a change), half DescribeDataset. */
async function load(endpoint: string, datasetArn: string, total: number, tag: string): Promise<number> {
  const url = new URL(endpoint);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const send = (target: string, body: string) =>
    new Promise<void>((resolve, reject) => {
      const req = http.request({ host: url.hostname, port: url.port, method: 'POST', path: '/', agent, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `RekognitionService.${target}` } }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`${target}: HTTP ${res.statusCode}`))));
      });
      req.on('error', reject);
      req.end(body);
    });
  let next = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < total) {
        const i = next++;
        if (i % 2 === 0) await send('CreateProject', JSON.stringify({ ProjectName: `${tag}-${i}` }));
        else await send('DescribeDataset', JSON.stringify({ DatasetArn: datasetArn }));
      }
    }),
  );
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  agent.destroy();
  return total / s;
}

async function throughput(): Promise<void> {
  console.log(`\n## Sandbox: throughput over HTTP, ${REQUESTS} requests (half CreateProject, half DescribeDataset), ${CONCURRENCY} at a time`);
  for (const size of [0, 20_000]) {
    // Rounds alternate the two modes (memory, --data, memory, ...), so warm-up and machine noise fall on both.
    const rates: Record<'memory' | '--data', number[]> = { memory: [], '--data': [] };
    for (let round = 0; round < 3; round++) {
      for (const mode of ['memory', '--data'] as const) {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-bench-'));
        const sandbox = await startSandbox({ transitionDelayMs: 5, persistDir: mode === '--data' ? dir : undefined });
        try {
          const demo = await sandbox.seedDemo();
          const datasetArn = size > 0 ? await bigDataset(sandbox.endpoint, size) : demo.trainArn;
          await load(sandbox.endpoint, datasetArn, Math.min(200, REQUESTS), `warm-${mode}`);
          rates[mode].push(await load(sandbox.endpoint, datasetArn, REQUESTS, mode));
        } finally {
          await sandbox.close();
          fs.rmSync(dir, { recursive: true, force: true });
        }
      }
    }
    const what = size === 0 ? 'demo project only' : `plus a dataset of ${size} entries`;
    const pairs = rates.memory.map((m, i) => rates['--data'][i] / m);
    console.log(
      `  ${what}: in memory ${median(rates.memory).toFixed(0)} req/s, with --data ${median(rates['--data']).toFixed(0)} req/s (median of 3; --data / memory per round ${pairs.map((r) => r.toFixed(2)).join(', ')}, median ${median(pairs).toFixed(2)})`,
    );
  }
}

/** Creates a project with a TRAIN dataset of `n` entries over HTTP; returns the dataset ARN. */
async function bigDataset(endpoint: string, n: number): Promise<string> {
  const post = async (target: string, body: unknown): Promise<Record<string, unknown>> => {
    const r = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `RekognitionService.${target}` }, body: JSON.stringify(body) });
    const json = (await r.json()) as Record<string, unknown>;
    if (r.status !== 200) throw new Error(`${target}: ${JSON.stringify(json)}`);
    return json;
  };
  const projectArn = (await post('CreateProject', { ProjectName: 'bench-big' })).ProjectArn as string;
  const settled = async (arn: string) => {
    for (;;) {
      const d = (await post('DescribeDataset', { DatasetArn: arn })).DatasetDescription as { Status: string };
      if (!d.Status.endsWith('_IN_PROGRESS')) return d.Status;
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  for (;;) {
    try {
      const arn = (await post('CreateDataset', { ProjectArn: projectArn, DatasetType: 'TRAIN' })).DatasetArn as string;
      await settled(arn);
      const date = '2024-05-01T10:00:00.000Z';
      for (let start = 0; start < n; start += 10_000) {
        const lines = Array.from({ length: Math.min(10_000, n - start) }, (_, k) =>
          JSON.stringify({
            'source-ref': `s3://bucket/big/${start + k}.jpg`,
            label: 1,
            'label-metadata': { confidence: 1, 'class-name': 'cat', 'human-annotated': 'yes', 'creation-date': date, type: 'groundtruth/image-classification' },
          }),
        );
        await post('UpdateDatasetEntries', { DatasetArn: arn, Changes: { GroundTruth: Buffer.from(lines.join('\n')).toString('base64') } });
        const status = await settled(arn);
        if (status !== 'UPDATE_COMPLETE') throw new Error(`the big dataset ended ${status}`);
      }
      return arn;
    } catch (e) {
      // The project is still CREATING: try again shortly.
      if (!String(e).includes('ResourceNotFound') && !String(e).includes('CREATING')) throw e;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

function memory(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  console.log(`\n## Sandbox: heap after N in-process DescribeProjects requests${gc ? '' : ' (run with --expose-gc for exact figures)'}`);
  const core = new SandboxCore({ transitionDelayMs: 5 });
  const heap = () => {
    gc?.();
    return process.memoryUsage().heapUsed;
  };
  const base = heap();
  let done = 0;
  for (const n of [100_000, 200_000, 400_000]) {
    for (; done < n; done++) core.handle({ target: 'RekognitionService.DescribeProjects', body: '{}' });
    console.log(`  ${n} requests: heap +${((heap() - base) / 1024 / 1024).toFixed(1)} MB, ${core.requests.length} request records kept`);
  }
  core.close();
}

async function main(): Promise<void> {
  paging();
  await throughput();
  memory();
}

void main();
