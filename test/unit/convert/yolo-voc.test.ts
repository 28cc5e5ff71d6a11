/** YOLO and Pascal VOC to object detection: sizes from the annotation or the image header, and what cannot be converted. */
import * as assert from 'node:assert/strict';
import * as path from 'path';
import { convertFiles, pixelBox } from '../../../src/convert';
import { assertValid, fixedNow, issueHeads } from './helpers';
import { fixtureCopy } from './images';

describe('convert yolo', () => {
  it('converts normalised boxes to pixels with the size read from each image (PNG and JPEG), naming classes from classes.txt', async () => {
    const dir = fixtureCopy();
    const result = await convertFiles({ format: 'yolo', inputs: [path.join(dir, 'yolo', 'labels')], images: 's3://my-bucket/yolo/', now: fixedNow });
    const lines = result.lines.map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => l['source-ref']), ['s3://my-bucket/yolo/img1.png', 's3://my-bucket/yolo/img2.jpg']);
    assert.deepEqual(lines[0]['bounding-box'], {
      annotations: [
        { left: 240, top: 120, width: 160, height: 240, class_id: 0 },
        { left: 32, top: 48, width: 64, height: 96, class_id: 1 },
      ],
      image_size: [{ width: 640, depth: 3, height: 480 }],
    });
    assert.deepEqual(lines[0]['bounding-box-metadata']['class-map'], { 0: 'cat', 1: 'dog' });
    assert.deepEqual(lines[1]['bounding-box'].image_size, [{ width: 320, depth: 3, height: 240 }]);
    assert.deepEqual(issueHeads(result), ['img2.txt:2 skipped', 'img2.txt:3 skipped', 'missing.txt skipped']);
    const [unknown, outside, noImage] = result.issues.map((i) => i.message);
    assert.match(unknown, /unknown category: class 7 has no name in .*classes\.txt \(3 classes\)/);
    assert.match(outside, /box "cat": the box \(left 352, top 96, width 64, height 48\) is outside the 320x240 image/);
    assert.match(noImage, /image without size: no PNG or JPEG with the same name/);
    assertValid(result);
  });

  it('needs --images and a classes file', async () => {
    const dir = fixtureCopy();
    await assert.rejects(convertFiles({ format: 'yolo', inputs: [path.join(dir, 'yolo', 'labels')] }), /needs --images/);
    await assert.rejects(
      convertFiles({ format: 'yolo', inputs: [path.join(dir, 'yolo', 'labels', 'img1.txt')], images: 's3://b-b/', classes: path.join(dir, 'nope.txt') }),
      /cannot read/,
    );
  });

  it('rounds edges to pixels and moves an edge within 1 px outside onto the border', () => {
    assert.deepEqual(pixelBox(0.5, 0.5, 1.001, 1, { width: 640, height: 480 }), { left: 0, top: 0, width: 640, height: 480 });
    assert.deepEqual(pixelBox(0.5, 0.5, 1.1, 1, { width: 640, height: 480 }).left, -32);
  });
});

describe('convert voc', () => {
  it('converts each XML with its size, reading it from the image when the XML says 0x0, and reports boxes outside, and writes an image without objects unlabelled', async () => {
    const dir = fixtureCopy();
    const result = await convertFiles({ format: 'voc', inputs: [path.join(dir, 'voc')], images: 's3://my-bucket/voc/', now: fixedNow });
    const lines = result.lines.map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => l['source-ref']), ['s3://my-bucket/voc/cat2.png', 's3://my-bucket/voc/dog1.jpg', 's3://my-bucket/voc/empty3.jpg']);
    assert.deepEqual(lines[2], { 'source-ref': 's3://my-bucket/voc/empty3.jpg' }, 'an image without objects: an unlabelled line');
    assert.deepEqual(lines[0]['bounding-box'].image_size, [{ width: 300, depth: 3, height: 200 }], 'from the PNG header');
    assert.deepEqual(lines[0]['bounding-box-metadata']['class-map'], { 0: 'cat', 1: 'dog & friend' }, 'XML entities decoded');
    assert.deepEqual(lines[1]['bounding-box'].annotations, [{ left: 48, top: 240, width: 147, height: 131, class_id: 2 }]);
    assert.deepEqual(issueHeads(result), ['dog1.xml (object[2]) skipped']);
    assert.match(result.issues[0].message, /box "person": the box \(left 8, top 12, width 344, height 486\) is outside the 640x480 image/);
    assert.equal(result.unlabelled.count, 1);
    assertValid(result.lines.slice(0, 2));
  });

  it('reports XML that is not well-formed, and an image without size', async () => {
    const { convertVoc } = await import('../../../src/convert');
    const none = async () => undefined;
    const result = await convertVoc(
      [
        { file: 'bad.xml', text: '<annotation><filename>a.jpg</filename>' },
        { file: 'nosize.xml', text: '<annotation><filename>a.jpg</filename><object><name>x</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>9</xmax><ymax>9</ymax></bndbox></object></annotation>' },
      ],
      { images: 's3://b-b/', resolveImage: none, now: fixedNow },
    );
    assert.deepEqual(issueHeads(result), ['bad.xml skipped', 'nosize.xml (size) skipped']);
    assert.match(result.issues[0].message, /not well-formed XML/);
    assert.match(result.issues[1].message, /image without size: a\.jpg/);
  });
});
