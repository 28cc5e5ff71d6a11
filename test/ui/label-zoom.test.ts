/**
 * Issue #23, "Smooth on big images": in the preview's edit mode the wheel zooms around the
 * pointer and Space+drag pans, and a box drawn zoomed or panned is written in the image's own
 * pixels exactly. Each expectation is computed here from what the screen shows: the image
 * element's on-screen rectangle (it spans the whole image, zoomed past the panel's edges) and the
 * image's size from the fixture (the demo images are drawn at the size their lines declare).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { demoManifestLines } from '../../src/sandbox/demo/manifest';
import { leavePreviewSuite, openManifestFile, useDemoImagesFolder } from './actions';
import { goTo, page, press, type, until, webview } from './driver';
import { session } from './session';

const FILE = 'datasets/label-zoom.manifest';
const FIRST = demoManifestLines().find((l) => l.includes('/street-002.jpg"'))!;
const IMAGE = JSON.parse(FIRST).vehicles.image_size[0] as { width: number; height: number };
type Rect = { x: number; y: number; width: number; height: number };
type Point = { x: number; y: number };
type Box = { class_id: number; top: number; left: number; width: number; height: number };

async function lineOne(): Promise<string> {
  const lines = await page()
    .locator(`.monaco-editor[data-uri$="${path.basename(FILE)}"] .view-lines .view-line`)
    .evaluateAll((els) =>
      els
        .map((e) => ({ top: parseFloat((e as unknown as { style: { top: string } }).style.top) || 0, text: (e.textContent ?? '').replace(/\u00a0/g, ' ') }))
        .sort((a, b) => a.top - b.top)
        .map((l) => l.text),
    );
  return lines[0] ?? '';
}

async function boxes(count: number): Promise<Box[]> {
  let text = '';
  return until(`line 1 to hold ${count} boxes`, async () => {
    text = await lineOne();
    try {
      const annotations = JSON.parse(text).vehicles?.annotations as Box[] | undefined;
      return annotations?.length === count ? annotations : undefined;
    } catch {
      return undefined;
    }
  }, async () => text);
}

/** The image element on the screen, once two looks agree (the page settles after a wheel or a drag). */
async function imageRect(view: FrameLocator): Promise<Rect> {
  let last: Rect | undefined;
  return until('the image drawn (settled)', async () => {
    const now = (await view.locator('svg#image image').boundingBox().catch(() => null)) ?? undefined;
    const same = now && last && JSON.stringify(now) === JSON.stringify(last);
    last = now;
    return same ? now : undefined;
  });
}

function toImage(p: Point, r: Rect): Point {
  return { x: ((p.x - r.x) * IMAGE.width) / r.width, y: ((p.y - r.y) * IMAGE.height) / r.height };
}

/** A screen point near `p` whose image coordinates are not a rounding tie. */
function sharp(p: Point, r: Rect): Point {
  const safe = (v: number) => Math.abs((v % 1) - 0.5) > 0.15;
  let { x, y } = { x: Math.round(p.x), y: Math.round(p.y) };
  while (!safe(toImage({ x, y }, r).x)) x++;
  while (!safe(toImage({ x, y }, r).y)) y++;
  return { x, y };
}

async function drag(from: Point, to: Point): Promise<void> {
  await page().mouse.move(from.x, from.y);
  await page().mouse.down();
  await page().mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
  await page().mouse.move(to.x, to.y, { steps: 4 });
  await page().mouse.up();
}

/** The box a drag from a to b makes, in whole image pixels (edges rounded). */
function boxOf(a: Point, b: Point, r: Rect, classId: number): Box {
  const [p, q] = [toImage(a, r), toImage(b, r)];
  const left = Math.round(Math.min(p.x, q.x));
  const top = Math.round(Math.min(p.y, q.y));
  return { class_id: classId, left, top, width: Math.round(Math.max(p.x, q.x)) - left, height: Math.round(Math.max(p.y, q.y)) - top };
}

