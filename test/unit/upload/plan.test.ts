/** The upload plan: where each image goes, what is put, copied or kept, and which source-refs change. */
import * as assert from 'assert';
import { createHash } from 'crypto';
import { uploadEtag } from '../../../src/upload/etag';
import { parseTarget, planUpload } from '../../../src/upload/plan';
import { applySourceRefEdits, sourceRefEdits } from '../../../src/upload/rewrite';

const line = (ref: string, extra = '') => `{"source-ref":${JSON.stringify(ref)}${extra}}`;

describe('upload: the plan', () => {
  it('local images are put under the prefix with their keys; a repeated source-ref is one image on two lines', () => {
    const lines = [line('s3://photos/a/1.png'), '', line('s3://photos/b/2.jpg'), line('s3://photos/a/1.png')];
    const plan = planUpload(lines, 'folder', { bucket: 'target', prefix: 'up/' });
    assert.deepStrictEqual(
      plan.images.map((i) => [i.action, i.sourceRef, `${i.to.bucket}/${i.to.key}`, i.lines]),
      [
        ['put', 's3://photos/a/1.png', 'target/up/a/1.png', [0, 3]],
        ['put', 's3://photos/b/2.jpg', 'target/up/b/2.jpg', [2]],
      ],
    );
    assert.deepStrictEqual([...plan.renamed], [['s3://photos/a/1.png', 's3://target/up/a/1.png'], ['s3://photos/b/2.jpg', 's3://target/up/b/2.jpg']]);
  });

  it('from S3: images of other buckets are copied, those in the chosen bucket kept; one key from two buckets keeps the buckets apart', () => {
    const lines = [line('s3://one/x.png'), line('s3://two/x.png'), line('s3://target/y.png')];
    const plan = planUpload(lines, 's3', { bucket: 'target', prefix: '' });
    assert.strictEqual(plan.bucketInKeys, true);
    assert.deepStrictEqual(
      plan.images.map((i) => [i.action, `${i.to.bucket}/${i.to.key}`]),
      [
        ['copy', 'target/one/x.png'],
        ['copy', 'target/two/x.png'],
        ['keep', 'target/y.png'],
      ],
    );
    assert.ok(!plan.renamed.has('s3://target/y.png'));
  });

  it('a line without an s3:// source-ref is left as it is, with why', () => {
    const plan = planUpload([line('/local/a.png'), '{"label":1}', 'not json'], 'folder', { bucket: 'target', prefix: '' });
    assert.deepStrictEqual(plan.images, []);
    assert.deepStrictEqual(plan.skipped.map((s) => s.line), [0, 1, 2]);
    assert.match(plan.skipped[0]!.reason, /is not s3:\/\/bucket\/key/);
  });

  it('the target as typed: bucket, bucket/prefix, s3://bucket/prefix/; a bad bucket or an empty part is refused', () => {
    assert.deepStrictEqual(parseTarget('s3://my-bucket/a/b'), { bucket: 'my-bucket', prefix: 'a/b/' });
    assert.deepStrictEqual(parseTarget(' my-bucket '), { bucket: 'my-bucket', prefix: '' });
    assert.match((parseTarget('My_Bucket') as { error: string }).error, /not a bucket name/);
    assert.match((parseTarget('bucket/a//b') as { error: string }).error, /empty, "\." or "\.\." part/);
  });

  it('the rewrite changes only the source-ref values, escaped as JSON', () => {
    const lines = [line('s3://photos/a.png', ',"label":1,"note":"s3://photos/a.png"'), line('s3://photos/keep.png')];
    const edits = sourceRefEdits(lines, new Map([['s3://photos/a.png', 's3://target/"q"/a.png']]));
    assert.deepStrictEqual(applySourceRefEdits(lines, edits), ['{"source-ref":"s3://target/\\"q\\"/a.png","label":1,"note":"s3://photos/a.png"}', lines[1]]);
  });
});

describe('upload: the ETag an upload makes', () => {
  const md5 = (b: Buffer) => createHash('md5').update(b).digest();
  it('single part: the MD5 of the bytes; multipart: the MD5 of the parts\' MD5s, "-N"', () => {
    const data = Buffer.from('0123456789');
    assert.strictEqual(uploadEtag(data, 10, 4), `"${md5(data).toString('hex')}"`);
    const parts = [data.subarray(0, 4), data.subarray(4, 8), data.subarray(8)];
    assert.strictEqual(uploadEtag(data, 9, 4), `"${md5(Buffer.concat(parts.map(md5))).toString('hex')}-3"`);
  });
});
