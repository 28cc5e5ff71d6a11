/** Label Images of an S3 prefix: ListObjectsV2 page by page through the real SDK against the sandbox's S3. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createS3Client, type S3Handle } from '../../../src/images';
import { listS3Images } from '../../../src/labelling/s3-images';
import { startSandbox, type Sandbox } from '../../../src/sandbox';

describe('labelling: the images under an S3 prefix', function () {
  this.timeout(60_000);
  let root: string;
  let sandbox: Sandbox;
  let s3: S3Handle;
  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'label-s3-'));
    const dir = path.join(root, 'bucket', 'photos');
    fs.mkdirSync(path.join(dir, 'sub'), { recursive: true });
    for (let i = 0; i < 1003; i++) fs.writeFileSync(path.join(dir, `img-${String(i).padStart(4, '0')}.${i % 3 === 0 ? 'JPG' : 'png'}`), 'x');
    fs.writeFileSync(path.join(dir, 'sub', 'deep.jpeg'), 'x');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'x');
    fs.writeFileSync(path.join(root, 'bucket', 'outside.png'), 'x');
    sandbox = await startSandbox({ s3Root: root });
    s3 = await createS3Client({ connection: { region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, endpoint: sandbox.endpoint, maxAttempts: 1 }, s3Endpoint: sandbox.endpoint });
  });
  after(async () => {
    s3?.client.destroy();
    await sandbox?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('lists every .jpg, .jpeg and .png under the prefix over several pages, in S3 order, and nothing else', async () => {
    const refs = await listS3Images(s3, 'bucket', 'photos/');
    const expected = fs
      .readdirSync(path.join(root, 'bucket', 'photos'), { recursive: true })
      .map((f) => String(f).split(path.sep).join('/'))
      .filter((f) => /\.(jpe?g|png)$/i.test(f))
      .map((f) => `s3://bucket/photos/${f}`)
      .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    assert.strictEqual(expected.length, 1004);
    assert.deepStrictEqual(refs, expected);
    assert.strictEqual(sandbox.requests.filter((r) => r.operation === 'S3.ListObjectsV2').length, 2, 'two pages of at most 1,000 keys');
  });
});
