/** The demo project's images: seeding writes real JPEGs of the declared size into the S3 folder, served by the sandbox's S3. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as jpeg from 'jpeg-js';
import { createS3Source, probeImage } from '../../../../src/images';
import { startSandbox } from '../../../../src/sandbox';
import { demoImages } from '../../../../src/sandbox/demo/images';
import { demoManifestLines } from '../../../../src/sandbox/demo/manifest';

describe('sandbox: demo images', () => {
  it('seeding writes one JPEG per demo line, of the declared size, with the boxes drawn, served over S3', async function () {
    // Encoding 30 images (and decoding a few here) on a shared, loaded machine.
    this.timeout(90_000);
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-images-'));
    const sandbox = await startSandbox({ s3Root: root, transitionDelayMs: 10 });
    const s3 = createS3Source({ connection: { region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 1 }, s3Endpoint: sandbox.endpoint });
    try {
      await sandbox.seedDemo();
      const lines = demoManifestLines().map((l) => JSON.parse(l) as { 'source-ref': string; vehicles?: { image_size: Array<{ width: number; height: number }>; annotations: Array<{ left: number; top: number; width: number; height: number }> } });
      assert.strictEqual(demoImages().length, lines.length);
      for (const line of lines) {
        const key = line['source-ref'].replace('s3://demo-bucket/', '');
        const p = await probeImage(s3, 'demo-bucket', key);
        assert.ok(p.kind === 'image' && p.format === 'jpg' && !p.truncated, `${key}: ${JSON.stringify(p)}`);
        if (line.vehicles) assert.deepStrictEqual([p.width, p.height], [line.vehicles.image_size[0]!.width, line.vehicles.image_size[0]!.height]);
        if (line.vehicles && /street-00[1-3]/.test(key)) {
          // The centre of each box is the shape's colour, not the grey background.
          const raw = jpeg.decode(fs.readFileSync(path.join(root, 'demo-bucket', key)));
          const a = line.vehicles.annotations[0]!;
          const x = Math.min(raw.width - 1, Math.round(a.left + a.width / 2));
          const y = Math.min(raw.height - 1, Math.round(a.top + a.height / 2));
          const i = (y * raw.width + x) * 4;
          const [r, g, b] = [raw.data[i]!, raw.data[i + 1]!, raw.data[i + 2]!];
          assert.ok(Math.max(r, g, b) - Math.min(r, g, b) > 60, `${key}: the box centre is coloured (${r},${g},${b})`);
        }
      }
      // A second seed keeps what is there.
      const before = fs.statSync(path.join(root, 'demo-bucket', 'images', 'street-001.jpg')).mtimeMs;
      await sandbox.seedDemo();
      assert.strictEqual(fs.statSync(path.join(root, 'demo-bucket', 'images', 'street-001.jpg')).mtimeMs, before);
    } finally {
      s3.dispose();
      await sandbox.close();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
