/**
 * The time the status transitions run on, injectable the way src/rekognition/wait.ts takes its
 * Clock: the running sandbox uses the system clock (setTimeout); tests pass a ManualClock and
 * move it forward, so a dataset goes CREATE_IN_PROGRESS -> CREATE_COMPLETE when the test says,
 * not after a wall-clock delay.
 */

export interface SandboxClock {
  /** Epoch ms. */
  now(): number;
  /** Calls `fn` once, `ms` from now (never synchronously); returns what cancels it. */
  setTimer(fn: () => void, ms: number): () => void;
}

export const systemClock: SandboxClock = {
  now: () => Date.now(),
  setTimer: (fn, ms) => {
    const t = setTimeout(fn, Math.max(0, ms));
    return () => clearTimeout(t);
  },
};

interface ManualTimer {
  due: number;
  /** Order of creation: timers due at the same time run in the order they were set. */
  seq: number;
  fn: () => void;
}

/** A clock that moves only when told to; its timers run inside advance() and runNext(). */
export class ManualClock implements SandboxClock {
  private time: number;
  private seq = 0;
  private readonly timers = new Set<ManualTimer>();

  constructor(start = Date.now()) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimer(fn: () => void, ms: number): () => void {
    const timer: ManualTimer = { due: this.time + Math.max(0, ms), seq: this.seq++, fn };
    this.timers.add(timer);
    return () => this.timers.delete(timer);
  }

  /** Timers not run yet. */
  get pending(): number {
    return this.timers.size;
  }

  /** Moves the time forward by `ms`, running every timer that falls due on the way, in due order. */
  advance(ms: number): void {
    const target = this.time + Math.max(0, ms);
    for (let t = this.earliest(); t && t.due <= target; t = this.earliest()) this.fire(t);
    this.time = target;
  }

  /** Moves the time to the earliest timer and runs the timers due then; false when none is set. */
  runNext(): boolean {
    const first = this.earliest();
    if (!first) return false;
    const due = first.due;
    for (let t = this.earliest(); t && t.due <= due; t = this.earliest()) this.fire(t);
    return true;
  }

  private fire(t: ManualTimer): void {
    this.timers.delete(t);
    this.time = Math.max(this.time, t.due);
    t.fn();
  }

  private earliest(): ManualTimer | undefined {
    let best: ManualTimer | undefined;
    for (const t of this.timers) if (!best || t.due < best.due || (t.due === best.due && t.seq < best.seq)) best = t;
    return best;
  }
}
