/** The hand-parsed creation-date check agrees with a plain regular-expression reading of the rule. */
import * as assert from 'assert';
import fc from 'fast-check';
import { creationDateProblem } from '../../../../src/manifest/rules/common';

type Verdict = 'ok' | 'not a string' | 'not ISO-8601' | 'not a real date' | 'not UTC';

/** The rule, written the slow and obvious way. */
function reference(value: unknown): Verdict {
  if (typeof value !== 'string') return 'not a string';
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(value);
  if (!m) return 'not ISO-8601';
  const [y, month, day, hour, minute] = m.slice(1, 6).map(Number);
  const sec = m[6] === undefined ? 0 : Number(m[6]);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (month < 1 || month > 12 || day < 1 || day > days || hour > 23 || minute > 59 || sec > 60) return 'not a real date';
  const zone = m[7];
  if (zone !== undefined && zone !== 'Z' && !/^[+-]00:?00$/.test(zone)) return 'not UTC';
  return 'ok';
}

function verdict(value: unknown): Verdict {
  const why = creationDateProblem(value);
  if (why === undefined) return 'ok';
  if (why.startsWith('must be a string')) return 'not a string';
  if (why.includes('is not an ISO-8601 date-time')) return 'not ISO-8601';
  if (why.includes('is not a real date')) return 'not a real date';
  if (why.includes('is in the time zone')) return 'not UTC';
  throw new Error(`unexpected message: ${why}`);
}

const SEEDS = [
  '2024-05-01T12:00:00Z',
  '2020-03-06T17:46:39.176',
  '2019-01-01 00:00:00.000000',
  '2024-02-29T23:59:60+00:00',
  '2023-02-29T00:00:00Z',
  '2024-05-01T12:00+0200',
  '2024-13-01T12:00:00.123456789Z',
];

/** Date-like strings: a seed with a few characters inserted, deleted or replaced. */
const dateLike = fc
  .tuple(
    fc.constantFrom(...SEEDS),
    fc.array(fc.tuple(fc.nat(), fc.nat({ max: 2 }), fc.string({ maxLength: 2, unit: fc.constantFrom('0', '1', '2', '3', '5', '9', '-', ':', 'T', ' ', 'Z', '+', '.', 'x') })), {
      maxLength: 3,
    }),
  )
  .map(([seed, edits]) => {
    let s = seed;
    for (const [at, del, ins] of edits) {
      const i = at % (s.length + 1);
      s = s.slice(0, i) + ins + s.slice(i + del);
    }
    return s;
  });

describe('creation-date check', () => {
  it('agrees with the reference on the seeds and on values that are not strings', () => {
    for (const v of [...SEEDS, '', 'yesterday', 20240501, null, ['2024-05-01T12:00:00Z']]) assert.strictEqual(verdict(v), reference(v), String(v));
  });

  it('agrees with the reference on mutated dates', () => {
    fc.assert(
      fc.property(dateLike, (v) => {
        assert.strictEqual(verdict(v), reference(v), JSON.stringify(v));
      }),
      { numRuns: 3000 },
    );
  });
});
