/**
 * The sandbox's S3 writes through the real @aws-sdk/client-s3: PutObject, CopyObject and the
 * multipart upload land in the folder with S3's ETags (the MD5 of the bytes; of the parts' MD5s,
 * "-N"), S3's errors come as S3's XML, and no key writes outside the folder.
 */
import * as assert from 'assert';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import type { Sandbox } from '../../../../src/sandbox';
import { start } from '../helpers';

const md5 = (b: Buffer) => createHash('md5').update(b).digest();

describe("sandbox: S3 writes (PutObject, CopyObject, multipart) through @aws-sdk/client-s3", () => {
  let sandbox: Sandbox;
  let s3: S3Client;
  let root: string;
  beforeEach(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-s3write-'));
    fs.mkdirSync(path.join(root, 'bucket'));
    fs.mkdirSync(path.join(root, 'other'));
    sandbox = await start({ s3Root: root });
    s3 = new S3Client({ region: 'us-east-1', endpoint: sandbox.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 1 });
  });
  afterEach(async () => {
    s3.destroy();
    await sandbox.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('PutObject writes the file; its ETag is the MD5 of the bytes, the same in HeadObject and ListObjectsV2', async () => {
    const data = Buffer.from('hello, images');
    const put = await s3.send(new PutObjectCommand({ Bucket: 'bucket', Key: 'a/b/c.png', Body: data }));
    const expected = `"${md5(data).toString('hex')}"`;
    assert.strictEqual(put.ETag, expected);
    assert.deepStrictEqual(fs.readFileSync(path.join(root, 'bucket', 'a', 'b', 'c.png')), data);
    assert.strictEqual((await s3.send(new HeadObjectCommand({ Bucket: 'bucket', Key: 'a/b/c.png' }))).ETag, expected);
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'bucket' }));
    assert.deepStrictEqual(listed.Contents?.map((c) => [c.Key, c.ETag, c.Size]), [['a/b/c.png', expected, data.length]]);
    assert.deepStrictEqual(sandbox.requests.map((r) => r.operation), ['S3.PutObject', 'S3.HeadObject', 'S3.ListObjectsV2']);
  });

  it('PutObject into a bucket that does not exist: NoSuchBucket; a key leaving the folder: AccessDenied, nothing written', async () => {
    await assert.rejects(s3.send(new PutObjectCommand({ Bucket: 'nobucket', Key: 'x.png', Body: 'x' })), (e: Error) => e.name === 'NoSuchBucket');
    await assert.rejects(s3.send(new PutObjectCommand({ Bucket: 'bucket', Key: '../other/x.png', Body: 'x' })), (e: Error & { $metadata?: { httpStatusCode?: number } }) => {
      assert.strictEqual(e.name, 'AccessDenied');
      assert.strictEqual(e.$metadata?.httpStatusCode, 403);
      return true;
    });
    assert.deepStrictEqual(fs.readdirSync(path.join(root, 'other')), []);
  });

  it('PutObject through a symbolic link out of the folder is refused, nothing written outside', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-outside-'));
    try {
      fs.symlinkSync(outside, path.join(root, 'bucket', 'link'));
      await assert.rejects(s3.send(new PutObjectCommand({ Bucket: 'bucket', Key: 'link/deeper/x.png', Body: 'x' })), (e: Error) => e.name === 'AccessDenied');
      assert.deepStrictEqual(fs.readdirSync(outside), []);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('a wrong Content-MD5 is BadDigest and writes nothing', async () => {
    await assert.rejects(
      s3.send(new PutObjectCommand({ Bucket: 'bucket', Key: 'x.png', Body: 'abc', ContentMD5: md5(Buffer.from('abd')).toString('base64') })),
      (e: Error) => e.name === 'BadDigest',
    );
    assert.ok(!fs.existsSync(path.join(root, 'bucket', 'x.png')));
  });

  it("CopyObject copies across buckets keeping a single-part source's ETag (S3: the MD5 of the bytes); a missing source is NoSuchKey", async () => {
    const data = Buffer.from('copied bytes');
    await s3.send(new PutObjectCommand({ Bucket: 'other', Key: 'src.jpg', Body: data }));
    const r = await s3.send(new CopyObjectCommand({ Bucket: 'bucket', Key: 'to/dst.jpg', CopySource: 'other/src.jpg' }));
    assert.strictEqual(r.CopyObjectResult?.ETag, `"${md5(data).toString('hex')}"`);
    assert.deepStrictEqual(fs.readFileSync(path.join(root, 'bucket', 'to', 'dst.jpg')), data);
    // A file the sandbox did not write: its ETag stands for the MD5, and the copy has the same.
    fs.writeFileSync(path.join(root, 'other', 'placed.jpg'), data);
    const source = await s3.send(new HeadObjectCommand({ Bucket: 'other', Key: 'placed.jpg' }));
    const copied = await s3.send(new CopyObjectCommand({ Bucket: 'bucket', Key: 'placed.jpg', CopySource: 'other/placed.jpg' }));
    assert.strictEqual(copied.CopyObjectResult?.ETag, source.ETag);
    await assert.rejects(s3.send(new CopyObjectCommand({ Bucket: 'bucket', Key: 'y.jpg', CopySource: 'other/none.jpg' })), (e: Error) => e.name === 'NoSuchKey');
  });

  it('a multipart upload: parts of 5 MiB and a last smaller one make the object, ETag MD5(part MD5s)-N', async () => {
    const a = Buffer.alloc(5 * 1024 * 1024, 1);
    const b = Buffer.from('tail');
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'bucket', Key: 'big.png' }));
    const p1 = await s3.send(new UploadPartCommand({ Bucket: 'bucket', Key: 'big.png', UploadId, PartNumber: 1, Body: a }));
    const p2 = await s3.send(new UploadPartCommand({ Bucket: 'bucket', Key: 'big.png', UploadId, PartNumber: 2, Body: b }));
    assert.ok(!fs.existsSync(path.join(root, 'bucket', 'big.png')), 'nothing is there before completion');
    const done = await s3.send(
      new CompleteMultipartUploadCommand({ Bucket: 'bucket', Key: 'big.png', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: p1.ETag }, { PartNumber: 2, ETag: p2.ETag }] } }),
    );
    const expected = `"${md5(Buffer.concat([md5(a), md5(b)])).toString('hex')}-2"`;
    assert.strictEqual(done.ETag, expected);
    assert.deepStrictEqual(fs.readFileSync(path.join(root, 'bucket', 'big.png')), Buffer.concat([a, b]));
    assert.strictEqual((await s3.send(new HeadObjectCommand({ Bucket: 'bucket', Key: 'big.png' }))).ETag, expected);
  });

  it('multipart errors: a small part not last is EntityTooSmall, a wrong ETag InvalidPart, an aborted upload NoSuchUpload', async () => {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'bucket', Key: 'm.png' }));
    const p1 = await s3.send(new UploadPartCommand({ Bucket: 'bucket', Key: 'm.png', UploadId, PartNumber: 1, Body: 'small' }));
    const p2 = await s3.send(new UploadPartCommand({ Bucket: 'bucket', Key: 'm.png', UploadId, PartNumber: 2, Body: 'small' }));
    const complete = (parts: Array<{ PartNumber: number; ETag?: string }>) => s3.send(new CompleteMultipartUploadCommand({ Bucket: 'bucket', Key: 'm.png', UploadId, MultipartUpload: { Parts: parts } }));
    await assert.rejects(complete([{ PartNumber: 1, ETag: p1.ETag }, { PartNumber: 2, ETag: p2.ETag }]), (e: Error) => e.name === 'EntityTooSmall');
    await assert.rejects(complete([{ PartNumber: 1, ETag: '"00000000000000000000000000000000"' }]), (e: Error) => e.name === 'InvalidPart');
    await assert.rejects(complete([{ PartNumber: 2, ETag: p2.ETag }, { PartNumber: 1, ETag: p1.ETag }]), (e: Error) => e.name === 'InvalidPartOrder');
    await s3.send(new AbortMultipartUploadCommand({ Bucket: 'bucket', Key: 'm.png', UploadId }));
    await assert.rejects(complete([{ PartNumber: 1, ETag: p1.ETag }]), (e: Error) => e.name === 'NoSuchUpload');
    assert.ok(!fs.existsSync(path.join(root, 'bucket', 'm.png')));
  });
});
