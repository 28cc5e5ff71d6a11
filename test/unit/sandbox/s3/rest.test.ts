/**
 * The sandbox's S3 through the real @aws-sdk/client-s3 (path-style, the sandbox as endpoint):
 * GetObject (whole and ranged), HeadObject, ListObjectsV2 (prefix, delimiter, continuation) and
 * S3's XML errors, plus the hostile-input guarantees of the HTTP layer on these routes.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { Sandbox } from '../../../../src/sandbox';
import { parseRange } from '../../../../src/sandbox/s3/rest';
import { expectError, start } from '../helpers';

function s3For(sandbox: Sandbox): S3Client {
  return new S3Client({ region: 'us-east-1', endpoint: sandbox.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 1 });
}

function raw(port: number, method: string, target: string, headers: Record<string, string> = {}, body?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: target, headers, agent: false }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe("sandbox: S3 REST (GetObject, HeadObject, ListObjectsV2) through @aws-sdk/client-s3", () => {
  let sandbox: Sandbox;
  let s3: S3Client;
  let root: string;
  const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
  const write = (key: string, data: Buffer | string) => {
    const file = path.join(root, 'bucket', ...key.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, data);
  };
  beforeEach(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-s3rest-'));
    write('images/a.png', bytes);
    sandbox = await start({ s3Root: root });
    s3 = s3For(sandbox);
  });
  afterEach(async () => {
    s3.destroy();
    await sandbox.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('GetObject answers the bytes, the length, the type and the ETag HeadObject gives', async () => {
    const got = await s3.send(new GetObjectCommand({ Bucket: 'bucket', Key: 'images/a.png' }));
    assert.deepStrictEqual(Buffer.from(await got.Body!.transformToByteArray()), bytes);
    assert.strictEqual(got.ContentLength, 1000);
    assert.strictEqual(got.ContentType, 'image/png');
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'bucket', Key: 'images/a.png' }));
    assert.strictEqual(head.ContentLength, 1000);
    assert.match(head.ETag ?? '', /^"[0-9a-f]{32}"$/);
    assert.strictEqual(head.ETag, got.ETag);
    assert.ok(head.LastModified instanceof Date);
    assert.strictEqual(head.AcceptRanges, 'bytes');
  });

  it('the ETag changes when the file does', async () => {
    const before = (await s3.send(new HeadObjectCommand({ Bucket: 'bucket', Key: 'images/a.png' }))).ETag;
    write('images/a.png', Buffer.concat([bytes, bytes]));
    const after = await s3.send(new HeadObjectCommand({ Bucket: 'bucket', Key: 'images/a.png' }));
    assert.strictEqual(after.ContentLength, 2000);
    assert.notStrictEqual(after.ETag, before);
  });

  for (const [range, start, end] of [['bytes=0-99', 0, 99], ['bytes=990-', 990, 999], ['bytes=-10', 990, 999], ['bytes=900-5000', 900, 999]] as const) {
    it(`GetObject with Range ${range} answers 206 and bytes ${start}-${end}`, async () => {
      const got = await s3.send(new GetObjectCommand({ Bucket: 'bucket', Key: 'images/a.png', Range: range }));
      assert.strictEqual(got.$metadata.httpStatusCode, 206);
      assert.strictEqual(got.ContentRange, `bytes ${start}-${end}/1000`);
      assert.strictEqual(got.ContentLength, end - start + 1);
      assert.deepStrictEqual(Buffer.from(await got.Body!.transformToByteArray()), bytes.subarray(start, end + 1));
    });
  }

  it('records the S3 requests, with their ranges, in the request log', async () => {
    await s3.send(new HeadObjectCommand({ Bucket: 'bucket', Key: 'images/a.png' }));
    await (await s3.send(new GetObjectCommand({ Bucket: 'bucket', Key: 'images/a.png', Range: 'bytes=0-9' }))).Body!.transformToByteArray();
    assert.deepStrictEqual(
      sandbox.requests.map((r) => [r.operation, r.status, r.range]),
      [['S3.HeadObject', 200, undefined], ['S3.GetObject', 206, 'bytes=0-9']],
    );
  });

  it('a range past the end is InvalidRange (416) with the object size', async () => {
    const err = await expectError(s3.send(new GetObjectCommand({ Bucket: 'bucket', Key: 'images/a.png', Range: 'bytes=1000-1001' })), 'InvalidRange', 416);
    assert.match(err.message, /not satisfiable/);
  });

  it('parses ranges as S3 does: several or malformed ranges answer the whole object', () => {
    assert.strictEqual(parseRange('bytes=0-1,4-5', 10), undefined);
    assert.strictEqual(parseRange('bytes=5-2', 10), undefined);
    assert.strictEqual(parseRange('items=0-1', 10), undefined);
    assert.strictEqual(parseRange('bytes=-0', 10), 'unsatisfiable');
    assert.strictEqual(parseRange('bytes=0-', 0), 'unsatisfiable');
    assert.deepStrictEqual(parseRange('bytes=-50', 10), { start: 0, end: 9 });
  });

  it('a missing key is NoSuchKey (404) on GetObject, NotFound (404) on HeadObject', async () => {
    const err = await expectError(s3.send(new GetObjectCommand({ Bucket: 'bucket', Key: 'images/none.png' })), 'NoSuchKey', 404, /does not exist/);
    assert.strictEqual(err.Key, 'images/none.png');
    await expectError(s3.send(new HeadObjectCommand({ Bucket: 'bucket', Key: 'images/none.png' })), 'NotFound', 404);
  });

  it('a missing bucket is NoSuchBucket (404); a folder or a key leaving the bucket is NoSuchKey', async () => {
    await expectError(s3.send(new GetObjectCommand({ Bucket: 'other-bucket', Key: 'a.png' })), 'NoSuchBucket', 404);
    await expectError(s3.send(new ListObjectsV2Command({ Bucket: 'other-bucket' })), 'NoSuchBucket', 404);
    await expectError(s3.send(new GetObjectCommand({ Bucket: 'bucket', Key: 'images' })), 'NoSuchKey', 404);
    const r = await raw(sandbox.port, 'GET', '/bucket/..%2F..%2Fetc%2Fpasswd');
    assert.strictEqual(r.status, 404);
    assert.match(r.body, /<Code>NoSuchKey<\/Code>/);
  });

  it('an invalid bucket name, a key over 1,024 bytes and a bad URI are 400s with S3 codes', async () => {
    assert.match((await raw(sandbox.port, 'GET', '/Bad_Bucket/a')).body, /<Code>InvalidBucketName<\/Code>/);
    const long = await raw(sandbox.port, 'GET', `/bucket/${'k'.repeat(1025)}`);
    assert.strictEqual(long.status, 400);
    assert.match(long.body, /<Code>KeyTooLongError<\/Code>/);
    assert.match((await raw(sandbox.port, 'GET', '/bucket/%E0%A4%A')).body, /<Code>InvalidURI<\/Code>/);
    assert.match((await raw(sandbox.port, 'GET', '/bucket/a.png?acl')).body, /<Code>NotImplemented<\/Code>/);
  });

  it('without an S3 folder every bucket is NoSuchBucket', async () => {
    const bare = await start();
    const client = s3For(bare);
    try {
      await expectError(client.send(new GetObjectCommand({ Bucket: 'bucket', Key: 'a.png' })), 'NoSuchBucket', 404);
    } finally {
      client.destroy();
      await bare.close();
    }
  });

  describe('ListObjectsV2', () => {
    beforeEach(() => {
      for (let i = 0; i < 25; i++) write(`images/img-${String(i).padStart(3, '0')}.jpg`, 'x'.repeat(i));
      write('images/sub/deep.jpg', 'deep');
      write('other/z.txt', 'z');
    });

    it('lists the keys under a prefix in order, with sizes and ETags', async () => {
      const r = await s3.send(new ListObjectsV2Command({ Bucket: 'bucket', Prefix: 'images/img-00' }));
      assert.deepStrictEqual(r.Contents?.map((o) => o.Key), Array.from({ length: 10 }, (_, i) => `images/img-00${i}.jpg`));
      assert.strictEqual(r.Contents?.[3].Size, 3);
      assert.match(r.Contents?.[3].ETag ?? '', /^"[0-9a-f]{32}"$/);
      assert.strictEqual(r.KeyCount, 10);
      assert.strictEqual(r.IsTruncated, false);
    });

    it('pages with MaxKeys and the continuation token, each key once', async () => {
      const seen: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const r = await s3.send(new ListObjectsV2Command({ Bucket: 'bucket', Prefix: 'images/', MaxKeys: 7, ContinuationToken: token }));
        pages++;
        seen.push(...(r.Contents ?? []).map((o) => o.Key!));
        assert.strictEqual(r.IsTruncated, r.NextContinuationToken !== undefined);
        token = r.NextContinuationToken;
      } while (token);
      assert.strictEqual(pages, 4);
      assert.strictEqual(seen.length, 27);
      assert.strictEqual(new Set(seen).size, 27);
      assert.strictEqual(seen.at(-1), 'images/sub/deep.jpg');
    });

    it('groups keys by the delimiter into common prefixes', async () => {
      const r = await s3.send(new ListObjectsV2Command({ Bucket: 'bucket', Delimiter: '/' }));
      assert.deepStrictEqual(r.CommonPrefixes?.map((p) => p.Prefix), ['images/', 'other/']);
      assert.strictEqual(r.Contents, undefined);
      const sub = await s3.send(new ListObjectsV2Command({ Bucket: 'bucket', Prefix: 'images/', Delimiter: '/', StartAfter: 'images/img-020.jpg' }));
      assert.deepStrictEqual(sub.Contents?.map((o) => o.Key), ['images/img-021.jpg', 'images/img-022.jpg', 'images/img-023.jpg', 'images/img-024.jpg']);
      assert.deepStrictEqual(sub.CommonPrefixes?.map((p) => p.Prefix), ['images/sub/']);
    });

    it('a forged continuation token or a bad max-keys is InvalidArgument (400)', async () => {
      await expectError(s3.send(new ListObjectsV2Command({ Bucket: 'bucket', ContinuationToken: 'forged' })), 'InvalidArgument', 400, /continuation token/);
      assert.match((await raw(sandbox.port, 'GET', '/bucket?list-type=2&max-keys=lots')).body, /<Code>InvalidArgument<\/Code>/);
      assert.match((await raw(sandbox.port, 'GET', '/bucket')).body, /<Code>NotImplemented<\/Code>/);
    });

    it('escapes keys in the XML it answers', async () => {
      write('odd/<a&b>"\'.jpg', 'odd');
      const r = await s3.send(new ListObjectsV2Command({ Bucket: 'bucket', Prefix: 'odd/' }));
      assert.deepStrictEqual(r.Contents?.map((o) => o.Key), ['odd/<a&b>"\'.jpg']);
    });
  });

  describe('hostile input on the S3 routes', () => {
    it('refuses a foreign Host with AccessDenied (403) in XML', async () => {
      const r = await raw(sandbox.port, 'GET', '/bucket/images/a.png', { host: 'evil.example' });
      assert.strictEqual(r.status, 403);
      assert.match(r.body, /<Code>AccessDenied<\/Code>/);
      assert.doesNotMatch(r.body, /\x00/);
    });

    it('refuses a GET with a body, and keeps serving', async () => {
      const r = await raw(sandbox.port, 'GET', '/bucket/images/a.png', { 'content-length': '5' }, 'hello');
      assert.strictEqual(r.status, 400);
      assert.match(r.body, /<Code>InvalidRequest<\/Code>/);
      const ok = await s3.send(new HeadObjectCommand({ Bucket: 'bucket', Key: 'images/a.png' }));
      assert.strictEqual(ok.ContentLength, 1000);
    });

    it('a call the sandbox does not implement (DeleteObject, CreateBucket) is NotImplemented (501) and changes nothing', async () => {
      const del = await raw(sandbox.port, 'DELETE', '/bucket/images/a.png');
      assert.strictEqual(del.status, 501);
      assert.match(del.body, /<Code>NotImplemented<\/Code>/);
      assert.strictEqual((await raw(sandbox.port, 'PUT', '/newbucket')).status, 501);
      assert.ok(fs.existsSync(path.join(root, 'bucket', 'images', 'a.png')));
      assert.ok(!fs.existsSync(path.join(root, 'newbucket')));
    });
  });
});
