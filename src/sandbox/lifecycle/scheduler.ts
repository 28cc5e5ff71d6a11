/** Timers of the status transitions, on an injectable clock (clock.ts), tracked so close() can clear them all. */
import { type SandboxClock, systemClock } from './clock';

export class Scheduler {
  private readonly cancels = new Set<() => void>();
  private closed = false;

  constructor(
    readonly delayMs: number,
    readonly clock: SandboxClock = systemClock,
  ) {}

  /** The clock's time (epoch ms): what transitions are due by. */
  now(): number {
    return this.clock.now();
  }

  /** Runs `fn` after the transition delay (never synchronously). */
  later(fn: () => void, delayMs = this.delayMs): void {
    if (this.closed) return;
    const cancel = this.clock.setTimer(() => {
      this.cancels.delete(cancel);
      fn();
    }, Math.max(0, delayMs));
    this.cancels.add(cancel);
  }

  get pending(): number {
    return this.cancels.size;
  }

  close(): void {
    this.closed = true;
    for (const cancel of this.cancels) cancel();
    this.cancels.clear();
  }
}