describe('UI: zoom and pan in the preview\'s edit mode', () => {
  before(async () => {
    const { workspace } = session();
    fs.writeFileSync(path.join(workspace, FILE), `${FIRST}\n`);
    await useDemoImagesFolder();
    await openManifestFile(FILE);
  });
  after(leavePreviewSuite);

  it('the wheel zooms around the pointer, Space+drag pans, and boxes drawn so are in image pixels exactly', async () => {
    await goTo(1, 1);
    const button = page().locator('.editor-group-container.active .editor-actions .action-label[aria-label^="Open Preview to the Side"]');
    await until('the "Open Preview to the Side" button', async () => ((await button.count()) ? true : undefined));
    await button.first().click();
    const view = await webview('Preview of label-zoom.manifest');
    // The image read from the workspace's images folder (the settings written above in effect: a
    // change of the folder reloads the page, and with it the zoom).
    const href = async () => (await view.locator('svg#image image').getAttribute('href').catch(() => null)) ?? '';
    await until('street-002 with its box, from the images folder', async () =>
      (await view.locator('svg#image g.box').count()) === 1 && (await href()).includes(`${session().workspace}/images/demo-bucket/`) ? true : undefined, href);
    await view.locator('#edit-toggle').click();
    await until('edit mode on', async () => ((await view.locator('#edit-toggle').getAttribute('aria-pressed')) === 'true' ? true : undefined));
    const svg = (await view.locator('svg#image').boundingBox())!;
    const r0 = await imageRect(view);

    // Zoom in with the wheel at a point right of the middle: that image point stays under the pointer.
    const at = sharp({ x: r0.x + r0.width * 0.6, y: r0.y + r0.height * 0.4 }, r0);
    const under = toImage(at, r0);
    await page().mouse.move(at.x, at.y);
    await page().mouse.wheel(0, -300);
    const r1 = await until('the image zoomed in', async () => {
      const r = await imageRect(view);
      return r.width > r0.width * 1.4 ? r : undefined;
    });
    const still = toImage(at, r1);
    assert.ok(Math.abs(still.x - under.x) < 0.5 && Math.abs(still.y - under.y) < 0.5, `the point under the pointer: ${JSON.stringify(under)} before, ${JSON.stringify(still)} after`);
    assert.ok(Math.abs(r1.width / r1.height - r0.width / r0.height) < 0.01, 'zoomed alike in both directions');

    // Draw zoomed: a box inside what the panel shows, labelled in the field.
    const bicycle = JSON.parse(FIRST).vehicles.annotations[0] as Box;
    const a = sharp({ x: svg.x + svg.width * 0.55, y: svg.y + svg.height * 0.55 }, r1);
    const b = sharp({ x: svg.x + svg.width * 0.8, y: svg.y + svg.height * 0.85 }, r1);
    await drag(a, b);
    await until('the label field to ask for the new box', async () => ((await view.locator('#box-label').evaluate((e) => e === e.ownerDocument.activeElement)) ? true : undefined));
    await type('truck');
    await press('Enter');
    const zoomed = boxOf(a, b, r1, 1);
    assert.deepEqual(await boxes(2), [bicycle, zoomed]);
    const afterEdit = await imageRect(view);
    assert.deepEqual(afterEdit, r1, 'the zoom stays when the line is drawn again');

    // Space+drag: the image follows the pointer by what it moved.
    const from = { x: Math.round(svg.x + svg.width * 0.5), y: Math.round(svg.y + svg.height * 0.5) };
    await page().keyboard.down('Space');
    await drag(from, { x: from.x - 60, y: from.y - 30 });
    await page().keyboard.up('Space');
    const r2 = await until('the image panned', async () => {
      const r = await imageRect(view);
      return Math.abs(r.x - r1.x) > 1 ? r : undefined;
    });
    assert.ok(Math.abs(r2.x - (r1.x - 60)) < 0.6 && Math.abs(r2.y - (r1.y - 30)) < 0.6, `panned by the drag: ${JSON.stringify(r1)} to ${JSON.stringify(r2)}`);
    assert.equal(r2.width, r1.width, 'the zoom kept while panning');
    assert.equal((await boxes(2)).length, 2, 'a pan writes nothing');

    // Draw panned: the new box's numbers from the panned rectangle.
    const c = sharp({ x: svg.x + svg.width * 0.15, y: svg.y + svg.height * 0.15 }, r2);
    const d = sharp({ x: svg.x + svg.width * 0.35, y: svg.y + svg.height * 0.3 }, r2);
    await drag(c, d);
    const panned = boxOf(c, d, r2, 1);
    assert.deepEqual(await boxes(3), [bicycle, zoomed, panned]);
  });
});
