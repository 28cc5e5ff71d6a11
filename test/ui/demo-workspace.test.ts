/**
 * A new user's first contact (issue: "The demo workspace's manifests point at a bucket the sandbox
 * does not serve"): `npm start` seeds the sandbox's demo (its images into the sandbox's S3 folder)
 * and opens the demo workspace; its datasets/train.manifest in the gallery and the preview shows
 * each picture, with the boxes its lines hold. What each card must show is read from the fixture
 * (test/fixtures/workspace/datasets/train.manifest) with JSON.parse, nothing of the extension's.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { closeEditors, openManifestFile } from './actions';
import { cursorPosition, goTo, pick, quickPickRows, runCommand, screenshot, until, webview } from './driver';
import { session } from './session';

const FILE = 'datasets/train.manifest';
const LINES = fs.readFileSync(path.resolve(__dirname, '..', 'fixtures', 'workspace', FILE), 'utf8').split('\n').filter((l) => l.trim() !== '');
/** Per line: its source-ref and how many boxes its annotations hold. */
const EXPECTED = LINES.map((text) => {
  const json = JSON.parse(text) as Record<string, unknown>;
  let boxes = 0;
  for (const value of Object.values(json)) {
    const annotations = (value as { annotations?: unknown[] } | null)?.annotations;
    if (Array.isArray(annotations)) boxes += annotations.length;
  }
  return { ref: String(json['source-ref']), boxes };
});

interface Card { ref: string; loaded: boolean; missing: boolean; boxes: number }

async function cards(view: FrameLocator): Promise<Card[]> {
  return view.locator('.card').evaluateAll((els) =>
    els.map((e) => {
      const el = e as unknown as { getAttribute(n: string): string | null; textContent: string | null; querySelectorAll(s: string): ArrayLike<unknown> };
      return {
        ref: el.getAttribute('aria-label') ?? '',
        loaded: el.querySelectorAll('image.loaded').length === 1,
        missing: (el.textContent ?? '').includes('image not available'),
        boxes: el.querySelectorAll('.box').length,
      };
    }),
  );
}

describe('UI: the demo workspace shows its pictures', () => {
  before(async () => {
    // What npm start does before it opens the workspace (test/workbench/start.ts).
    await session().sandbox.seedDemo();
  });
  after(async () => {
    await closeEditors();
  });

  it('Show Gallery on datasets/train.manifest: every card has its image and its boxes', async () => {
    assert.ok(EXPECTED.length >= 3 && EXPECTED.some((e) => e.boxes > 0), 'the fixture has lines, some with boxes');
    await openManifestFile(FILE);
    await runCommand('Custom Labels: Show Gallery');
    await until('the question where the images are', async () => ((await quickPickRows()).some((r) => r.startsWith('From S3')) ? true : undefined), async () => JSON.stringify(await quickPickRows()));
    await pick('From S3');
    const view = await webview(`Gallery of ${FILE}`);
    let last: Card[] = [];
    await until(
      `the ${EXPECTED.length} cards with their images loaded`,
      async () => {
        last = await cards(view);
        return last.length === EXPECTED.length && last.every((c) => c.loaded) ? true : undefined;
      },
      async () => JSON.stringify(last),
    );
    for (const e of EXPECTED) {
      const card = last.find((c) => c.ref === e.ref);
      assert.ok(card, `a card for ${e.ref}: ${JSON.stringify(last)}`);
      assert.equal(card.missing, false, `${e.ref} is not "image not available"`);
      assert.equal(card.boxes, e.boxes, `${e.ref} draws its ${e.boxes} box(es)`);
    }
    await screenshot('demo-workspace-gallery'); // media/demo-gallery.png in the README
  });

  it('Open Preview to the Side on a line with boxes shows its picture and its boxes', async () => {
    const line = EXPECTED.findIndex((e) => e.boxes > 0);
    await closeEditors();
    await openManifestFile(FILE);
    await goTo(line + 1, 1);
    await until(`the cursor on line ${line + 1}`, async () => ((await cursorPosition())?.startsWith(`Ln ${line + 1},`) ? true : undefined), async () => String(await cursorPosition()));
    await runCommand('Custom Labels: Open Preview to the Side');
    const view = await webview(`Preview of ${path.basename(FILE)}`);
    let seen = { ref: '', image: '', boxes: 0 };
    await until(
      `the preview of line ${line + 1} with its image`,
      async () => {
        seen = await view.locator('body').evaluate((body) => {
          const b = body as unknown as { querySelector(s: string): { textContent: string | null; getAttribute(n: string): string | null } | null; querySelectorAll(s: string): ArrayLike<unknown> };
          return { ref: (b.querySelector('#ref')?.textContent ?? '').trim(), image: b.querySelector('svg#image image')?.getAttribute('href') ?? '', boxes: b.querySelectorAll('svg#image g.box').length };
        });
        return seen.ref === EXPECTED[line]!.ref && seen.image !== '' ? true : undefined;
      },
      async () => JSON.stringify(seen),
    );
    assert.equal(seen.boxes, EXPECTED[line]!.boxes);
    await screenshot('demo-workspace-preview'); // media/demo-preview.png in the README
  });
});
