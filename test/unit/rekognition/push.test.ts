import * as assert from 'assert';
import { compareWithDataset, pushEntries, type PushDeps } from '../../../src/rekognition/push';
import { linesNotSent, linesToSend, planPush, type LineValidator } from '../../../src/rekognition/push-plan';
import { createCancellationSource } from '../../../src/rekognition/cancellation';
import { lineBytes } from '../../../src/rekognition/pack';
import { CustomLabelsError } from '../../../src/rekognition/types';
import { FakeClock, FakeDataset, fakeValidateLine, manifestLine, TRAIN_ARN } from './fakes';

type TestDeps = PushDeps & { validateLine: LineValidator };

function deps(ds: FakeDataset): TestDeps {
  return { validateLine: fakeValidateLine, update: ds.update, describe: ds.describe, list: ds.list, clock: new FakeClock() };
}

/** Plans the lines with the deps' validator, then pushes the plan (what the service does with lines). */
function push(d: TestDeps, arn: string, lines: readonly string[], options?: Parameters<typeof pushEntries>[3]) {
  return pushEntries(d, arn, planPush(lines, d.validateLine), options);
}

const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);

describe('rekognition/push (fakes)', () => {
  it('refuses the lines the service would drop silently, with reason and code', () => {
    const lines = [
      manifestLine(0),
      '{"source-ref": "s3://bucket/a.jpg"',
      '',
      '{"label": 1}',
      '{"source-ref": "https://bucket/a.jpg"}',
      manifestLine(0),
      '{"source-ref":"s3://bucket/b.jpg",\n"x":1}',
      manifestLine(1),
    ];
    const plan = planPush(lines, fakeValidateLine);
    const items = linesToSend(plan, true).map((l) => ({ index: l.fileLine }));
    const rejected = linesNotSent(plan, true);
    assert.deepStrictEqual(items.map((i) => i.index), [0, 7]);
    assert.deepStrictEqual(
      rejected.map((r) => [r.line, r.code]),
      [
        [1, 'ERROR_INVALID_JSON_LINE'],
        [2, 'CL_BLANK_LINE'],
        [3, 'ERROR_MISSING_SOURCE_REF'],
        [4, 'ERROR_INVALID_SOURCE_REF_FORMAT'],
        [5, 'CL_DUPLICATE_SOURCE_REF'],
        [6, 'ERROR_INVALID_JSON_LINE'],
      ],
    );
    assert.equal(rejected[0].reason, 'The line is not valid JSON.', 'the validator\'s message, said once');
    assert.match(rejected[4].reason, /already on line 1/);
    assert.match(rejected[5].reason, /line break/);
  });

  it('packs lines with errors in file order like the others (they never fail an update; terminal ones are never sent)', async () => {
    const ds = new FakeDataset();
    const lines = [...range(0, 40).map((i) => manifestLine(i, 20)), ...range(40, 50).map((i) => manifestLine(i, 20).replace('"label":1', '"label":9'))];
    const withError: LineValidator = (text, line = 0) => {
      const result = fakeValidateLine(text, line);
      return text.includes('"label":9')
        ? { ...result, problems: [{ line, start: 0, end: 1, severity: 'error', code: 'ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT', message: 'bad', scope: 'line' }] }
        : result;
    };
    const max = lineBytes(lines[49]) * 10; // ten lines per request
    const result = await push({ ...deps(ds), validateLine: withError }, TRAIN_ARN, lines, { maxBatchBytes: max });
    assert.deepStrictEqual(result.batches.map((b) => b.lines), range(0, 5).map((k) => range(k * 10, k * 10 + 10)), 'file order: the last batch is all lines with errors');
    assert.deepStrictEqual(result.landed, range(0, 50));
  });

  it('sends the batches in order, one at a time, waiting for UPDATE_COMPLETE in between', async () => {
    const ds = new FakeDataset();
    ds.busyPolls = 2;
    const lines = range(0, 10).map((i) => manifestLine(i, 20));
    const max = lineBytes(lines[0]) * 3; // three lines per request
    const fractions: number[] = [];
    const result = await push(deps(ds), TRAIN_ARN, lines, {
      maxBatchBytes: max,
      progress: { report: (_m, f) => f !== undefined && fractions.push(f) },
    });
    assert.strictEqual(ds.bodies.length, 4);
    assert.deepStrictEqual(ds.bodies.join('').split('\n').slice(0, -1), lines);
    assert.deepStrictEqual(result.landed, range(0, 10));
    assert.deepStrictEqual(result.notLanded, []);
    assert.deepStrictEqual(result.rejected, []);
    assert.deepStrictEqual(result.batches.map((b) => [b.state, b.lines.length]), [['landed', 3], ['landed', 3], ['landed', 3], ['landed', 1]]);
    assert.strictEqual(result.cancelled, false);
    assert.strictEqual(result.dataset?.status, 'UPDATE_COMPLETE');
    assert.deepStrictEqual([...fractions].sort((a, b) => a - b), fractions, 'progress only moves forward');
    assert.strictEqual(fractions.at(-1), 1);
  });

  it('a failed call stops the push: later batches not sent, the result says exactly which', async () => {
    const ds = new FakeDataset();
    ds.failCall.add(2);
    const lines = range(0, 9).map((i) => manifestLine(i));
    const result = await push(deps(ds), TRAIN_ARN, lines, { maxBatchBytes: lineBytes(lines[0]) * 3 });
    assert.deepStrictEqual(result.batches.map((b) => b.state), ['landed', 'refused', 'not-sent']);
    assert.match(result.batches[1].error ?? '', /injected failure of call 2/);
    assert.deepStrictEqual(result.landed, [0, 1, 2]);
    assert.deepStrictEqual(result.notLanded, range(3, 9));
    assert.strictEqual(ds.bodies.length, 1);
  });

  it('a batch that ends UPDATE_FAILED is not counted as accepted', async () => {
    const ds = new FakeDataset();
    ds.failUpdate.add(2);
    const lines = range(0, 6).map((i) => manifestLine(i));
    const result = await push(deps(ds), TRAIN_ARN, lines, { maxBatchBytes: lineBytes(lines[0]) * 2 });
    assert.deepStrictEqual(result.batches.map((b) => b.state), ['landed', 'refused', 'not-sent']);
    assert.match(result.batches[1].error ?? '', /UPDATE_FAILED: Injected failure \[SERVICE_ERROR\]/);
    assert.deepStrictEqual(result.landed, [0, 1]);
    assert.deepStrictEqual(result.notLanded, [2, 3, 4, 5]);
    assert.strictEqual(result.dataset?.status, 'UPDATE_FAILED');
  });

  it('cancelled while a sent batch is updating: nothing more is sent, and the push waits for the batch the service accepted to say it landed', async () => {
    const ds = new FakeDataset();
    const source = createCancellationSource();
    const lines = range(0, 8).map((i) => manifestLine(i));
    const messages: string[] = [];
    const result = await push(deps(ds), TRAIN_ARN, lines, {
      maxBatchBytes: lineBytes(lines[0]) * 2,
      cancellation: source.token,
      progress: { report: (m) => (messages.push(m), /^Batch 2 of 4 sent/.test(m) && source.cancel()) },
    });
    assert.strictEqual(result.cancelled, true);
    assert.strictEqual(ds.bodies.length, 2);
    assert.deepStrictEqual(result.batches.map((b) => b.state), ['landed', 'landed', 'not-sent', 'not-sent']);
    assert.deepStrictEqual(result.landed, [0, 1, 2, 3], 'the accepted batch landed and is reported so');
    assert.deepStrictEqual(result.notLanded, [4, 5, 6, 7]);
    assert.ok(messages.some((m) => /^Cancelled: no more batches are sent\. Waiting for the dataset to finish batch 2 \(2 lines\)/.test(m)), messages.join('\n'));
    assert.strictEqual(result.dataset?.status, 'UPDATE_COMPLETE', 'the dataset as it is after the batch');
  });

  it('cancelled, and the accepted batch is still updating after the grace wait: its lines are unknown and the counts are not given', async () => {
    const ds = new FakeDataset();
    const source = createCancellationSource();
    const lines = range(0, 8).map((i) => manifestLine(i));
    const result = await push(deps(ds), TRAIN_ARN, lines, {
      maxBatchBytes: lineBytes(lines[0]) * 2,
      cancellation: source.token,
      progress: {
        report: (m) => {
          if (/^Sending batch 2 of 4/.test(m)) ds.busyPolls = 1_000_000;
          if (/^Batch 2 of 4 sent/.test(m)) source.cancel();
        },
      },
    });
    assert.strictEqual(result.cancelled, true);
    assert.deepStrictEqual(result.batches.map((b) => b.state), ['landed', 'unknown', 'not-sent', 'not-sent']);
    assert.deepStrictEqual(result.landed, [0, 1], 'only the batch the dataset confirmed');
    assert.deepStrictEqual(result.unknown, [2, 3], 'sent, still updating when the push stopped waiting');
    assert.deepStrictEqual(result.notLanded, [4, 5, 6, 7]);
    assert.strictEqual(result.dataset, undefined, 'no counts from before the batch');
  });

  it('the wait times out while a batch is updating, and the update then fails: the lines are unknown, and pushing again sends them', async () => {
    const ds = new FakeDataset();
    ds.failUpdate.add(2);
    const lines = range(0, 6).map((i) => manifestLine(i));
    const d = deps(ds);
    const options = { maxBatchBytes: lineBytes(lines[0]) * 2 };
    // Batch 1 lands; batch 2 is still updating when the wait gives up.
    ds.busyPolls = 1;
    let slow = false;
    const result = await push(d, TRAIN_ARN, lines, {
      ...options,
      wait: { timeoutMs: 1_000 },
      progress: {
        report: (m) => {
          if (!slow && /^Sending batch 2/.test(m)) {
            slow = true;
            ds.busyPolls = 1000;
          }
        },
      },
    });
    assert.deepStrictEqual(result.batches.map((b) => b.state), ['landed', 'unknown', 'not-sent']);
    assert.deepStrictEqual(result.landed, [0, 1]);
    assert.deepStrictEqual(result.unknown, [2, 3], 'not counted as landed: the update had not ended');
    assert.match(result.batches[1].error ?? '', /did not confirm it: .*timed out/);
    // The update then fails: nothing of batch 2 is in the dataset.
    ds.busyPolls = 1;
    ds.settleSoon();
    await ds.describe();
    assert.strictEqual(ds.status, 'UPDATE_FAILED');
    for (const line of result.landed) assert.ok(ds.entries.has(`s3://bucket/img-${line}.jpg`), `landed line ${line} is in the dataset`);
    // Pushing the whole file again sends only what is not in the dataset.
    const before = ds.bodies.length;
    const again = await push(d, TRAIN_ARN, lines, options);
    const sent = ds.bodies.slice(before).join('').split('\n').filter(Boolean);
    assert.deepStrictEqual(sent, lines.slice(2), 'lines 3-6 only');
    assert.deepStrictEqual(again.unchanged, [0, 1]);
    assert.deepStrictEqual(again.landed, [2, 3, 4, 5]);
    assert.deepStrictEqual([...ds.entries.keys()].sort(), lines.map((_, i) => `s3://bucket/img-${i}.jpg`).sort(), 'every line once');
  });

  it('a lost response (applied, but the call failed on the network) is unknown, not "not sent"; pushing again sends nothing twice', async () => {
    const ds = new FakeDataset();
    ds.loseResponse.add(2);
    const lines = range(0, 6).map((i) => manifestLine(i));
    const d = deps(ds);
    const options = { maxBatchBytes: lineBytes(lines[0]) * 2 };
    const result = await push(d, TRAIN_ARN, lines, options);
    assert.deepStrictEqual(result.batches.map((b) => b.state), ['landed', 'unknown', 'not-sent']);
    assert.deepStrictEqual(result.unknown, [2, 3]);
    assert.deepStrictEqual(result.notLanded, [4, 5]);
    assert.match(result.batches[1].error ?? '', /may have reached the dataset.*socket hang up/);
    const before = ds.bodies.length;
    const again = await push(d, TRAIN_ARN, lines, options);
    assert.deepStrictEqual(ds.bodies.slice(before).join('').split('\n').filter(Boolean), lines.slice(4), 'only the batch never sent');
    assert.deepStrictEqual(again.unchanged, [0, 1, 2, 3]);
  });

  it('sends only added and changed lines, by source-ref, ignoring the keys the service adds and the order of keys', async () => {
    const ds = new FakeDataset();
    const line = (i: number, label = 1) => JSON.stringify({ 'source-ref': `s3://bucket/img-${i}.jpg`, label, 'label-metadata': { 'class-name': 'cat', confidence: 1 } });
    // What the service stores: its own keys added, keys reordered.
    ds.entries.set('s3://bucket/img-0.jpg', JSON.stringify({ 'label-metadata': { confidence: 1, 'class-name': 'cat', errors: [{ code: 'X', message: 'y' }] }, label: 1, 'source-ref': 's3://bucket/img-0.jpg', 'cl-metadata': { is_labeled: true }, 'cl-errors': [] }));
    ds.entries.set('s3://bucket/img-1.jpg', line(1, 1));
    ds.entries.set('s3://bucket/gone.jpg', JSON.stringify({ 'source-ref': 's3://bucket/gone.jpg' }));
    const lines = [line(0), line(1, 2), line(2)];
    const result = await push(deps(ds), TRAIN_ARN, lines);
    assert.deepStrictEqual(result.diff?.unchanged, [0]);
    assert.deepStrictEqual(result.diff?.changed, [1]);
    assert.deepStrictEqual(result.diff?.added, [2]);
    assert.deepStrictEqual(result.diff?.onlyInDataset, { count: 1, sourceRefs: ['s3://bucket/gone.jpg'] });
    assert.deepStrictEqual(ds.bodies, [`${lines[1]}\n${lines[2]}\n`]);
    assert.deepStrictEqual(result.landed, [1, 2]);
    assert.deepStrictEqual(result.unchanged, [0]);
    // With compare: false everything goes.
    const all = await push(deps(ds), TRAIN_ARN, lines, { compare: false });
    assert.deepStrictEqual(all.landed, [0, 1, 2]);
    assert.strictEqual(all.diff, undefined);
  });

  it('waits for a busy dataset before the first batch, and refuses a dataset whose creation failed', async () => {
    const ds = new FakeDataset();
    ds.status = 'CREATE_IN_PROGRESS';
    ds.busyPolls = 3;
    const result = await push(deps(ds), TRAIN_ARN, [manifestLine(1)]);
    assert.deepStrictEqual(result.landed, [0]);
    assert.strictEqual(ds.bodies.length, 1, 'sent once the creation completed, never while busy');

    const failed = new FakeDataset();
    failed.status = 'CREATE_FAILED';
    await assert.rejects(
      push(deps(failed), TRAIN_ARN, [manifestLine(1)]),
      (e: unknown) => e instanceof CustomLabelsError && e.code === 'PRECONDITION_FAILED' && /Delete the dataset, create it again/.test(e.hint ?? ''),
    );
    assert.strictEqual(failed.bodies.length, 0);
    await assert.rejects(compareWithDataset(deps(failed), TRAIN_ARN, planPush([manifestLine(1)], fakeValidateLine)), (e: unknown) => e instanceof CustomLabelsError && e.code === 'PRECONDITION_FAILED');
    assert.strictEqual(failed.lists, 0, 'not listed');
  });

  it('the diff waits for an update in flight to end before reading the entries (it may be one whose answer was lost)', async () => {
    const ds = new FakeDataset();
    ds.busyPolls = 3;
    const lines = range(0, 4).map((i) => manifestLine(i));
    await ds.update(TRAIN_ARN, Buffer.from(lines.slice(0, 2).join('\n') + '\n'));
    const diff = await compareWithDataset(deps(ds), TRAIN_ARN, planPush(lines, fakeValidateLine));
    assert.deepStrictEqual(diff.unchanged, [0, 1]);
    assert.deepStrictEqual(diff.added, [2, 3]);
  });

  it('a line alone over the request size is refused, naming its size; nothing valid is lost', async () => {
    const ds = new FakeDataset();
    const lines = [manifestLine(0), manifestLine(1, 500), manifestLine(2)];
    const result = await push(deps(ds), TRAIN_ARN, lines, { maxBatchBytes: 200 });
    assert.deepStrictEqual(result.rejected.map((r) => [r.line, r.code]), [[1, 'CL_LINE_TOO_LONG']]);
    assert.match(result.rejected[0].reason, /takes 5\d\d bytes; one request holds at most 200 bytes/);
    assert.deepStrictEqual(result.landed, [0, 2]);
  });

  it('nothing to send: no call at all', async () => {
    const ds = new FakeDataset();
    const result = await push(deps(ds), TRAIN_ARN, ['', 'not json']);
    assert.strictEqual(ds.describes + ds.lists + ds.bodies.length, 0);
    assert.deepStrictEqual(result.batches, []);
    assert.strictEqual(result.rejected.length, 2);
  });
});

