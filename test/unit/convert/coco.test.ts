/** COCO to object detection: the guide's own example, entry for entry as the guide's script writes it; and what it cannot convert. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'fs';
import * as path from 'path';
import { convertCoco, convertFiles } from '../../../src/convert';
import { assertValid, fixedNow, issueHeads } from './helpers';
import { CONVERT_FIXTURES, writePng } from './images';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';

const EXAMPLE = path.join(CONVERT_FIXTURES, 'coco-guide-example.json');
const SCRIPT_OUTPUT = path.join(CONVERT_FIXTURES, 'coco-guide-script-output.manifest');

function coco(overrides: Record<string, unknown>): string {
  return JSON.stringify({
    images: [{ id: 1, file_name: 'a.jpg', width: 640, height: 480, date_captured: '2013-11-15 02:41:42' }],
    annotations: [{ id: 10, image_id: 1, category_id: 3, bbox: [10, 20, 100, 50] }],
    categories: [{ id: 3, name: 'cat' }],
    ...overrides,
  });
}

describe('convert coco', () => {
  it("writes the guide's example exactly as the guide's transform script does (source-refs, boxes, class-map, sizes, key order)", async () => {
    const result = await convertCoco(readFileSync(EXAMPLE, 'utf8'), EXAMPLE, { images: 's3://bucket/images/', jobName: 'my job', now: fixedNow });
    const expected = readFileSync(SCRIPT_OUTPUT, 'utf8').trimEnd().split('\n');
    assert.equal(result.lines.length, expected.length);
    result.lines.forEach((line, i) => {
      assert.deepEqual(JSON.parse(line), JSON.parse(expected[i]), `entry ${i + 1}`);
      // The same keys in the same order as Python's json.dump of the script's dicts.
      assert.equal(JSON.stringify(JSON.parse(expected[i])), line, `entry ${i + 1}, byte for byte after compacting`);
    });
    assert.deepEqual(result.issues, []);
    assert.deepEqual(result.stats, { images: 2, labels: 2, boxes: 3 });
    assertValid(result);
  });

  it('reports, with where it came from, an unknown category, an annotation of no image, a box outside the image, an image without size; an image without annotations is an unlabelled line', async () => {
    const text = coco({
      images: [
        { id: 1, file_name: 'a.jpg', width: 640, height: 480, date_captured: '2013-11-15 02:41:42' },
        { id: 2, file_name: 'b.jpg', width: 640, height: 480 },
        { id: 3, file_name: 'c.jpg' },
        { id: 4, file_name: 'a.jpg', width: 640, height: 480 },
      ],
      annotations: [
        { id: 10, image_id: 1, category_id: 3, bbox: [10, 20, 100, 50] },
        { id: 11, image_id: 1, category_id: 99, bbox: [10, 20, 100, 50] },
        { id: 12, image_id: 1, category_id: 3, bbox: [600, 20, 100, 50] },
        { id: 13, image_id: 42, category_id: 3, bbox: [10, 20, 100, 50] },
        { id: 14, image_id: 3, category_id: 3, bbox: [10, 20, 100, 50] },
        { id: 15, image_id: 4, category_id: 3, bbox: [10, 20, 100, 50] },
      ],
    });
    const result = await convertCoco(text, 'in.json', { images: 's3://bucket/images/', now: fixedNow });
    assert.deepEqual(issueHeads(result), [
      'in.json (annotations[1]) skipped',
      'in.json (annotations[3]) skipped',
      'in.json (annotations[2]) skipped',
      'in.json (images[2]) skipped',
      'in.json (images[3]) skipped',
    ]);
    const [unknown, noImage, outside, noSize, repeated] = result.issues.map((i) => i.message);
    assert.match(unknown, /unknown category: category_id 99/);
    assert.match(noImage, /image_id 42 is not in "images"/);
    assert.match(outside, /outside the 640x480 image/);
    assert.match(noSize, /c\.jpg has no size/);
    assert.match(repeated, /repeated image s3:\/\/bucket\/images\/a\.jpg: it was already converted from in\.json \(images\[0\]\)/);
    assert.equal(result.lines.length, 2);
    assert.deepEqual(JSON.parse(result.lines[0])['bounding-box'].annotations, [{ left: 10, top: 20, width: 100, height: 50, class_id: 3 }]);
    assert.deepEqual(JSON.parse(result.lines[1]), { 'source-ref': 's3://bucket/images/b.jpg' }, 'b.jpg has no annotations: source-ref only');
    assert.deepEqual(result.unlabelled, { count: 1, skipped: false, first: { file: 'in.json', where: 'images[1]' } });
    assertValid(result.lines.slice(0, 1));
  });

  it('reads a size the COCO file lacks from the image header in --image-dir', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cl-coco-'));
    writePng(path.join(dir, 'imgs', 'a.jpg.png'), 1, 1); // a decoy: only the exact file name counts
    writePng(path.join(dir, 'imgs', 'a.png'), 800, 600);
    const file = path.join(dir, 'in.json');
    writeFileSync(file, coco({ images: [{ id: 1, file_name: 'a.png' }] }));
    const result = await convertFiles({ format: 'coco', inputs: [file], images: 's3://bucket/x', imageDir: path.join(dir, 'imgs'), now: fixedNow });
    assert.deepEqual(result.issues, []);
    const line = JSON.parse(result.lines[0]);
    assert.equal(line['source-ref'], 's3://bucket/x/a.png');
    assert.deepEqual(line['bounding-box'].image_size, [{ width: 800, depth: 3, height: 600 }]);
    // No date_captured: the conversion time.
    assert.equal(line['bounding-box-metadata']['creation-date'], '2024-05-01T12:00:00.000Z');
    assertValid(result);
  });

  it('says what is wrong with a file that is not COCO', async () => {
    assert.match((await convertCoco('{', 'x.json')).issues[0].message, /not a COCO file: it is not JSON/);
    assert.match((await convertCoco('{"images": 1}', 'x.json')).issues[0].message, /needs "images" and "annotations"/);
  });
});
