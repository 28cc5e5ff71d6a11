/**
 * End to end through the real SDK client against the sandbox: a push meets a fault (the status
 * wait times out, the response of an applied update is lost, the update fails, the process is
 * killed between batches), then the same file is pushed again. The first result must say
 * exactly what landed (landed lines are in the dataset, lines reported not landed are not);
 * the second push must send only what had not landed; the dataset ends with every line once.
 */
import * as assert from 'assert';
import { startSandbox, type Sandbox } from '../../../src/sandbox';
import { createCustomLabelsService, type DisposableCustomLabelsService } from '../../../src/rekognition/service';
import { lineBytes } from '../../../src/rekognition/pack';
import { DatasetFailedError, realClock, type Clock } from '../../../src/rekognition/wait';
import type { PushOptions, PushResult } from '../../../src/rekognition/types';
import { classificationLine, detectionLine, sourceRefOf } from './lines';

const FAST_WAIT = { initialIntervalMs: 2, maxIntervalMs: 20, timeoutMs: 60_000 };
/** Long enough that an update sent at once, and the SDK's retry, land inside it. */
const SLOW_MS = 600;
const LINES = Array.from({ length: 60 }, (_, i) => classificationLine(i, i % 2 ? 'cat' : 'dog'));
const PER_LINE = lineBytes(LINES[0]!);
/** Ten lines per request: six batches. */
const BATCH = { maxBatchBytes: PER_LINE * 10 };
const range = (a: number, b: number): number[] => Array.from({ length: b - a }, (_, i) => a + i);

