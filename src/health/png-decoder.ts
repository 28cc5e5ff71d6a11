/**
 * PNG to grayscale through pngjs (pure JavaScript; every bit depth, palette and interlace, 16-bit
 * samples brought to 8). A PNG has no scaled decode: the whole picture is inflated, then made gray.
 * Pure: no `vscode` import.
 */
import { PNG } from 'pngjs';
import { DecodeError } from './jpeg-decoder';
import { grayOfRgba, type Gray } from './gray';

export function decodePngGray(bytes: Uint8Array): Gray {
  let png: { width: number; height: number; data: Buffer };
  try {
    png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (e) {
    throw new DecodeError(`the PNG cannot be decoded (${e instanceof Error ? e.message : String(e)})`);
  }
  return grayOfRgba(png.data, png.width, png.height);
}
