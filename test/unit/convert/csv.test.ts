/** CSV to image-level (multi-label): repeated images reported as AWS's CSV script reports them. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'fs';
import * as path from 'path';
import { convertCsv, parseCsvRow } from '../../../src/convert';
import { assertValid, fixedNow, issueHeads } from './helpers';
import { CONVERT_FIXTURES } from './images';

const CSV = path.join(CONVERT_FIXTURES, 'repeated.csv');

describe('convert csv', () => {
  it('writes one line per image with one classification attribute per label, and reports each repeated row with the row it repeats', () => {
    const result = convertCsv(readFileSync(CSV, 'utf8'), CSV, { images: 's3://my-bucket/images/', now: fixedNow });
    assert.deepEqual(issueHeads(result), ['repeated.csv:3 skipped', 'repeated.csv:6 skipped']);
    assert.match(result.issues[0].message, /repeated image "sunrise1\.jpg": row 3 repeats row 1, whose labels are used; this row's labels \(sunset\) are not/);
    assert.match(result.issues[1].message, /row 6 repeats row 2/);
    // "empty.jpg," has no labels: a line with only its source-ref, as AWS's script writes it.
    assert.deepEqual(result.unlabelled, { count: 1, skipped: false, first: { file: CSV, line: 8 } });
    const lines = result.lines.map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => l['source-ref']), [
      's3://my-bucket/images/sunrise1.jpg',
      's3://my-bucket/images/beach1.jpg',
      's3://my-bucket/images/garden/rose.png',
      's3://my-bucket/abs/tree.jpg',
      's3://my-bucket/images/empty.jpg',
    ]);
    assert.deepEqual(lines[4], { 'source-ref': 's3://my-bucket/images/empty.jpg' });
    // As the script writes them: the attribute is the label, holding 1.
    assert.deepEqual(lines[1], {
      'source-ref': 's3://my-bucket/images/beach1.jpg',
      beach: 1,
      'beach-metadata': { confidence: 1, 'job-name': 'labeling-job/beach', 'class-name': 'beach', 'human-annotated': 'yes', 'creation-date': '2024-05-01T12:00:00.000Z', type: 'groundtruth/image-classification' },
      sea: 1,
      'sea-metadata': { confidence: 1, 'job-name': 'labeling-job/sea', 'class-name': 'sea', 'human-annotated': 'yes', 'creation-date': '2024-05-01T12:00:00.000Z', type: 'groundtruth/image-classification' },
    });
    assert.equal(lines[3]['park, city-metadata']['class-name'], 'park, city');
    assert.deepEqual(result.stats, { images: 5, labels: 6, boxes: 0 });
    assertValid(result.lines.slice(0, 4));
  });

  it('without --images, rows whose image is not an S3 URL are reported; S3 URLs are used as they are', () => {
    const result = convertCsv('a.jpg,cat\ns3://my-bucket/b.jpg,dog\n', 'in.csv', { now: fixedNow });
    assert.deepEqual(issueHeads(result), ['in.csv:1 skipped']);
    assert.match(result.issues[0].message, /pass --images/);
    assert.equal(JSON.parse(result.lines[0])['source-ref'], 's3://my-bucket/b.jpg');
    assertValid(result);
  });

  it('reads a header row (image,label) as a header, with a note (not an error); a first row naming an image is converted', () => {
    const result = convertCsv('image,label\na.jpg,cat\n', 'in.csv', { images: 's3://my-bucket/', now: fixedNow });
    assert.deepEqual(issueHeads(result), ['in.csv:1 note']);
    assert.match(result.issues[0].message, /row 1 read as a header \("image,label"\), not as an image/);
    assert.deepEqual(result.lines.map((l) => JSON.parse(l)['source-ref']), ['s3://my-bucket/a.jpg']);
    const noHeader = convertCsv('a.jpg,cat\nb.png,dog\n', 'in.csv', { images: 's3://my-bucket/', now: fixedNow });
    assert.deepEqual(issueHeads(noHeader), []);
    assert.equal(noHeader.lines.length, 2);
    assertValid(result);
  });

  it('renames a label that cannot be an attribute name, and writes a repeated label once', () => {
    const result = convertCsv('a.jpg,source-ref,x-metadata,cat,cat\n', 'in.csv', { images: 's3://my-bucket/', now: fixedNow });
    const line = JSON.parse(result.lines[0]);
    assert.deepEqual(Object.keys(line).filter((k) => !k.endsWith('-metadata') && k !== 'source-ref'), ['label-0', 'label-1', 'cat']);
    assert.equal(line['label-1-metadata']['class-name'], 'x-metadata');
    assert.deepEqual(issueHeads(result), ['in.csv:1 changed', 'in.csv:1 changed', 'in.csv:1 changed']);
    assertValid(result);
  });

  it('warns when the images are in more than one bucket (training would fail)', () => {
    const result = convertCsv('s3://bucket-one/a.jpg,cat\ns3://bucket-two/b.jpg,dog\n', 'in.csv', { now: fixedNow });
    assert.deepEqual(issueHeads(result), ['in.csv:2 warning']);
    assert.match(result.issues[0].message, /ERROR_IMAGES_IN_MULTIPLE_S3_BUCKETS/);
  });

  it('parses RFC 4180 fields', () => {
    assert.deepEqual(parseCsvRow('a,"b,c","d ""e""",'), ['a', 'b,c', 'd "e"', '']);
    assert.equal(parseCsvRow('a,"b'), undefined);
  });
});
