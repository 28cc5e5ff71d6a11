/**
 * Where a box's label goes (src/webview/label-place.ts): the whole plate inside the image, for
 * boxes at each edge. The expected corners are worked out by hand from the rule: above the box
 * at its left edge, else below, else inside at its top; shifted to stay within the edges.
 */
import * as assert from 'node:assert/strict';
import { BOX_LABEL_STYLE, fitScale, placeLabel } from '../../../src/webview/label-place';

const IMAGE = { width: 640, height: 480 };
const PLATE = { width: 90, height: 26 };

describe('webview: a box label is placed inside the picture', () => {
  it('goes above the box at its left edge when it fits there', () => {
    assert.deepEqual(placeLabel({ left: 100, top: 200, width: 50, height: 50 }, PLATE, IMAGE), { x: 100, y: 174 });
  });
  it('is shifted left at the right edge (the issue: left 599, width 41 in a 640 px image)', () => {
    // 640 - 90 = 550: the plate ends at the image's right edge, its whole text inside.
    assert.deepEqual(placeLabel({ left: 599, top: 100, width: 41, height: 60 }, PLATE, IMAGE), { x: 550, y: 74 });
  });
  it('goes below a box at the top edge, and inside a box as tall as the image', () => {
    assert.deepEqual(placeLabel({ left: 10, top: 5, width: 41, height: 60 }, PLATE, IMAGE), { x: 10, y: 65 });
    assert.deepEqual(placeLabel({ left: 10, top: 0, width: 41, height: 480 }, PLATE, IMAGE), { x: 10, y: 0 });
  });
  it('stays within the bottom edge and the left edge for a box partly outside', () => {
    assert.deepEqual(placeLabel({ left: -20, top: 470, width: 41, height: 30 }, { width: 90, height: 500 }, IMAGE), { x: 0, y: 0 });
    assert.deepEqual(placeLabel({ left: -20, top: 10, width: 41, height: 470 }, PLATE, IMAGE), { x: 0, y: 10 });
  });
  it('shrinks a plate wider than the image to the image', () => {
    assert.equal(fitScale({ width: 1280, height: 26 }, IMAGE), 0.5);
    assert.equal(fitScale(PLATE, IMAGE), 1);
  });
  it('draws the images as stored (no EXIF turn: boxes are in the stored frame)', () => {
    assert.match(BOX_LABEL_STYLE, /svg image[^{]*\{[^}]*image-orientation:\s*none/);
  });
});
