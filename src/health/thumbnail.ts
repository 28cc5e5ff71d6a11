/**
 * The colour thumbnail a gallery card shows: an RGBA picture brought to at most THUMB_SIDE px on
 * its long side (gray.ts' area means) and encoded as a baseline JPEG (jpeg-encoder.ts: libjpeg-turbo's
 * WebAssembly build here decodes only; jpeg-js's encoder builds its tables on every call).
 * Pure: no `vscode` import.
 */
import { fitRgbaWithin, type Rgba } from './gray';
import { encodeJpeg } from './jpeg-encoder';

/** The thumbnail's longest side, px. */
export const THUMB_SIDE = 256;
/** JPEG quality of a thumbnail: ~10-20 KB for a 256 px photo. */
export const THUMB_QUALITY = 80;

export interface Thumbnail {
  /** A JPEG file's bytes. */
  jpeg: Uint8Array;
  width: number;
  height: number;
}

export function thumbnailOf(picture: Rgba): Thumbnail {
  const small = fitRgbaWithin(picture, THUMB_SIDE);
  return { jpeg: encodeJpeg(small, THUMB_QUALITY), width: small.width, height: small.height };
}
