/**
 * JPEG to grayscale through libjpeg-turbo compiled to WebAssembly (`@cwasm/jpeg-turbo`'s
 * jpeg-turbo.wasm: one file for every platform, no native binary), driven directly: TurboJPEG's
 * tjDecompress2 is asked for a size, and picks the DCT scaling (1/8, 1/4, 1/2 or 1) that gives it,
 * so a 4000x3000 photo is decoded at 500x375 without ever being decoded at full size; in gray
 * (TJPF_GRAY: the Y channel, no colour conversion) or, when a colour thumbnail is wanted too, in
 * RGBA (TJPF_RGBA), the gray then made from it (gray.ts: the same luma).
 *
 * The .wasm is read from beside the running bundle (esbuild.js copies it to dist/), else from the
 * package (tests, tsx). libjpeg's fatal errors arrive as a JS exception thrown from its longjmp;
 * the instance is then dropped (its memory may hold what the failed decode allocated) and the next
 * decode gets a new one from the compiled module. Pure: no `vscode` import.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import type { Gray, Rgba } from './gray';

const TJPF_GRAY = 6;
const TJPF_RGBA = 7;
const WASM_FILE = 'jpeg-turbo.wasm';

/** The WebAssembly API as used here (the tsconfig has no DOM types; Node has it all). */
interface Wasm {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}
const wasm = (globalThis as unknown as { WebAssembly: Wasm }).WebAssembly;

interface TurboExports {
  memory: { buffer: ArrayBuffer };
  malloc(n: number): number;
  free(p: number): void;
  tjInitDecompress(): number;
  tjDestroy(h: number): number;
  tjDecompressHeader3(h: number, buf: number, size: number, w: number, hh: number, subsamp: number, colorspace: number): number;
  tjDecompress2(h: number, buf: number, size: number, dst: number, w: number, pitch: number, hh: number, format: number, flags: number): number;
}

/** A JPEG the decoder refused (corrupt, truncated, CMYK to gray, ...): the message says why. */
export class DecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecodeError';
  }
}

let compiled: object | undefined;
let instance: TurboExports | undefined;

function wasmBytes(): Buffer {
  const beside = path.join(__dirname, WASM_FILE);
  try {
    return readFileSync(beside);
  } catch {
    try {
      return readFileSync(require.resolve(`@cwasm/jpeg-turbo/${WASM_FILE}`));
    } catch {
      throw new DecodeError(`the JPEG decoder (${WASM_FILE}) is not beside ${__dirname}: run from a build of the extension (npm run build), which copies it to dist/.`);
    }
  }
}

function turbo(): TurboExports {
  if (instance) return instance;
  compiled ??= new wasm.Module(wasmBytes());
  const fail = (): never => {
    throw new DecodeError('libjpeg-turbo stopped on an error in the file');
  };
  const imports = {
    env: { setjmp: () => 0, longjmp: fail },
    wasi_snapshot_preview1: { environ_sizes_get: () => 0, environ_get: fail, proc_exit: fail, fd_close: fail, fd_seek: fail, fd_write: fail },
  };
  instance = new wasm.Instance(compiled, imports).exports as unknown as TurboExports;
  return instance;
}

/** Undefined when the decoder loads; else why not (its .wasm is not there), for a command to say before it starts. */
export function jpegDecoderProblem(): string | undefined {
  try {
    turbo();
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/**
 * The JPEG's size as stored, and its picture in gray at the smallest DCT scale whose longest side
 * is still at least `minLongest` (or full size when even that is smaller).
 */
export function decodeJpegGray(bytes: Uint8Array, minLongest: number): Gray & { stored: { width: number; height: number } } {
  return decodeJpeg(bytes, minLongest, 'gray');
}

/** As decodeJpegGray, in colour: 4 bytes a pixel (R, G, B, 255). */
export function decodeJpegRgba(bytes: Uint8Array, minLongest: number): Rgba & { stored: { width: number; height: number } } {
  return decodeJpeg(bytes, minLongest, 'rgba');
}

function decodeJpeg(bytes: Uint8Array, minLongest: number, pixels: 'gray' | 'rgba'): { width: number; height: number; data: Uint8Array; stored: { width: number; height: number } } {
  const t = turbo();
  const channels = pixels === 'gray' ? 1 : 4;
  let input = 0;
  let meta = 0;
  let out = 0;
  let handle = 0;
  try {
    input = t.malloc(bytes.length);
    new Uint8Array(t.memory.buffer, input, bytes.length).set(bytes);
    handle = t.tjInitDecompress();
    if (handle === 0) throw new DecodeError('the JPEG decoder could not start');
    meta = t.malloc(16);
    if (t.tjDecompressHeader3(handle, input, bytes.length, meta, meta + 4, meta + 8, meta + 12) !== 0) throw new DecodeError('not a JPEG the decoder can read (its header)');
    const [width, height] = new Int32Array(t.memory.buffer, meta, 2);
    if (!width || !height || width < 0 || height < 0) throw new DecodeError('the JPEG header gives no size');
    let d = 8;
    while (d > 1 && Math.ceil(Math.max(width, height) / d) < minLongest) d /= 2;
    const w = Math.ceil(width / d);
    const h = Math.ceil(height / d);
    out = t.malloc(w * h * channels);
    if (out === 0) throw new DecodeError('out of decoder memory');
    if (t.tjDecompress2(handle, input, bytes.length, out, w, 0, h, pixels === 'gray' ? TJPF_GRAY : TJPF_RGBA, 0) !== 0) throw new DecodeError('the JPEG data cannot be decoded (corrupt or truncated)');
    const data = new Uint8Array(t.memory.buffer, out, w * h * channels).slice();
    return { width: w, height: h, data, stored: { width, height } };
  } catch (e) {
    // A throw from inside the module (its longjmp) leaves its allocations behind: start afresh next time.
    if (!(e instanceof DecodeError) || /stopped on an error/.test(e.message)) instance = undefined;
    if (e instanceof DecodeError) throw e;
    throw new DecodeError(`the JPEG cannot be decoded (${e instanceof Error ? e.message : String(e)})`);
  } finally {
    if (instance === t) {
      if (out) t.free(out);
      if (meta) t.free(meta);
      if (input) t.free(input);
      if (handle) t.tjDestroy(handle);
    }
  }
}
