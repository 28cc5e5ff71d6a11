/**
 * Decoding off the calling thread: a pool of 1-2 worker threads (decode-worker.ts, bundled as
 * dist/health-worker.js beside the extension's and the CLI's bundles) that get an image's bytes and
 * answer its fingerprint and, on request, its colour thumbnail, from one decode. The caller (the
 * extension host, the CLI) only reads and waits: a 3 MP JPEG's decode (tens of ms) never holds it.
 *
 * Rules: one image per worker at a time, the rest wait in order (their bytes are what the caller
 * already holds: the callers bound how many they read ahead). Cancellable: a waiting decode whose
 * signal aborts is dropped; a running one is answered at once as cancelled and its result thrown
 * away when it comes (the worker is not ended: a decode is bounded, a new worker costs more). A
 * decode that fails is a DecodeError with the decoder's words; a worker that crashes, exits or
 * takes over `timeoutMs` on one image is ended and that image gets a DecodeError saying so; the
 * next image gets a new worker. Idle workers are unreferenced (a CLI exits) and ended after
 * `idleMs`. Pure: no `vscode` import.
 */
import { existsSync } from 'fs';
import { availableParallelism } from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { WorkerAnswer, WorkerRequest } from './decode-messages';
import type { Fingerprint } from './fingerprint';
import { DecodeError, jpegDecoderProblem } from './jpeg-decoder';
import type { Thumbnail } from './thumbnail';

/** The worker's bundle, beside the bundle that holds this code (esbuild.js). */
export const WORKER_BUNDLE = 'health-worker.js';

export interface DecodePoolOptions {
  /** Workers at most, 1 or 2; default 2 on a machine of 3 cores or more, else 1. */
  size?: number;
  /** The worker's script; default: WORKER_BUNDLE beside this bundle, else decode-worker.ts (from source under tsx: tests). */
  script?: string;
  /** One decode longer than this ends its worker; the image gets a DecodeError. */
  timeoutMs?: number;
  /** An idle worker is ended after this. */
  idleMs?: number;
}

export interface Decoded {
  fingerprint: Fingerprint;
  /** When asked for (`thumbnail: true`) and the image decoded. */
  thumbnail?: Thumbnail;
}

export interface DecodeOptions {
  /** Also the colour thumbnail, from the same decode. */
  thumbnail?: boolean;
  signal?: AbortSignal;
  /** The caller gives its bytes up (their buffer moves to the worker, no copy); else they are copied. */
  transfer?: boolean;
}

/** A decode stopped by its signal. */
export class DecodeCancelled extends Error {
  constructor() {
    super('The decode was cancelled.');
    this.name = 'DecodeCancelled';
  }
}

interface Job {
  id: number;
  bytes: Uint8Array;
  thumbnail: boolean;
  transfer: boolean;
  settle(result: { ok: Decoded } | { error: Error }): void;
}

interface Slot {
  worker: Worker;
  job?: Job;
  timer?: NodeJS.Timeout;
  idle?: NodeJS.Timeout;
}

export class DecodePool {
  readonly size: number;
  private readonly script: string;
  private readonly timeoutMs: number;
  private readonly idleMs: number;
  private readonly slots = new Set<Slot>();
  private queue: Job[] = [];
  private nextId = 1;
  private disposed = false;
  /** Workers started so far (a crash or a time-out starts another). */
  started = 0;

  constructor(options: DecodePoolOptions = {}) {
    this.size = Math.min(2, Math.max(1, Math.floor(options.size ?? (availableParallelism() >= 3 ? 2 : 1))));
    this.script = options.script ?? defaultScript();
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.idleMs = options.idleMs ?? 20_000;
  }

