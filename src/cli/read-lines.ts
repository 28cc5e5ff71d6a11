/**
 * A file's lines one by one, split and decoded by the one splitter of every reader
 * (manifest/lines.ts: '\n' only, a trailing '\r' kept and ignored by the validator, a final newline
 * adds no line). The file is never held whole. For commands that take lines as strings; the
 * linter itself reads batches (fileLineBatches), which also report bytes that are not UTF-8.
 */
import { fileLineBatches } from '../manifest';

export async function* readLines(file: string): AsyncGenerator<string> {
  for await (const batch of fileLineBatches(file)) yield* batch.lines;
}
