/**
 * The sandbox's S3 never leaves its `--s3` folder through a symbolic link (issue #21 item 8):
 * GetObject and HeadObject refuse a key whose file, or a folder on its way, links out of the
 * folder; ListObjectsV2 lists nothing reached that way. Through the real @aws-sdk/client-s3.
 * Links that stay inside the folder are followed as before.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { Sandbox } from '../../../src/sandbox';
import { expectError, start } from './helpers';

describe('sandbox: S3 and symbolic links out of its folder', () => {
  let base: string;
  let root: string;
  let sandbox: Sandbox;
  let s3: S3Client;
  const secret = Buffer.from('the secret outside the S3 folder');
  const inside = Buffer.from('an image inside the folder');
  beforeEach(async function () {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-s3links-'));
    root = path.join(base, 's3');
    fs.mkdirSync(path.join(root, 'bucket', 'images'), { recursive: true });
    fs.mkdirSync(path.join(base, 'outside'));
    fs.writeFileSync(path.join(base, 'outside', 'secret.png'), secret);
    fs.writeFileSync(path.join(root, 'bucket', 'images', 'a.png'), inside);
    try {
      fs.symlinkSync(path.join(base, 'outside', 'secret.png'), path.join(root, 'bucket', 'images', 'link.png'));
      fs.symlinkSync(path.join(base, 'outside'), path.join(root, 'bucket', 'out'));
      fs.symlinkSync(path.join(root, 'bucket', 'images', 'a.png'), path.join(root, 'bucket', 'images', 'alias.png'));
      fs.symlinkSync(path.join(base, 'outside'), path.join(root, 'linked-bucket'));
    } catch {
      this.skip(); // no symbolic links here (Windows without the privilege)
    }
    sandbox = await start({ s3Root: root });
    s3 = new S3Client({ region: 'us-east-1', endpoint: sandbox.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 1 });
  });
  afterEach(async () => {
    s3?.destroy();
    await sandbox?.close();
    fs.rmSync(base, { recursive: true, force: true });
  });

  const headStatus = (bucket: string, key: string): Promise<number | undefined> =>
    s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).then(
      () => 200,
      (e: { $metadata?: { httpStatusCode?: number } }) => e.$metadata?.httpStatusCode,
    );

  for (const key of ['images/link.png', 'out/secret.png']) {
    it(`GetObject and HeadObject refuse bucket/${key}, which a link leads out of the folder (AccessDenied, 403)`, async () => {
      await expectError(s3.send(new GetObjectCommand({ Bucket: 'bucket', Key: key })), 'AccessDenied', 403, /outside the sandbox's S3 folder/);
      assert.strictEqual(await headStatus('bucket', key), 403);
    });
  }

  it('a bucket folder that is a link out of the folder is no bucket (NoSuchBucket, 404)', async () => {
    await expectError(s3.send(new GetObjectCommand({ Bucket: 'linked-bucket', Key: 'secret.png' })), 'NoSuchBucket', 404);
    assert.strictEqual(await headStatus('linked-bucket', 'secret.png'), 404);
  });

  it('ListObjectsV2 lists nothing reached through a link out, whatever the prefix', async () => {
    const all = await s3.send(new ListObjectsV2Command({ Bucket: 'bucket' }));
    assert.deepStrictEqual(all.Contents?.map((o) => o.Key), ['images/a.png']);
    const through = await s3.send(new ListObjectsV2Command({ Bucket: 'bucket', Prefix: 'out/' }));
    assert.deepStrictEqual(through.Contents ?? [], []);
    await expectError(s3.send(new ListObjectsV2Command({ Bucket: 'linked-bucket' })), 'NoSuchBucket', 404);
  });

  it('a link that stays inside the folder is served', async () => {
    const got = await s3.send(new GetObjectCommand({ Bucket: 'bucket', Key: 'images/alias.png' }));
    assert.deepStrictEqual(Buffer.from(await got.Body!.transformToByteArray()), inside);
  });
});
