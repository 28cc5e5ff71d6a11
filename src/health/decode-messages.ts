/**
 * What decode-pool.ts and its worker (decode-worker.ts) say to each other. Pure: types only.
 */
import type { Fingerprint } from './fingerprint';
import type { Thumbnail } from './thumbnail';

export interface WorkerRequest {
  id: number;
  bytes: Uint8Array;
  /** Also the colour thumbnail (JPEG), from the same decode. */
  thumbnail: boolean;
}

export type WorkerAnswer =
  | { id: number; fingerprint: Fingerprint; thumbnail?: Thumbnail }
  /** `decodeError`: the image refused (corrupt, truncated, not PNG/JPEG); else the worker's own failure. */
  | { id: number; problem: string; decodeError: boolean };
