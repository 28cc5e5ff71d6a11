/**
 * Issue #21 items 2 and 7, the pictures: a box's label is whole, inside the picture and legible
 * (on a plate) in the preview and in the gallery, even for a box at the image's right edge on a
 * dark image; a gallery filter that matches nothing says so and how to clear it; Show Gallery and
 * Open Preview run while another editor has the focus offer the open manifests.
 * The manifest: one line of a dark 640x480 PNG (made here with pngjs) in the sandbox's S3, its
 * box of class 1 = "Echo Dot" at left 599, width 41 (the numbers); class 0 is "Echo".
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator } from 'playwright-core';
import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { closeEditors, openManifestFile } from './actions';
import { notifications, openFile, pick, quickPickRows, runCommand, screenshot, until, webview } from './driver';
import { session } from './session';

const FILE = 'datasets/right-edge.manifest';
const KEY = 'pictures/dark-right-edge.png';
const IMAGE = { width: 640, height: 480 };
const BOX = { class_id: 1, left: 599, top: 20, width: 41, height: 60 };
const CLASS_MAP = { '0': 'Echo', '1': 'Echo Dot' };
const LINE = JSON.stringify({
  'source-ref': `s3://demo-bucket/${KEY}`,
  devices: { image_size: [{ ...IMAGE, depth: 3 }], annotations: [BOX] },
  'devices-metadata': { objects: [{ confidence: 1 }], 'class-map': CLASS_MAP, type: 'groundtruth/object-detection', 'human-annotated': 'yes', 'creation-date': '2024-05-01T10:00:00.000Z' },
});
/**
 * A JPEG stored 64x48, its left half black and its right half white, whose EXIF orientation (6)
 * asks a viewer to turn it a quarter clockwise. Its line declares the stored size: the boxes of a
 * manifest are in the stored frame (src/images/probe.ts), so the pages must draw it unturned.
 */
const TURNED_FILE = 'datasets/exif-turned.manifest';
const TURNED_KEY = 'pictures/exif-6.jpg';
const TURNED_LINE = JSON.stringify({
  'source-ref': `s3://demo-bucket/${TURNED_KEY}`,
  devices: { image_size: [{ width: 64, height: 48, depth: 3 }], annotations: [] },
  'devices-metadata': { objects: [], 'class-map': CLASS_MAP, type: 'groundtruth/object-detection', 'human-annotated': 'yes', 'creation-date': '2024-05-01T10:00:00.000Z' },
});
function turnedJpeg(): Buffer {
  const [w, h] = [64, 48];
  const data = Buffer.alloc(w * h * 4, 255);
  for (let y = 0; y < h; y++) for (let x = 0; x < w / 2; x++) data.fill(0, (y * w + x) * 4, (y * w + x) * 4 + 3);
  const encoded = jpeg.encode({ data, width: w, height: h }, 95).data;
  // APP1 "Exif": a big-endian TIFF header and one IFD entry, Orientation (0x0112) = 6.
  const tiff = Buffer.from([0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0]);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'binary'), tiff]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff]), body]);
  return Buffer.concat([encoded.subarray(0, 2), app1, encoded.subarray(2)]);
}

/** The brightness (0..255) of a screenshot of `el` at (fx, fy), fractions of its width and height. */
async function brightnessAt(el: Locator, fx: number, fy: number): Promise<number> {
  const png = PNG.sync.read(await el.screenshot());
  const i = (Math.floor(png.height * fy) * png.width + Math.floor(png.width * fx)) * 4;
  return (png.data[i]! + png.data[i + 1]! + png.data[i + 2]!) / 3;
}

/** The box's name, from the line's class-map. */
const NAME = CLASS_MAP[String(BOX.class_id) as '1'];

interface Seen {
  text: string;
  textRect: Rect;
  imageRect: Rect | undefined;
  /** The elements of the box drawn before its text, but its rectangle: what could be a plate. */
  behind: Array<{ rect: Rect; fill: string; opacity: number }>;
  textFill: string;
}
interface Rect { left: number; top: number; right: number; bottom: number }

/** Each box label under `svg` (a picture in a webview): its text, where it is, what is behind it. */
async function labels(svg: Locator): Promise<Seen[]> {
  return svg.evaluate((node) => {
    type Box = { left: number; top: number; right: number; bottom: number };
    type El = { textContent: string | null; children: ArrayLike<El>; getBoundingClientRect(): Box; querySelector(s: string): El | null; querySelectorAll(s: string): ArrayLike<El> };
    const root = node as unknown as El;
    const view = globalThis as unknown as { getComputedStyle(e: El): { fill: string; fillOpacity: string; opacity: string } };
    // No named functions inside (not even arrows held in a const): the page gets this function's
    // source, without tsx's helpers.
    const image = root.querySelector('image')?.getBoundingClientRect();
    return Array.from(root.querySelectorAll('g.box')).map((g) => {
      const text = g.querySelector('text')!;
      const t = text.getBoundingClientRect();
      const before = Array.from(g.children).slice(1, Array.from(g.children).indexOf(text));
      return {
        text: text.textContent ?? '',
        textRect: { left: t.left, top: t.top, right: t.right, bottom: t.bottom },
        imageRect: image ? { left: image.left, top: image.top, right: image.right, bottom: image.bottom } : undefined,
        behind: before.map((e) => {
          const b = e.getBoundingClientRect();
          const style = view.getComputedStyle(e);
          return { rect: { left: b.left, top: b.top, right: b.right, bottom: b.bottom }, fill: style.fill, opacity: Number(style.fillOpacity) * Number(style.opacity) };
        }),
        textFill: view.getComputedStyle(text).fill,
      };
    });
  });
}

