/** The judging rule (src/models/match.ts), on boxes and labels whose answers are worked out by hand. */
import * as assert from 'assert';
import { iou, labelOutcome, matchBoxes, scores } from '../../../src/models';

const b = (left: number, top: number, width: number, height: number) => ({ left, top, width, height });

describe('models: judging predictions against the ground truth', () => {
  it('iou: half-overlapping squares share a third; the same box 1; apart 0', () => {
    // 10x10 squares 5 apart: intersection 50, union 150.
    assert.strictEqual(iou(b(0, 0, 10, 10), b(5, 0, 10, 10)), 50 / 150);
    assert.strictEqual(iou(b(0, 0, 10, 10), b(0, 0, 10, 10)), 1);
    assert.strictEqual(iou(b(0, 0, 10, 10), b(20, 20, 5, 5)), 0);
  });

  it('matchBoxes: the most confident match takes a ground-truth box once; another label, a duplicate or a miss is a false positive; under threshold is no prediction', () => {
    const truth = [{ label: 'cat', box: b(0, 0, 10, 10) }, { label: 'dog', box: b(50, 50, 10, 10) }];
    const predictions = [
      { label: 'cat', confidence: 0.8, box: b(0, 0, 10, 10) }, // duplicate of the better-placed but more confident one below
      { label: 'cat', confidence: 0.9, box: b(1, 0, 10, 10) }, // IoU 90/110
      { label: 'dog', confidence: 0.95, box: b(0, 0, 10, 10) }, // right place, wrong label
      { label: 'cat', confidence: 0.3, box: b(6, 0, 10, 10) }, // under the threshold
    ];
    const { judged, missed } = matchBoxes(predictions, truth, () => 0.5);
    assert.deepStrictEqual(judged.map((j) => [j.item.confidence, j.outcome, j.matched]), [
      [0.8, 'false-positive', undefined],
      [0.9, 'true-positive', 0],
      [0.95, 'false-positive', undefined],
    ]);
    assert.deepStrictEqual(missed, [1]);
  });

  it('matchBoxes: an IoU of exactly 0.5 matches', () => {
    // 10x10 in 10x20: intersection 100, union 200.
    const { judged } = matchBoxes([{ label: 'a', confidence: 1, box: b(0, 0, 10, 20) }], [{ label: 'a', box: b(0, 0, 10, 10) }], () => 0);
    assert.strictEqual(judged[0].outcome, 'true-positive');
  });

  it('labelOutcome and scores', () => {
    assert.strictEqual(labelOutcome(true, 0.5, 0.5), 'true-positive');
    assert.strictEqual(labelOutcome(true, 0.49, 0.5), 'false-negative');
    assert.strictEqual(labelOutcome(true, undefined, 0.5), 'false-negative');
    assert.strictEqual(labelOutcome(false, 0.7, 0.5), 'false-positive');
    assert.strictEqual(labelOutcome(false, 0.2, 0.5), 'true-negative');
    assert.deepStrictEqual(scores(0, 0, 0), { precision: 0, recall: 0, f1: 0 });
    assert.deepStrictEqual(scores(1, 1, 0), { precision: 0.5, recall: 1, f1: 2 / 3 });
  });
});
