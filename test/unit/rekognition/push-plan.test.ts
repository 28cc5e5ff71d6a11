import * as assert from 'node:assert/strict';
import { linesToSend, planPush, type LineValidator } from '../../../src/rekognition/push-plan';
import { fakeValidateLine } from './fakes';

const validate: LineValidator = fakeValidateLine;

describe('push plan', () => {
  it('keeps valid lines, lists dropped, erroneous and repeated ones, skips blank lines', () => {
    const lines = [
      '{"source-ref":"s3://b/1.jpg"}',
      '{not json',
      '',
      '{"source-ref":"s3://b/2.jpg","bad":true}',
      '{"source-ref":"s3://b/1.jpg"}',
      '{"x":1}',
      '{"source-ref":"s3://b/3.jpg"}',
    ];
    const plan = planPush(lines, validate, 10);
    assert.deepEqual(plan.valid.map((l) => l.fileLine), [10, 16]);
    assert.deepEqual(plan.blank, [12]);
    assert.deepEqual(plan.invalid.map((l) => [l.fileLine, l.code]), [
      [11, 'ERROR_INVALID_JSON_LINE'],
      [13, 'ERROR_INVALID_BOUNDING_BOX'],
      [14, 'CL_DUPLICATE_SOURCE_REF'],
      [15, 'ERROR_MISSING_SOURCE_REF'],
    ]);
    assert.match(plan.invalid[2]!.reason, /line 11/);
    // Lines with errors the service would import (not drop, not repeated) can be sent on request.
    assert.deepEqual(plan.invalid.map((l) => Boolean(l.importable)), [false, true, false, false]);
    assert.deepEqual(linesToSend(plan, false).map((l) => l.fileLine), [10, 16]);
    assert.deepEqual(linesToSend(plan, true).map((l) => l.fileLine), [10, 13, 16]);
  });

  it('never sends a line with a terminal content error (the only lines that can fail an update), errors included or not', () => {
    const good = (n: number) => `{"source-ref":"s3://b/${n}.jpg"}`;
    const bad = (n: number) => `{"source-ref":"s3://b/${n}.jpg","bad":true}`;
    const plan = planPush([good(1), '{not json', good(1), '', bad(2), '{"no-ref":1}', good(3)], validate);
    assert.deepEqual(linesToSend(plan, true).map((l) => l.fileLine), [0, 4, 6], 'invalid JSON, a repeated source-ref, a blank line, no source-ref: never sent');
    assert.deepEqual(linesToSend(plan, false).map((l) => l.fileLine), [0, 6]);
  });
});
