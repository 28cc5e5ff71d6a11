/**
 * Images read at once against S3 (issue #22): 32 to start, one more after each round of reads
 * without throttling, halved (once per burst) when S3 throttles, within 1..64; an image throttled
 * past the SDK's retries is read again, not reported unreadable.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AdaptiveLimit, ImageReadError, checkImages, createFolderSource, type ImageSource } from '../../../src/images';
import { pngBytes, writeImage } from './helpers';

describe('images: adaptive concurrency', () => {
  it('adds one after a round of successes, halves on throttling once per calm period, stays within its bounds', () => {
    let now = 0;
    const limit = new AdaptiveLimit(32, 64, 1, 1000, () => now);
    for (let i = 0; i < 32; i++) limit.succeeded();
    assert.strictEqual(limit.current, 33); // 32 successes at 32: one more
    limit.throttled();
    assert.strictEqual(limit.current, 16); // floor(33 / 2)
    now += 999;
    limit.throttled();
    assert.strictEqual(limit.current, 16); // same burst
    now += 1;
    limit.throttled();
    assert.strictEqual(limit.current, 8);
    for (let k = 0; k < 10; k++) {
      now += 1000;
      limit.throttled();
    }
    assert.strictEqual(limit.current, 1); // 8 -> 4 -> 2 -> 1, then no lower
    for (let i = 0; i < 100_000; i++) limit.succeeded();
    assert.strictEqual(limit.current, 64); // no higher than max
  });

  describe('checkImages against a source that throttles', () => {
    let root: string;
    const N = 200;
    before(() => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'images-adaptive-'));
      for (let i = 0; i < N; i++) writeImage(root, 'bucket', `i/${i}.png`, pngBytes(100, 80));
    });
    after(() => fs.rmSync(root, { recursive: true, force: true }));

    it('reads fewer images at once after throttling, grows back, and reads every throttled image again', async () => {
      const folder = createFolderSource(root);
      const listeners = new Set<() => void>();
      let calls = 0;
      let inFlight = 0;
      let most = 0;
      let mostAfterThrottling = 0;
      const THROTTLED = 40;
      const source: ImageSource = {
        where: folder.where,
        concurrency: { start: 32, max: 64 },
        onThrottled: (l) => (listeners.add(l), () => listeners.delete(l)),
        head: folder.head,
        read: folder.read,
        async readRange(b, k, range, signal) {
          const n = ++calls;
          inFlight++;
          most = Math.max(most, inFlight);
          if (n > THROTTLED + 32) mostAfterThrottling = Math.max(mostAfterThrottling, inFlight);
          try {
            await new Promise((r) => setTimeout(r, 2));
            if (n <= THROTTLED) {
              for (const l of listeners) l();
              throw new ImageReadError('S3 kept asking to slow down (SlowDown) after retries.', 'throttled');
            }
            return await folder.readRange!(b, k, range, signal);
          } finally {
            inFlight--;
          }
        },
        dispose: () => folder.dispose(),
      };
      const seen: number[] = [];
      const lines = Array.from({ length: N }, (_, i) => JSON.stringify({ 'source-ref': `s3://bucket/i/${i}.png` }));
      const r = await checkImages(lines, source, { onConcurrency: (c) => seen.push(c) });
      assert.deepStrictEqual(r.problems, [], 'each throttled image read again, none reported unreadable');
      assert.strictEqual(r.images, N);
      assert.strictEqual(seen[0], 32);
      assert.strictEqual(most, 32);
      // Throttled: halved (the 40 throttled answers come in one burst: once), then one more per round of successes.
      assert.strictEqual(Math.min(...seen), 16, seen.join(' '));
      assert.ok(seen.at(-1)! > 16, seen.join(' '));
      assert.ok(mostAfterThrottling <= seen.at(-1)!, `${mostAfterThrottling} at once after throttling`);
    });
  });
});
