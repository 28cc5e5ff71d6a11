import * as assert from 'node:assert/strict';
import { formatLineRanges } from '../../../src/commands/line-ranges';

describe('line ranges', () => {
  it('formats line lists as 1-based ranges', () => {
    assert.equal(formatLineRanges([0, 1, 2, 6, 8, 9]), '1-3, 7, 9-10');
    assert.equal(formatLineRanges([0, 2, 4, 6], 2), '1, 3 and 2 more ranges');
    assert.equal(formatLineRanges([]), '');
  });
});
