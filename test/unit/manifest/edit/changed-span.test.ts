/**
 * changedSpan (src/manifest/edit/changed-span.ts): the part of a line an edit made for the preview
 * replaces. Checked by applying it: `before` with the span replaced must read `after`; the common
 * start and end it leaves out are counted here independently, character by character; a span
 * never starts or ends between the two halves of a surrogate pair.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { changedSpan } from '../../../../src/manifest';

function applied(before: string, span: { start: number; end: number; insert: string }): string {
  return before.slice(0, span.start) + span.insert + before.slice(span.end);
}

function splitsPair(text: string, at: number): boolean {
  const high = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
  const low = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
  return at > 0 && at < text.length && high(text.charCodeAt(at - 1)) && low(text.charCodeAt(at));
}

describe('changedSpan: the part of a line an edit replaces', () => {
  it("a moved box: only its numbers, the line's start and end untouched", () => {
    const before = '{"source-ref":"s3://b/a.jpg","boxes":{"annotations":[{"class_id":0,"left":100,"top":20,"width":30,"height":40}]}}';
    const after = before.replace('"left":100,"top":20', '"left":112,"top":25');
    const span = changedSpan(before, after);
    assert.equal(applied(before, span), after);
    // The first differing character is the 0 of 100 -> the 1 of 112 is common; by hand:
    assert.equal(before.slice(0, span.start), '{"source-ref":"s3://b/a.jpg","boxes":{"annotations":[{"class_id":0,"left":1');
    assert.equal(span.insert, '12,"top":25');
    assert.equal(before.slice(span.start, span.end), '00,"top":20');
  });

  it('equal texts: an empty span; an insertion and a deletion at either end', () => {
    assert.deepEqual(changedSpan('abc', 'abc'), { start: 3, end: 3, insert: '' });
    assert.deepEqual(changedSpan('abc', 'abcd'), { start: 3, end: 3, insert: 'd' });
    assert.deepEqual(changedSpan('abc', 'xabc'), { start: 0, end: 0, insert: 'x' });
    assert.deepEqual(changedSpan('abca', 'a'), { start: 1, end: 4, insert: '' });
    assert.deepEqual(changedSpan('', 'new'), { start: 0, end: 0, insert: 'new' });
  });

  it('never between the halves of a surrogate pair (a label in emoji changed)', () => {
    // 😀 is \ud83d\ude00, 😁 is \ud83d\ude01: the common start ends inside the pair.
    const span = changedSpan('{"c":"😀"}', '{"c":"😁"}');
    assert.deepEqual(span, { start: 6, end: 8, insert: '😁' });
    // 🙂 is \ud83d\ude42, ㈂ (\u3202) shares no half: the common end would start inside the pair.
    const tail = changedSpan('a\ud83d\ude42', 'b\ud83c\ude42');
    assert.equal(applied('a\ud83d\ude42', tail), 'b\ud83c\ude42');
    assert.ok(!splitsPair('a\ud83d\ude42', tail.end), `end ${tail.end} splits the pair`);
  });

  it('for any two texts: applied, it reads the new text; it leaves out at most the common start and end; it splits no pair', () => {
    const unit = fc.constantFrom('a', 'b', '"', ':', '1', '\ud83d', '\ude00', '\ude01', '😀', 'é');
    const text = fc.array(unit, { maxLength: 12 }).map((xs) => xs.join(''));
    fc.assert(
      fc.property(text, text, (before, after) => {
        const span = changedSpan(before, after);
        assert.equal(applied(before, span), after);
        let common = 0;
        while (common < Math.min(before.length, after.length) && before[common] === after[common]) common++;
        assert.ok(span.start <= common && span.start >= common - 1, `start ${span.start}, common start ${common}`);
        assert.ok(span.start <= span.end && span.end <= before.length);
        assert.ok(!splitsPair(before, span.start) && !splitsPair(before, span.end), `span ${span.start}-${span.end} splits a pair of ${JSON.stringify(before)}`);
      }),
      { numRuns: 2000 },
    );
  });
});
