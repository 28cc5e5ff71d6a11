import * as assert from 'node:assert/strict';
import { boxAt, previewOf } from '../../../src/preview/model';

const DATE = '2024-05-01T10:00:00.000Z';
const DET = JSON.stringify({
  'source-ref': 's3://demo-bucket/images/street-001.jpg',
  vehicles: {
    image_size: [{ width: 800, height: 600, depth: 3 }],
    annotations: [
      { class_id: 0, left: 40, top: 60, width: 200, height: 150 },
      { class_id: 1, left: 400, top: 300, width: 120, height: 90 },
    ],
  },
  'vehicles-metadata': { objects: [{ confidence: 1 }, { confidence: 1 }], 'class-map': { '0': 'car', '1': '<b>bike</b>' }, type: 'groundtruth/object-detection', 'human-annotated': 'yes', 'creation-date': DATE },
});
const CLS = JSON.stringify({
  'source-ref': 's3://demo-bucket/images/animal-001.jpg',
  animal: 1,
  'animal-metadata': { confidence: 1, 'class-name': 'cat', 'human-annotated': 'yes', 'creation-date': DATE, type: 'groundtruth/image-classification' },
});

describe('preview: what one line shows', () => {
  it('a detection line: its image, the declared size, each box with its class-map name, the labels', () => {
    const v = previewOf(4, DET);
    assert.equal(v.line, 4);
    assert.equal(v.sourceRef, 's3://demo-bucket/images/street-001.jpg');
    assert.deepEqual(v.image, { bucket: 'demo-bucket', key: 'images/street-001.jpg' });
    assert.deepEqual(v.declared, { width: 800, height: 600 });
    assert.deepEqual(v.boxes, [
      { index: 0, attribute: 'vehicles', annotation: 0, label: 'car', left: 40, top: 60, width: 200, height: 150 },
      { index: 1, attribute: 'vehicles', annotation: 1, label: '<b>bike</b>', left: 400, top: 300, width: 120, height: 90 },
    ]);
    assert.deepEqual(v.labels, ['car', '<b>bike</b>']);
    assert.deepEqual(v.problems, []);
    assert.equal(v.note, undefined);
  });

  it('a classification line: the image and its class-name as a label, no boxes', () => {
    const v = previewOf(0, CLS);
    assert.deepEqual(v.labels, ['cat']);
    assert.deepEqual(v.boxes, []);
    assert.equal(v.declared, undefined);
  });

  it("the line's problems, and a class id missing from the class-map named as such", () => {
    const line = DET.replace('"class-map":{"0":"car","1":"<b>bike</b>"}', '"class-map":{"0":"car"}');
    const v = previewOf(2, line);
    assert.equal(v.boxes[1]!.label, 'class 1');
    assert.ok(v.problems.some((p) => p.code === 'ERROR_MISSING_CLASS_MAP_ID'), JSON.stringify(v.problems));
  });

  it('says why nothing is drawn: blank, not JSON, no source-ref, not s3://; never throws', () => {
    assert.match(previewOf(0, '').note ?? '', /blank/);
    assert.match(previewOf(0, '{"source-ref": ').note ?? '', /not valid JSON/);
    assert.match(previewOf(0, '{"a": 1}').note ?? '', /no source-ref/);
    assert.match(previewOf(0, CLS.replace('s3://demo-bucket', 'https://example.invalid')).note ?? '', /not an s3:\/\/bucket\/key/);
    assert.equal(previewOf(0, '{"source-ref":"s3://b/k","__proto__":{"class-name":"x"}}').sourceRef, 's3://b/k');
  });

  it('boxAt: the box whose annotation object holds the place, undefined elsewhere', () => {
    const second = DET.indexOf('{"class_id":1');
    assert.equal(boxAt(DET, DET.indexOf('"left":40')), 0);
    assert.equal(boxAt(DET, second), 1);
    assert.equal(boxAt(DET, second + 5), 1);
    assert.equal(boxAt(DET, DET.indexOf('image_size')), undefined);
    assert.equal(boxAt(DET, 0), undefined);
    assert.equal(boxAt('not json', 3), undefined);
  });
});
