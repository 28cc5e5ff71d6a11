/**
 * One image's fingerprint from its bytes, decoded once: the SHA-256 of the bytes (the same
 * content whatever its name or upload), the size as stored, a gray thumbnail of at most
 * THUMB_SIDE px (JPEG: decoded straight at a DCT scale near it) and its dHash; on request, from the
 * same decode (in colour then), the colour thumbnail a gallery card shows (thumbnail.ts).
 * Only PNG and JPEG: the formats the service takes (limits.md: "Supported file formats are PNG and
 * JPEG image formats"). The frame is the stored one: an EXIF orientation is not applied, as
 * elsewhere (images/probe.ts). Pure: no `vscode` import.
 */
import { createHash } from 'crypto';
import { dHash, hashHex } from './dhash';
import { fitWithin, grayOfRgba, type Gray, type Rgba } from './gray';
import { DecodeError, decodeJpegGray, decodeJpegRgba } from './jpeg-decoder';
import { decodePngRgba } from './png-decoder';
import { THUMB_SIDE, thumbnailOf, type Thumbnail } from './thumbnail';

export { THUMB_SIDE };

export interface Fingerprint {
  /** SHA-256 of the bytes, hex. */
  sha256: string;
  bytes: number;
  format: 'jpeg' | 'png';
  /** The size as stored. */
  width: number;
  height: number;
  /** 16 hex digits (dhash.ts). */
  dhash: string;
}

export interface Fingerprinted extends Fingerprint {
  thumbnail: Gray;
}

export function formatOf(bytes: Uint8Array): 'jpeg' | 'png' | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
  return undefined;
}

/** Throws DecodeError when the bytes are not a PNG or JPEG that decodes. */
export function fingerprintBytes(bytes: Uint8Array): Fingerprinted {
  return decodeImage(bytes, { colour: false });
}

/**
 * The fingerprint and, with `colour`, the colour thumbnail, from one decode. Throws DecodeError
 * when the bytes are not a PNG or JPEG that decodes.
 */
export function decodeImage(bytes: Uint8Array, options: { colour: true }): Fingerprinted & { colour: Thumbnail };
export function decodeImage(bytes: Uint8Array, options: { colour: boolean }): Fingerprinted & { colour?: Thumbnail };
export function decodeImage(bytes: Uint8Array, options: { colour: boolean }): Fingerprinted & { colour?: Thumbnail } {
  const format = formatOf(bytes);
  if (!format) throw new DecodeError('neither PNG nor JPEG (the formats the service takes)');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  let width: number;
  let height: number;
  let gray: Gray;
  let rgba: Rgba | undefined;
  if (format === 'jpeg' && !options.colour) {
    const d = decodeJpegGray(bytes, THUMB_SIDE);
    ({ width, height } = d.stored);
    gray = d;
  } else {
    const d: Rgba & { stored?: { width: number; height: number } } = format === 'jpeg' ? decodeJpegRgba(bytes, THUMB_SIDE) : decodePngRgba(bytes);
    ({ width, height } = d.stored ?? d);
    rgba = d;
    gray = grayOfRgba(d.data, d.width, d.height);
  }
  const thumbnail = fitWithin(gray, THUMB_SIDE);
  const fingerprint = { sha256, bytes: bytes.length, format, width, height, dhash: hashHex(dHash(thumbnail)), thumbnail };
  return options.colour && rgba ? { ...fingerprint, colour: thumbnailOf(rgba) } : fingerprint;
}