/** rgb(a) text to [r, g, b] in 0..255. */
const rgb = (css: string): number[] => (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
/** WCAG relative luminance and contrast ratio. */
const luminance = ([r, g, b]: number[]): number => {
  const c = [r!, g!, b!].map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
};
const contrast = (a: number[], b: number[]): number => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
};

/** The label of the right-edge box shows "Echo Dot" whole, inside the image, on a plate it contrasts with. */
function assertLegibleLabel(where: string, seen: Seen[]): void {
  assert.equal(seen.length, 1, `${where}: one box`);
  const s = seen[0]!;
  assert.equal(s.text, NAME, `${where}: the label's text is the box's class name`);
  const img = s.imageRect;
  assert.ok(img, `${where}: the image is drawn`);
  const t = s.textRect;
  const within = t.left >= img.left - 0.5 && t.right <= img.right + 0.5 && t.top >= img.top - 0.5 && t.bottom <= img.bottom + 0.5;
  assert.ok(within, `${where}: the label "${s.text}" lies within the picture: text ${JSON.stringify(t)}, image ${JSON.stringify(img)}`);
  const plate = s.behind.find((b) => b.fill !== 'none' && b.opacity >= 0.5 && b.rect.left <= t.left + 0.5 && b.rect.right >= t.right - 0.5 && b.rect.top <= t.top + 0.5 && b.rect.bottom >= t.bottom - 0.5);
  assert.ok(plate, `${where}: a solid background behind the label: elements behind it ${JSON.stringify(s.behind)}`);
  // The plate over the brightest and the darkest picture: the text contrasts with both (WCAG AA, 4.5).
  const over = (under: number): number[] => rgb(plate.fill).map((c) => c * plate.opacity + under * (1 - plate.opacity));
  const worst = Math.min(contrast(rgb(s.textFill), over(255)), contrast(rgb(s.textFill), over(0)));
  assert.ok(worst >= 4.5, `${where}: the label's text (${s.textFill}) contrasts with its plate (${plate.fill} at ${plate.opacity}): ${worst.toFixed(2)}`);
}

