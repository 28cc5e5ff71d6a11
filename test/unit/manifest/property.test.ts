/** Properties: the validator never throws and its ranges stay inside their line, whatever the input. */
import * as assert from 'assert';
import fc from 'fast-check';
import { internalFailures } from '../../../src/manifest/rules/check-line';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { ManifestDocument } from '../../../src/manifest/document/document';
import { RangeResolver, type JsonPath } from '../../../src/manifest/rules/line-problems';
import { decodeLines } from '../../../src/manifest/lines';
import { scanPaths } from '../../../src/manifest/rules/path-scan';
import { validateLine, validateStream } from '../../../src/manifest/validate';
import type { Problem } from '../../../src/manifest/types';
import { GUIDE, cls, det } from './helpers';

function contentLength(line: string): number {
  return line.endsWith('\r') ? line.length - 1 : line.length;
}

/**
 * `line` as a validator was given it (its CRLF's CR, if any, still on: not content), or, with
 * `terminated` false, a document's lineText (the CRLF's CR already off: a CR left at its end is a
 * lone CR inside the line, which CL_LONE_CR may point at).
 */
function assertInside(p: Problem, line: string, terminated = true): void {
  assert.ok(Number.isInteger(p.start) && Number.isInteger(p.end), JSON.stringify(p));
  const end = terminated ? contentLength(line) : line.length;
  assert.ok(p.start >= 0 && p.start <= p.end && p.end <= end, `${JSON.stringify(p)} outside ${JSON.stringify(line)}`);
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

/** Names that are members of Object.prototype: as labels, attribute names and keys. */
const PROTO_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'prototype'];

/** A valid line with prototype-named labels, attribute names and extra keys. */
const protoLine = fc
  .tuple(fc.constantFrom(...PROTO_NAMES), fc.constantFrom(...PROTO_NAMES), fc.constantFrom(...PROTO_NAMES), fc.boolean())
  .map(([label, attr, key, detection]) => {
    const line = detection
      ? det({ classMap: { '0': label, '1': key }, boxes: [{ class_id: 0, top: 1, left: 1, width: 50, height: 50 }, { class_id: 1, top: 2, left: 2, width: 9, height: 9 }] })
      : cls({ attr, meta: { 'class-name': label } });
    // A raw key (JSON.stringify would not write "__proto__" as a key of an object literal's copy).
    return line.slice(0, -1) + `,${JSON.stringify(key)}:${JSON.stringify(label)},${JSON.stringify(key + '-metadata')}:{}}`;
  });

/** Nesting far deeper than any manifest: arrays and objects, closed or not. */
const deepLine = fc
  .tuple(fc.integer({ min: 1, max: 20_000 }), fc.constantFrom('[', '{"a":'), fc.boolean(), fc.constantFrom(...VALID))
  .map(([depth, open, closed, valid]) => {
    const close = open === '[' ? ']' : '}';
    const nest = open.repeat(depth) + '1' + (closed ? close.repeat(depth) : '');
    return valid.slice(0, -1) + `,"x":${nest}}`;
  });

/** Lines with lone CRs inside and between values. */
const crLine = fc
  .tuple(fc.constantFrom(...VALID), fc.array(fc.nat(), { minLength: 1, maxLength: 3 }))
  .map(([line, ats]) => {
    let s = line;
    for (const at of ats) {
      const i = at % (s.length + 1);
      s = s.slice(0, i) + '\r' + s.slice(i);
    }
    return s;
  });

