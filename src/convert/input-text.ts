/**
 * How the converters read their input's bytes as text, never silently changing a character:
 * UTF-8 (a byte order mark dropped); UTF-16 with its byte order mark (little- or big-endian, as
 * Windows tools save "Unicode"), decoded; anything else that is not UTF-8 (Windows-1252,
 * Latin-1) refused with where the first such byte is and what to do, never turned into U+FFFD.
 * Whole files (`decodeInput`) and streams of lines (`inputLines`: CSV, read 8 KB at a time: what
 * is alive when the garbage collector runs stays small, and so does its young generation).
 * Node only (fs, Buffer), no `vscode` import.
 */
import { isUtf8 } from 'buffer';
import { createReadStream } from 'fs';
import { firstInvalidUtf8 } from '../manifest';

/** Where a byte that is not UTF-8 is: its 1-based line, its 1-based column in the decoded line, its value. */
export interface BadByte {
  line: number;
  column: number;
  byte: number;
}

/** What to say of a file (or line) with a byte that is not UTF-8. */
export function notUtf8Message(bad: BadByte, withLine = true): string {
  const hex = bad.byte.toString(16).toUpperCase().padStart(2, '0');
  return (
    `the text is not UTF-8 (${withLine ? `line ${bad.line}, ` : ''}column ${bad.column}: byte 0x${hex}, ` +
    `as Windows-1252 or Latin-1 write accented letters); nothing was guessed. Save the file as UTF-8 (or UTF-16 with a byte order mark) and convert again.`
  );
}

type Encoding = 'utf8' | 'utf16le' | 'utf16be';

function encodingOf(head: Uint8Array): { encoding: Encoding; bom: number } {
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf16le', bom: 2 };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf16be', bom: 2 };
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf8', bom: 3 };
  return { encoding: 'utf8', bom: 0 };
}

/** A whole file's bytes as text, or where its first byte that is not UTF-8 is. */
export function decodeInput(bytes: Uint8Array): { text: string } | { bad: BadByte } {
  const { encoding, bom } = encodingOf(bytes);
  const body = bytes.subarray(bom);
  if (encoding !== 'utf8') return { text: new TextDecoder(encoding === 'utf16le' ? 'utf-16le' : 'utf-16be').decode(body) };
  const buf = Buffer.from(body.buffer, body.byteOffset, body.length);
  if (isUtf8(buf)) return { text: buf.toString('utf8') };
  return { bad: badByte(buf, 0, 1) };
}

/** The first byte of `buf` that is not UTF-8, its line counted from `firstLine` at `from`. */
function badByte(buf: Buffer, from: number, firstLine: number): BadByte {
  const at = firstInvalidUtf8(buf, from, buf.length);
  let line = firstLine;
  let start = from;
  for (let nl = buf.indexOf(10, from); nl >= 0 && nl < at; nl = buf.indexOf(10, nl + 1)) {
    line++;
    start = nl + 1;
  }
  return { line, column: buf.toString('utf8', start, at).length + 1, byte: buf[at] };
}

/** Consecutive lines of a stream (split at '\n'; a '\r' before it stays), with the lines that are not UTF-8. */
export interface InputLines {
  /** 1-based number of lines[0]. */
  first: number;
  lines: string[];
  /** By index in `lines`: where the line's first byte that is not UTF-8 is (the line's text is not to be used). */
  bad?: Map<number, BadByte>;
}

/** A file's lines, read 8 KB at a time (never held whole); UTF-16 with a byte order mark is decoded. */
export async function* inputLines(file: string): AsyncGenerator<InputLines> {
  const stream = createReadStream(file, { highWaterMark: 1 << 13 }) as AsyncIterable<Buffer>;
  const it = stream[Symbol.asyncIterator]();
  const head = await it.next();
  if (head.done) return;
  const rest: AsyncIterable<Buffer> = { [Symbol.asyncIterator]: () => it };
  const { encoding, bom } = encodingOf(head.value);
  const chunks = encoding === 'utf8' ? prepend(head.value.subarray(bom), rest) : utf16AsUtf8(head.value.subarray(bom), rest, encoding);
  let pending: Buffer | undefined;
  let line = 1;
  for await (const chunk of chunks) {
    const out = split(pending, chunk, line);
    if (out) {
      pending = out.rest;
      line += out.batch.lines.length;
      yield out.batch;
    } else if (chunk.length > 0) pending = pending ? Buffer.concat([pending, chunk]) : Buffer.from(chunk);
  }
  if (pending && pending.length > 0) yield decodeBatch(pending, line);
}

async function* prepend(head: Buffer, rest: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  yield head;
  yield* rest;
}

/** The complete lines of pending + chunk, and the bytes after the last '\n'; undefined when chunk has no '\n'. */
function split(pending: Buffer | undefined, chunk: Buffer, first: number): { batch: InputLines; rest: Buffer | undefined } | undefined {
  const last = chunk.lastIndexOf(10);
  if (last < 0) return undefined;
  const head = pending ? Buffer.concat([pending, chunk.subarray(0, last)]) : chunk.subarray(0, last);
  // Copied: a stream may reuse its buffer for the next chunk.
  const rest = last + 1 < chunk.length ? Buffer.from(chunk.subarray(last + 1)) : undefined;
  return { batch: decodeBatch(head, first), rest };
}

/** Lines joined by '\n' (no final one) decoded; a part that is not UTF-8 is decoded line by line. */
function decodeBatch(bytes: Buffer, first: number): InputLines {
  if (isUtf8(bytes)) return { first, lines: bytes.toString('utf8').split('\n') };
  const lines: string[] = [];
  const bad = new Map<number, BadByte>();
  let from = 0;
  for (;;) {
    const nl = bytes.indexOf(10, from);
    const to = nl < 0 ? bytes.length : nl;
    const part = bytes.subarray(from, to);
    if (!isUtf8(part)) bad.set(lines.length, badByte(part, 0, first + lines.length));
    lines.push(part.toString('utf8'));
    if (nl < 0) break;
    from = nl + 1;
  }
  return { first, lines, bad };
}

/** The rest of a UTF-16 stream as UTF-8 chunks. */
async function* utf16AsUtf8(head: Uint8Array, rest: AsyncIterable<Buffer>, encoding: Encoding): AsyncGenerator<Buffer> {
  const decoder = new TextDecoder(encoding === 'utf16le' ? 'utf-16le' : 'utf-16be');
  yield Buffer.from(decoder.decode(head, { stream: true }), 'utf8');
  for await (const chunk of rest) yield Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8');
  yield Buffer.from(decoder.decode(), 'utf8');
}
