/**
 * Where a box's label goes (src/webview/label-place.ts): the whole plate inside the image, for
 * boxes at each edge. The expected corners are worked out by hand from the rule: above the box
 * at its left edge, else below, else inside at its top; shifted to stay within the edges; clear
 * of the plates placed before it in the same picture (the gallery of mistakes drew a prediction's
 * label over the true box's: "bicycle 65.2%" under "car 63.3%").
 */
import * as assert from 'node:assert/strict';
import { BOX_LABEL_STYLE, fitScale, overlaps, placeLabel } from '../../../src/webview/label-place';

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
  it('goes below the box when a plate placed before holds the place above (a prediction on its true box)', () => {
    const box = { left: 100, top: 200, width: 50, height: 50 };
    const first = { left: 100, top: 174, ...PLATE };
    assert.deepEqual(placeLabel(box, PLATE, IMAGE, [first]), { x: 100, y: 250 });
    // Side by side: the plate above a box 50 px to the right would cover 50..90 of the first.
    assert.deepEqual(placeLabel({ left: 150, top: 200, width: 50, height: 50 }, PLATE, IMAGE, [first]), { x: 150, y: 250 });
    // Touching is not overlapping: a box 90 px to the right keeps its place above.
    assert.deepEqual(placeLabel({ left: 190, top: 200, width: 50, height: 50 }, PLATE, IMAGE, [first]), { x: 190, y: 174 });
  });
  it('moves a plate a plate height at a time when above, below and inside are all taken; overlaps only when nothing is free', () => {
    const box = { left: 10, top: 100, width: 41, height: 60 };
    const taken = [74, 160, 100, 134].map((top) => ({ left: 10, top, ...PLATE }));
    // From above (74): 74 + 26 = 100 is taken, 74 - 26 = 48 is free.
    assert.deepEqual(placeLabel(box, PLATE, IMAGE, taken), { x: 10, y: 48 });
    const small = { width: 640, height: 30 };
    assert.deepEqual(placeLabel({ left: 10, top: 2, width: 20, height: 20 }, PLATE, small, [{ left: 0, top: 0, width: 640, height: 30 }]), { x: 10, y: 2 });
    assert.equal(overlaps({ left: 0, top: 0, width: 10, height: 10 }, { left: 10, top: 0, width: 10, height: 10 }), false);
    assert.equal(overlaps({ left: 0, top: 0, width: 10, height: 10 }, { left: 9, top: 9, width: 10, height: 10 }), true);
  });
});
