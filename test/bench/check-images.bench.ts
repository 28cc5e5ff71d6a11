/**
 * Benchmark of `custom-labels lint --check-images` (issue #22) over 2,000 JPEGs (made with
 * jpeg-js, noisy so that each is larger than the 16 KiB first read, as photos are) served by the
 * sandbox's S3 in this process, counting the requests and the bytes S3 answered (the sandbox's
 * request log: body bytes, headers not counted), against a minimal reader in the same run: one
 * ranged GET of 6 KiB per image through the same SDK, parsed by image-size, with no truncation
 * check, at a fixed number of requests at once (the CLI's start, 32, and its most, 64). Figures
 * as ratios, median of paired rounds:
 *  1. requests per image (target <= 1.2);
 *  2. bytes per image vs the minimal reader's (target <= 1.5x);
 *  3. images/s vs the minimal reader's (target >= 0.8x at the same number at once);
 *  4. a second run with --cache: GetObject requests sent (target 0).
 * `npm run bench`; BENCH_IMAGES and BENCH_REPS change the size.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { imageSize } from 'image-size';
import * as jpeg from 'jpeg-js';
import { main } from '../../src/cli/main';
import { startSandbox, type Sandbox } from '../../src/sandbox';

const IMAGES = Number(process.env.BENCH_IMAGES ?? 2000);
const ROUNDS = Number(process.env.BENCH_REPS ?? 3);
const MINIMAL_BYTES = 6 * 1024;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** A noisy JPEG: noise does not compress, so the file is tens of KB, like a photo's. */
function noisyJpeg(width: number, height: number, seed: number): Buffer {
  const data = Buffer.alloc(width * height * 4);
  let x = seed * 2654435761;
  for (let i = 0; i < data.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    data[i] = (x >>> 16) & 0xff;
  }
  return jpeg.encode({ data, width, height }, 75).data;
}

interface Sent {
  requests: number;
  gets: number;
  heads: number;
  bytes: number;
}

function sentSince(sandbox: Sandbox, from: number): Sent {
  const n = sandbox.requestCount - from;
  const log = n === 0 ? [] : sandbox.requests.slice(-n);
  return {
    requests: log.length,
    gets: log.filter((r) => r.operation === 'S3.GetObject').length,
    heads: log.filter((r) => r.operation === 'S3.HeadObject').length,
    bytes: log.reduce((s, r) => s + (r.sent ?? 0), 0),
  };
}

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await main(args, { out: (t) => ((out += t), true), err: (t) => void (out += t) });
  return { code, out };
}

async function minimalReader(endpoint: string, keys: string[], atOnce: number): Promise<number> {
  const { S3Client, GetObjectCommand } = await import('@aws-sdk/client-s3');
  const client = new S3Client({
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    requestHandler: { httpAgent: { keepAlive: true, maxSockets: 128 } },
  });
  const queue = [...keys];
  let parsed = 0;
  const worker = async (): Promise<void> => {
    for (let key = queue.shift(); key; key = queue.shift()) {
      const r = await client.send(new GetObjectCommand({ Bucket: 'bench', Key: key, Range: `bytes=0-${MINIMAL_BYTES - 1}` }));
      const bytes = await r.Body!.transformToByteArray();
      if (imageSize(bytes).width) parsed++;
    }
  };
  await Promise.all(Array.from({ length: atOnce }, worker));
  client.destroy();
  return parsed;
}

