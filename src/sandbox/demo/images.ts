/**
 * Real images for the demo dataset, written into the S3 folder at seed time when missing:
 * JPEG files (jpeg-js) of the size the demo manifest declares, with a shape drawn where each
 * box is (a detector would find it), and a shape per label for the classification images.
 * Written one image per turn of the event loop, so seeding inside the editor does not stall it.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as jpeg from 'jpeg-js';
import { s3Location } from '../../manifest';
import { demoManifestLines } from './manifest';
import { encodePng } from './png';
import { workspaceImages, type DemoImage } from './workspace-images';

export type { DemoImage } from './workspace-images';

type Rgb = readonly [number, number, number];

const COLOURS: ReadonlyMap<string, Rgb> = new Map<string, Rgb>([
  ['car', [220, 40, 40]],
  ['bicycle', [40, 90, 220]],
  ['cat', [240, 160, 30]],
  ['dog', [120, 70, 30]],
  ['bird', [40, 170, 90]],
  ['Echo', [30, 30, 40]],
  ['Echo Dot', [60, 160, 220]],
]);
/** The bucket of the demo project's images. */
export const DEMO_BUCKET = 'demo-bucket';
/** Classification lines declare no size: a square picture. */
const CLASSIFICATION_SIZE = 256;

/** What each demo image shows, read from the demo manifest itself (so the two never disagree). */
export function demoImages(): DemoImage[] {
  return demoManifestLines().map((line) => {
    const entry = JSON.parse(line) as Record<string, unknown>;
    const key = s3Location(String(entry['source-ref']))?.key ?? '';
    const boxes = entry.vehicles as { image_size: Array<{ width: number; height: number }>; annotations: Array<{ class_id: number; left: number; top: number; width: number; height: number }> } | undefined;
    if (boxes) {
      const names = Object.values(((entry['vehicles-metadata'] as Record<string, unknown>)['class-map'] ?? {}) as Record<string, string>);
      const { width, height } = boxes.image_size[0]!;
      return { key, width, height, shapes: boxes.annotations.map((a) => ({ label: names[a.class_id] ?? names[0] ?? 'car', left: a.left, top: a.top, width: a.width, height: a.height, round: false })) };
    }
    const label = String((entry['animal-metadata'] as Record<string, unknown>)['class-name']);
    const s = CLASSIFICATION_SIZE;
    return { key, width: s, height: s, shapes: [{ label, left: s / 4, top: s / 4, width: s / 2, height: s / 2, round: true }] };
  });
}

/** The bytes of one demo image (PNG for a .png key, else JPEG): a grey gradient background, each shape filled in its label's colour. */
export function renderDemoImage(image: DemoImage): Buffer {
  const { width, height } = image;
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    const g = 90 + Math.round((70 * y) / height);
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      data[i] = g;
      data[i + 1] = g;
      data[i + 2] = g + 10;
      data[i + 3] = 255;
    }
  }
  for (const s of image.shapes) {
    const [r, g, b] = COLOURS.get(s.label) ?? [200, 200, 200];
    const x0 = Math.max(0, Math.floor(s.left));
    const y0 = Math.max(0, Math.floor(s.top));
    const x1 = Math.min(width, Math.ceil(s.left + s.width));
    const y1 = Math.min(height, Math.ceil(s.top + s.height));
    const cx = s.left + s.width / 2;
    const cy = s.top + s.height / 2;
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        if (s.round && ((x - cx) / (s.width / 2)) ** 2 + ((y - cy) / (s.height / 2)) ** 2 > 1) continue;
        const i = (y * width + x) * 4;
        data[i] = r;
        data[i + 1] = g;
        data[i + 2] = b;
      }
    }
  }
  if (/\.png$/i.test(image.key)) return encodePng(data, width, height);
  return jpeg.encode({ data, width, height }, 85).data;
}

/**
 * Writes the demo images missing from the S3 folder: the demo project's under <s3Root>/<bucket>
 * (demo-bucket), and those the demo workspace's manifests name (workspace-images.ts) in their own
 * buckets. Returns how many were written.
 */
export async function writeDemoImages(s3Root: string, bucket = DEMO_BUCKET): Promise<number> {
  let written = 0;
  for (const image of [...demoImages(), ...workspaceImages()]) {
    const file = path.join(s3Root, image.bucket ?? bucket, ...image.key.split('/'));
    if (fs.existsSync(file)) continue;
    await new Promise<void>((r) => setImmediate(r));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, renderDemoImage(image));
    written++;
  }
  return written;
}
