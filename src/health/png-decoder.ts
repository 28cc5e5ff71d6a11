/**
 * PNG to RGBA, and to grayscale, through pngjs (pure JavaScript; every bit depth, palette and
 * interlace, 16-bit samples brought to 8). A PNG has no scaled decode: the whole picture is
 * inflated, then made gray. Pure: no `vscode` import.
 */
import { PNG } from 'pngjs';
import { DecodeError } from './jpeg-decoder';
import { grayOfRgba, type Gray, type Rgba } from './gray';

export function decodePngGray(bytes: Uint8Array): Gray {
  const png = decodePngRgba(bytes);
  return grayOfRgba(png.data, png.width, png.height);
}

/** The PNG's pixels as RGBA, full size. */
export function decodePngRgba(bytes: Uint8Array): Rgba {
  let png: { width: number; height: number; data: Buffer };
  try {
    png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (e) {
    throw new DecodeError(`the PNG cannot be decoded (${e instanceof Error ? e.message : String(e)})`);
  }
  return { width: png.width, height: png.height, data: png.data };
}