describe('UI: pictures (labels, an empty filter, a manifest to choose)', () => {
  before(async () => {
    const { s3Root, workspace } = session();
    const png = new PNG(IMAGE);
    for (let i = 0; i < png.data.length; i += 4) png.data.set([20, 22, 30, 255], i);
    fs.mkdirSync(path.dirname(path.join(s3Root, 'demo-bucket', KEY)), { recursive: true });
    fs.writeFileSync(path.join(s3Root, 'demo-bucket', KEY), PNG.sync.write(png));
    fs.mkdirSync(path.join(workspace, 'datasets'), { recursive: true });
    fs.writeFileSync(path.join(workspace, FILE), `${LINE}\n`);
    fs.writeFileSync(path.join(s3Root, 'demo-bucket', TURNED_KEY), turnedJpeg());
    fs.writeFileSync(path.join(workspace, TURNED_FILE), `${TURNED_LINE}\n`);
  });
  after(async () => {
    await closeEditors();
    for (const f of [FILE, TURNED_FILE]) fs.rmSync(path.join(session().workspace, f), { force: true });
  });

  it("shows a box's label whole, inside the picture, on a plate, in the preview and the gallery", async () => {
    await openManifestFile(FILE);
    await runCommand('Custom Labels: Open Preview to the Side');
    const preview = await webview('Preview of right-edge.manifest');
    const svg = preview.locator('svg#image');
    await until('the preview to draw the image with its box', async () => ((await svg.locator('image').count()) && (await svg.locator('g.box').count()) === 1 ? true : undefined));
    await screenshot('label-at-right-edge-preview');
    assertLegibleLabel('the preview', await labels(svg));

    await openManifestFile(FILE);
    await runCommand('Custom Labels: Show Gallery');
    await pick('From S3');
    const gallery = await webview(`Gallery of ${FILE}`);
    const card = gallery.locator('.card[data-line="0"]');
    await until('the gallery card with its image loaded', async () => ((await card.locator('image.loaded').count()) === 1 ? true : undefined));
    await screenshot('label-at-right-edge-gallery');
    assertLegibleLabel('the gallery card', await labels(card.locator('svg')));
  });

  it('a filter that matches nothing says so and how to clear it; the button clears it', async () => {
    const gallery = await galleryOf();
    await gallery.locator('#ref').fill('no-such-image');
    await until('the count to say nothing is shown', async () => ((await gallery.locator('#count').textContent())?.trim() === '0 of 1 entries' ? true : undefined));
    let said = '';
    await until(
      'the cards\' area to say that nothing matches and how to clear the filters',
      async () => {
        said = (await gallery.locator('#scroller').innerText()).replace(/\s+/g, ' ').trim();
        return /match/i.test(said) && /clear/i.test(said) ? true : undefined;
      },
      async () => `the cards' area reads ${JSON.stringify(said)}`,
    );
    await screenshot('gallery-nothing-matches');
    await gallery.getByRole('button', { name: /clear/i }).click();
    await until('every entry shown again', async () => ((await gallery.locator('#count').textContent())?.trim() === '1 of 1 entries' ? true : undefined));
    assert.equal(await gallery.locator('#ref').inputValue(), '', 'the source-ref filter is emptied');
    assert.equal(await gallery.locator('.card').count(), 1);
  });

  it('Show Gallery and Open Preview with another editor active offer the open manifest', async () => {
    // (The manifest stays open: a .manifest file closed and reopened is not detected again.)
    await openManifestFile(FILE);
    await openFile('README.md');
    await runCommand('Custom Labels: Show Gallery');
    let rows: string[] = [];
    await until(
      'a quick pick offering the open manifest',
      async () => {
        rows = await quickPickRows();
        return rows.some((r) => r.includes('right-edge.manifest')) ? true : undefined;
      },
      async () => `quick pick rows ${JSON.stringify(rows)}, notifications ${JSON.stringify(await notifications())}`,
    );
    await pick('right-edge.manifest');
    await pick('From S3');
    const gallery = await webview(`Gallery of ${FILE}`);
    await until('its card', async () => ((await gallery.locator('.card').count()) === 1 ? true : undefined));

    await openFile('README.md');
    await runCommand('Custom Labels: Open Preview to the Side');
    await until('a quick pick offering the open manifest', async () => ((await quickPickRows()).some((r) => r.includes('right-edge.manifest')) ? true : undefined), async () => JSON.stringify(await quickPickRows()));
    await pick('right-edge.manifest');
    await webview('Preview of right-edge.manifest');
  });

  it('draws an image as stored, not turned by its EXIF orientation (its boxes are in the stored frame)', async () => {
    // One editor group again (the previous test left a preview beside its manifest).
    await closeEditors();
    await openManifestFile(TURNED_FILE);
    await runCommand('Custom Labels: Open Preview to the Side');
    const preview = await webview('Preview of exif-turned.manifest');
    const svg = preview.locator('svg#image');
    await until('the preview to draw the image', async () => ((await svg.locator('image').getAttribute('href').catch(() => null))?.includes('vscode-resource') ? true : undefined));
    // As stored: the left half dark, the right half light. Turned a quarter, the top half would be dark.
    let seen = '';
    await until(
      'the preview to show the image as stored (dark left, light right)',
      async () => {
        const [topRight, bottomLeft] = [await brightnessAt(svg, 0.8, 0.2), await brightnessAt(svg, 0.2, 0.8)];
        seen = `brightness top-right ${topRight.toFixed(0)}, bottom-left ${bottomLeft.toFixed(0)}`;
        return topRight > 200 && bottomLeft < 60 ? true : undefined;
      },
      async () => seen,
    );
    await runCommand('Custom Labels: Show Gallery');
    await pick('From S3');
    const gallery = await webview(`Gallery of ${TURNED_FILE}`);
    const card = gallery.locator('.card[data-line="0"]');
    await until('the gallery card with its image loaded', async () => ((await card.locator('image.loaded').count()) === 1 ? true : undefined));
    const image = card.locator('svg image');
    const [topRight, bottomLeft] = [await brightnessAt(image, 0.8, 0.2), await brightnessAt(image, 0.2, 0.8)];
    assert.ok(topRight > 200 && bottomLeft < 60, `the gallery card shows the image as stored: brightness top-right ${topRight.toFixed(0)}, bottom-left ${bottomLeft.toFixed(0)}`);
  });
});


/** The gallery of the test's manifest, opened from its editor. */
async function galleryOf(): Promise<FrameLocator> {
  // One editor group (a gallery left beside the manifest holds the focus in its webview).
  await closeEditors();
  await openManifestFile(FILE);
  await runCommand('Custom Labels: Show Gallery');
  await pick('From S3');
  const gallery = await webview(`Gallery of ${FILE}`);
  await until('the gallery card', async () => ((await gallery.locator('.card').count()) === 1 ? true : undefined));
  return gallery;
}
