import * as assert from 'assert';
import { pushEntries, type PushDeps } from '../../../src/rekognition/push';
import { linesNotSent, linesToSend, planPush, type LineValidator } from '../../../src/rekognition/push-plan';
import { createCancellationSource } from '../../../src/rekognition/cancellation';
import { lineBytes } from '../../../src/rekognition/pack';
import { CustomLabelsError } from '../../../src/rekognition/types';
import { FakeClock, FakeDataset, fakeValidateLine, manifestLine, TRAIN_ARN } from './fakes';

type TestDeps = PushDeps & { validateLine: LineValidator };

function deps(ds: FakeDataset): TestDeps {
  return { validateLine: fakeValidateLine, update: ds.update, describe: ds.describe, clock: new FakeClock() };
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
    assert.match(rejected[0].reason, /service would drop this line without reporting it/);
    assert.match(rejected[4].reason, /already on line 1/);
    assert.match(rejected[5].reason, /line break/);
  });

  it('spreads lines with errors over the batches so that none crosses the 20% the service allows per update', async () => {
    const ds = new FakeDataset();
    // 40 good lines, then 10 with an error (imported, but counted against the threshold): 20% overall.
    const lines = [...range(0, 40).map((i) => manifestLine(i, 20)), ...range(40, 50).map((i) => manifestLine(i, 20).replace('"label":1', '"label":9'))];
    const withError: LineValidator = (text, line = 0) => {
      const result = fakeValidateLine(text, line);
      return text.includes('"label":9')
        ? { ...result, problems: [{ line, start: 0, end: 1, severity: 'error', code: 'ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT', message: 'bad', scope: 'line' }] }
        : result;
    };
    const max = lineBytes(lines[49]) * 10; // ten lines per request
    const result = await push({ ...deps(ds), validateLine: withError }, TRAIN_ARN, lines, { maxBatchBytes: max });
    assert.strictEqual(ds.bodies.length, 5, 'no more requests than in file order');
    for (const body of ds.bodies) {
      const sent = body.split('\n').filter(Boolean);
      const bad = sent.filter((l) => l.includes('"label":9')).length;
      assert.ok(bad * 100 <= sent.length * 20, `a batch with ${bad} of ${sent.length} lines in error would fail the update`);
    }
    assert.deepStrictEqual([...result.accepted].sort((x, y) => x - y), range(0, 50), 'every line sent once');
    // Packed in file order, the last batch would have been all errors.
    const inOrder = await push(deps(new FakeDataset()), TRAIN_ARN, lines, { maxBatchBytes: max });
    assert.deepStrictEqual(inOrder.batches.map((b) => b.lines), range(0, 5).map((k) => range(k * 10, k * 10 + 10)), 'without errors: file order');
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
    assert.deepStrictEqual(result.accepted, range(0, 10));
    assert.deepStrictEqual(result.notSent, []);
    assert.deepStrictEqual(result.rejected, []);
    assert.deepStrictEqual(result.batches.map((b) => [b.state, b.lines.length]), [['sent', 3], ['sent', 3], ['sent', 3], ['sent', 1]]);
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
    assert.deepStrictEqual(result.batches.map((b) => b.state), ['sent', 'failed', 'not-sent']);
    assert.match(result.batches[1].error ?? '', /injected failure of call 2/);
    assert.deepStrictEqual(result.accepted, [0, 1, 2]);
    assert.deepStrictEqual(result.notSent, range(3, 9));
    assert.strictEqual(ds.bodies.length, 1);
  });

  it('a batch that ends UPDATE_FAILED is not counted as accepted', async () => {
    const ds = new FakeDataset();
    ds.failUpdate.add(2);
    const lines = range(0, 6).map((i) => manifestLine(i));
    const result = await push(deps(ds), TRAIN_ARN, lines, { maxBatchBytes: lineBytes(lines[0]) * 2 });
    assert.deepStrictEqual(result.batches.map((b) => b.state), ['sent', 'failed', 'not-sent']);
    assert.match(result.batches[1].error ?? '', /UPDATE_FAILED: Injected failure \[SERVICE_ERROR\]/);
    assert.deepStrictEqual(result.accepted, [0, 1]);
    assert.deepStrictEqual(result.notSent, [2, 3, 4, 5]);
    assert.strictEqual(result.dataset?.status, 'UPDATE_FAILED');
  });

  it('cancellation between batches: nothing more is sent, the rest is reported not sent', async () => {
    const ds = new FakeDataset();
    const source = createCancellationSource();
    const lines = range(0, 8).map((i) => manifestLine(i));
    const result = await push(deps(ds), TRAIN_ARN, lines, {
      maxBatchBytes: lineBytes(lines[0]) * 2,
      cancellation: source.token,
      progress: { report: (m) => /^Batch 2 of 4 sent/.test(m) && source.cancel() },
    });
    assert.strictEqual(result.cancelled, true);
    assert.strictEqual(ds.bodies.length, 2);
    assert.deepStrictEqual(result.accepted, [0, 1, 2, 3]);
    assert.deepStrictEqual(result.notSent, [4, 5, 6, 7]);
    assert.deepStrictEqual(result.batches.map((b) => b.state), ['sent', 'sent', 'not-sent', 'not-sent']);
  });

  it('waits for a busy dataset before the first batch, and refuses a dataset whose creation failed', async () => {
    const ds = new FakeDataset();
    ds.status = 'CREATE_IN_PROGRESS';
    ds.busyPolls = 3;
    const result = await push(deps(ds), TRAIN_ARN, [manifestLine(1)]);
    assert.deepStrictEqual(result.accepted, [0]);
    assert.strictEqual(ds.bodies.length, 1, 'sent once the creation completed, never while busy');

    const failed = new FakeDataset();
    failed.status = 'CREATE_FAILED';
    await assert.rejects(
      push(deps(failed), TRAIN_ARN, [manifestLine(1)]),
      (e: unknown) => e instanceof CustomLabelsError && e.code === 'PRECONDITION_FAILED' && /Delete the dataset, create it again/.test(e.hint ?? ''),
    );
    assert.strictEqual(failed.bodies.length, 0);
  });

  it('a line alone over the request size is refused, naming its size; nothing valid is lost', async () => {
    const ds = new FakeDataset();
    const lines = [manifestLine(0), manifestLine(1, 500), manifestLine(2)];
    const result = await push(deps(ds), TRAIN_ARN, lines, { maxBatchBytes: 200 });
    assert.deepStrictEqual(result.rejected.map((r) => [r.line, r.code]), [[1, 'CL_LINE_TOO_LONG']]);
    assert.match(result.rejected[0].reason, /takes 5\d\d bytes; one request holds at most 200 bytes/);
    assert.deepStrictEqual(result.accepted, [0, 2]);
  });

  it('nothing to send: no call at all', async () => {
    const ds = new FakeDataset();
    const result = await push(deps(ds), TRAIN_ARN, ['', 'not json']);
    assert.strictEqual(ds.describes + ds.bodies.length, 0);
    assert.deepStrictEqual(result.batches, []);
    assert.strictEqual(result.rejected.length, 2);
  });
});
