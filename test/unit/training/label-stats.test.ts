import * as assert from 'node:assert/strict';
import { labelStats, profileDataset } from '../../../src/training';

const DATE = '2024-05-01T12:00:00Z';
const cls = (ref: string, label: string) =>
  JSON.stringify({ 'source-ref': ref, x: 1, 'x-metadata': { confidence: 1, 'class-name': label, 'human-annotated': 'yes', 'creation-date': DATE, type: 'groundtruth/image-classification' } });
const od = (ref: string, labels: string[]) =>
  JSON.stringify({
    'source-ref': ref,
    bb: { image_size: [{ width: 640, height: 480, depth: 3 }], annotations: labels.map((_, i) => ({ class_id: i, left: 10, top: 10, width: 50, height: 50 })) },
    'bb-metadata': { objects: labels.map(() => ({ confidence: 1 })), 'class-map': Object.fromEntries(labels.map((l, i) => [String(i), l])), type: 'groundtruth/object-detection', 'human-annotated': 'yes', 'creation-date': DATE },
  });

describe('labelStats', () => {
  it('counts images and boxes per label in training and test, most training images first', async () => {
    const train = await profileDataset([cls('s3://my-bucket/1.jpg', 'cat'), od('s3://my-bucket/2.jpg', ['dog', 'dog', 'cat']), od('s3://my-bucket/3.jpg', ['dog'])]);
    const test = await profileDataset([od('s3://my-bucket/4.jpg', ['bird'])]);
    assert.deepEqual(labelStats(train, test), {
      rows: [
        { label: 'cat', trainImages: 2, trainBoxes: 1, testImages: 0, testBoxes: 0 },
        { label: 'dog', trainImages: 2, trainBoxes: 3, testImages: 0, testBoxes: 0 },
        { label: 'bird', trainImages: 0, trainBoxes: 0, testImages: 1, testBoxes: 1 },
      ],
      trainLines: 3,
      testLines: 1,
    });
  });
});
