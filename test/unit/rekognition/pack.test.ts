import * as assert from 'assert';
import fc from 'fast-check';
import { encodeBatch, lineBytes, MAX_BATCH_BYTES, packBatches, type PackItem } from '../../../src/rekognition/pack';

/** Fewest consecutive runs (in order) that each fit in max: dynamic programming, for checking. */
function minimumRuns(sizes: number[], max: number): number {
  const best = new Array<number>(sizes.length + 1).fill(Infinity);
  best[0] = 0;
  for (let end = 1; end <= sizes.length; end++) {
    let sum = 0;
    for (let start = end - 1; start >= 0; start--) {
      sum += sizes[start];
      if (sum > max) break;
      best[end] = Math.min(best[end], best[start] + 1);
    }
  }
  return best[sizes.length];
}

describe('rekognition/pack', () => {
  it('counts UTF-8 bytes plus the newline, not UTF-16 units', () => {
    assert.strictEqual(lineBytes('{}'), 3);
    assert.strictEqual(lineBytes('é'), 3); // 2 bytes + \n
    assert.strictEqual(lineBytes('猫'), 4); // 3 bytes + \n
    assert.strictEqual(lineBytes('🐈'), 5); // 4 bytes (a surrogate pair of 2 UTF-16 units) + \n
    assert.strictEqual('🐈'.length + 1, 3);
  });

  it('fills each request up to the limit exactly and no further', () => {
    const items: PackItem[] = [4, 4, 2, 5, 5].map((bytes, index) => ({ index, bytes }));
    const { batches, oversize } = packBatches(items, 10);
    assert.deepStrictEqual(
      batches.map((b) => [b.lines, b.bytes]),
      [
        [[0, 1, 2], 10],
        [[3, 4], 10],
      ],
    );
    assert.deepStrictEqual(oversize, []);
  });

  it('refuses a single line over the limit, naming it, and packs the rest around it', () => {
    const items: PackItem[] = [3, 11, 3].map((bytes, index) => ({ index, bytes }));
    const { batches, oversize } = packBatches(items, 10);
    assert.deepStrictEqual(oversize, [{ index: 1, bytes: 11 }]);
    assert.deepStrictEqual(batches.map((b) => b.lines), [[0, 2]]);
  });

  it('uses the 5,242,880-byte service limit by default', () => {
    assert.strictEqual(MAX_BATCH_BYTES, 5_242_880);
    const half = { bytes: MAX_BATCH_BYTES / 2 };
    const { batches } = packBatches([0, 1, 2].map((index) => ({ index, ...half })));
    assert.deepStrictEqual(batches.map((b) => b.lines), [[0, 1], [2]]);
  });

  it('property: minimum number of requests, order kept, every line once, exact byte accounting', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 30 }), { maxLength: 60 }),
        fc.integer({ min: 2, max: 80 }),
        (lines, max) => {
          const items = lines.map((l, index) => ({ index, bytes: lineBytes(l) }));
          const { batches, oversize } = packBatches(items, max);
          const packedOrder = batches.flatMap((b) => b.lines);
          const fitting = items.filter((i) => i.bytes <= max);
          // Order kept, every fitting line exactly once, oversize lines named and never packed.
          assert.deepStrictEqual(packedOrder, fitting.map((i) => i.index));
          assert.deepStrictEqual(oversize.map((o) => o.index), items.filter((i) => i.bytes > max).map((i) => i.index));
          // Minimum number of requests for an in-order split.
          assert.strictEqual(batches.length, minimumRuns(fitting.map((i) => i.bytes), max));
          for (const b of batches) {
            const body = encodeBatch(lines, b.lines);
            assert.strictEqual(body.length, b.bytes, 'declared bytes = encoded bytes');
            assert.ok(b.bytes <= max);
            assert.strictEqual(body.toString('utf8'), b.lines.map((i) => `${lines[i]}\n`).join(''));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a request body of multi-byte lines decodes back to the same lines', () => {
    const lines = ['{"source-ref":"s3://b/ü.jpg"}', '{"source-ref":"s3://b/猫🐈.png"}'];
    const body = encodeBatch(lines, [0, 1]);
    assert.strictEqual(body.length, lineBytes(lines[0]) + lineBytes(lines[1]));
    assert.deepStrictEqual(body.toString('utf8').split('\n').slice(0, -1), lines);
  });
});
