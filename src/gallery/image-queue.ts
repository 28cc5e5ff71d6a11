/**
 * The gallery's image requests: the page says which cards it shows (`want`), and only those
 * images are fetched, at most `concurrency` at a time, the newest request first; a request for a
 * card that scrolled away before its turn is dropped. Each answer is kept, so a card that comes
 * back is answered at once. Pure: the fetch is injected (command.ts reads S3 or a folder).
 */

export interface ImageQueueOptions<T> {
  /** Fetches entry `id`'s image; undefined when there is none. Never rejects (errors are answers too). */
  fetch: (id: number, signal: AbortSignal) => Promise<T | undefined>;
  /** Each answer, as it comes. */
  onImage: (id: number, image: T | undefined) => void;
  concurrency?: number;
}

export class ImageQueue<T> {
  private readonly answers = new Map<number, T | undefined>();
  /** Waiting ids, the newest last (taken from the end). */
  private queue: number[] = [];
  private readonly wanted = new Set<number>();
  private readonly running = new Map<number, AbortController>();
  private readonly concurrency: number;
  private disposed = false;
  /** Fetches started (the figure the 250,000-entry test bounds). */
  requested = 0;
  /** Requests dropped before their turn (their card scrolled away). */
  dropped = 0;
  /** Most fetches in flight at once. */
  peak = 0;

  constructor(private readonly options: ImageQueueOptions<T>) {
    this.concurrency = options.concurrency ?? 8;
  }

  /**
   * The ids the page shows now, most wanted first. Replaces the previous set: waiting requests not
   * in it are dropped, in-flight fetches of cards no longer shown are aborted.
   */
  want(ids: readonly number[]): void {
    if (this.disposed) return;
    this.wanted.clear();
    for (const id of ids) this.wanted.add(id);
    const before = this.queue.length;
    this.queue = this.queue.filter((id) => this.wanted.has(id));
    this.dropped += before - this.queue.length;
    for (const [id, controller] of this.running) if (!this.wanted.has(id)) controller.abort();
    const fresh: number[] = [];
    for (const id of ids) {
      if (this.answers.has(id)) {
        this.options.onImage(id, this.answers.get(id));
      } else if (!this.running.has(id) && !this.queue.includes(id)) {
        fresh.push(id);
      }
    }
    // Newest last, most wanted (first in `ids`) at the very end: taken first.
    for (let i = fresh.length - 1; i >= 0; i--) this.queue.push(fresh[i]!);
    this.pump();
  }

  /** Waiting plus running. */
  get pending(): number {
    return this.queue.length + this.running.size;
  }

  dispose(): void {
    this.disposed = true;
    this.queue = [];
    for (const controller of this.running.values()) controller.abort();
  }

  private pump(): void {
    while (!this.disposed && this.running.size < this.concurrency && this.queue.length > 0) {
      const id = this.queue.pop()!;
      const controller = new AbortController();
      this.running.set(id, controller);
      this.requested++;
      this.peak = Math.max(this.peak, this.running.size);
      void this.options
        .fetch(id, controller.signal)
        .catch(() => undefined)
        .then((image) => {
          this.running.delete(id);
          if (this.disposed) return;
          if (!controller.signal.aborted) {
            this.answers.set(id, image);
            this.options.onImage(id, image);
          }
          this.pump();
        });
    }
  }
}
