/**
 * Journey 2: hover on a box, then its quick fix from Ctrl+., then the problem gone from the
 * Problems panel. Also what the hover and the panel say: one box numbering, manifest text shown
 * literally (a backtick, an image and a link in a label do not render).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { closeEditors, openManifestFile } from './actions';
import { chooseQuickFix, escape, goTo, hoverContent, page, press, problems, quickFixMenu, screenshot, until } from './driver';
import { session } from './session';

const FILE = 'datasets/boxes.manifest';
const LABEL = 'Echo `x` ![img](https://example.invalid/i.png) [link](https://example.invalid/)';
const LINE = JSON.stringify({
  'source-ref': 's3://custom-labels-demo/images/room-02.png',
  'bounding-box': { image_size: [{ width: 640, height: 480, depth: 3 }], annotations: [{ class_id: 0, top: 40, left: 500, width: 300, height: 200 }] },
  'bounding-box-metadata': {
    objects: [{ confidence: 1 }],
    'class-map': { '0': LABEL },
    type: 'groundtruth/object-detection',
    'human-annotated': 'yes',
    'creation-date': '2024-03-01T10:00:00.000Z',
  },
});
const RIGHT_EDGE = /ends past the right edge/;

describe('UI: a box outside its image, from hover to quick fix', () => {
  before(async () => {
    fs.writeFileSync(path.join(session().workspace, FILE), `${LINE}\n`);
    await openManifestFile(FILE);
  });
  after(closeEditors);

  it('the Problems panel names the box as the hover does', async () => {
    const rows = await problems('the box outside the image', (r) => r.some((t) => RIGHT_EDGE.test(t)));
    const row = rows.find((t) => RIGHT_EDGE.test(t))!;
    assert.match(row, /Box 1 ends past the right edge of the image: left 500 \+ width 300 = 800 > image width 640/, row);
    await screenshot('problems-panel-box-outside-image');
  });

  it('the hover on the box shows its geometry, and the label literally', async () => {
    // The box is past the right edge of the window: go there, then Show Hover (Ctrl+K Ctrl+I).
    await goTo(1, LINE.indexOf('"left"') + 2);
    await press('Control+K', 'Control+I');
    const hover = await hoverContent('the box', (t) => /Box \d+ of/i.test(t));
    assert.match(hover.text, /Box 1 of bounding-box/, hover.text);
    assert.match(hover.text, /right edge 800 > image width 640/, hover.text);
    assert.ok(hover.text.includes(LABEL), `the label as written, in: ${hover.text}`);
    assert.doesNotMatch(hover.html, /<img|href="https:\/\/example\.invalid/, 'no image or link from the manifest renders in the hover');
    assert.doesNotMatch(hover.text, /larger than 1 x 1 px|Not scaled/, hover.text);
    await escape();
  });

  it('Ctrl+. on the box offers the clamp; choosing it clears the problem from the panel', async () => {
    const column = LINE.indexOf('"left"') + 2;
    await goTo(1, column);
    const menu = await quickFixMenu();
    const clamp = menu.find((r) => /Clamp box 1 of "bounding-box" into the 640 x 480 image/.test(r));
    assert.ok(clamp, `quick fixes: ${JSON.stringify(menu)}`);
    await chooseQuickFix('Clamp box 1');
    const rows = await problems('no box outside the image', (r) => !r.some((t) => RIGHT_EDGE.test(t)));
    assert.ok(!rows.some((t) => RIGHT_EDGE.test(t)), JSON.stringify(rows));
    await until('the clamped box in the editor', async () =>
      (await page().locator('.editor-group-container.active .view-lines').textContent())?.includes('"width":140') ? true : undefined,
    );
    await screenshot('problems-panel-after-quick-fix');
  });
});
