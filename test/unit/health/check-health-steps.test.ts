/**
 * Dataset health in an editor: checkHealth over a large manifest pair works in steps, yielding to
 * the event loop, so the extension host running it stays responsive (the rule: long work never
 * blocks the host more than a few tens of ms). The gaps between timer ticks are measured while it
 * runs; the bound is loose (a loaded machine), the single block it replaces lasted seconds.
 */
import * as assert from 'node:assert/strict';
import { checkHealth } from '../../../src/health';
import { cls } from './manifest-lines';

describe('health: a large manifest pair in steps', () => {
  it('40,000 lines never hold the event loop for 400 ms at once', async function () {
    this.timeout(60_000);
    const lines = Array.from({ length: 40_000 }, (_, i) => cls(`s3://b/img-${i}.jpg`, [`label-${i % 20}`]));
    let last = performance.now();
    let longest = 0;
    let ticks = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
      ticks++;
    }, 5);
    try {
      const report = await checkHealth({ train: lines.slice(0, 32_000), test: lines.slice(32_000) });
      longest = Math.max(longest, performance.now() - last);
      // The report is the one of these lines: 32,000 and 8,000 images, 20 labels on both sides.
      assert.deepEqual(report.images, { train: { images: 32_000, fingerprinted: 0 }, test: { images: 8_000, fingerprinted: 0 } });
    } finally {
      clearInterval(timer);
    }
    assert.ok(ticks > 10, `the timer ran ${ticks} times while it worked`);
    assert.ok(longest < 400, `the longest block was ${Math.round(longest)} ms`);
  });
});
