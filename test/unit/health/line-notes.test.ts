/** A health report's findings as notes on one manifest's lines (src/health/line-notes.ts): where an editor puts them, at which level, naming the other lines. */
import * as assert from 'node:assert/strict';
import { lineNotes, type HealthReport } from '../../../src/health';

const report: HealthReport = {
  threshold: 10,
  images: { train: { images: 6, fingerprinted: 6 }, test: { images: 3, fingerprinted: 3 } },
  findings: [
    { code: 'CL_HEALTH_NEAR_TRAIN_TEST_LEAK', severity: 'error', message: 'M1.', action: 'A1.', numbers: {}, lines: { train: [2, 6], test: [3] } },
    { code: 'CL_HEALTH_DUPLICATE_IMAGE', severity: 'warning', message: 'M2.', action: 'A2.', numbers: {}, lines: { train: [1, 4] } },
    { code: 'CL_HEALTH_FEW_IMAGES', severity: 'warning', message: 'M3.', action: 'A3.', numbers: {}, lines: { train: [] } },
    { code: 'CL_HEALTH_SMALL_BOXES', severity: 'info', message: 'M4.', action: 'A4.', numbers: {}, lines: { test: [1] } },
  ],
};

describe('health: notes on the lines of a manifest', () => {
  it('training: the leak on both its lines naming the others, the duplicate pair, the file note on line 1', () => {
    assert.deepEqual(lineNotes(report, 'train'), [
      { line: 1, severity: 'warning', code: 'CL_HEALTH_DUPLICATE_IMAGE', message: 'The same image as line 4 of this manifest. M2. A2.' },
      { line: 1, severity: 'warning', code: 'CL_HEALTH_FEW_IMAGES', message: 'M3. A3.' },
      { line: 2, severity: 'warning', code: 'CL_HEALTH_NEAR_TRAIN_TEST_LEAK', message: 'Looks the same as line 6 of this manifest and line 3 of the test manifest. M1. A1.' },
      { line: 4, severity: 'warning', code: 'CL_HEALTH_DUPLICATE_IMAGE', message: 'The same image as line 1 of this manifest. M2. A2.' },
      { line: 6, severity: 'warning', code: 'CL_HEALTH_NEAR_TRAIN_TEST_LEAK', message: 'Looks the same as line 2 of this manifest and line 3 of the test manifest. M1. A1.' },
    ]);
  });

  it('test: the leak naming the training lines, information for the boxes', () => {
    assert.deepEqual(lineNotes(report, 'test'), [
      { line: 1, severity: 'information', code: 'CL_HEALTH_SMALL_BOXES', message: 'M4. A4.' },
      { line: 3, severity: 'warning', code: 'CL_HEALTH_NEAR_TRAIN_TEST_LEAK', message: 'Looks the same as lines 2, 6 of the training manifest. M1. A1.' },
    ]);
  });
});
