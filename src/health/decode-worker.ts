/**
 * The decode worker (a worker thread: esbuild.js bundles this file as dist/health-worker.js, which
 * decode-pool.ts starts). It reads nothing itself: it gets an image's bytes and answers its
 * fingerprint and, on request, its colour thumbnail, from one decode (fingerprint.ts), or the
 * DecodeError's words. One request at a time; the pool sends the next when this one is answered.
 * Pure: no `vscode` import.
 */
import { parentPort } from 'worker_threads';
import { decodeImage } from './fingerprint';
import { DecodeError } from './jpeg-decoder';
import type { WorkerAnswer, WorkerRequest } from './decode-messages';

parentPort?.on('message', (m: WorkerRequest) => {
  let answer: WorkerAnswer;
  const transfer: ArrayBuffer[] = [];
  try {
    const { thumbnail: _gray, colour, ...fingerprint } = decodeImage(m.bytes, { colour: m.thumbnail });
    answer = { id: m.id, fingerprint, ...(colour ? { thumbnail: colour } : {}) };
    if (colour) transfer.push(colour.jpeg.buffer as ArrayBuffer);
  } catch (e) {
    answer = { id: m.id, problem: e instanceof Error ? e.message : String(e), decodeError: e instanceof DecodeError };
  }
  parentPort!.postMessage(answer, transfer);
});
