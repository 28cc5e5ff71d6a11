/** The source-ref index counts lines by a hash of the ref: the table, and what equal hashes must not do. */
import * as assert from 'assert';
import fc from 'fast-check';
import { HashCounts, hashString } from '../../../../src/manifest/document/hash-counts';
import { validateLines, validateText } from '../../../../src/manifest/validate';
import { cls } from '../helpers';

describe('HashCounts', () => {
  it('counts like a Map, through growth and removals (keys crowded into few slots)', () => {
    const op = fc.tuple(fc.boolean(), fc.oneof(fc.nat({ max: 40 }), fc.nat({ max: 40 }).map((k) => k * 64), fc.nat({ max: 0x3fffffff })));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const table = new HashCounts();
        const oracle = new Map<number, number>();
        for (const [add, key] of ops) {
          const before = oracle.get(key) ?? 0;
          if (add) {
            assert.strictEqual(table.increment(key), before);
            oracle.set(key, before + 1);
          } else {
            assert.strictEqual(table.decrement(key), before);
            if (before > 1) oracle.set(key, before - 1);
            else oracle.delete(key);
          }
        }
        for (const [key, n] of oracle) {
          assert.strictEqual(table.increment(key), n, `count of ${key}`);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('hashes to 30-bit non-negative integers', () => {
    for (const s of ['', 'a', 's3://my-bucket/a.jpg', '\uD800', 'x'.repeat(1000)]) {
      const h = hashString(s);
      assert.ok(Number.isInteger(h) && h >= 0 && h < 2 ** 30, `${s}: ${h}`);
    }
  });
});

describe('source-refs with equal hashes', () => {
  // Two different refs with the same 30-bit hash (found by search): only equal strings are duplicates.
  const x = 's3://my-bucket/2756.jpg';
  const y = 's3://my-bucket/5095.jpg';

  it('are not duplicates unless the strings are equal', async () => {
    assert.strictEqual(hashString(x), hashString(y));
    const lines = [cls({ ref: x }), cls({ ref: y }), cls({ ref: x })];
    for (const { problems } of [validateText(lines.join('\n')), await validateLines(lines)]) {
      const dups = problems.filter((p) => p.code === 'CL_DUPLICATE_SOURCE_REF');
      assert.deepStrictEqual(
        dups.map((p) => [p.line, p.data?.sourceRef]),
        [
          [0, x],
          [2, x],
        ],
      );
    }
  });

  it('compare the refs as JSON.parse reads them (escapes, a second spelling of the key)', () => {
    const escaped = cls({ ref: x }).replace('2756', '\\u0032\\u0037\\u0035\\u0036');
    const respelt = `{"source-ref": "s3://my-bucket/other.jpg", ${cls({ ref: x }).slice(1).replace('"source-ref"', '"source\\u002dref"')}`;
    const { problems } = validateText([cls({ ref: x }), escaped, respelt, cls({ ref: y })].join('\n'));
    const dups = problems.filter((p) => p.code === 'CL_DUPLICATE_SOURCE_REF');
    assert.deepStrictEqual(
      dups.map((p) => p.line),
      [0, 1, 2],
    );
  });
});
