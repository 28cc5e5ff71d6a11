/**
 * How many reads to have in flight at once against a source that may throttle (S3): additive
 * increase, multiplicative decrease, as TCP does. Starts at `start`; each `current` successful
 * reads in a row raise it by one, up to `max`; a throttled answer halves it (not below `min`),
 * at most once per `calmMs` (the answers of one burst count once), and restarts the count.
 * Bounded: never above `max`, never below `min`. The clock is injectable for tests.
 */
export class AdaptiveLimit {
  private value: number;
  private successes = 0;
  private lastCut = -Infinity;

  constructor(
    start: number,
    readonly max: number,
    readonly min = 1,
    readonly calmMs = 1000,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.value = Math.max(min, Math.min(start, max));
  }

  get current(): number {
    return this.value;
  }

  succeeded(): void {
    if (++this.successes < this.value) return;
    this.successes = 0;
    if (this.value < this.max) this.value++;
  }

  throttled(): void {
    this.successes = 0;
    const t = this.now();
    if (t - this.lastCut < this.calmMs) return;
    this.lastCut = t;
    this.value = Math.max(this.min, Math.floor(this.value / 2));
  }
}
