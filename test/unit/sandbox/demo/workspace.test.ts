/**
 * Issue #21 item 1: the demo workspace `npm start` opens (test/fixtures/workspace) and the images
 * the sandbox seeds into its S3 folder agree. Every s3:// source-ref of every manifest there is an
 * object the seeded S3 serves, a PNG or JPEG (as its key's extension says) of the declared
 * image_size when the line declares one: Open Preview, Show Gallery and Check Images show images,
 * not "image not available". Read from the fixtures, probed through the sandbox's S3 like the editor does.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createS3Source, probeImage } from '../../../../src/images';
import { startSandbox } from '../../../../src/sandbox';

const WORKSPACE = path.join(__dirname, '..', '..', '..', 'fixtures', 'workspace');

interface Ref {
  file: string;
  line: number;
  bucket: string;
  key: string;
  size?: { width: number; height: number };
}

/** Every line of every manifest of the demo workspace: its source-ref, and the image_size of any label attribute. */
function workspaceRefs(): { refs: Ref[]; other: string[] } {
  const refs: Ref[] = [];
  const other: string[] = [];
  const files = fs.readdirSync(WORKSPACE, { recursive: true }).map(String).filter((f) => f.endsWith('.manifest')).sort();
  assert.ok(files.length > 0, `no manifest under ${WORKSPACE}`);
  for (const file of files) {
    fs.readFileSync(path.join(WORKSPACE, file), 'utf8').split('\n').forEach((text, i) => {
      if (text.trim() === '') return;
      const obj = JSON.parse(text) as Record<string, unknown>;
      const ref = String(obj['source-ref']);
      const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(ref);
      if (!m) {
        other.push(`${file}:${i + 1} ${ref}`);
        return;
      }
      let size: Ref['size'];
      for (const value of Object.values(obj)) {
        const declared = (value as { image_size?: Array<{ width: number; height: number }> } | null)?.image_size?.[0];
        if (declared) size = { width: declared.width, height: declared.height };
      }
      refs.push({ file, line: i + 1, bucket: m[1]!, key: m[2]!, size });
    });
  }
  return { refs, other };
}

describe('sandbox: the demo workspace and the seeded S3 agree', () => {
  it("every s3:// source-ref of the demo workspace's manifests is an image the seeded sandbox serves, of the declared size", async function () {
    this.timeout(90_000);
    const { refs, other } = workspaceRefs();
    // The one source-ref that is not s3:// is problems.manifest's deliberate ERROR_INVALID_SOURCE_REF_FORMAT (its README).
    assert.deepStrictEqual(other.map((o) => o.split(' ')[0]), ['datasets/problems.manifest:3']);
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-workspace-'));
    const sandbox = await startSandbox({ s3Root: root });
    const s3 = createS3Source({ connection: { region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 1 }, s3Endpoint: sandbox.endpoint });
    try {
      await sandbox.seedDemo();
      const wrong: string[] = [];
      for (const r of refs) {
        const where = `${r.file}:${r.line} s3://${r.bucket}/${r.key}`;
        const p = await probeImage(s3, r.bucket, r.key);
        if (p.kind !== 'image') {
          wrong.push(`${where}: not served (${JSON.stringify(p).slice(0, 200)})`);
          continue;
        }
        const format = /\.png$/i.test(r.key) ? 'png' : 'jpg';
        if (p.format !== format || p.truncated) wrong.push(`${where}: a ${p.format}${p.truncated ? ' (truncated)' : ''} image, not ${format}`);
        if (r.size && (p.width !== r.size.width || p.height !== r.size.height)) wrong.push(`${where}: ${p.width}x${p.height}, the line declares ${r.size.width}x${r.size.height}`);
      }
      assert.deepStrictEqual(wrong, [], 'demo workspace images the seeded S3 does not serve as declared');
    } finally {
      s3.dispose();
      await sandbox.close();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
