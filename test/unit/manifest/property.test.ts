/** Properties: the validator never throws and its ranges stay inside their line, whatever the input. */
import * as assert from 'assert';
import fc from 'fast-check';
import { internalFailures } from '../../../src/manifest/rules/check-line';
import { ManifestDocument } from '../../../src/manifest/document/document';
import { validateLine } from '../../../src/manifest/validate';
import type { Problem } from '../../../src/manifest/types';
import { GUIDE, cls, det } from './helpers';

function contentLength(line: string): number {
  return line.endsWith('\r') ? line.length - 1 : line.length;
}

function assertInside(p: Problem, line: string): void {
  assert.ok(Number.isInteger(p.start) && Number.isInteger(p.end), JSON.stringify(p));
  assert.ok(p.start >= 0 && p.start <= p.end && p.end <= contentLength(line), `${JSON.stringify(p)} outside ${JSON.stringify(line)}`);
  for (const r of p.related ?? []) assert.ok(r.start >= 0 && r.start <= r.end, JSON.stringify(r));
}

const VALID = [...GUIDE.slice(0, 5), cls(), det(), det({ size: { width: 4000, height: 3000, depth: 3 } })];

/** A valid line with random characters inserted, deleted or replaced. */
const mutatedLine = fc
  .tuple(
    fc.constantFrom(...VALID),
    fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.string({ maxLength: 3, unit: fc.constantFrom('"', '{', '}', '[', ']', ',', ':', '-', '1', 'a', ' ', '\\', '\r', '\uD800') })), {
      maxLength: 4,
    }),
  )
  .map(([line, edits]) => {
    let s = line;
    for (const [at, del, ins] of edits) {
      const i = at % (s.length + 1);
      s = s.slice(0, i) + ins + s.slice(i + del);
    }
    return s.replace(/\n/g, '');
  });

/** Valid JSON with random values where the manifest expects numbers, strings and objects. */
const mutatedValue = fc
  .tuple(fc.constantFrom(...VALID), fc.array(fc.tuple(fc.nat(), fc.jsonValue({ maxDepth: 2 })), { maxLength: 3 }))
  .map(([line, swaps]) => {
    const o = JSON.parse(line) as unknown;
    const slots: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach((x, i) => (slots.push({ parent: v, key: i }), walk(x)));
      else if (v && typeof v === 'object') for (const k of Object.keys(v)) (slots.push({ parent: v as Record<string, unknown>, key: k }), walk((v as Record<string, unknown>)[k]));
    };
    walk(o);
    for (const [at, value] of swaps) {
      const slot = slots[at % slots.length];
      (slot.parent as Record<string | number, unknown>)[slot.key] = value;
    }
    return JSON.stringify(o);
  });

describe('validator properties', () => {
  // validateLine catches its own bugs so that the editor never sees an exception; count them here.
  let failuresBefore = 0;
  beforeEach(() => {
    failuresBefore = internalFailures.count;
  });
  afterEach(() => {
    assert.strictEqual(internalFailures.count, failuresBefore, `the validator failed internally: ${String(internalFailures.last)}`);
  });

  it('validateLine never throws and keeps ranges inside the line, for any string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.json()), fc.nat({ max: 3 }), (text, line) => {
        const r = validateLine(text, line);
        for (const p of r.problems) {
          assert.strictEqual(p.line, line);
          assertInside(p, text);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('validateLine never throws on mutated valid lines, and flags every change that breaks the JSON', () => {
    fc.assert(
      fc.property(mutatedLine, (text) => {
        const r = validateLine(text);
        for (const p of r.problems) assertInside(p, text);
        let parses = true;
        try {
          JSON.parse(text.endsWith('\r') ? text.slice(0, -1) : text);
        } catch {
          parses = false;
        }
        if (!parses && text.trim() !== '') assert.ok(r.problems.some((p) => p.code === 'ERROR_INVALID_JSON_LINE' || p.code === 'CL_LINE_TOO_LONG'));
      }),
      { numRuns: 500 },
    );
  });

  it('validateLine never throws on valid JSON with values of the wrong kind', () => {
    fc.assert(
      fc.property(mutatedValue, (text) => {
        for (const p of validateLine(text).problems) assertInside(p, text);
      }),
      { numRuns: 500 },
    );
  });

  it('ManifestDocument never throws and keeps every range inside its line', () => {
    const lineArb = fc.oneof(mutatedLine, mutatedValue, fc.constantFrom(...VALID), fc.string({ maxLength: 20 }));
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 12 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        const doc = new ManifestDocument(lines.join(eol));
        const stats = doc.stats;
        assert.ok(stats.invalidLines <= stats.lines);
        for (const p of doc.problems()) {
          assert.ok(p.line >= 0 && p.line < doc.lineCount);
          assertInside(p, doc.lineText(p.line));
          for (const r of p.related ?? []) assert.ok(r.end <= doc.lineText(r.line).length);
        }
      }),
      { numRuns: 200 },
    );
  });
});
