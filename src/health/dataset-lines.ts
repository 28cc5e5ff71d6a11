/**
 * What health needs of each line of a manifest, read once through src/manifest's readEntry (the
 * one reader of a line): its source-ref and S3 location, the declared image size, the boxes and
 * the labels, with the line's 1-based number. Lines without a source-ref are left out (the service
 * drops them at import; the linter says so). A repeated source-ref keeps its first line only, as
 * the service keeps one entry per source-ref. In steps for an editor's host (healthLinesInSteps,
 * linesInSteps: yielding to the event loop every ~15 ms). Pure: no `vscode` import.
 */
import { readEntry, type S3Location } from '../manifest';

export interface HealthLine {
  /** 1-based. */
  line: number;
  ref: string;
  location?: S3Location;
  imageSize?: { width: number; height: number };
  boxes: Array<{ label: string; left: number; top: number; width: number; height: number }>;
  labels: string[];
}

export function healthLines(lines: readonly string[]): HealthLine[] {
  const read = reader();
  lines.forEach(read.add);
  return read.out;
}

/** Work between two yields to the event loop (an extension host stays responsive). */
export const STEP_MS = 15;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * A loop's steps on an editor's host: `if (pace.due()) await pace.pause();` per item yields to
 * the event loop about every STEP_MS (the clock read every 64 items).
 */
export class Pacer {
  private n = 0;
  private start = performance.now();

  due(): boolean {
    return (++this.n & 63) === 0 && performance.now() - this.start >= STEP_MS;
  }

  async pause(): Promise<void> {
    await yieldToEventLoop();
    this.start = performance.now();
  }
}

/** As healthLines, in steps of about STEP_MS, yielding to the event loop between them. */
export async function healthLinesInSteps(lines: readonly string[]): Promise<HealthLine[]> {
  const read = reader();
  const pace = new Pacer();
  for (let i = 0; i < lines.length; i++) {
    read.add(lines[i]!, i);
    if (pace.due()) await pace.pause();
  }
  return read.out;
}

/** The lines one by one, yielding to the event loop about every STEP_MS of the consumer's work. */
export async function* linesInSteps(lines: readonly string[]): AsyncGenerator<string> {
  const pace = new Pacer();
  for (const line of lines) {
    yield line;
    if (pace.due()) await pace.pause();
  }
}

function reader(): { out: HealthLine[]; add: (text: string, i: number) => void } {
  const out: HealthLine[] = [];
  const seen = new Set<string>();
  const add = (text: string, i: number): void => {
    if (text.trim() === '') return;
    const e = readEntry(text);
    if (e.sourceRef === undefined || seen.has(e.sourceRef)) return;
    seen.add(e.sourceRef);
    const l: HealthLine = { line: i + 1, ref: e.sourceRef, boxes: e.boxes.map((b) => ({ label: b.label, left: b.left, top: b.top, width: b.width, height: b.height })), labels: e.labels };
    if (e.location) l.location = e.location;
    if (e.imageSize) l.imageSize = e.imageSize;
    out.push(l);
  };
  return { out, add };
}