describe('push with faults, then push again (real SDK client, sandbox)', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let service: DisposableCustomLabelsService;
  let train = '';
  /**
   * The service's clock: real time, except that `expireWait()` makes the wait in progress time
   * out at its next poll (its deadline passes at once), however loaded the machine is.
   */
  let offset = 0;
  let expiring = false;
  const clock: Clock = {
    now: () => Date.now() + offset,
    sleep: async (ms, cancellation) => {
      if (expiring) {
        expiring = false;
        offset += 24 * 3600 * 1000;
      }
      await realClock.sleep(ms, cancellation);
    },
  };
  const expireWait = (): void => {
    expiring = true;
  };

  beforeEach(async () => {
    offset = 0;
    expiring = false;
    sandbox = await startSandbox({ transitionDelayMs: 10 });
    service = createCustomLabelsService({
      region: sandbox.region,
      endpoint: sandbox.endpoint,
      credentials: { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'sandbox-secret' },
      maxAttempts: 3,
    }, { clock });
    const project = await service.createProject('faults');
    train = await service.createDataset(project, 'TRAIN', { kind: 'empty' });
    await service.waitForStatus(train, FAST_WAIT);
  });
  afterEach(async () => {
    service.dispose();
    await sandbox.close();
  });

  /** UpdateDatasetEntries requests since `mark`, and the lines they carried (every line has the same size). */
  function sentSince(mark: number): { requests: number; lines: number } {
    const updates = sandbox.requests.slice(mark).filter((r) => r.operation === 'UpdateDatasetEntries');
    const bytes = updates.reduce((s, r) => s + (r.payloadBytes ?? 0), 0);
    return { requests: updates.length, lines: bytes / PER_LINE };
  }

  async function storedRefs(): Promise<string[]> {
    // Until the update in flight, if any, has ended (UPDATE_FAILED included).
    await service.waitForStatus(train, FAST_WAIT).catch((e: unknown) => {
      if (!(e instanceof DatasetFailedError)) throw e;
    });
    const refs: string[] = [];
    for await (const page of service.listEntries(train)) refs.push(...page.map(sourceRefOf));
    return refs;
  }

  /** What the result says landed is in the dataset; what it says did not land is not. */
  async function assertTruthful(result: PushResult): Promise<void> {
    const stored = new Set(await storedRefs());
    const missing = result.landed.filter((i) => !stored.has(sourceRefOf(LINES[i]!)));
    assert.deepStrictEqual(missing, [], `${missing.length} lines reported as landed are not in the dataset`);
    const there = result.notLanded.filter((i) => stored.has(sourceRefOf(LINES[i]!)));
    assert.deepStrictEqual(there, [], `${there.length} lines reported as not landed are in the dataset`);
  }

  /** Pushes the whole file again: returns what it sent; the dataset then holds every line exactly once. */
  async function pushAgain(): Promise<{ requests: number; lines: number; result: PushResult }> {
    const mark = sandbox.requests.length;
    const result = await service.pushEntries(train, LINES, { ...BATCH, wait: FAST_WAIT });
    const sent = sentSince(mark);
    assert.deepStrictEqual(result.notLanded, []);
    assert.deepStrictEqual(result.unknown, []);
    const stored = await storedRefs();
    assert.strictEqual(stored.length, LINES.length, 'every line once');
    assert.deepStrictEqual(new Set(stored), new Set(LINES.map(sourceRefOf)));
    return { ...sent, result };
  }

  /** A progress reporter that runs `onMessage` for the first message matching each pattern. */
  function at(steps: Array<[RegExp, () => void]>): PushOptions['progress'] {
    const done = new Set<RegExp>();
    return {
      report(message) {
        for (const [pattern, run] of steps) {
          if (!done.has(pattern) && pattern.test(message)) {
            done.add(pattern);
            run();
          }
        }
      },
    };
  }

  it('the status wait times out while batch 3 updates: its lines are unknown; pushing again sends only batches 4-6', async () => {
    const first = await service.pushEntries(train, LINES, {
      ...BATCH,
      wait: FAST_WAIT,
      progress: at([
        [/^Sending batch 3 /, () => (sandbox.faults.slowTransitionsMs = SLOW_MS)],
        [/^Batch 3 of 6 sent/, () => {
          delete sandbox.faults.slowTransitionsMs;
          expireWait();
        }],
      ]),
    });
    assert.deepStrictEqual(first.batches.map((b) => b.state), ['landed', 'landed', 'unknown', 'not-sent', 'not-sent', 'not-sent']);
    assert.deepStrictEqual(first.unknown, range(20, 30));
    assert.match(first.batches[2]!.error ?? '', /timed out/);
    await assertTruthful(first);
    const again = await pushAgain();
    assert.deepStrictEqual({ requests: again.requests, lines: again.lines }, { requests: 3, lines: 30 });
    assert.deepStrictEqual(again.result.unchanged, range(0, 30), 'batch 3 had landed after all: not sent again');
  });

  it('the status wait times out, then the update fails (UPDATE_FAILED): nothing of it counts as landed; pushing again sends it', async () => {
    const first = await service.pushEntries(train, LINES, {
      ...BATCH,
      wait: FAST_WAIT,
      progress: at([
        [/^Sending batch 3 /, () => Object.assign(sandbox.faults, { slowTransitionsMs: SLOW_MS, failNextUpdate: true })],
        [/^Batch 3 of 6 sent/, () => {
          delete sandbox.faults.slowTransitionsMs;
          expireWait();
        }],
      ]),
    });
    assert.deepStrictEqual(first.landed, range(0, 20));
    assert.deepStrictEqual(first.unknown, range(20, 30));
    await assertTruthful(first);
    assert.strictEqual((await service.describeDataset(train)).status, 'UPDATE_FAILED');
    const again = await pushAgain();
    assert.deepStrictEqual({ requests: again.requests, lines: again.lines }, { requests: 4, lines: 40 });
    assert.deepStrictEqual(again.result.unchanged, range(0, 20));
  });

  it('the response of batch 3 is lost after the update was applied (the SDK retry gets ResourceInUseException): unknown, not "not sent"', async () => {
    const first = await service.pushEntries(train, LINES, {
      ...BATCH,
      wait: FAST_WAIT,
      progress: at([
        [/^Sending batch 3 /, () => Object.assign(sandbox.faults, { slowTransitionsMs: SLOW_MS, loseNextResponse: 'UpdateDatasetEntries' })],
      ]),
    });
    delete sandbox.faults.slowTransitionsMs;
    assert.deepStrictEqual(first.batches.map((b) => b.state), ['landed', 'landed', 'unknown', 'not-sent', 'not-sent', 'not-sent']);
    assert.match(first.batches[2]!.error ?? '', /may have reached the dataset.*busy/);
    assert.deepStrictEqual(first.unknown, range(20, 30));
    await assertTruthful(first);
    const again = await pushAgain();
    assert.deepStrictEqual({ requests: again.requests, lines: again.lines }, { requests: 3, lines: 30 });
    assert.deepStrictEqual(again.result.unchanged, range(0, 30), 'the lost batch had landed: not sent again');
  });

  it('batch 3 ends UPDATE_FAILED: refused, later batches not sent; pushing again sends batches 3-6 only', async () => {
    const first = await service.pushEntries(train, LINES, {
      ...BATCH,
      wait: FAST_WAIT,
      progress: at([[/^Sending batch 3 /, () => (sandbox.faults.failNextUpdate = true)]]),
    });
    assert.deepStrictEqual(first.batches.map((b) => b.state), ['landed', 'landed', 'refused', 'not-sent', 'not-sent', 'not-sent']);
    assert.deepStrictEqual(first.notLanded, range(20, 60));
    await assertTruthful(first);
    const again = await pushAgain();
    assert.deepStrictEqual({ requests: again.requests, lines: again.lines }, { requests: 4, lines: 40 });
  });

  it('the process is killed after batch 2 (no result at all): pushing again sends only batches 3-6', async () => {
    const killed = new Error('killed');
    await assert.rejects(
      service.pushEntries(train, LINES, {
        ...BATCH,
        wait: FAST_WAIT,
        progress: at([[/^Batch 2 of 6 sent/, () => {
          throw killed;
        }]]),
      }),
      (e: unknown) => e === killed,
    );
    const again = await pushAgain();
    assert.deepStrictEqual({ requests: again.requests, lines: again.lines }, { requests: 4, lines: 40 });
    assert.deepStrictEqual(again.result.unchanged, range(0, 20));
  });

  it('entries the service stored with its own keys (errors, warnings) compare unchanged: pushing the same file again sends nothing', async () => {
    const wrongType = JSON.parse(classificationLine(900, 'cat')) as Record<string, Record<string, unknown>>;
    wrongType['animal-metadata']!.type = 'groundtruth/wrongtype';
    const noBoxes = JSON.parse(detectionLine(901, 'bird')) as Record<string, Record<string, unknown>>;
    noBoxes.boxes!.annotations = [];
    (noBoxes['boxes-metadata'] as Record<string, unknown>).objects = [];
    const lines = [...LINES.slice(0, 8), JSON.stringify(wrongType), JSON.stringify(noBoxes)];
    const first = await service.pushEntries(train, lines, { wait: FAST_WAIT });
    assert.strictEqual(first.landed.length, lines.length);
    const stored: string[] = [];
    for await (const page of service.listEntries(train)) stored.push(...page);
    assert.ok(stored.some((e) => /"errors":\[/.test(e)), `the service recorded errors on an entry: ${stored.join('\n')}`);
    assert.ok(stored.some((e) => /"warnings":\[/.test(e)), 'and warnings');
    const mark = sandbox.requests.length;
    const again = await service.pushEntries(train, lines, { wait: FAST_WAIT });
    assert.deepStrictEqual(sentSince(mark).requests, 0, 'nothing sent');
    assert.deepStrictEqual(again.unchanged, range(0, lines.length));
    assert.deepStrictEqual(again.diff?.onlyInDataset.count, 0);
  });

  it('a batch made only of lines with non-terminal errors lands (the service fails an update on terminal errors only): no spreading needed', async () => {
    const withError = (i: number): string => {
      const line = JSON.parse(classificationLine(500 + i, 'cat')) as Record<string, Record<string, unknown>>;
      line['animal-metadata']!.type = 'groundtruth/wrongtype';
      return JSON.stringify(line);
    };
    const lines = [...LINES.slice(0, 10), ...range(0, 10).map(withError)];
    const result = await service.pushEntries(train, lines, { maxBatchBytes: Math.max(...lines.map(lineBytes)) * 10, wait: FAST_WAIT });
    assert.deepStrictEqual(result.batches.map((b) => [b.state, b.lines.length]), [['landed', 10], ['landed', 10]]);
    assert.deepStrictEqual(result.batches[1]!.lines, range(10, 20), 'the second batch holds only the lines with errors');
    const withErrors: string[] = [];
    for await (const page of service.listEntries(train, { hasErrors: true })) withErrors.push(...page);
    assert.strictEqual(withErrors.length, 10, 'imported as entries with errors');
  });
});
