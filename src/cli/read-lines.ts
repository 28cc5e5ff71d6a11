/**
 * Streams a file's lines without holding the file. Lines end at '\n' only (a trailing '\r'
 * stays on the line and the validator ignores it), exactly as the editor splits a document;
 * readline would also break at a lone '\r'. A final newline yields no extra line.
 */
import { createReadStream } from 'fs';

export async function* readLines(file: string): AsyncGenerator<string> {
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let rest = '';
  // Iterating the stream rethrows its errors (unreadable file, a directory, ...).
  for await (const chunk of stream as AsyncIterable<string>) {
    if (chunk.indexOf('\n') < 0) {
      rest += chunk;
      continue;
    }
    const parts = (rest + chunk).split('\n');
    rest = parts.pop() ?? '';
    for (const line of parts) yield line;
  }
  if (rest !== '') yield rest;
}