/** Bytes of valid lines with bytes that are not UTF-8 put in. */
const badBytes = fc
  .tuple(fc.array(fc.constantFrom(...VALID), { minLength: 1, maxLength: 4 }), fc.array(fc.tuple(fc.nat(), fc.constantFrom(0x80, 0xbf, 0xc0, 0xc3, 0xe2, 0xed, 0xf0, 0xf5, 0xff)), { maxLength: 4 }))
  .map(([lines, inserts]) => {
    let b = Buffer.from(lines.join('\n') + '\n');
    for (const [at, byte] of inserts) {
      const i = at % (b.length + 1);
      b = Buffer.concat([b.subarray(0, i), Buffer.from([byte]), b.subarray(i)]);
    }
    return b;
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
          assertInside(p, doc.lineText(p.line), false);
          for (const r of p.related ?? []) assert.ok(r.end <= doc.lineText(r.line).length);
        }
      }),
      // A line ending in a lone CR before a CRLF (found by a run, seed 2070943771): the CR is in the line.
      { numRuns: 200, examples: [[[`${VALID[0]}\r`, VALID[0]!], '\r\n']] },
    );
  });

  it('never throws and keeps ranges inside the line on deep nesting, prototype-named keys and lone CRs', () => {
    fc.assert(
      fc.property(fc.oneof(protoLine, deepLine, crLine), (text) => {
        const r = validateLine(text);
        for (const p of r.problems) assertInside(p, text);
        for (const l of r.entry?.labels ?? []) assert.strictEqual(typeof l, 'string');
        for (const n of Object.values(r.entry?.boxLabels ?? {})) assert.strictEqual(typeof n, 'number');
        const doc = new ManifestDocument([text, text].join('\n'));
        for (const [label, n] of doc.stats.labels) assert.ok(typeof label === 'string' && Number.isInteger(n), `${label}: ${String(n)}`);
        for (const p of doc.problems()) assertInside(p, doc.lineText(p.line), false);
      }),
      { numRuns: 200 },
    );
  });

  it('the streaming validator never throws on bytes that are not UTF-8, reports each such line, keeps ranges inside', async () => {
    await fc.assert(
      fc.asyncProperty(badBytes, async (bytes) => {
        const batch = decodeLines(bytes);
        const seen: Problem[] = [];
        const stats = await validateStream([batch], undefined, (p) => seen.push(p));
        assert.strictEqual(stats.lines, batch.lines.length);
        for (const p of seen) {
          assert.ok(p.line >= 0 && p.line < batch.lines.length);
          assertInside(p, batch.lines[p.line]);
        }
        for (const [k] of batch.undecodable ?? []) {
          assert.ok(seen.some((p) => p.line === k && p.code === 'ERROR_INVALID_JSON_LINE' && /UTF-8/.test(p.message)), `line ${k}`);
        }
        const wellFormed = Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes);
        assert.strictEqual(batch.undecodable === undefined, wellFormed);
      }),
      { numRuns: 200 },
    );
  });

  it('RangeResolver finds what jsonc-parser\'s findNodeAtLocation finds', () => {
    const pathArb = fc.array(fc.oneof(fc.constantFrom('a', 'b', 'source-ref', '__proto__', 'constructor', 'q"'), fc.nat({ max: 3 })), { maxLength: 4 });
    const value = fc.letrec((tie) => ({
      v: fc.oneof({ depthSize: 'small' }, fc.integer(), fc.array(tie('v'), { maxLength: 4 }), fc.array(fc.tuple(fc.constantFrom('a', 'b', 'source-ref', '__proto__', 'constructor', 'a\\u0062', 'q"'), tie('v')), { maxLength: 4 })),
    })).v;
    const text = (v: unknown): string =>
      Array.isArray(v) && v.every((x) => Array.isArray(x) && x.length === 2 && typeof x[0] === 'string')
        ? `{${(v as [string, unknown][]).map(([k, x]) => `${JSON.stringify(k)}:${text(x)}`).join(',')}}`
        : Array.isArray(v)
          ? `[${v.map(text).join(',')}]`
          : JSON.stringify(v);
    fc.assert(
      fc.property(value, pathArb, fc.constantFrom<'key' | 'value'>('key', 'value'), (v, path, target) => {
        const json = text(v);
        const expected = (() => {
          const root = parseTree(json);
          if (!root) return undefined;
          let p: JsonPath = path;
          let t = target;
          while (p.length > 0) {
            const node = findNodeAtLocation(root, p);
            if (node) {
              if (t === 'key' && node.parent?.type === 'property' && node.parent.children?.[0]) return { start: node.parent.children[0].offset, end: node.parent.children[0].offset + node.parent.children[0].length };
              return { start: node.offset, end: node.offset + node.length };
            }
            p = p.slice(0, -1);
            t = 'key';
          }
          return { start: root.offset, end: root.offset + root.length };
        })();
        if (!expected) return;
        assert.deepStrictEqual(new RangeResolver(json).resolve(path, target), expected);
        // The one-scan path finder the validator uses on lines JSON.parse accepts, with spacing too.
        for (const text of [json, ` ${json.replace(/([,:[{])/g, '$1 ')} `]) {
          const want: { start: number; end: number } = text === json ? expected : new RangeResolver(text).resolve(path, target);
          const found = scanPaths(text, [path])?.[0];
          assert.ok(found, text);
          const t = found.depth === path.length ? target : 'key';
          assert.deepStrictEqual(t === 'key' && found.node.key ? found.node.key : found.node.value, want, `${text} ${JSON.stringify(path)} ${target}`);
        }
      }),
      { numRuns: 500 },
    );
  });
});
