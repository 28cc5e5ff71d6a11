import * as assert from 'assert';
import * as fc from 'fast-check';
import { canonicalEntry, diffEntries, sameEntry } from '../../../src/rekognition/push-diff';
import { createCancellationSource } from '../../../src/rekognition/cancellation';
import { CustomLabelsError } from '../../../src/rekognition/types';

const ref = (i: number) => `s3://bucket/img-${i}.jpg`;
const line = (i: number, extra: Record<string, unknown> = {}) => JSON.stringify({ 'source-ref': ref(i), label: 1, 'label-metadata': { 'class-name': 'cat', confidence: 1 }, ...extra });
const planned = (lines: string[]) => lines.map((text, fileLine) => ({ fileLine, text, sourceRef: (JSON.parse(text) as Record<string, string>)['source-ref'] }));

async function* pages(entries: string[], size = 2): AsyncGenerator<string[]> {
  for (let i = 0; i < entries.length; i += size) yield entries.slice(i, i + size);
}

describe('rekognition/push-diff', () => {
  it('canonical form: the keys the service writes (at any depth) removed, keys sorted, spacing ignored', () => {
    const local = '{"source-ref": "s3://b/a.jpg", "boxes": {"annotations": [{"class_id": 0, "top": 1}]}, "boxes-metadata": {"type": "groundtruth/object-detection"}}';
    const stored = JSON.stringify({
      'cl-metadata': { is_labeled: true },
      'boxes-metadata': { type: 'groundtruth/object-detection', 'cl-warnings': [{ code: 'W', message: 'm' }] },
      boxes: { annotations: [{ top: 1, class_id: 0, errors: [{ code: 'E', message: 'm' }] }], 'cl-errors': [] },
      'source-ref': 's3://b/a.jpg',
      errors: [{ code: 'ERROR_NO_VALID_LABEL_ATTRIBUTES', message: 'm' }],
      warnings: [],
    });
    assert.strictEqual(canonicalEntry(stored), canonicalEntry(local));
    assert.notStrictEqual(canonicalEntry(local.replace('"top": 1', '"top": 2')), canonicalEntry(local), 'a value change is a change');
    assert.notStrictEqual(
      canonicalEntry('{"source-ref":"s3://b/a.jpg","x":[1,2]}'),
      canonicalEntry('{"source-ref":"s3://b/a.jpg","x":[2,1]}'),
      'array order matters',
    );
    assert.strictEqual(canonicalEntry('{"a": 1.0, "b": "\\u0041"}'), canonicalEntry('{"b":"A","a":1}'));
    assert.strictEqual(canonicalEntry('not json'), undefined);
    assert.strictEqual(canonicalEntry('[1]'), undefined);
    // A user key named like an Object.prototype member is an ordinary key.
    assert.notStrictEqual(canonicalEntry('{"__proto__": {"x": 1}}'), canonicalEntry('{}'));
  });

  it('sameEntry agrees with the canonical form, and ignores service keys added and keys reordered', () => {
    const key = fc.constantFrom('source-ref', 'a', 'b', 'errors', 'cl-metadata', 'warnings', '__proto__', 'constructor');
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.integer(), fc.string(), fc.boolean(), fc.constant(null), tie('array'), tie('object')),
      array: fc.array(tie('value'), { maxLength: 3 }),
      object: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
    })).object;
    fc.assert(
      fc.property(json, json, (a, b) => {
        const [x, y] = [JSON.stringify(a), JSON.stringify(b)];
        assert.strictEqual(sameEntry(JSON.parse(x), JSON.parse(y)), canonicalEntry(x) === canonicalEntry(y), `${x} vs ${y}`);
        // The same object with its keys reversed and service keys added is the same entry.
        const shuffled = Object.fromEntries([['cl-metadata', { is_labeled: true }], ...Object.entries(JSON.parse(x) as object).reverse()]);
        assert.ok(sameEntry(JSON.parse(x), JSON.parse(JSON.stringify(shuffled))), x);
      }),
      { numRuns: 500 },
    );
  });

  it('sorts local lines into added, changed, unchanged, and counts entries only in the dataset (listing a bounded number)', async () => {
    const lines = [line(0), line(1), line(2), line(3)];
    const dataset = [
      JSON.stringify({ 'cl-metadata': { is_labeled: true }, ...JSON.parse(line(0)) }),
      line(1, { label: 2 }),
      line(3),
      line(10),
      line(11),
      line(12),
      'not json',
    ];
    const diff = await diffEntries(planned(lines), pages(dataset), { listLimit: 2 });
    assert.deepStrictEqual(diff.unchanged, [0, 3]);
    assert.deepStrictEqual(diff.changed, [1]);
    assert.deepStrictEqual(diff.added, [2]);
    assert.deepStrictEqual(diff.onlyInDataset, { count: 3, sourceRefs: [ref(10), ref(11)] });
    assert.strictEqual(diff.entries, 7);
  });

  it('a line nested too deep to compare is "changed" (sent again), never a thrown diff', async () => {
    const deep = `{"source-ref":"${ref(0)}","x":${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
    const diff = await diffEntries([{ fileLine: 0, text: deep, sourceRef: ref(0) }], pages([deep]));
    assert.deepStrictEqual(diff.changed, [0]);
    assert.strictEqual(canonicalEntry(deep), undefined);
  });

  it('an empty dataset: everything added, one empty page read', async () => {
    const diff = await diffEntries(planned([line(0), line(1)]), pages([]));
    assert.deepStrictEqual(diff.added, [0, 1]);
    assert.strictEqual(diff.entries, 0);
  });

  it('stops with CANCELLED between pages', async () => {
    const source = createCancellationSource();
    let read = 0;
    async function* counted(): AsyncGenerator<string[]> {
      for (let i = 0; i < 5; i++) {
        read++;
        if (i === 1) source.cancel();
        yield [line(100 + i)];
      }
    }
    await assert.rejects(diffEntries(planned([line(0)]), counted(), { cancellation: source.token }), (e: unknown) => e instanceof CustomLabelsError && e.code === 'CANCELLED');
    assert.strictEqual(read, 2);
  });
});
