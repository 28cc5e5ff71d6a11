import * as assert from 'assert';
import { backoffDelay, DatasetFailedError, waitForStatus } from '../../../src/rekognition/wait';
import { createCancellationSource, sleep } from '../../../src/rekognition/cancellation';
import { CustomLabelsError } from '../../../src/rekognition/types';
import { dataset, FakeClock, scriptedDescribe, TRAIN_ARN } from './fakes';

describe('rekognition/wait', () => {
  it('backoff: 250 ms doubling up to 5 s', () => {
    assert.deepStrictEqual(
      Array.from({ length: 8 }, (_, i) => backoffDelay(i)),
      [250, 500, 1000, 2000, 4000, 5000, 5000, 5000],
    );
    assert.deepStrictEqual([0, 1, 2, 3].map((i) => backoffDelay(i, 10, 25)), [10, 20, 25, 25]);
    assert.strictEqual(backoffDelay(10_000), 5000, 'no overflow for huge attempt numbers');
  });

  it('polls with the backoff schedule until the status settles, reporting each status', async () => {
    const clock = new FakeClock();
    const script = scriptedDescribe(['UPDATE_IN_PROGRESS', 'UPDATE_IN_PROGRESS', 'UPDATE_IN_PROGRESS', 'UPDATE_IN_PROGRESS', 'UPDATE_IN_PROGRESS', 'UPDATE_IN_PROGRESS', 'UPDATE_IN_PROGRESS', 'UPDATE_COMPLETE']);
    const seen: string[] = [];
    const d = await waitForStatus(script.describe, TRAIN_ARN, { onStatus: (x) => seen.push(x.status) }, clock);
    assert.strictEqual(d.status, 'UPDATE_COMPLETE');
    assert.deepStrictEqual(clock.sleeps, [250, 500, 1000, 2000, 4000, 5000, 5000]);
    assert.strictEqual(script.calls, 8);
    assert.deepStrictEqual(seen, [...Array(7).fill('UPDATE_IN_PROGRESS'), 'UPDATE_COMPLETE']);
  });

  it('returns at once, without sleeping, when the dataset is already settled', async () => {
    const clock = new FakeClock();
    const d = await waitForStatus(scriptedDescribe(['CREATE_COMPLETE']).describe, TRAIN_ARN, {}, clock);
    assert.strictEqual(d.status, 'CREATE_COMPLETE');
    assert.deepStrictEqual(clock.sleeps, []);
  });

  it('*_FAILED throws a DatasetFailedError carrying StatusMessage and StatusMessageCode', async () => {
    const failed = dataset('UPDATE_FAILED', {
      statusMessage: 'The manifest file contains too many invalid data lines.',
      statusMessageCode: 'CLIENT_ERROR',
    });
    await assert.rejects(
      waitForStatus(scriptedDescribe(['UPDATE_IN_PROGRESS', failed]).describe, TRAIN_ARN, {}, new FakeClock()),
      (e: unknown) => {
        assert.ok(e instanceof DatasetFailedError && e instanceof CustomLabelsError);
        assert.strictEqual(e.code, 'UPDATE_FAILED');
        assert.strictEqual(e.statusMessage, 'The manifest file contains too many invalid data lines.');
        assert.strictEqual(e.statusMessageCode, 'CLIENT_ERROR');
        assert.match(e.message, /train dataset is UPDATE_FAILED: The manifest file contains too many invalid data lines \[CLIENT_ERROR\]/);
        assert.match(e.hint ?? '', /Fix the input/);
        return true;
      },
    );
    // Unless asked to return it.
    const d = await waitForStatus(scriptedDescribe([failed]).describe, TRAIN_ARN, { failOnFailed: false }, new FakeClock());
    assert.strictEqual(d.status, 'UPDATE_FAILED');
  });

  it('gives up at the time limit with TIMEOUT, the last poll landing on the deadline', async () => {
    const clock = new FakeClock();
    const start = clock.now();
    await assert.rejects(
      waitForStatus(scriptedDescribe(['CREATE_IN_PROGRESS']).describe, TRAIN_ARN, { timeoutMs: 2000 }, clock),
      (e: unknown) => e instanceof CustomLabelsError && e.code === 'TIMEOUT' && /still CREATE_IN_PROGRESS/.test(e.message),
    );
    assert.deepStrictEqual(clock.sleeps, [250, 500, 1000, 250]);
    assert.strictEqual(clock.now() - start, 2000);
  });

  it('is cancelled between polls (CANCELLED), and polls no more', async () => {
    const clock = new FakeClock();
    const source = createCancellationSource();
    const script = scriptedDescribe(['UPDATE_IN_PROGRESS']);
    clock.onSleep = () => {
      if (clock.sleeps.length === 3) source.cancel();
    };
    await assert.rejects(
      waitForStatus(script.describe, TRAIN_ARN, { cancellation: source.token }, clock),
      (e: unknown) => e instanceof CustomLabelsError && e.code === 'CANCELLED',
    );
    assert.strictEqual(script.calls, 3);
  });

  it('does not poll at all when already cancelled', async () => {
    const source = createCancellationSource();
    source.cancel();
    const script = scriptedDescribe(['UPDATE_COMPLETE']);
    await assert.rejects(waitForStatus(script.describe, TRAIN_ARN, { cancellation: source.token }, new FakeClock()), /cancelled/);
    assert.strictEqual(script.calls, 0);
  });

  it('the real sleep ends early on cancellation and releases its timer', async () => {
    const source = createCancellationSource();
    const pending = sleep(60_000, source.token);
    source.cancel();
    await assert.rejects(pending, (e: unknown) => e instanceof CustomLabelsError && e.code === 'CANCELLED');
    // A linked source fires with its parent.
    const parent = createCancellationSource();
    const child = createCancellationSource(parent.token);
    let fired = 0;
    child.token.onCancelled(() => fired++);
    parent.cancel();
    assert.ok(child.token.isCancelled);
    assert.strictEqual(fired, 1);
  });
});
