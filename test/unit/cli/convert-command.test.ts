/** `custom-labels convert` and `custom-labels check-training`: each format end to end, outputs re-validated by `lint`. */
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { main } from '../../../src/cli/main';
import { CONVERT_FIXTURES, fixtureCopy } from '../convert/images';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/** Writes the output with -o and lints it with the CLI itself. */
async function convertAndLint(args: string[]): Promise<{ code: number; err: string; lines: string[]; lint: string }> {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'cl-cli-')), 'out.manifest');
  const r = await run([...args, '-o', out]);
  assert.equal(r.out, '', 'with -o nothing goes to standard output');
  const lint = await run(['lint', out]);
  assert.equal(lint.code, 0, lint.out);
  return { code: r.code, err: r.err, lines: readFileSync(out, 'utf8').trimEnd().split('\n'), lint: lint.out };
}

describe('custom-labels convert', () => {
  const dir = fixtureCopy();

  it('coco: the guide example, exit 0, output lints clean and equals the script output', async () => {
    const r = await convertAndLint(['convert', 'coco', path.join(CONVERT_FIXTURES, 'coco-guide-example.json'), '--images', 's3://bucket/images/', '--job-name', 'my job']);
    assert.equal(r.code, 0);
    assert.equal(r.err, 'converted 2 images (2 labels, 3 boxes) to ' + r.err.split(' to ')[1]);
    assert.match(r.lint, /2 lines, 0 errors, 0 warnings/);
    const expected = readFileSync(path.join(CONVERT_FIXTURES, 'coco-guide-script-output.manifest'), 'utf8').trimEnd().split('\n');
    assert.deepEqual(r.lines.map((l) => JSON.parse(l)), expected.map((l) => JSON.parse(l)));
  });

  it('csv: repeated images listed on standard error with file:row, exit 1; a row without labels kept unlabelled, with a warning', async () => {
    const csv = path.join(CONVERT_FIXTURES, 'repeated.csv');
    const r = await convertAndLint(['convert', 'csv', csv, '--images=s3://my-bucket/images']);
    assert.equal(r.code, 1);
    const err = r.err.trimEnd().split('\n');
    assert.deepEqual(err.slice(0, 3).map((l) => l.split(': ').slice(0, 2).join(': ')), [`${csv}:3: not converted`, `${csv}:6: not converted`, `${csv}:8: warning`]);
    assert.match(err[0], /repeated image "sunrise1\.jpg": row 3 repeats row 1/);
    assert.match(err[2], /1 image has no labels: written as unlabelled lines/);
    assert.match(err[3], /^converted 5 images \(6 labels\) to /);
    assert.match(err[3], /; 2 items not converted \(listed above\)$/);
    assert.equal(r.lines.length, 5);
  });

  it('groundtruth-multilabel, yolo, voc: converted, reported, linted clean', async () => {
    const gt = await convertAndLint(['convert', 'groundtruth-multilabel', path.join(CONVERT_FIXTURES, 'gt-multilabel.manifest')]);
    assert.equal(gt.code, 1);
    assert.equal(gt.lines.length, 3);
    const yolo = await convertAndLint(['convert', 'yolo', path.join(dir, 'yolo', 'labels'), '--images', 's3://my-bucket/yolo/']);
    assert.equal(yolo.code, 1);
    assert.equal(yolo.lines.length, 2);
    assert.match(yolo.err, /img2\.txt:2: not converted: unknown category: class 7/);
    const voc = await convertAndLint(['convert', 'voc', path.join(dir, 'voc'), '--images', 's3://my-bucket/voc/']);
    assert.equal(voc.code, 1);
    assert.equal(voc.lines.length, 3, 'empty3.xml (no objects) is an unlabelled line');
    assert.match(voc.err, /dog1\.xml \(object\[2\]\): not converted: box "person"/);
  });

  it('writes the manifest to standard output without -o', async () => {
    const r = await run(['convert', 'csv', path.join(CONVERT_FIXTURES, 'repeated.csv'), '--images', 's3://my-bucket/images/']);
    assert.equal(r.out.trimEnd().split('\n').length, 5);
  });

  it('usage errors exit 2 and say what to do', async () => {
    assert.equal((await run(['convert'])).code, 2);
    const unknown = await run(['convert', 'tfrecord', 'x']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /unknown format "tfrecord"; one of coco, csv, groundtruth-multilabel, yolo, voc/);
    const noImages = await run(['convert', 'voc', path.join(dir, 'voc')]);
    assert.equal(noImages.code, 2);
    assert.match(noImages.err, /"voc" needs --images s3:\/\/bucket\/prefix\//);
    const badPrefix = await run(['convert', 'csv', path.join(CONVERT_FIXTURES, 'repeated.csv'), '--images', 'https://x/']);
    assert.match(badPrefix.err, /is not an S3 folder/);
    const self = path.join(CONVERT_FIXTURES, 'repeated.csv');
    const overwrite = await run(['convert', 'csv', self, '-o', self]);
    assert.equal(overwrite.code, 2);
    assert.match(overwrite.err, /an input is never overwritten/);
  });
});

describe('custom-labels check-training', () => {
  const DATE = '2024-05-01T12:00:00Z';
  const line = (ref: string, label: string) =>
    JSON.stringify({ 'source-ref': ref, x: 1, 'x-metadata': { confidence: 1, 'class-name': label, 'human-annotated': 'yes', 'creation-date': DATE, type: 'groundtruth/image-classification' } });

  it('prints each finding with its code, numbers and what to do; exit 1 on predicted errors, 0 otherwise', async () => {
    const d = mkdtempSync(path.join(tmpdir(), 'cl-ct-'));
    const { writeFileSync } = await import('fs');
    const train = path.join(d, 'train.manifest');
    const test = path.join(d, 'test.manifest');
    writeFileSync(train, [line('s3://b-1/1.jpg', 'a'), line('s3://b-1/2.jpg', 'b'), line('s3://b-1/3.jpg', 'b')].join('\n') + '\n');
    // Neither training label is in the test manifest: 0 of 2 (the overlap is over the training labels).
    writeFileSync(test, [line('s3://b-1/1.jpg', 'c'), line('s3://b-1/4.jpg', 'c'), line('s3://b-1/5.jpg', 'd')].join('\n') + '\n');
    const alone = await run(['check-training', train]);
    assert.equal(alone.code, 1);
    assert.match(alone.out, new RegExp(`^${train.replace(/[./]/g, '\\$&')}: error ERROR_INSUFFICIENT_IMAGES_PER_LABEL_FOR_AUTOSPLIT .*"a" \\(1 image\\)`));
    assert.match(alone.out, /\n {2}what to do: Add images of that label/);
    const pair = await run(['check-training', train, test]);
    assert.equal(pair.code, 1);
    assert.deepEqual(pair.out.split('\n').map((l) => / (error|warning) ([A-Z_]+) /.exec(l)).filter((m) => m !== null).map((m) => `${m[1]} ${m[2]}`), [
      'error ERROR_INSUFFICIENT_LABEL_OVERLAP',
      'error ERROR_INSUFFICIENT_USABLE_LABEL_OVERLAP',
      'warning CL_IMAGE_IN_TRAIN_AND_TEST',
    ]);
    const json = JSON.parse((await run(['check-training', train, test, '--json'])).out);
    assert.equal(json.findings[0].numbers.percent, 0);
    writeFileSync(test, [line('s3://b-1/6.jpg', 'a'), line('s3://b-1/7.jpg', 'b')].join('\n'));
    const clean = await run(['check-training', train, test]);
    assert.equal(clean.code, 0);
    assert.match(clean.out, /no training errors predicted, 0 warnings\n$/);
    assert.equal((await run(['check-training'])).code, 2);
    assert.equal((await run(['check-training', path.join(d, 'nope')])).code, 2);
  });
});
