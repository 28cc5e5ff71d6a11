/** The transitions' clock: a ManualClock runs timers only when moved, in due order; the Scheduler runs on it. */
import * as assert from 'assert';
import { ManualClock } from '../../../../src/sandbox/lifecycle/clock';
import { Scheduler } from '../../../../src/sandbox/lifecycle/scheduler';

describe('sandbox: the transitions clock', () => {
  it('runs timers only when moved, in the order they fall due', () => {
    const clock = new ManualClock(1_000);
    const ran: string[] = [];
    clock.setTimer(() => ran.push('b@30'), 30);
    clock.setTimer(() => ran.push('a@10'), 10);
    clock.setTimer(() => ran.push('c@30'), 30);
    assert.deepStrictEqual(ran, [], 'nothing runs when set');
    clock.advance(29);
    assert.deepStrictEqual(ran, ['a@10']);
    assert.strictEqual(clock.now(), 1_029);
    clock.advance(1);
    assert.deepStrictEqual(ran, ['a@10', 'b@30', 'c@30'], 'same due time: the order they were set');
    assert.strictEqual(clock.pending, 0);
  });

  it('runNext jumps to the earliest timer; a timer set by a timer runs when due; a cancelled one never', () => {
    const clock = new ManualClock(0);
    const ran: number[] = [];
    const cancel = clock.setTimer(() => ran.push(-1), 5);
    clock.setTimer(() => {
      ran.push(clock.now());
      clock.setTimer(() => ran.push(clock.now()), 100);
    }, 50);
    cancel();
    assert.strictEqual(clock.runNext(), true);
    assert.deepStrictEqual(ran, [50]);
    assert.strictEqual(clock.runNext(), true);
    assert.deepStrictEqual(ran, [50, 150]);
    assert.strictEqual(clock.runNext(), false, 'no timer left');
  });

  it('the scheduler sets its timers on the clock and close() cancels them', () => {
    const clock = new ManualClock(0);
    const scheduler = new Scheduler(1_000, clock);
    const ran: string[] = [];
    scheduler.later(() => ran.push('default delay'));
    scheduler.later(() => ran.push('short'), 10);
    assert.strictEqual(scheduler.now(), 0);
    clock.advance(999);
    assert.deepStrictEqual(ran, ['short']);
    assert.strictEqual(scheduler.pending, 1);
    scheduler.close();
    clock.advance(10_000);
    assert.deepStrictEqual(ran, ['short'], 'closed: the pending timer never runs');
    scheduler.later(() => ran.push('after close'));
    assert.strictEqual(clock.pending, 0, 'nothing is set after close');
  });
});