describe('rekognition/push: a property over faults (fakes)', () => {
  it('every line is in exactly one list; landed lines are in the dataset, notLanded ones are not; pushing again sends only what had not landed', async () => {
    const fc = await import('fast-check');
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 24 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom('refuse', 'lose', 'fail', 'cancel', 'timeout', 'kill', 'none'),
        async (n, perBatch, k, fault) => {
          const ds = new FakeDataset();
          const d = deps(ds);
          const lines = range(0, n).map((i) => manifestLine(i));
          const options = { maxBatchBytes: Math.max(...lines.map(lineBytes)) * perBatch };
          const source = createCancellationSource();
          if (fault === 'refuse') ds.failCall.add(k);
          if (fault === 'lose') ds.loseResponse.add(k);
          if (fault === 'fail') ds.failUpdate.add(k);
          const sentBatch = new RegExp(`^Batch ${k} of \\d+ sent`);
          let result: Awaited<ReturnType<typeof push>> | undefined;
          try {
            result = await push(d, TRAIN_ARN, lines, {
              ...options,
              cancellation: source.token,
              wait: { timeoutMs: 1_000 },
              progress: {
                report: (m) => {
                  if (!sentBatch.test(m)) return;
                  if (fault === 'cancel') source.cancel();
                  if (fault === 'timeout') ds.busyPolls = 10_000;
                  if (fault === 'kill') throw new Error('killed');
                },
              },
            });
          } catch (e) {
            assert.strictEqual((e as Error).message, 'killed');
          }
          // Let whatever is in flight end.
          ds.busyPolls = 1;
          ds.settleSoon();
          await ds.describe();
          if (result) {
            const all = [...result.landed, ...result.unknown, ...result.notLanded, ...result.unchanged, ...result.rejected.map((r) => r.line)].sort((a, b) => a - b);
            assert.deepStrictEqual(all, range(0, n), 'each line in exactly one list');
            for (const i of result.landed) assert.ok(ds.entries.has(`s3://bucket/img-${i}.jpg`), `landed line ${i} is in the dataset`);
            for (const i of result.notLanded) assert.ok(!ds.entries.has(`s3://bucket/img-${i}.jpg`), `line ${i} reported not landed is in the dataset`);
          }
          const before = ds.bodies.length;
          const inDataset = new Set(ds.entries.keys());
          const again = await push(d, TRAIN_ARN, lines, options);
          const sent = ds.bodies.slice(before).join('').split('\n').filter(Boolean);
          assert.deepStrictEqual(sent, lines.filter((l) => !inDataset.has(JSON.parse(l)['source-ref'])), 'only what had not landed');
          assert.deepStrictEqual(again.landed.length + again.unchanged.length, n);
          assert.strictEqual(ds.entries.size, n, 'every line once');
        },
      ),
      { numRuns: 300 },
    );
  });
});
