/** What every operation gets: the state, the timers, the options and the persistence hook. */
import type { FaultOptions } from './options';
import type { Cursors } from './pagination';
import type { Scheduler } from '../lifecycle/scheduler';
import type { State } from '../state/records';

export interface Context {
  readonly state: State;
  readonly scheduler: Scheduler;
  /** Open listings (NextToken -> cursor). */
  readonly cursors: Cursors;
  readonly account: string;
  readonly region: string;
  readonly seed: number;
  readonly delayMs: number;
  readonly s3Root?: string;
  faults: FaultOptions;
  /** Called after every change of the state (persistence). */
  changed(): void;
}
