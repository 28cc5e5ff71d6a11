/**
 * Check Images over 1,000 images served by the sandbox's S3 (through @aws-sdk/client-s3), a few
 * of them broken: each broken one is found with its code, and nothing else is reported.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ImageCheckCache, checkImages, createFolderSource, createS3Source, type ImageSource } from '../../../src/images';
import { validateLine } from '../../../src/manifest';
import { startSandbox, type Sandbox } from '../../../src/sandbox';
import { boxLine, classLine } from '../sandbox/helpers';
import { pngBytes, writeImage } from './helpers';

const N = 1000;
const W = 96;
const H = 80;

describe('images: checkImages', () => {
  let root: string;
  let sandbox: Sandbox;
  let s3: ImageSource;
  let lines: string[];
  /** Line index -> the code expected there. */
  const broken = new Map<number, string>();
  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'images-check-'));
    const good = pngBytes(W, H);
    lines = [];
    for (let i = 0; i < N; i++) {
      const key = `images/${String(i).padStart(4, '0')}.png`;
      writeImage(root, 'bucket', key, good);
      lines.push(i % 2 === 0 ? boxLine(`s3://bucket/${key}`, [{ label: 'car', left: 10, top: 10, width: 40, height: 30 }], { width: W, height: H }) : classLine(`s3://bucket/${key}`, 'cat'));
    }
    const breakAt = (i: number, code: string, bytes?: Buffer | string, line?: string) => {
      const key = `images/${String(i).padStart(4, '0')}.png`;
      if (bytes !== undefined) writeImage(root, 'bucket', key, bytes);
      if (line !== undefined) lines[i] = line;
      broken.set(i, code);
    };
    breakAt(100, 'ERROR_INVALID_IMAGE', good.subarray(0, good.length - 20)); // truncated
    breakAt(201, 'ERROR_INVALID_IMAGE', pngBytes(32, 32)); // too small
    breakAt(303, 'ERROR_INVALID_IMAGE', 'this is a text file, not an image'); // not an image
    breakAt(404, 'CL_IMAGE_SIZE_MISMATCH', undefined, boxLine('s3://bucket/images/0404.png', [{ label: 'car', left: 10, top: 10, width: 40, height: 30 }], { width: 800, height: 600 }));
    breakAt(505, 'ERROR_INVALID_IMAGE', pngBytes(1300, 64)); // aspect ratio 20.3:1
    breakAt(606, 'ERROR_INVALID_BOUNDING_BOX', undefined, boxLine('s3://bucket/images/0606.png', [{ label: 'car', left: 60, top: 50, width: 60, height: 40 }], { width: 800, height: 600 }));
    breakAt(707, 'ERROR_INVALID_IMAGE', undefined, classLine('s3://bucket/images/missing.png', 'cat'));
    sandbox = await startSandbox({ s3Root: root });
    s3 = createS3Source({ connection: { region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 1 }, s3Endpoint: sandbox.endpoint });
  });
  after(async () => {
    s3.dispose();
    await sandbox.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const byLine = (problems: Array<{ line: number; code: string }>) => {
    const out = new Map<number, string[]>();
    for (const p of problems) out.set(p.line, [...(out.get(p.line) ?? []), p.code]);
    return out;
  };

  it(`finds each broken image of ${N} with its code, and nothing else; a second run reads only HeadObject`, async function () {
    this.timeout(120_000);
    const cache = new ImageCheckCache();
    const progress: number[] = [];
    const t0 = process.hrtime.bigint();
    const result = await checkImages(lines, s3, { concurrency: 8, cache, onProgress: (p) => progress.push(p.done) });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    console.log(`      checkImages: ${result.images} images through the sandbox's S3 in ${ms.toFixed(0)} ms`);
    assert.strictEqual(result.internalFailures, 0);
    assert.strictEqual(result.images, N); // line 707 names a missing image instead of its own
    assert.strictEqual(progress.length, N);
    assert.strictEqual(progress.at(-1), N);
    const found = byLine(result.problems);
    // The validator alone reports the box of 0606 as inside its (declared) image: only the real size tells.
    assert.ok(!validateLine(lines[606]!).problems.some((p) => p.code === 'ERROR_INVALID_BOUNDING_BOX'));
    assert.deepStrictEqual(new Map([...found].map(([l, codes]) => [l, [...new Set(codes)].join(',')])), new Map([...broken].map(([l, c]) => [l, l === 606 ? 'CL_IMAGE_SIZE_MISMATCH,ERROR_INVALID_BOUNDING_BOX' : c])));
    const messages = new Map(result.problems.map((p) => [p.line, p.message]));
    assert.match(messages.get(100)!, /truncated/);
    assert.match(messages.get(201)!, /32 x 32 px; each side must be 64 to 4096/);
    assert.match(messages.get(303)!, /is not an image/);
    assert.match(messages.get(505)!, /aspect ratio of 20\.3:1/);
    assert.match(messages.get(707)!, /does not exist/);

    const before = sandbox.requests.length;
    const again = await checkImages(lines, s3, { concurrency: 8, cache });
    const ops = new Set(sandbox.requests.slice(before).map((r) => r.operation));
    assert.deepStrictEqual([...ops], ['S3.HeadObject']);
    assert.strictEqual(again.cached, N - 1); // all but the missing one
    assert.deepStrictEqual(again.problems, result.problems);
  });

  it('a changed image is read again (its ETag changed)', async () => {
    const cache = new ImageCheckCache();
    const two = lines.slice(0, 2);
    assert.deepStrictEqual((await checkImages(two, s3, { cache })).problems, []);
    writeImage(root, 'bucket', 'images/0000.png', pngBytes(40, 40));
    try {
      const r = await checkImages(two, s3, { cache });
      assert.strictEqual(r.cached, 1);
      assert.deepStrictEqual(r.problems.map((p) => p.code), ['ERROR_INVALID_IMAGE', 'CL_IMAGE_SIZE_MISMATCH', 'ERROR_INVALID_BOUNDING_BOX']);
    } finally {
      writeImage(root, 'bucket', 'images/0000.png', pngBytes(W, H));
    }
  });

  it('stops when cancelled, reporting only what it read', async () => {
    const controller = new AbortController();
    const r = await checkImages(lines, createFolderSource(root), {
      concurrency: 2,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.done === 10) controller.abort();
      },
    });
    assert.strictEqual(r.cancelled, true);
    assert.ok(r.problems.every((p) => p.line < 100), 'nothing past the first images');
  });

  it('stops at the first read when S3 does not answer: one reason, no problem on any line', async () => {
    const dead = createS3Source({ connection: { region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 1 }, s3Endpoint: 'http://127.0.0.1:1' });
    let reads = 0;
    const counted: ImageSource = {
      ...dead,
      where: dead.where,
      head: (b, k, sig) => (reads++, dead.head(b, k, sig)),
      read: (b, k, s, e, sig) => (reads++, dead.read(b, k, s, e, sig)),
      readRange: (b, k, range, sig) => (reads++, dead.readRange!(b, k, range, sig)),
      dispose: dead.dispose,
    };
    try {
      const r = await checkImages(lines, counted, { concurrency: 8 });
      assert.match(r.unavailable ?? '', /S3 at http:\/\/127\.0\.0\.1:1 did not answer \(.*\)\. Check the endpoint and the network, or check the images from a local folder\./);
      assert.deepStrictEqual(r.problems, [], 'not one CL_IMAGE_UNREADABLE per line');
      assert.ok(reads > 0 && reads <= 16, `${reads} reads of ${lines.length} lines before it stopped`);
    } finally {
      dead.dispose();
    }
  });

  it('reads a local folder the same way (DIR/bucket/key)', async () => {
    const r = await checkImages(lines, createFolderSource(root), { concurrency: 4 });
    assert.deepStrictEqual([...byLine(r.problems).keys()].sort((a, b) => a - b), [...broken.keys()].sort((a, b) => a - b));
  });
});
