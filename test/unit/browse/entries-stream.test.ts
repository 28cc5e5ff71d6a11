import * as assert from 'node:assert/strict';
import type { Cancellation } from '../../../src/rekognition/types';
import { EntriesStream } from '../../../src/browse/entries-stream';
import { FakeTimers, deferred } from '../views/fakes';

/** Pages handed out one by one when the test says so. */
class Pages {
  private readonly gates: ReturnType<typeof deferred<string[] | undefined>>[] = [];
  cancellation: Cancellation | undefined;
  readonly read = (cancellation: Cancellation): AsyncIterable<string[]> => {
    this.cancellation = cancellation;
    const gates = this.gates;
    return {
      async *[Symbol.asyncIterator]() {
        for (let i = 0; ; i++) {
          while (gates.length <= i) gates.push(deferred<string[] | undefined>());
          const page = await gates[i]!.promise;
          if (!page) return;
          yield page;
        }
      },
    };
  };
  private next = 0;
  private gate(): ReturnType<typeof deferred<string[] | undefined>> {
    while (this.gates.length <= this.next) this.gates.push(deferred<string[] | undefined>());
    return this.gates[this.next++]!;
  }
  page(...lines: string[]): void {
    this.gate().resolve(lines);
  }
  end(): void {
    this.gate().resolve(undefined);
  }
  fail(error: Error): void {
    this.gate().reject(error);
  }
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('EntriesStream (browse documents filled page by page)', () => {
  it('the first page is there before the rest; each later page grows the text; the end is reported', async () => {
    const pages = new Pages();
    let grows = 0;
    const stream = new EntriesStream(pages.read, { onGrow: () => grows++, minIntervalMs: 0, timers: new FakeTimers() });
    pages.page('{"a":1}', '{"a":2}');
    await stream.firstPage;
    assert.equal(stream.text(), '{"a":1}\n{"a":2}\n');
    assert.equal(stream.state, 'reading');
    pages.page('{"a":3}');
    await tick();
    assert.equal(stream.lines.length, 3);
    pages.end();
    assert.equal(await stream.finished, 'complete');
    assert.ok(grows >= 2, `a change per page and one at the end (saw ${grows})`);
  });

  it('throttles change notifications: pages within the interval make one, when the timer runs', async () => {
    const pages = new Pages();
    const timers = new FakeTimers();
    let grows = 0;
    const stream = new EntriesStream(pages.read, { onGrow: () => grows++, minIntervalMs: 60_000, timers });
    pages.page('1');
    await stream.firstPage;
    assert.equal(grows, 1, 'the first page notifies at once');
    for (let i = 2; i <= 5; i++) {
      pages.page(String(i));
      await tick();
    }
    assert.equal(grows, 1, 'four more pages inside the interval: no notification yet');
    assert.equal(timers.pending.length, 1, 'one notification scheduled, not four');
    timers.fireNext();
    assert.equal(grows, 2);
    pages.end();
    await stream.finished;
    assert.equal(grows, 3, 'the end always notifies');
    assert.equal(stream.lines.length, 5);
  });

  it('cancel stops after the page in flight and keeps what was read', async () => {
    const pages = new Pages();
    const stream = new EntriesStream(pages.read, { onGrow: () => undefined, minIntervalMs: 0, timers: new FakeTimers() });
    pages.page('1', '2');
    await stream.firstPage;
    let heard = false;
    pages.cancellation!.onCancelled(() => (heard = true));
    stream.cancel();
    assert.equal(heard, true, 'the reader hears the cancellation (the SDK call is aborted)');
    assert.equal(pages.cancellation!.isCancelled, true);
    pages.page('3');
    assert.equal(await stream.finished, 'cancelled');
    assert.deepEqual(stream.lines, ['1', '2']);
  });

  it('a failure after some pages keeps them and records the error; before any page, firstPage still resolves', async () => {
    const later = new Pages();
    const stream = new EntriesStream(later.read, { onGrow: () => undefined, minIntervalMs: 0, timers: new FakeTimers() });
    later.page('1');
    await stream.firstPage;
    later.fail(new Error('Rate exceeded'));
    assert.equal(await stream.finished, 'failed');
    assert.deepEqual(stream.lines, ['1']);
    assert.match(String((stream.error as Error).message), /Rate exceeded/);

    const early = new Pages();
    const none = new EntriesStream(early.read, { onGrow: () => undefined, minIntervalMs: 0, timers: new FakeTimers() });
    early.fail(new Error('AccessDenied'));
    await none.firstPage;
    assert.equal(await none.finished, 'failed');
    assert.equal(none.text(), '');
  });
});
