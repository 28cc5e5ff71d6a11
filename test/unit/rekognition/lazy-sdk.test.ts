/**
 * Code that does not call AWS must not load the SDK (~500 KB, ~70 ms): importing the service
 * layer and building a service loads nothing; the first call does. Run in a fresh Node process
 * so modules loaded by other tests do not count.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ACTIVATE_IN_CHILD } from '../helpers/activate-stub';

const ROOT = path.resolve(__dirname, '../../..');

const SCRIPT = `
const loaded = () => Object.keys(require.cache).filter((k) => /[\\\\/]@aws-sdk[\\\\/](client-rekognition|credential-provider)/.test(k)).length;
const rk = require(${JSON.stringify(path.join(ROOT, 'src/rekognition/index.ts'))});
const svc = rk.createCustomLabelsService({ region: 'us-east-1', endpoint: 'http://127.0.0.1:1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
svc.listEntries('arn:aws:rekognition:us-east-1:123456789012:project/p/dataset/train/1');
rk.parseDatasetArn('arn:aws:rekognition:us-east-1:123456789012:project/p/dataset/train/1');
rk.packBatches([{ index: 0, bytes: 3 }]);
const before = loaded();
svc.listProjects().then(
  () => { console.log(JSON.stringify({ before, after: loaded(), error: null })); },
  (e) => { console.log(JSON.stringify({ before, after: loaded(), error: e.code })); },
);
`;

describe('rekognition: the SDK loads lazily', () => {
  it('importing src/rekognition and building a service loads no @aws-sdk client; the first call does', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', SCRIPT], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'] });
    const result = JSON.parse(out.trim().split('\n').pop()!) as { before: number; after: number; error: string | null };
    assert.strictEqual(result.before, 0, 'no SDK module before the first AWS call');
    assert.ok(result.after > 0, 'the check sees the SDK once a call loads it (so it can fail)');
    assert.strictEqual(result.error, 'ECONNREFUSED', 'the call reached for the (closed) endpoint');
  });

  it('the shipped bundle: require + activate loads no AWS layer; it is its own bundle next to the extension', function () {
    const bundle = path.join(ROOT, 'dist', 'extension.js');
    const layer = path.join(ROOT, 'dist', 'aws-sdk.js');
    assert.ok(fs.existsSync(bundle) && fs.existsSync(layer), 'dist/extension.js and dist/aws-sdk.js exist (npm run build)');
    const out = execFileSync(process.execPath, ['-e', ACTIVATE_IN_CHILD, bundle], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    const result = JSON.parse(out.trim().split('\n').pop()!) as { sdk: number };
    assert.strictEqual(result.sdk, 0, 'no SDK module and no AWS layer loaded by activation');
    const text = fs.readFileSync(bundle, 'utf8');
    assert.ok(text.includes('require("./aws-sdk.js")'), 'the extension requires the AWS layer by its bundle');
    assert.ok(!text.includes('RekognitionServiceException'), 'the SDK itself is not in the extension bundle');
    assert.ok(fs.readFileSync(layer, 'utf8').includes('RekognitionServiceException'), 'it is in the AWS layer');
  });
});
