/** The per-label evaluation table (src/models/evaluation-table.ts), on snapshots whose counts are worked out by hand. */
import * as assert from 'assert';
import { evaluationTable, type EvaluatedImage } from '../../../src/models';

const img = (sourceRef: string, labels: string[], predictions: [string, number][]): EvaluatedImage => ({
  sourceRef,
  labels,
  boxes: [],
  predictions: predictions.map(([label, confidence]) => ({ label, confidence })),
});

describe('models: the per-label evaluation table', () => {
  it('image-level: each label at its threshold, rows by F1 then name, true negatives left out of an image', () => {
    const images = [
      img('s3://b/1.png', ['cat'], [['cat', 0.9], ['dog', 0.2]]), // cat TP, dog TN
      img('s3://b/2.png', ['dog'], [['cat', 0.7], ['dog', 0.4]]), // cat FP, dog FN
      img('s3://b/3.png', ['dog'], [['dog', 0.8]]), // dog TP
      img('s3://b/4.png', ['cat'], [['cat', 0.3]]), // cat FN
    ];
    const table = evaluationTable(images, new Map([['cat', 0.5], ['dog', 0.5]]));
    // cat: TP 1, FP 1, FN 1 -> P 1/2, R 1/2, F1 1/2; dog: TP 1, FN 1 -> P 1, R 1/2, F1 2/3.
    assert.deepStrictEqual(
      table.rows.map((r) => [r.label, r.testImages, r.truePositives, r.falsePositives, r.falseNegatives, r.precision, r.recall, r.f1]),
      [
        ['dog', 2, 1, 0, 1, 1, 0.5, 2 / 3],
        ['cat', 2, 1, 1, 1, 0.5, 0.5, 0.5],
      ],
    );
    assert.deepStrictEqual(table.images.map((i) => i.items.map((x) => `${x.label}:${x.outcome}`)), [
      ['cat:true-positive'],
      ['dog:false-negative', 'cat:false-positive'],
      ['dog:true-positive'],
      ['cat:false-negative'],
    ]);
  });

  it('object detection: boxes by IoU 0.5 and label; a missed box is a false negative with its place', () => {
    const images: EvaluatedImage[] = [
      {
        sourceRef: 's3://b/1.png',
        labels: [],
        boxes: [{ label: 'cat', left: 0, top: 0, width: 10, height: 10 }],
        predictions: [
          { label: 'cat', confidence: 0.9, box: { left: 1, top: 0, width: 10, height: 10 } }, // IoU 90/110: TP
          { label: 'cat', confidence: 0.8, box: { left: 40, top: 40, width: 10, height: 10 } }, // nowhere: FP
          { label: 'dog', confidence: 0.2, box: { left: 0, top: 0, width: 10, height: 10 } }, // under threshold: no item
        ],
      },
      { sourceRef: 's3://b/2.png', labels: [], boxes: [{ label: 'dog', left: 5, top: 5, width: 20, height: 20 }], predictions: [] },
    ];
    const table = evaluationTable(images, new Map([['cat', 0.5], ['dog', 0.5]]));
    assert.deepStrictEqual(
      table.rows.map((r) => [r.label, r.testImages, r.truePositives, r.falsePositives, r.falseNegatives, r.f1]),
      [
        ['cat', 1, 1, 1, 0, 2 / 3],
        ['dog', 1, 0, 0, 1, 0],
      ],
    );
    assert.deepStrictEqual(table.images[1].items, [{ label: 'dog', outcome: 'false-negative', box: { left: 5, top: 5, width: 20, height: 20 } }]);
    assert.deepStrictEqual(table.images[0].items.map((x) => x.outcome), ['true-positive', 'false-positive']);
  });
});
