/**
 * The gallery's data: one compact entry per manifest line that names an image (its labels, boxes
 * with class-map names, and the validator's problems), built in steps that yield to the event loop
 * so that 250,000 lines never block the extension host for more than a step (~15 ms). The page
 * gets these entries, not HTML (page-html.ts renders only the visible cards). Pure: no `vscode`.
 */
import { readEntry, validateLine } from '../manifest';
import type { PageEntry } from './messages';

/** Sent to the page as JSON (its type is the page's message type, messages.ts). */
export type GalleryEntry = PageEntry;

/** The entry of one line; undefined for a line that names no image (blank, not JSON, no source-ref). */
export function galleryEntry(id: number, line: number, text: string): GalleryEntry | undefined {
  const card = readEntry(text);
  if (card.sourceRef === undefined) return undefined;
  const problems = validateLine(text, line).problems.map((p): GalleryEntry['problems'][number] => [p.severity === 'error' ? 'error' : p.severity === 'warning' ? 'warning' : 'info', p.code, p.message]);
  return {
    id,
    line,
    ref: card.sourceRef,
    w: card.imageSize?.width ?? 0,
    h: card.imageSize?.height ?? 0,
    labels: card.labels,
    boxes: card.boxes.map((b) => [b.label, b.left, b.top, b.width, b.height]),
    problems,
  };
}

export interface BuildOptions {
  /** Called with each step's new entries (in order). */
  onEntries: (entries: GalleryEntry[], linesRead: number) => void;
  /** Stops between steps. */
  signal?: AbortSignal;
  /** Milliseconds of work per step before yielding (default 15). */
  stepMs?: number;
  /** First line number (default 0) and first id (default 0): a stream of pages continues. */
  firstLine?: number;
  firstId?: number;
  /** The entry of a line (default `galleryEntry`: a manifest line; mistake-entries.ts: an evaluation snapshot's). */
  entry?: (id: number, line: number, text: string) => GalleryEntry | undefined;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Builds the entries of `lines` (sync or async iterable of lines, or of pages of lines), handing
 * them over step by step and at the end of each page.
 * Resolves with the counts; stops early (without throwing) when `signal` aborts.
 */
export async function buildEntries(
  lines: Iterable<string | readonly string[]> | AsyncIterable<string | readonly string[]>,
  options: BuildOptions,
): Promise<{ lines: number; entries: number; noImage: number; cancelled: boolean; steps: number; longestStepMs: number; longestStepCpuMs: number }> {
  const stepMs = options.stepMs ?? 15;
  const toEntry = options.entry ?? galleryEntry;
  /** Lines that are not blank and name no image (not valid JSON, no source-ref): no card. */
  let noImage = 0;
  let line = options.firstLine ?? 0;
  let id = options.firstId ?? 0;
  let batch: GalleryEntry[] = [];
  /** The last line read was empty: at the end, that is the end of a file after its final newline, not a line. */
  let lastEmpty = false;
  let stepStart = performance.now();
  // CPU time of a step as well: on a loaded machine the wall clock also counts waiting for a core.
  let stepCpu = process.cpuUsage();
  let steps = 0;
  let longestStepMs = 0;
  let longestStepCpuMs = 0;
  const measure = (): void => {
    longestStepMs = Math.max(longestStepMs, performance.now() - stepStart);
    const c = process.cpuUsage(stepCpu);
    longestStepCpuMs = Math.max(longestStepCpuMs, (c.user + c.system) / 1000);
  };
  const flush = (): void => {
    if (batch.length) options.onEntries(batch, line);
    batch = [];
  };
  const endStep = async (): Promise<void> => {
    flush();
    measure();
    steps++;
    await yieldToEventLoop();
    stepStart = performance.now();
    stepCpu = process.cpuUsage();
  };
  outer: for await (const item of lines as AsyncIterable<string | readonly string[]>) {
    // A page (an array of lines) is handed over when it ends: the next one may be a while coming.
    const page = typeof item === 'string' ? undefined : item;
    for (const text of page ?? [item as string]) {
      if (options.signal?.aborted) break outer;
      const entry = toEntry(id, line, text);
      line++;
      lastEmpty = text === '';
      if (entry) {
        batch.push(entry);
        id++;
      } else if (text.trim() !== '') noImage++;
      // The clock is read every 64 lines: cheap, and a step still ends within a line or two of stepMs.
      if ((line & 63) === 0 && performance.now() - stepStart >= stepMs) await endStep();
    }
    if (page) flush();
  }
  flush();
  measure();
  steps++;
  const cancelled = options.signal?.aborted ?? false;
  // "a\nb\n" holds 2 lines (as `wc -l` and the service count them), though an editor shows a third, empty row.
  const lineCount = line - (options.firstLine ?? 0) - (lastEmpty && !cancelled ? 1 : 0);
  return { lines: lineCount, entries: id - (options.firstId ?? 0), noImage, cancelled, steps, longestStepMs, longestStepCpuMs };
}

