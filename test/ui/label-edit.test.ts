/**
 * Issue #23, "Label images in the editor": in the preview beside a manifest, edit mode draws a
 * box with the mouse, moves it, resizes it by a corner, changes its label, deletes it, and the
 * editor's undo (Ctrl+Z in the page) brings it back. After each step the manifest's line, read
 * from the editor, holds the box the gestures made: numbers computed here from the screen
 * coordinates of the gestures and the image's size from the fixture (the demo images are drawn
 * at the size their lines declare, 800 x 600), and the line has no problem in the Problems panel.
 * The bottom panel closed between two gestures (the image drawn at another scale): no drift. The
 * preview hidden behind another file and shown again (its page made anew) keeps the selection. N moves
 * to the next line (the editor's cursor moves); an image-level label is added and removed as a
 * chip; a line that is not JSON says why it cannot be edited; Escape leaves edit mode.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { demoManifestLines } from '../../src/sandbox/demo/manifest';
import { leavePreviewSuite, openManifestFile, useDemoImagesFolder } from './actions';
import { goTo, openFile, page, press, problems, screenshot, type, until, webview } from './driver';
import { session } from './session';

const FILE = 'datasets/label-edit.manifest';
/** The demo's street-002 line (one bicycle box), an unlabelled image, a line that is not JSON. */
const FIRST = demoManifestLines().find((l) => l.includes('/street-002.jpg"'))!;
const LINES = [FIRST, '{"source-ref":"s3://demo-bucket/images/street-003.jpg"}', '{"source-ref": "s3://demo-bucket/images/street-004.jpg", '];
/** The demo images' size (the fixture's image_size, which writeDemoImages draws them at). */
const IMAGE = JSON.parse(FIRST).vehicles.image_size[0] as { width: number; height: number };

type Box = { class_id: number; top: number; left: number; width: number; height: number };
type Point = { x: number; y: number };

/** The manifest's line `n` (1-based) as the editor renders it (its own editor, whichever group is active). */
async function lineText(n: number): Promise<string> {
  const lines = await page()
    .locator(`.monaco-editor[data-uri$="${path.basename(FILE)}"] .view-lines .view-line`)
    .evaluateAll((els) =>
      els
        .map((e) => ({ top: parseFloat((e as unknown as { style: { top: string } }).style.top) || 0, text: (e.textContent ?? '').replace(/\u00a0/g, ' ') }))
        .sort((a, b) => a.top - b.top)
        .map((l) => l.text),
    );
  return lines[n - 1] ?? '';
}

/** Waits until line 1 parses and `ready` accepts it; returns it parsed, with its text. */
async function lineReads(what: string, ready: (line: Record<string, any>) => boolean): Promise<{ line: Record<string, any>; text: string }> {
  let text = '';
  return until(
    `line 1 to read ${what}`,
    async () => {
      text = await lineText(1);
      try {
        const line = JSON.parse(text) as Record<string, any>;
        return ready(line) ? { line, text } : undefined;
      } catch {
        return undefined;
      }
    },
    async () => text,
  );
}

/** Line 1 of this suite's manifest has no problem in the Problems panel (after the validator's debounce). */
async function noProblemsOnLine1(): Promise<void> {
  await page().waitForTimeout(800);
  const rows = await problems('the rows of the manifest', () => true);
  // The panel lists every file's problems, each file's rows under a row naming it: only this file's count.
  const at = rows.findIndex((r) => r.startsWith(path.basename(FILE)));
  const end = at < 0 ? at : rows.findIndex((r, i) => i > at && !/\[Ln \d+, Col \d+\]/.test(r));
  const own = at < 0 ? [] : rows.slice(at + 1, end < 0 ? undefined : end);
  const mine = own.filter((r) => /\[Ln 1, Col \d+\]/.test(r));
  assert.deepEqual(mine, [], `line 1's problems: ${JSON.stringify(rows)}`);
}

/** The image as drawn in the page, on the screen (once it is: the page redraws the line as the extension sends it). */
async function imageRect(view: FrameLocator): Promise<{ x: number; y: number; width: number; height: number }> {
  return until('the image drawn in the preview', async () => (await view.locator('svg#image image').boundingBox().catch(() => null)) ?? undefined);
}

