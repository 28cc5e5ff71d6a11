/**
 * The decode pool (src/health/decode-pool.ts): images decoded in worker threads, each answer the
 * fingerprint and the colour thumbnail from one decode; a corrupt JPEG, a truncated PNG, a 4096 px
 * image; cancellation; a worker that crashes or never answers. Pictures made here
 * (synthetic-photo.ts); expected values from how they were made (sizes, SHA-256 by node:crypto,
 * the thumbnail's pixels against the photo resized here, decoded by jpeg-js, not by the pool).
 */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as jpeg from 'jpeg-js';
import { DecodeCancelled, DecodeError, DecodePool, fingerprintBytes, readImages } from '../../../src/health';
import { createFolderSource } from '../../../src/images';
import { photo, resized, toJpeg, toPng } from './synthetic-photo';

/** Peak signal-to-noise ratio of two RGBA pictures of one size, over R, G, B (dB). */
function psnr(a: Uint8Array, b: Uint8Array): number {
  let se = 0;
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    if (i % 4 === 3) continue;
    se += (a[i]! - b[i]!) ** 2;
    n++;
  }
  return 10 * Math.log10((255 * 255) / (se / n));
}

/** Red rising left to right (0..255), green top to bottom, blue 64. */
function gradient(width: number, height: number): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i += 4) {
      data[i] = Math.floor((x * 256) / width);
      data[i + 1] = Math.floor((y * 256) / height);
      data[i + 2] = 64;
      data[i + 3] = 255;
    }
  }
  return { width, height, data };
}

