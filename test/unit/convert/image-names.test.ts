/**
 * The converters never open an image outside the image folders for a name the input gives
 * (issue #21 item 8): a COCO `file_name` or a VOC `<filename>` with '..' or an absolute path is
 * refused and reported for its entry, and nothing is written for it.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { convertFiles } from '../../../src/convert';
import { fixedNow } from './helpers';
import { writePng } from './images';

describe('convert: image names that leave the image folder', () => {
  let base: string;
  beforeEach(() => {
    base = mkdtempSync(path.join(tmpdir(), 'cl-convert-names-'));
    // Real images outside the image folder: had they been opened, their sizes would make lines.
    writePng(path.join(base, 'x.png'), 800, 600);
    writePng(path.join(base, 'outside', 'y.png'), 800, 600);
    writePng(path.join(base, 'imgs', 'ok.png'), 640, 480);
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  const absolute = () => path.join(base, 'outside', 'y.png');

  it('COCO: file_name "../x.png", an absolute path and /etc/x.jpg are refused, reported per image; the rest is converted', async () => {
    const file = path.join(base, 'ann', 'in.json');
    mkdirSync(path.dirname(file), { recursive: true });
    const names = ['../x.png', absolute(), '/etc/x.jpg', 'ok.png'];
    writeFileSync(
      file,
      JSON.stringify({
        images: names.map((file_name, i) => ({ id: i + 1, file_name })),
        annotations: names.map((_, i) => ({ id: 10 + i, image_id: i + 1, category_id: 3, bbox: [10, 20, 100, 50] })),
        categories: [{ id: 3, name: 'cat' }],
      }),
    );
    const result = await convertFiles({ format: 'coco', inputs: [file], images: 's3://bucket/x', imageDir: path.join(base, 'imgs'), now: fixedNow });
    assert.deepEqual(result.lines.map((l) => JSON.parse(l)['source-ref']), ['s3://bucket/x/ok.png']);
    const refused = result.issues.filter((i) => /outside the image folder/.test(i.message));
    assert.deepEqual(refused.map((i) => [i.where, i.kind]), [['images[0]', 'skipped'], ['images[1]', 'skipped'], ['images[2]', 'skipped']], JSON.stringify(result.issues));
  });

  it('COCO: a refused file_name is reported even when the COCO file gives the size (nothing is opened then)', async () => {
    const file = path.join(base, 'in.json');
    writeFileSync(file, JSON.stringify({ images: [{ id: 1, file_name: '../x.png', width: 800, height: 600 }], annotations: [{ id: 1, image_id: 1, category_id: 3, bbox: [10, 20, 100, 50] }], categories: [{ id: 3, name: 'cat' }] }));
    const result = await convertFiles({ format: 'coco', inputs: [file], images: 's3://bucket/x', now: fixedNow });
    assert.deepEqual(result.lines, []);
    assert.match(result.issues[0]?.message ?? '', /outside the image folder/);
  });

  it('VOC: <filename> "../x.png" and an absolute path are refused, reported per XML; the rest is converted', async () => {
    const xml = (name: string) =>
      `<annotation><filename>${name}</filename><size><width>0</width><height>0</height><depth>3</depth></size><object><name>cat</name><bndbox><xmin>10</xmin><ymin>10</ymin><xmax>90</xmax><ymax>90</ymax></bndbox></object></annotation>`;
    const dir = path.join(base, 'voc');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'a.xml'), xml('../x.png'));
    writeFileSync(path.join(dir, 'b.xml'), xml(absolute()));
    writeFileSync(path.join(dir, 'c.xml'), xml('ok.png'));
    const result = await convertFiles({ format: 'voc', inputs: [dir], images: 's3://my-bucket/voc/', imageDir: path.join(base, 'imgs'), now: fixedNow });
    assert.deepEqual(result.lines.map((l) => JSON.parse(l)['source-ref']), ['s3://my-bucket/voc/ok.png']);
    const refused = result.issues.filter((i) => /outside the image folder/.test(i.message));
    assert.deepEqual(refused.map((i) => [path.basename(i.file), i.kind]), [['a.xml', 'skipped'], ['b.xml', 'skipped']], JSON.stringify(result.issues));
  });
});
