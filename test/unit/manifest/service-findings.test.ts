import * as assert from 'node:assert/strict';
import { entryIssues, mapIssuesToLines, placeByText } from '../../../src/manifest/service-findings';

describe('what the service wrote into entries', () => {
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
});

describe('placing recorded errors on the lines that still have the pushed text', () => {
  const file = (lines: string[]) => ({ lineCount: lines.length, lineText: (i: number) => lines[i]! });

  it('keeps a record where its text still is, follows it when lines move, and drops it from an edited line', () => {
    const records = [
      { text: 'a', line: 0 as number | undefined },
      { text: 'b', line: 1 as number | undefined },
      { text: 'c', line: 2 as number | undefined },
    ];
    placeByText(records, file(['a', 'b', 'c']));
    assert.deepEqual(records.map((r) => r.line), [0, 1, 2]);
    // A line inserted above b; c edited.
    placeByText(records, file(['a', 'new', 'b', 'c!']));
    assert.deepEqual(records.map((r) => r.line), [0, 2, undefined]);
    // The edit undone: the dataset still holds c as pushed, so its error is back.
    placeByText(records, file(['a', 'new', 'b', 'c']));
    assert.deepEqual(records.map((r) => r.line), [0, 2, 3]);
  });
});