/** What the page shows of edit mode (for a failure's message): selection, handles, notes, the line. */
async function editState(view: FrameLocator): Promise<string> {
  // No named functions inside: the page gets this function's source, without tsx's helpers.
  return view.locator('body').evaluate((body) => {
    const d = body.ownerDocument;
    return JSON.stringify({
      title: d.getElementById('title')?.textContent ?? '',
      editing: body.classList.contains('editing'),
      boxes: d.querySelectorAll('svg#image g.box').length,
      selected: d.querySelectorAll('svg#image g.box.selected').length,
      handles: d.querySelectorAll('#edit-layer .handle').length,
      draft: d.querySelector('#edit-layer rect.draft')?.getAttribute('visibility') ?? null,
      why: d.getElementById('edit-why')?.textContent ?? '',
      refused: d.getElementById('refused')?.textContent ?? '',
      focus: d.activeElement?.id || d.activeElement?.tagName || null,
      pageAgeMs: Math.round(performance.now()),
    });
  });
}

/** A screen point near `p` whose image coordinates are not a rounding tie (away from .5), and those coordinates. */
function sharp(p: Point, r: { x: number; y: number; width: number; height: number }): Point {
  const sx = IMAGE.width / r.width;
  const sy = IMAGE.height / r.height;
  const safe = (v: number) => Math.abs((v % 1) - 0.5) > 0.15;
  let { x, y } = { x: Math.round(p.x), y: Math.round(p.y) };
  while (!safe((x - r.x) * sx)) x++;
  while (!safe((y - r.y) * sy)) y++;
  return { x, y };
}

/** Image pixels of a screen point: the scale of the image on the screen, from the fixture's size. */
function toImage(p: Point, r: { x: number; y: number; width: number; height: number }): Point {
  return { x: ((p.x - r.x) * IMAGE.width) / r.width, y: ((p.y - r.y) * IMAGE.height) / r.height };
}

async function drag(from: Point, to: Point): Promise<void> {
  await page().mouse.move(from.x, from.y);
  await page().mouse.down();
  await page().mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
  await page().mouse.move(to.x, to.y, { steps: 4 });
  await page().mouse.up();
}

