/**
 * The preview's zoom and pan (page/zoom.ts): the image point under the pointer stays under it
 * when the wheel zooms, pans move by what the pointer moved, and the view never leaves the image.
 * Expected values: worked out by hand from the image size and the points.
 */
import * as assert from 'node:assert/strict';
import { MAX_ZOOM, isWhole, panBy, wholeImage, zoomAround } from '../../../src/preview/page/zoom';

const SIZE = { width: 800, height: 600 };

describe('preview page: zoom and pan', () => {
  it('zooms around the pointer: the point under it keeps its place in the view', () => {
    const v = zoomAround(wholeImage(SIZE), SIZE, { x: 200, y: 150 }, 2);
    assert.deepEqual(v, { x: 100, y: 75, width: 400, height: 300 });
    // 200 was a quarter across the whole image; it is a quarter across the zoomed view.
    assert.equal((200 - v.x) / v.width, 200 / 800);
    const w = zoomAround(v, SIZE, { x: 300, y: 250 }, 4);
    assert.deepEqual(w, { x: 100 + (300 - 100) * 0.75, y: 75 + (250 - 75) * 0.75, width: 100, height: 75 });
  });

  it('zooming out stops at the whole image, zooming in at 1/32 of it, and the view stays inside the image', () => {
    assert.deepEqual(zoomAround({ x: 100, y: 75, width: 400, height: 300 }, SIZE, { x: 700, y: 500 }, 0.1), wholeImage(SIZE));
    const deep = zoomAround(wholeImage(SIZE), SIZE, { x: 400, y: 300 }, 1000);
    assert.equal(deep.width, 800 / MAX_ZOOM);
    assert.equal(deep.height, 600 / MAX_ZOOM);
    // Near the corner: zoomed around the pointer, then held inside (no negative origin).
    assert.deepEqual(zoomAround({ x: 0, y: 0, width: 400, height: 300 }, SIZE, { x: 0, y: 0 }, 0.8), { x: 0, y: 0, width: 500, height: 375 });
    assert.ok(isWhole(wholeImage(SIZE), SIZE));
  });

  it('pans by image pixels, held at the edges', () => {
    const v = { x: 100, y: 75, width: 400, height: 300 };
    assert.deepEqual(panBy(v, SIZE, 50, -25), { x: 150, y: 50, width: 400, height: 300 });
    assert.deepEqual(panBy(v, SIZE, 1000, 1000), { x: 400, y: 300, width: 400, height: 300 });
    assert.deepEqual(panBy(v, SIZE, -1000, -1000), { x: 0, y: 0, width: 400, height: 300 });
  });
});
