/** Ground Truth multi-label output to the accepted form, for whole files, with the quick fix's code. */
import * as assert from 'node:assert/strict';
import * as path from 'path';
import { convertFiles } from '../../../src/convert';
import { assertValid, fixedNow, issueHeads } from './helpers';
import { CONVERT_FIXTURES } from './images';

const FILE = path.join(CONVERT_FIXTURES, 'gt-multilabel.manifest');

describe('convert groundtruth-multilabel', () => {
  it('converts every multi-label line, copies the others, and reports what it could not convert', async () => {
    const result = await convertFiles({ format: 'groundtruth-multilabel', inputs: [FILE], now: fixedNow });
    assert.deepEqual(issueHeads(result), ['gt-multilabel.manifest:2 changed', 'gt-multilabel.manifest:3 skipped', 'gt-multilabel.manifest:5 skipped']);
    assert.match(result.issues[0].message, /class id\(s\) 2 are not in the class-map/);
    assert.match(result.issues[1].message, /the image has no labels \(its multi-label list is empty\)/);
    assert.match(result.issues[2].message, /not a JSON object/);
    const lines = result.lines.map((l) => JSON.parse(l));
    assert.equal(lines.length, 3);
    assert.deepEqual(lines[0], {
      'source-ref': 's3://custom-labels-bucket/images/IMG_1186.png',
      'image-label-attribute-name0': 0,
      'image-label-attribute-name0-metadata': {
        'class-name': 'Sunrise', confidence: 0.94, type: 'groundtruth/image-classification', 'job-name': 'labeling-job/multi-label', 'human-annotated': 'yes', 'creation-date': '2020-03-06T17:46:39.176',
      },
      'image-label-attribute-name1': 1,
      'image-label-attribute-name1-metadata': {
        'class-name': 'Beach', confidence: 0.87, type: 'groundtruth/image-classification', 'job-name': 'labeling-job/multi-label', 'human-annotated': 'yes', 'creation-date': '2020-03-06T17:46:39.176',
      },
    });
    assert.equal(lines[1]['image-label-attribute-name0-metadata']['class-name'], 'class-2');
    assert.equal(lines[2]['sunrise-metadata']['class-name'], 'Sunrise', 'a line already in the accepted form is copied');
    assert.deepEqual(result.stats, { images: 3, labels: 3, boxes: 0 });
    assertValid(result);
  });
});

describe('convertMultilabelLine (the quick fix the converter reuses)', () => {
  it('an empty multi-label list whose pair ends the line: both are removed and the line stays JSON', async () => {
    const { convertMultilabelLine } = await import('../../../src/manifest');
    const meta = '{"class-map":{},"type":"groundtruth/image-classification-multilabel"}';
    for (const line of [
      `{"source-ref":"s3://my-bucket/a.jpg","x":[],"x-metadata":${meta}}`,
      `{"source-ref":"s3://my-bucket/a.jpg","x-metadata":${meta},"x":[]}`,
      `{"source-ref":"s3://my-bucket/a.jpg","x":[],"x-metadata":${meta},"y":1}`,
    ]) {
      const converted = convertMultilabelLine(line) ?? '';
      assert.doesNotThrow(() => JSON.parse(converted), `not JSON: ${converted}`);
      assert.deepEqual(Object.keys(JSON.parse(converted)).filter((k) => k.startsWith('x')), []);
    }
  });
});
