import * as assert from 'node:assert/strict';
import { parseS3Uri } from '../../../src/rekognition/s3-location';

describe('s3 locations', () => {
  it('parses s3 locations and says what is wrong', () => {
    assert.deepEqual(parseS3Uri(' s3://my-bucket/a/b.manifest '), { bucket: 'my-bucket', key: 'a/b.manifest' });
    assert.ok('error' in parseS3Uri('https://my-bucket.s3.amazonaws.com/a.manifest'));
    assert.match((parseS3Uri('s3://ab/x') as { error: string }).error, /not a valid bucket/);
    assert.match((parseS3Uri('s3://bucket/folder/') as { error: string }).error, /folder/);
  });
});
