/**
 * What the preview page keeps across VS Code making it anew (page/kept.ts): read back only when it
 * has the shape the page stores; the parts that are not are left out, never thrown on.
 */
import * as assert from 'node:assert/strict';
import { lineKey, readKept } from '../../../src/preview/page/kept';

describe('preview: the edit state kept with the webview', () => {
  it('reads back what the page stored', () => {
    const stored = { line: lineKey({ line: 0, sourceRef: 's3://b/a.jpg' }), selected: { attribute: 'vehicles', annotation: 1 }, nextLabel: 'truck', view: { x: 10, y: 20, width: 400, height: 300 }, viewOf: '0\ns3://b/a.jpg\n800x600' };
    assert.deepEqual(readKept(JSON.parse(JSON.stringify(stored))), stored);
  });

  it('a line is the same line with the same number and source-ref only', () => {
    assert.equal(lineKey({ line: 3, sourceRef: 's3://b/a.jpg' }), lineKey({ line: 3, sourceRef: 's3://b/a.jpg' }));
    assert.notEqual(lineKey({ line: 3, sourceRef: 's3://b/a.jpg' }), lineKey({ line: 4, sourceRef: 's3://b/a.jpg' }));
    assert.notEqual(lineKey({ line: 3, sourceRef: 's3://b/a.jpg' }), lineKey({ line: 3, sourceRef: 's3://b/b.jpg' }));
    assert.notEqual(lineKey({ line: 3 }), lineKey({ line: 3, sourceRef: 's3://b/a.jpg' }));
  });

  it('nothing stored, or not an object: nothing kept', () => {
    for (const v of [undefined, null, 'x', 3, [], { selected: { attribute: 'a', annotation: 0 } }]) assert.equal(readKept(v), undefined, JSON.stringify(v));
  });

  it('leaves out the parts that are not what the page stores', () => {
    const line = lineKey({ line: 0 });
    assert.deepEqual(readKept({ line, selected: { attribute: 'a', annotation: -1 } }), { line });
    assert.deepEqual(readKept({ line, selected: { attribute: 1, annotation: 0 } }), { line });
    assert.deepEqual(readKept({ line, selected: { attribute: 'a', annotation: 1.5 } }), { line });
    assert.deepEqual(readKept({ line, nextLabel: 7 }), { line });
    assert.deepEqual(readKept({ line, view: { x: 0, y: 0, width: 0, height: 5 }, viewOf: 'k' }), { line });
    assert.deepEqual(readKept({ line, view: { x: 0, y: 0, width: 5, height: 5 } }), { line }, 'a zoom without the image it is for');
    assert.deepEqual(readKept({ line, view: { x: Number.NaN, y: 0, width: 5, height: 5 }, viewOf: 'k' }), { line });
    // A label named like an Object.prototype member is a label like any other.
    assert.deepEqual(readKept({ line, nextLabel: 'constructor', selected: { attribute: '__proto__', annotation: 0 } }), { line, nextLabel: 'constructor', selected: { attribute: '__proto__', annotation: 0 } });
  });
});
