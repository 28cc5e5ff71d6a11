/** Test images: real PNG and JPEG files made with pngjs and jpeg-js. */
import * as fs from 'fs';
import * as path from 'path';
import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

/** A PNG of one grey, or of the colours `pixel` gives (x, y -> [r, g, b]): noise makes a file that does not compress. */
export function pngBytes(width: number, height: number, pixel?: (x: number, y: number) => [number, number, number]): Buffer {
  const png = new PNG({ width, height });
  png.data.fill(0x80);
  if (pixel) {
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const [r, g, b] = pixel(x, y);
        const i = (y * width + x) * 4;
        png.data[i] = r;
        png.data[i + 1] = g;
        png.data[i + 2] = b;
      }
    }
  }
  return PNG.sync.write(png);
}

export function jpegBytes(width: number, height: number): Buffer {
  const data = Buffer.alloc(width * height * 4, 0x80);
  return jpeg.encode({ data, width, height }, 80).data;
}

export function writeImage(root: string, bucket: string, key: string, bytes: Buffer | string): void {
  const file = path.join(root, bucket, ...key.split('/'));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
}
