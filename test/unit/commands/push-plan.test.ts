import * as assert from 'node:assert/strict';
import { entryIssues, errorsIncludedWouldFail, linesToSend, mapIssuesToLines, parseS3Uri, planPush, type LineValidator } from '../../../src/commands/push-plan';
import { formatLineRanges } from '../../../src/commands/line-ranges';
import type { LineResult } from '../../../src/manifest/types';

/** A stand-in validator: JSON with a string source-ref is fine; '"bad"' carries an error problem. */
const validate: LineValidator = (text, line): LineResult => {
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {
      dropped: true,
      problems: [{ line, start: 0, end: text.length, severity: 'error', code: 'ERROR_INVALID_JSON_LINE', message: 'Not JSON.', scope: 'line' }],
    };
  }
  const sourceRef = typeof value['source-ref'] === 'string' ? (value['source-ref'] as string) : undefined;
  const entry = { sourceRef, attributes: [], labels: [], boxes: 0, labeled: false };
  if (!sourceRef) return { dropped: true, entry, problems: [] };
  if (value.bad) {
    return {
      dropped: false,
      entry,
      problems: [{ line, start: 0, end: 1, severity: 'error', code: 'ERROR_INVALID_BOUNDING_BOX', message: 'Box off the image.', scope: 'line' }],
    };
  }
  return { dropped: false, entry, problems: [] };
};

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
      [15, undefined],
    ]);
    assert.match(plan.invalid[2]!.reason, /line 11/);
    // Lines with errors the service would import (not drop, not repeated) can be sent on request.
    assert.deepEqual(plan.invalid.map((l) => Boolean(l.importable)), [false, true, false, false]);
    assert.deepEqual(linesToSend(plan, false).map((l) => l.fileLine), [10, 16]);
    assert.deepEqual(linesToSend(plan, true).map((l) => l.fileLine), [10, 13, 16]);
  });

  it('says when sending the lines with errors too would fail the whole update (over 20%)', () => {
    const good = (n: number) => `{"source-ref":"s3://b/${n}.jpg"}`;
    const bad = (n: number) => `{"source-ref":"s3://b/${n}.jpg","bad":true}`;
    // 1 of 3 lines with errors: 33% > 20%.
    assert.equal(errorsIncludedWouldFail(planPush([good(1), bad(2), good(3)], validate), 20), true);
    // 1 of 5: exactly 20% is allowed.
    assert.equal(errorsIncludedWouldFail(planPush([good(1), bad(2), good(3), good(4), good(5)], validate), 20), false);
    // Dropped lines are never sent, so they do not count.
    assert.equal(errorsIncludedWouldFail(planPush([good(1), '{not json', good(3)], validate), 20), false);
  });

  it('finds errors at the line, attribute, metadata and annotation levels', () => {
    const entry = JSON.stringify({
      'source-ref': 's3://b/1.jpg',
      errors: [{ code: 'ERROR_NO_VALID_LABEL_ATTRIBUTES', message: 'No valid label attributes.' }],
      box: { annotations: [{ class_id: 0, 'cl-errors': [{ code: 'ERROR_INVALID_BOUNDING_BOX', message: 'Bad box.' }] }] },
      'box-metadata': { warnings: [{ code: 'WARNING_NO_ANNOTATIONS', message: 'No annotations.' }] },
    });
    const { sourceRef, issues } = entryIssues(entry);
    assert.equal(sourceRef, 's3://b/1.jpg');
    assert.deepEqual(
      issues.map((i) => [i.severity, i.code, i.path]),
      [
        ['error', 'ERROR_NO_VALID_LABEL_ATTRIBUTES', ''],
        ['error', 'ERROR_INVALID_BOUNDING_BOX', 'box.annotations[0]'],
        ['warning', 'WARNING_NO_ANNOTATIONS', 'box-metadata'],
      ],
    );
  });

  it('maps entry errors back to the local lines by source-ref', () => {
    const pushed = [
      { fileLine: 4, text: '', sourceRef: 's3://b/1.jpg' },
      { fileLine: 9, text: '', sourceRef: 's3://b/2.jpg' },
    ];
    const entries = [
      JSON.stringify({ 'source-ref': 's3://b/2.jpg', errors: [{ code: 'ERROR_INVALID_IMAGE_DIMENSION', message: 'Too small.' }] }),
      JSON.stringify({ 'source-ref': 's3://b/other.jpg', errors: [{ code: 'ERROR_X', message: 'Not ours.' }] }),
    ];
    const mapped = mapIssuesToLines(entries, pushed);
    assert.deepEqual(mapped.map((m) => [m.fileLine, m.code]), [[9, 'ERROR_INVALID_IMAGE_DIMENSION']]);
  });

  it('parses s3 locations and says what is wrong', () => {
    assert.deepEqual(parseS3Uri(' s3://my-bucket/a/b.manifest '), { bucket: 'my-bucket', key: 'a/b.manifest' });
    assert.ok('error' in parseS3Uri('https://my-bucket.s3.amazonaws.com/a.manifest'));
    assert.match((parseS3Uri('s3://ab/x') as { error: string }).error, /not a valid bucket/);
    assert.match((parseS3Uri('s3://bucket/folder/') as { error: string }).error, /folder/);
  });

  it('formats line lists as 1-based ranges', () => {
    assert.equal(formatLineRanges([0, 1, 2, 6, 8, 9]), '1-3, 7, 9-10');
    assert.equal(formatLineRanges([0, 2, 4, 6], 2), '1, 3 and 2 more ranges');
    assert.equal(formatLineRanges([]), '');
  });
});