async function run(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-check-images-'));
  // 16 distinct images, each written under IMAGES / 16 keys: 2,000 objects without 2,000 encodes.
  const distinct = Array.from({ length: 16 }, (_, i) => noisyJpeg(256 + 16 * i, 192 + 8 * i, i + 1));
  const keys: string[] = [];
  const lines: string[] = [];
  fs.mkdirSync(path.join(root, 'bench', 'images'), { recursive: true });
  for (let i = 0; i < IMAGES; i++) {
    const key = `images/${String(i).padStart(5, '0')}.jpg`;
    const bytes = distinct[i % distinct.length]!;
    fs.writeFileSync(path.join(root, 'bench', key), bytes);
    keys.push(key);
    lines.push(JSON.stringify({ 'source-ref': `s3://bench/${key}`, 'cat': 1, 'cat-metadata': { 'class-name': 'cat', confidence: 1, type: 'groundtruth/image-classification', 'human-annotated': 'yes', 'creation-date': '2024-01-01T00:00:00', 'job-name': 'bench' } }));
  }
  const manifest = path.join(root, 'bench.manifest');
  fs.writeFileSync(manifest, lines.join('\n') + '\n');
  const sizes = distinct.map((b) => b.length);
  const sandbox = await startSandbox({ s3Root: path.join(root) });
  const saved = { ...process.env };
  Object.assign(process.env, { AWS_ENDPOINT_URL_S3: sandbox.endpoint, AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y', AWS_REGION: 'us-east-1' });
  const count = () => sandbox.requestCount;
  console.log(
    `check images: ${IMAGES.toLocaleString('en-US')} JPEGs of ${Math.min(...sizes).toLocaleString('en-US')} to ${Math.max(...sizes).toLocaleString('en-US')} bytes on the sandbox's S3 (in this process), ${ROUNDS} paired rounds after a warm-up`,
  );
  try {
    const cliRate: number[] = [];
    const min32: number[] = [];
    const min64: number[] = [];
    let cliSent: Sent | undefined;
    let minSent: Sent | undefined;
    for (let r = 0; r <= ROUNDS; r++) {
      let from = count();
      let t = performance.now();
      const result = await cli(['lint', '--check-images', manifest]);
      const cliMs = performance.now() - t;
      if (result.code !== 0) throw new Error(`lint --check-images exited ${result.code}:\n${result.out.slice(0, 2000)}`);
      cliSent = sentSince(sandbox, from);
      from = count();
      t = performance.now();
      const parsed32 = await minimalReader(sandbox.endpoint, keys, 32);
      const m32 = performance.now() - t;
      minSent = sentSince(sandbox, from);
      t = performance.now();
      const parsed64 = await minimalReader(sandbox.endpoint, keys, 64);
      const m64 = performance.now() - t;
      if (parsed32 !== IMAGES || parsed64 !== IMAGES) throw new Error(`the minimal reader parsed ${parsed32} and ${parsed64} of ${IMAGES}`);
      if (r === 0) continue; // warm-up
      cliRate.push(IMAGES / (cliMs / 1000));
      min32.push(IMAGES / (m32 / 1000));
      min64.push(IMAGES / (m64 / 1000));
    }
    const ratio32 = cliRate.map((c, i) => c / min32[i]!);
    const ratio64 = cliRate.map((c, i) => c / min64[i]!);
    const perImage = (s: Sent) => ({ requests: s.requests / IMAGES, bytes: s.bytes / IMAGES });
    const mine = perImage(cliSent!);
    const minimal = perImage(minSent!);
    console.log(`1. requests per image: ${mine.requests.toFixed(2)} (${cliSent!.gets} GetObject, ${cliSent!.heads} HeadObject; target <= 1.2); the minimal reader ${minimal.requests.toFixed(2)}`);
    console.log(`2. bytes per image: ${Math.round(mine.bytes).toLocaleString('en-US')} vs the minimal reader's ${Math.round(minimal.bytes).toLocaleString('en-US')}: ${(mine.bytes / minimal.bytes).toFixed(2)}x (target <= 1.5x)`);
    console.log(
      `3. images/s: lint --check-images ${median(cliRate).toFixed(0)} (32 at once, up to 64) vs the minimal reader ${median(min32).toFixed(0)} at 32 at once: ${median(ratio32).toFixed(2)}x, ${median(min64).toFixed(0)} at 64: ${median(ratio64).toFixed(2)}x (target >= 0.8x); ratios ${ratio32.map((x) => x.toFixed(2)).join(', ')} / ${ratio64.map((x) => x.toFixed(2)).join(', ')}`,
    );
    const cacheFile = path.join(root, 'cache.json');
    const fill = await cli(['lint', '--check-images', '--cache', '--cache-location', cacheFile, manifest]);
    const from = count();
    const t = performance.now();
    const again = await cli(['lint', '--check-images', '--cache', '--cache-location', cacheFile, manifest]);
    const againMs = performance.now() - t;
    const second = sentSince(sandbox, from);
    if (again.out !== fill.out) throw new Error('the cached run said something else');
    console.log(`4. second run with --cache: ${second.gets} GetObject (target 0), ${second.heads} HeadObject, ${second.bytes} bytes of body, ${(IMAGES / (againMs / 1000)).toFixed(0)} images/s`);
  } finally {
    for (const k of ['AWS_ENDPOINT_URL_S3', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION']) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    await sandbox.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

void run();
