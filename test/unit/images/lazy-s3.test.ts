/**
 * Reading images loads @aws-sdk/client-s3 on the first S3 read only: importing src/images and
 * building a source loads nothing. A fresh Node process, so other tests' modules do not count.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../../..');

const SCRIPT = `
const loaded = () => Object.keys(require.cache).filter((k) => /[\\\\/]@aws-sdk[\\\\/]client-s3[\\\\/]/.test(k)).length;
const images = require(${JSON.stringify(path.join(ROOT, 'src/images/index.ts'))});
const src = images.createS3Source({ connection: { region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 }, s3Endpoint: 'http://127.0.0.1:1' });
const before = loaded();
images.probeImage(src, 'bucket', 'a.png').then((p) => {
  console.log(JSON.stringify({ before, after: loaded(), kind: p.kind }));
  src.dispose();
});
`;

describe('images: the S3 SDK loads lazily', () => {
  it('importing src/images and building an S3 source loads no client-s3; the first read does', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', SCRIPT], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'] });
    const result = JSON.parse(out.trim().split('\n').pop()!) as { before: number; after: number; kind: string };
    assert.strictEqual(result.before, 0, 'no client-s3 module before the first read');
    assert.ok(result.after > 0, 'the first read loads it');
    assert.strictEqual(result.kind, 'unreadable', 'the read reached for the (closed) endpoint');
  });
});