  /** The image's fingerprint (and thumbnail). Rejects with DecodeError (the image, or its worker, failed) or DecodeCancelled. */
  decode(bytes: Uint8Array, options: DecodeOptions = {}): Promise<Decoded> {
    const { signal } = options;
    if (this.disposed) return Promise.reject(new DecodeCancelled());
    if (signal?.aborted) return Promise.reject(new DecodeCancelled());
    return new Promise<Decoded>((resolve, reject) => {
      let settled = false;
      const onAbort = (): void => {
        this.queue = this.queue.filter((j) => j !== job);
        job.settle({ error: new DecodeCancelled() });
      };
      const job: Job = {
        id: this.nextId++,
        bytes,
        thumbnail: options.thumbnail === true,
        transfer: options.transfer === true,
        settle: (result) => {
          if (settled) return;
          settled = true;
          signal?.removeEventListener('abort', onAbort);
          if ('ok' in result) resolve(result.ok);
          else reject(result.error);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(job);
      this.pump();
    });
  }

  /** Waiting plus running decodes. */
  get pending(): number {
    let running = 0;
    for (const s of this.slots) if (s.job) running++;
    return this.queue.length + running;
  }

  /** Ends every worker; waiting and running decodes are cancelled. */
  dispose(): void {
    this.disposed = true;
    const waiting = this.queue;
    this.queue = [];
    for (const job of waiting) job.settle({ error: new DecodeCancelled() });
    for (const slot of [...this.slots]) this.end(slot, { error: new DecodeCancelled() });
  }

  private pump(): void {
    while (!this.disposed && this.queue.length > 0) {
      let slot = [...this.slots].find((s) => !s.job);
      if (!slot) {
        if (this.slots.size >= this.size) return;
        slot = this.spawn();
      }
      this.run(slot, this.queue.shift()!);
    }
  }

  private run(slot: Slot, job: Job): void {
    slot.job = job;
    if (slot.idle) clearTimeout(slot.idle);
    slot.worker.ref();
    const whole = job.bytes.byteOffset === 0 && job.bytes.byteLength === job.bytes.buffer.byteLength && job.bytes.buffer instanceof ArrayBuffer;
    const bytes = job.transfer && whole ? job.bytes : new Uint8Array(job.bytes);
    const request: WorkerRequest = { id: job.id, bytes, thumbnail: job.thumbnail };
    slot.worker.postMessage(request, [bytes.buffer as ArrayBuffer]);
    slot.timer = setTimeout(() => this.end(slot, { error: new DecodeError(`the decoder took over ${Math.round(this.timeoutMs / 1000)} s on it and was stopped`) }), this.timeoutMs);
  }

  private spawn(): Slot {
    const worker = startWorker(this.script);
    this.started++;
    const slot: Slot = { worker };
    this.slots.add(slot);
    worker.on('message', (answer: WorkerAnswer) => {
      const job = slot.job;
      if (!job || answer.id !== job.id) return;
      clearTimeout(slot.timer);
      slot.job = undefined;
      if ('fingerprint' in answer) job.settle({ ok: answer.thumbnail ? { fingerprint: answer.fingerprint, thumbnail: answer.thumbnail } : { fingerprint: answer.fingerprint } });
      else job.settle({ error: new DecodeError(answer.decodeError ? answer.problem : `the decoder failed on it (${answer.problem})`) });
      this.idle(slot);
      this.pump();
    });
    worker.on('error', (e) => this.end(slot, { error: new DecodeError(`the decoder stopped on it (${e.message})`) }));
    worker.on('exit', (code) => this.end(slot, { error: new DecodeError(`the decoder stopped on it (its worker exited with code ${code})`) }));
    return slot;
  }

  private idle(slot: Slot): void {
    slot.worker.unref();
    slot.idle = setTimeout(() => this.end(slot), this.idleMs);
    slot.idle.unref();
  }

  /** Ends `slot`'s worker (once); its decode, if any, gets `result`; waiting decodes go to a new worker. */
  private end(slot: Slot, result?: { error: Error }): void {
    if (!this.slots.delete(slot)) return;
    clearTimeout(slot.timer);
    if (slot.idle) clearTimeout(slot.idle);
    const job = slot.job;
    slot.job = undefined;
    void slot.worker.terminate();
    if (job) job.settle(result ?? { error: new DecodeCancelled() });
    this.pump();
  }
}

/** A bundle as it is; a TypeScript source (tests under tsx) through tsx's CommonJS hook, which a worker does not inherit. */
function startWorker(script: string): Worker {
  if (!script.endsWith('.ts')) return new Worker(script);
  // The hook's name is not written as a require() call: the packages' checks would take it for a dependency of the bundles.
  const hook = ['tsx', 'cjs'].join('/');
  return new Worker(`require(${JSON.stringify(hook)}); require(${JSON.stringify(script)});`, { eval: true });
}

function defaultScript(): string {
  const bundled = path.join(__dirname, WORKER_BUNDLE);
  return existsSync(bundled) ? bundled : path.join(__dirname, 'decode-worker.ts');
}

/** Undefined when images can be decoded here; else why not (the JPEG decoder's .wasm or the worker's bundle is not beside this bundle), for a command to say before it starts. */
export function decoderProblem(): string | undefined {
  const script = defaultScript();
  if (!existsSync(script)) return `the image decoder (${WORKER_BUNDLE}) is not beside ${__dirname}: run from a build of the extension (npm run build), which makes it in dist/.`;
  return jpegDecoderProblem();
}

let shared: DecodePool | undefined;

/** The process's pool, made on first use (the editor's commands and the CLI share one). */
export function sharedDecodePool(): DecodePool {
  shared ??= new DecodePool();
  return shared;
}
