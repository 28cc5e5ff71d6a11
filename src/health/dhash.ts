/**
 * The difference hash (dHash) of a picture: shrunk to 9x8 gray cells (area means), one bit per
 * pair of neighbours in a row, set when the left cell is brighter: 64 bits that survive
 * re-encoding, resizing, small crops and colour tweaks, and differ in about half their bits
 * between unrelated pictures. Kept as two unsigned 32-bit halves (hi, lo); shown as 16 hex digits.
 * Pure.
 */
import { areaResize, type Gray } from './gray';

export interface DHash {
  hi: number;
  lo: number;
}

export function dHash(g: Gray): DHash {
  const s = areaResize(g, 9, 8);
  let hi = 0;
  let lo = 0;
  for (let y = 0; y < 8; y++) {
    for (let x = 0; x < 8; x++) {
      const bit = s.data[y * 9 + x]! > s.data[y * 9 + x + 1]! ? 1 : 0;
      const i = y * 8 + x;
      if (i < 32) hi = ((hi << 1) | bit) >>> 0;
      else lo = ((lo << 1) | bit) >>> 0;
    }
  }
  return { hi, lo };
}

/** Bits set in a 32-bit word. */
export function popcount(v: number): number {
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Bits that differ between two hashes (0..64). */
export function hamming(a: DHash, b: DHash): number {
  return popcount((a.hi ^ b.hi) >>> 0) + popcount((a.lo ^ b.lo) >>> 0);
}

export function hashHex(h: DHash): string {
  return h.hi.toString(16).padStart(8, '0') + h.lo.toString(16).padStart(8, '0');
}

export function hashOfHex(hex: string): DHash | undefined {
  if (!/^[0-9a-f]{16}$/.test(hex)) return undefined;
  return { hi: parseInt(hex.slice(0, 8), 16) >>> 0, lo: parseInt(hex.slice(8), 16) >>> 0 };
}
