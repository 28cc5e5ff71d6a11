/** The one reader of a line's entry (src/manifest/entry.ts), and the s3:// parser and the service's scale it shares. */
import * as assert from 'node:assert/strict';
import { readEntry, s3Location, scaleFactor } from '../../../src/manifest';

const DATE = '2024-05-01T10:00:00.000Z';
const DET = JSON.stringify({
  'source-ref': 's3://demo-bucket/images/street-001.jpg',
  vehicles: {
    image_size: [{ width: 800, height: 600, depth: 3 }],
    annotations: [
      { class_id: 0, left: 40, top: 60, width: 200, height: 150 },
      { class_id: 1, left: 400, top: 300, width: 120, height: 90 },
      { class_id: 2, left: 'x', top: 0, width: 1, height: 1 },
    ],
  },
  'vehicles-metadata': { objects: [{ confidence: 0.5 }, {}], 'class-map': { '0': 'car' }, type: 'groundtruth/object-detection', 'human-annotated': 'yes', 'creation-date': DATE },
  animal: 3,
  'animal-metadata': { confidence: 0.75, 'class-name': 'cat', type: 'groundtruth/image-classification', 'human-annotated': 'yes', 'creation-date': DATE },
});

describe('manifest: the entry of a line', () => {
  it('reads the source-ref, its location, the size, the boxes with class ids, names and confidences, and the labels', () => {
    const e = readEntry(DET);
    assert.equal(e.json, 'object');
    assert.equal(e.sourceRef, 's3://demo-bucket/images/street-001.jpg');
    assert.deepEqual(e.location, { bucket: 'demo-bucket', key: 'images/street-001.jpg' });
    assert.deepEqual(e.imageSize, { width: 800, height: 600 });
    assert.deepEqual(
      e.boxes.map((b) => [b.attribute, b.index, b.classId, b.label, b.left, b.top, b.width, b.height, b.confidence]),
      [
        ['vehicles', 0, 0, 'car', 40, 60, 200, 150, 0.5],
        ['vehicles', 1, 1, 'class 1', 400, 300, 120, 90, undefined],
      ],
    );
    assert.deepEqual(e.labels, ['cat', 'car', 'class 1']);
    assert.deepEqual(e.classNames, ['cat']);
    const animal = e.attributes.find((a) => a.name === 'animal')!;
    assert.deepEqual([animal.kind, animal.className, animal.classId, animal.confidence, animal.hasMetadata], ['classification', 'cat', 3, 0.75, true]);
    assert.equal(e.attributes.find((a) => a.name === 'vehicles')!.kind, 'detection');
    assert.equal(e.boxes[0]!.span, undefined, 'no places unless asked');
  });

  it('with spans: where the source-ref, the image_size and each box are in the text', () => {
    const e = readEntry(DET, { spans: true });
    const ref = JSON.stringify('s3://demo-bucket/images/street-001.jpg');
    assert.deepEqual(e.sourceRefSpan, { start: DET.indexOf(ref), end: DET.indexOf(ref) + ref.length });
    const box1 = '{"class_id":1,"left":400,"top":300,"width":120,"height":90}';
    assert.deepEqual(e.boxes[1]!.span, { start: DET.indexOf(box1), end: DET.indexOf(box1) + box1.length });
    const size = '[{"width":800,"height":600,"depth":3}]';
    assert.deepEqual(e.attributes[0]!.imageSize!.span, { start: DET.indexOf(size), end: DET.indexOf(size) + size.length });
  });

  it('reads what it can of an invalid line and never throws', () => {
    assert.deepEqual(readEntry('{"source-ref": '), { json: 'invalid', attributes: [], boxes: [], classNames: [], labels: [] });
    assert.equal(readEntry('[1, 2]').json, 'other');
    assert.equal(readEntry('null').json, 'other');
    const noRef = readEntry('{"source-ref": 7, "a": 1, "a-metadata": {"class-name": "x"}}');
    assert.equal(noRef.sourceRef, undefined);
    assert.deepEqual(noRef.labels, ['x']);
    assert.equal(readEntry('{"source-ref": "https://b/k"}').location, undefined);
    // Wrong shapes everywhere: nothing read, nothing thrown.
    const odd = readEntry('{"source-ref":"s3://b/k","a":{"image_size":"big","annotations":{"0":1}},"a-metadata":[],"b":{"annotations":[null,1,[]]},"b-metadata":{"class-map":"no"},"__proto__":{"x":1},"constructor-metadata":{"class-name":7}}', { spans: true });
    assert.deepEqual(odd.boxes, []);
    assert.equal(odd.imageSize, undefined);
    // A class id the class-map does not hold as its own key is named by its id.
    const proto = readEntry('{"source-ref":"s3://b/k","a":{"annotations":[{"class_id":"constructor","left":1,"top":1,"width":5,"height":5}]},"a-metadata":{"class-map":{}}}');
    assert.equal(proto.boxes[0]!.label, 'class constructor');
  });

  it('s3Location: the bucket up to the first "/", the key after it, both non-empty', () => {
    assert.deepEqual(s3Location('s3://b/a/c.jpg'), { bucket: 'b', key: 'a/c.jpg' });
    assert.deepEqual(s3Location('s3://../secret/x.png'), { bucket: '..', key: 'secret/x.png' });
    for (const bad of ['https://x/y', 's3://bucket', 's3://bucket/', 's3:///key', 'S3://b/k', 's3://b/k\nx']) assert.equal(s3Location(bad), undefined, bad);
  });

  it("scaleFactor: the longest side down to 1280, never up", () => {
    assert.equal(scaleFactor(640, 480), 1);
    assert.equal(scaleFactor(1280, 100), 1);
    assert.equal(scaleFactor(2560, 1000), 0.5);
    assert.equal(scaleFactor(1000, 5120), 0.25);
  });
});