describe('UI: Label images in the preview (edit mode)', () => {
  before(async () => {
    const { workspace } = session();
    fs.writeFileSync(path.join(workspace, FILE), `${LINES.join('\n')}\n`);
    await useDemoImagesFolder();
    await openManifestFile(FILE);
  });
  after(leavePreviewSuite);

  it('draws a box, moves it, resizes it, relabels it, deletes it, and Ctrl+Z brings it back: the line reads each time as the gestures say', async () => {
    const started = Date.now();
    await goTo(1, 1);
    // The Problems panel open first: the editor and the preview get shorter (the image drawn smaller).
    await problems('the rows of the manifest', () => true);
    const button = page().locator('.editor-group-container.active .editor-actions .action-label[aria-label^="Open Preview to the Side"]');
    await goTo(1, 1);
    await until('the "Open Preview to the Side" button', async () => ((await button.count()) ? true : undefined));
    await button.first().click();
    let view = await webview('Preview of label-edit.manifest');
    await until('street-002 with its box', async () => ((await view.locator('svg#image g.box').count()) === 1 && (await view.locator('svg#image image').count()) === 1 ? true : undefined));
    const original = JSON.parse(FIRST);
    const bicycle: Box = original.vehicles.annotations[0];

    // Edit mode: the page's button.
    await view.locator('#edit-toggle').click();
    await until('edit mode on', async () => ((await view.locator('#edit-toggle').getAttribute('aria-pressed')) === 'true' && (await view.locator('#box-bar').isVisible()) ? true : undefined));

    // Draw: a drag on an empty part of the image (right half, lower middle), then a new label typed.
    let r = await imageRect(view);
    const a = sharp({ x: r.x + r.width * 0.55, y: r.y + r.height * 0.45 }, r);
    const b = sharp({ x: r.x + r.width * 0.8, y: r.y + r.height * 0.7 }, r);
    await drag(a, b);
    await until('the label field to ask for the new box', async () => ((await view.locator('#box-label').evaluate((e) => e === e.ownerDocument.activeElement)) ? true : undefined));
    await type('truck');
    await press('Enter');
    const [ia, ib] = [toImage(a, r), toImage(b, r)];
    let drawn: Box = { class_id: 1, left: Math.round(ia.x), top: Math.round(ia.y), width: Math.round(ib.x) - Math.round(ia.x), height: Math.round(ib.y) - Math.round(ia.y) };
    let read = await lineReads('the drawn box', (l) => l.vehicles?.annotations?.length === 2);
    assert.deepEqual(read.line.vehicles.annotations, [bicycle, drawn]);
    assert.deepEqual(read.line['vehicles-metadata']['class-map'], { '0': 'bicycle', '1': 'truck' });
    assert.deepEqual(read.line['vehicles-metadata'].objects, [{ confidence: 1 }, { confidence: 1 }]);
    assert.equal(read.line['vehicles-metadata']['human-annotated'], 'yes');
    const date = read.line['vehicles-metadata']['creation-date'] as string;
    assert.match(date, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/);
    assert.ok(Date.parse(`${date}Z`) >= started - 1000 && Date.parse(`${date}Z`) <= Date.now() + 1000, `creation-date ${date} is now (UTC)`);
    assert.deepEqual(Object.keys(read.line), Object.keys(original), 'the keys in their order');
    await noProblemsOnLine1();

    // The Problems panel closed (Ctrl+J): the preview taller, the image drawn at another scale; the
    // next gesture is read at that scale (no drift).
    const before = r.width;
    await press('Control+j');
    r = await until('the image drawn at another scale', async () => {
      const now = await imageRect(view);
      return Math.abs(now.width - before) > 20 ? now : undefined;
    });

    // Move: drag the new box by its middle.
    r = await imageRect(view);
    const mid = sharp({ x: r.x + ((drawn.left + drawn.width / 2) * r.width) / IMAGE.width, y: r.y + ((drawn.top + drawn.height / 2) * r.height) / IMAGE.height }, r);
    const to = sharp({ x: mid.x - r.width * 0.2, y: mid.y + r.height * 0.1 }, r);
    await drag(mid, to);
    const [m0, m1] = [toImage(mid, r), toImage(to, r)];
    const moved: Box = { ...drawn, left: drawn.left + Math.round(m1.x - m0.x), top: drawn.top + Math.round(m1.y - m0.y) };
    read = await lineReads('the moved box', (l) => l.vehicles?.annotations?.[1]?.left !== drawn.left);
    assert.deepEqual(read.line.vehicles.annotations, [bicycle, moved]);
    await screenshot('label-edit-mode'); // media/edit-mode.png in the README (the preview, cropped)
    await noProblemsOnLine1();

    // The preview hidden behind another file opened in its group, then its tab clicked: VS Code
    // makes the page anew, and the box is still selected, its handles there.
    const tab = page().locator('.tabs-container .tab', { hasText: 'Preview label-edit.manifest' });
    await tab.click();
    await openFile('README.md');
    await until('the preview hidden', async () => ((await view.locator('svg#image').isVisible().catch(() => false)) ? undefined : true));
    await tab.click();
    // A page made anew is in a webview frame of its own.
    view = await webview('Preview of label-edit.manifest');
    await until('the preview shown again with the moved box', async () => ((await view.locator('svg#image g.box').count()) === 2 && (await view.locator('svg#image image').count()) === 1 ? true : undefined));

    // Resize: the bottom-right corner's handle, dragged out.
    r = await imageRect(view);
    const handle = await until(
      'the selected box with its corner handles',
      async () => (await view.locator('#edit-layer .handle[data-handle="se"]').boundingBox({ timeout: 1000 }).catch(() => null)) ?? undefined,
      () => editState(view),
    );
    const corner = { x: handle.x + handle.width / 2, y: handle.y + handle.height / 2 };
    const out = sharp({ x: corner.x + r.width * 0.1, y: corner.y + r.height * 0.05 }, r);
    await drag(corner, out);
    const end = toImage(out, r);
    const resized: Box = { ...moved, width: Math.round(end.x) - moved.left, height: Math.round(end.y) - moved.top };
    read = await lineReads('the resized box', (l) => l.vehicles?.annotations?.[1]?.width !== moved.width);
    assert.deepEqual(read.line.vehicles.annotations, [bicycle, resized]);
    await noProblemsOnLine1();

    // Relabel: the label field, "bicycle" typed (one of the file's labels): its class id.
    await view.locator('#box-label').click();
    await press('Control+a');
    await type('bicycle');
    await press('Enter');
    const relabelled: Box = { ...resized, class_id: 0 };
    read = await lineReads('the box labelled bicycle', (l) => l.vehicles?.annotations?.[1]?.class_id === 0);
    assert.deepEqual(read.line.vehicles.annotations, [bicycle, relabelled]);
    const beforeDelete = read.text;
    await noProblemsOnLine1();

    // Delete: a click selects the box, Delete removes it with its objects entry.
    r = await imageRect(view);
    const inside = sharp({ x: r.x + ((relabelled.left + relabelled.width / 2) * r.width) / IMAGE.width, y: r.y + ((relabelled.top + relabelled.height / 2) * r.height) / IMAGE.height }, r);
    await page().mouse.click(inside.x, inside.y);
    await until('the box selected', async () => ((await view.locator('svg#image g.box.selected').count()) === 1 ? true : undefined));
    await press('Delete');
    read = await lineReads('the box deleted', (l) => l.vehicles?.annotations?.length === 1);
    assert.deepEqual(read.line.vehicles.annotations, [bicycle]);
    assert.deepEqual(read.line['vehicles-metadata'].objects, [{ confidence: 1 }]);
    await noProblemsOnLine1();

    // Ctrl+Z in the page: the editor's undo, one step: the line as it was before Delete.
    await view.locator('svg#image').click({ position: { x: 2, y: 2 } });
    await press('Control+z');
    read = await lineReads('the box back', (l) => l.vehicles?.annotations?.length === 2);
    assert.equal(read.text, beforeDelete);
    await noProblemsOnLine1();

    // N: the next line (the editor's cursor moves), then the line that is not JSON says why.
    await view.locator('svg#image').focus();
    await press('n');
    await until('the preview of line 2', async () => ((await view.locator('#title').textContent())?.endsWith('line 2') ? true : undefined));
    // Line 2 has no labels: an image-level label added in the field under the chips, then removed by its x.
    await view.locator('#chip-label').click();
    await type('street');
    await press('Enter');
    let second = '';
    await until('line 2 with the label "street"', async () => {
      second = await lineText(2);
      return second.includes('"street-metadata"') ? true : undefined;
    }, async () => second);
    const labelled = JSON.parse(second);
    assert.deepEqual(Object.keys(labelled), ['source-ref', 'street', 'street-metadata']);
    assert.equal(labelled.street, 0);
    assert.equal(labelled['street-metadata']['class-name'], 'street');
    assert.equal(labelled['street-metadata'].type, 'groundtruth/image-classification');
    assert.equal(labelled['street-metadata'].confidence, 1);
    assert.equal(labelled['street-metadata']['human-annotated'], 'yes');
    await view.locator('#labels .chip button[aria-label="Remove the label street"]').click();
    await until('line 2 without labels again', async () => ((second = await lineText(2)) === LINES[1] ? true : undefined), async () => second);
    await view.locator('svg#image').focus();
    await press('n');
    await until('the preview of line 3, not editable, saying why', async () =>
      /cannot be edited here: This line is not valid JSON/.test((await view.locator('#edit-why').textContent()) ?? '') ? true : undefined,
    );
    await press('Escape');
    await until('edit mode off', async () => ((await view.locator('#edit-toggle').getAttribute('aria-pressed')) === 'false' ? true : undefined));
  });
});
