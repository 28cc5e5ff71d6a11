/**
 * The manifest's language status item (the `{}` beside the language name in the status bar): its
 * hover, as a person reads it, fits inside the window: no text runs off the right edge or is cut.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { closeEditors, openManifestFile } from './actions';
import { page, until } from './driver';
import { session } from './session';

const FILE = 'datasets/status-hover.manifest';
const GOOD = JSON.stringify({
  'source-ref': 's3://custom-labels-demo/images/cat-02.jpg',
  animal: 1,
  'animal-metadata': { confidence: 1, 'class-name': 'cat', 'human-annotated': 'yes', 'creation-date': '2024-03-01T10:00:00.000Z', type: 'groundtruth/image-classification' },
});

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

describe('UI: the manifest language status', () => {
  before(async () => {
    // One line dropped at import: both shares are in the item's text and detail.
    fs.writeFileSync(path.join(session().workspace, FILE), `${GOOD}\n{broken\n`);
    await openManifestFile(FILE);
  });
  after(async () => {
    await page().mouse.move(700, 300);
    await closeEditors();
  });

  it('its hover fits inside the window', async () => {
    await page().locator('[id="status.languageStatus"]').first().hover();
    const shown = await until(
      'the language status hover with the manifest\'s totals',
      async () => {
        const found = await page()
          .locator('.monaco-hover')
          .evaluateAll((els) => {
            type El = { textContent: string | null; getBoundingClientRect(): Box; querySelectorAll(s: string): El[]; scrollWidth: number; clientWidth: number };
            const hover = els.map((e) => e as unknown as El).find((e) => /lines?\b/.test(e.textContent ?? ''));
            if (!hover) return undefined;
            const view = (globalThis as unknown as { innerWidth: number; innerHeight: number });
            const parts = [hover, ...hover.querySelectorAll('*')];
            const clipped = parts.filter((e) => e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0).map((e) => (e.textContent ?? '').slice(0, 80));
            const r = hover.getBoundingClientRect();
            const rightmost = Math.max(...parts.map((e) => e.getBoundingClientRect().right));
            return { text: (hover.textContent ?? '').replace(/\s+/g, ' ').trim(), box: { left: r.left, right: r.right, top: r.top, bottom: r.bottom }, rightmost, clipped, width: view.innerWidth, height: view.innerHeight };
          });
        return found;
      },
      async () => JSON.stringify(await page().locator('.monaco-hover').allTextContents()),
    );
    const at = `hover ${JSON.stringify(shown.box)}, rightmost text at ${shown.rightmost}, window ${shown.width}×${shown.height}: "${shown.text}"`;
    assert.ok(shown.box.left >= 0 && shown.box.right <= shown.width && shown.box.top >= 0 && shown.box.bottom <= shown.height, at);
    assert.ok(shown.rightmost <= shown.width, at);
    assert.deepEqual(shown.clipped, [], `text cut inside the hover: ${at}`);
  });
});
