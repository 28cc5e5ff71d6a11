/** countText: integers written as toLocaleString('en-US') writes them (the independent expectation), without Intl. */
import * as assert from 'node:assert/strict';
import { countText } from '../../../src/manifest/count-text';

describe('countText', () => {
  it('writes every integer as toLocaleString("en-US") does: each power of ten and its neighbours, negatives, and the largest safe integer', () => {
    const values = [0, -0, 7, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 250_000, 100_000, 1_234_567];
    for (let p = 1; p <= 1e15; p *= 10) values.push(p - 1, p, p + 1, -p, 3 * p + 17);
    for (const v of values) assert.equal(countText(v), v.toLocaleString('en-US'), String(v));
  });

  it('leaves what is not a safe integer to toLocaleString', () => {
    for (const v of [1.5, 12345.678, 1e21, NaN, Infinity, -Infinity]) assert.equal(countText(v), v.toLocaleString('en-US'), String(v));
  });
});
