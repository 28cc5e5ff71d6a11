/** Real PNG and JPEG files for the converters' size lookups, written with pngjs and jpeg-js. */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

export const CONVERT_FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'convert');

export function writePng(file: string, width: number, height: number): void {
  const png = new PNG({ width, height });
  png.data.fill(128);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, PNG.sync.write(png));
}

export function writeJpeg(file: string, width: number, height: number): void {
  const data = Buffer.alloc(width * height * 4, 200);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, jpeg.encode({ data, width, height }, 80).data);
}

/**
 * A temporary copy of test/fixtures/convert with the images the YOLO and VOC fixtures describe:
 * yolo/images/img1.png 640x480, yolo/images/img2.jpg 320x240 (no image for missing.txt);
 * voc/cat2.png 300x200 (its XML says 0x0); dog1 and empty3 have sizes in their XML.
 */
export function fixtureCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cl-convert-'));
  cpSync(CONVERT_FIXTURES, dir, { recursive: true });
  writePng(path.join(dir, 'yolo', 'images', 'img1.png'), 640, 480);
  writeJpeg(path.join(dir, 'yolo', 'images', 'img2.jpg'), 320, 240);
  writePng(path.join(dir, 'voc', 'cat2.png'), 300, 200);
  return dir;
}