describe('health: the decode pool (worker threads)', function () {
  this.timeout(60_000);
  let pool: DecodePool;
  const scripts: string[] = [];
  before(() => {
    pool = new DecodePool({ size: 2 });
  });
  after(() => {
    pool.dispose();
    for (const s of scripts) fs.rmSync(s, { force: true });
  });

  /** A worker script of its own (plain JavaScript), written to a temporary file. */
  const script = (body: string): string => {
    const file = path.join(os.tmpdir(), `decode-pool-test-${process.pid}-${scripts.length}.js`);
    fs.writeFileSync(file, `const { parentPort } = require('worker_threads');\n${body}\n`);
    scripts.push(file);
    return file;
  };

  const p = photo({ palette: 11, layout: 4, width: 640, height: 480 });
  const good = toJpeg(p, 90);

  it('answers the fingerprint the inline decode gives, and a colour JPEG thumbnail of at most 256 px close to the photo', async () => {
    const d = await pool.decode(good, { thumbnail: true });
    const inline = fingerprintBytes(good);
    assert.equal(d.fingerprint.sha256, createHash('sha256').update(good).digest('hex'));
    assert.deepEqual([d.fingerprint.format, d.fingerprint.width, d.fingerprint.height, d.fingerprint.bytes], ['jpeg', 640, 480, good.length]);
    assert.equal(d.fingerprint.dhash, inline.dhash);
    assert.ok(d.thumbnail, 'a thumbnail');
    const t = jpeg.decode(d.thumbnail.jpeg, { useTArray: true, formatAsRGBA: true });
    assert.deepEqual([t.width, t.height, d.thumbnail.width, d.thumbnail.height], [256, 192, 256, 192]);
    const expected = resized(p, 256, 192);
    const db = psnr(t.data, expected.data);
    assert.ok(db > 24, `the thumbnail is ${db.toFixed(1)} dB from the photo resized to 256x192`);
    assert.ok(d.thumbnail.jpeg.length < 40_000, `${d.thumbnail.jpeg.length} bytes`);
  });

  it('without `thumbnail`, no thumbnail; the caller keeps its bytes unless it gives them up', async () => {
    const copy = Buffer.from(good);
    const d = await pool.decode(copy);
    assert.equal(d.thumbnail, undefined);
    assert.equal(copy.length, good.length, 'the bytes are still the caller’s');
    const given = new Uint8Array(good);
    await pool.decode(given, { transfer: true });
    assert.equal(given.byteLength, 0, 'given up: moved to the worker');
  });

  it('a corrupt JPEG is a DecodeError with the decoder’s words; the next image decodes', async () => {
    const corrupt = Buffer.from(good);
    corrupt.fill(0xff, 600, 4000);
    await assert.rejects(pool.decode(corrupt, { thumbnail: true }), (e: unknown) => e instanceof DecodeError && /libjpeg-turbo stopped|cannot be decoded/.test(e.message));
    const d = await pool.decode(good);
    assert.equal(d.fingerprint.width, 640);
  });

  it('a truncated PNG is a DecodeError', async () => {
    const png = toPng(photo({ palette: 2, layout: 3, width: 300, height: 200 }));
    await assert.rejects(pool.decode(png.subarray(0, Math.floor(png.length / 2)), { thumbnail: true }), (e: unknown) => e instanceof DecodeError && /PNG cannot be decoded/.test(e.message));
  });

  it('a 4096x1024 JPEG and PNG (the service’s longest side): their stored size, a 256x64 thumbnail', async () => {
    const big = gradient(4096, 1024);
    for (const bytes of [toJpeg(big, 80), toPng(big)]) {
      const d = await pool.decode(bytes, { thumbnail: true });
      assert.deepEqual([d.fingerprint.width, d.fingerprint.height, d.thumbnail?.width, d.thumbnail?.height], [4096, 1024, 256, 64]);
      const t = jpeg.decode(d.thumbnail!.jpeg, { useTArray: true, formatAsRGBA: true });
      assert.deepEqual([t.width, t.height], [256, 64]);
      // The gradient's middle column (x = 2048 of 4096: red 128) is the thumbnail's column 128.
      assert.ok(Math.abs(t.data[(32 * 256 + 128) * 4]! - 128) <= 8, `red ${t.data[(32 * 256 + 128) * 4]}`);
    }
  });

  it('cancelled: a waiting decode and a running one are answered at once as cancelled; the pool goes on', async () => {
    const one = new DecodePool({ size: 1 });
    try {
      const running = new AbortController();
      const waiting = new AbortController();
      const first = one.decode(good, { thumbnail: true, signal: running.signal });
      const second = one.decode(good, { thumbnail: true, signal: waiting.signal });
      assert.equal(one.pending, 2);
      // Both before the worker can answer (its answer needs a turn of this thread's event loop).
      waiting.abort();
      assert.equal(one.pending, 1, 'the waiting one dropped');
      running.abort();
      await assert.rejects(second, DecodeCancelled);
      await assert.rejects(first, DecodeCancelled);
      const already = new AbortController();
      already.abort();
      await assert.rejects(one.decode(good, { signal: already.signal }), DecodeCancelled);
      const d = await one.decode(good);
      assert.equal(d.fingerprint.height, 480);
    } finally {
      one.dispose();
    }
  });

  it('a worker that crashes: that image gets a DecodeError, the next one a new worker', async () => {
    // Exits on an image whose first byte is 0; answers the others with a made-up fingerprint.
    const crashy = new DecodePool({
      size: 1,
      script: script(`parentPort.on('message', (m) => {
  if (m.bytes[0] === 0) process.exit(3);
  parentPort.postMessage({ id: m.id, fingerprint: { sha256: 'x', bytes: m.bytes.length, format: 'png', width: 1, height: 1, dhash: '0000000000000000' } });
});`),
    });
    try {
      await assert.rejects(crashy.decode(new Uint8Array([0, 1, 2])), (e: unknown) => e instanceof DecodeError && /exited with code 3/.test(e.message));
      const d = await crashy.decode(new Uint8Array([1, 2, 3, 4]));
      assert.equal(d.fingerprint.bytes, 4);
      assert.equal(crashy.started, 2);
    } finally {
      crashy.dispose();
    }
  });

  it('a worker that never answers: after the time-out that image gets a DecodeError, not a hang', async () => {
    const stuck = new DecodePool({ size: 1, timeoutMs: 300, script: script(`parentPort.on('message', () => {});`) });
    try {
      await assert.rejects(stuck.decode(new Uint8Array([1])), (e: unknown) => e instanceof DecodeError && /took over/.test(e.message));
    } finally {
      stuck.dispose();
    }
  });

  it('readImages through a pool whose worker crashes on one image: a problem for that image, the others fingerprinted', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'decode-pool-read-'));
    try {
      fs.mkdirSync(path.join(dir, 'b'));
      fs.writeFileSync(path.join(dir, 'b', 'ok.jpg'), good);
      // A JPEG whose 4th byte is 0: the crashing worker below exits on it.
      fs.writeFileSync(path.join(dir, 'b', 'crash.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0x00, 1, 2]));
      const crashy = new DecodePool({
        size: 1,
        script: script(`parentPort.on('message', (m) => {
  if (m.bytes[3] === 0) process.exit(5);
  parentPort.postMessage({ id: m.id, fingerprint: { sha256: 'x', bytes: m.bytes.length, format: 'jpeg', width: 640, height: 480, dhash: '0000000000000000' } });
});`),
      });
      const source = createFolderSource(dir);
      try {
        const out = await readImages([{ bucket: 'b', key: 'ok.jpg' }, { bucket: 'b', key: 'crash.jpg' }], source, { pool: crashy });
        const ok = out.get('b\u0000ok.jpg');
        const crash = out.get('b\u0000crash.jpg');
        assert.ok(ok && 'fingerprint' in ok && ok.fingerprint.bytes === good.length, JSON.stringify(ok));
        assert.ok(crash && 'problem' in crash && crash.reason === 'not-decoded' && /exited with code 5/.test(crash.problem), JSON.stringify(crash));
      } finally {
        crashy.dispose();
        source.dispose();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
