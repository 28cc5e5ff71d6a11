/**
 * Issue #25: the Dataset Health view of the demo workspace (`npm start`: test/fixtures/workspace,
 * its images seeded into the sandbox's S3). The test makes a leak as a dataset collects one: the
 * picture of datasets/train.manifest's room line, re-encoded (the same pixels, other bytes) under
 * another key, named by a test manifest. A person runs Check Dataset Health… on train.manifest,
 * picks the test manifest and S3; the view shows the leak first; its buttons open the gallery on
 * the leak's entries only. What each must show is read from the fixture with JSON.parse.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PNG } from 'pngjs';
import type { FrameLocator } from 'playwright-core';
import { closeEditors, openManifestFile } from './actions';
import { notifications, pick, quickPickRows, runCommand, screenshot, until, webview } from './driver';
import { session } from './session';

const TRAIN = 'datasets/train.manifest';
const TEST = 'datasets/health-test.manifest';
const TRAIN_LINES = fs.readFileSync(path.resolve(__dirname, '..', 'fixtures', 'workspace', TRAIN), 'utf8').split('\n').filter((l) => l.trim() !== '');
/** The fixture's PNG line (room-01): its picture is the one copied into the test dataset. */
const ROOM_LINE = TRAIN_LINES.findIndex((l) => String((JSON.parse(l) as Record<string, unknown>)['source-ref']).endsWith('.png'));
const ROOM_REF = String((JSON.parse(TRAIN_LINES[ROOM_LINE]!) as Record<string, unknown>)['source-ref']);
const COPY_REF = ROOM_REF.replace(/\.png$/, '-copy.png');

/** The gallery's cards as [ref, image loaded]. */
async function cards(view: FrameLocator): Promise<Array<[string, boolean]>> {
  return view.locator('.card').evaluateAll((els) =>
    els.map((e) => {
      const el = e as unknown as { getAttribute(n: string): string | null; querySelectorAll(s: string): ArrayLike<unknown> };
      return [el.getAttribute('aria-label') ?? '', el.querySelectorAll('image.loaded').length === 1] as [string, boolean];
    }),
  );
}

async function galleryShows(heading: string, ref: string): Promise<void> {
  const view = await webview(heading);
  let seen: Array<[string, boolean]> = [];
  await until(`the gallery "${heading}" with the one card of ${ref}, its image loaded`, async () => {
    seen = await cards(view);
    return seen.length === 1 && seen[0]![0] === ref && seen[0]![1] ? true : undefined;
  }, async () => JSON.stringify(seen));
  const count = (await view.locator('#count').textContent()) ?? '';
  assert.match(count, /^1 of 1 entries$/, count);
}

describe('UI: the Dataset Health view of the demo workspace', () => {
  before(async () => {
    const { sandbox, s3Root, workspace } = session();
    await sandbox.seedDemo();
    const [bucket, ...key] = ROOM_REF.slice('s3://'.length).split('/');
    const seeded = path.join(s3Root, bucket!, ...key);
    const picture = PNG.sync.read(fs.readFileSync(seeded));
    const again = PNG.sync.write(picture, { deflateLevel: 9, filterType: 1 });
    assert.notDeepEqual(again, fs.readFileSync(seeded), 'the copy has other bytes');
    fs.writeFileSync(path.join(s3Root, bucket!, ...COPY_REF.slice('s3://'.length).split('/').slice(1)), again);
    // The test manifest: the room line naming the copy.
    fs.writeFileSync(path.join(workspace, TEST), TRAIN_LINES[ROOM_LINE]!.replace(ROOM_REF, COPY_REF) + '\n');
  });
  after(async () => {
    // The findings stay on the demo's lines until cleared, as a person clears them: the suites after this one read the Problems panel.
    await runCommand('Custom Labels: Clear Health Findings');
    await closeEditors();
    fs.rmSync(path.join(session().workspace, TEST), { force: true });
  });

  it('Check Dataset Health… shows the train/test leak first; its buttons open the gallery on its entries', async () => {
    await openManifestFile(TRAIN);
    await runCommand('Custom Labels: Check Dataset Health…');
    await until('the question of the test manifest', async () => ((await quickPickRows()).some((r) => r.includes(TEST)) ? true : undefined), async () => JSON.stringify(await quickPickRows()));
    await pick(TEST);
    await until('the question where the images are', async () => ((await quickPickRows()).some((r) => r.startsWith('From S3')) ? true : undefined), async () => JSON.stringify(await quickPickRows()));
    await pick('From S3');
    const view = await webview(`Dataset health of ${TRAIN} + ${TEST}`);

    const first = view.locator('#duplicates .finding').first();
    await until('the first finding among the duplicates', async () => ((await first.count()) ? true : undefined));
    assert.equal(await first.getAttribute('data-code'), 'CL_HEALTH_NEAR_TRAIN_TEST_LEAK');
    const message = (await first.locator('.message').textContent()) ?? '';
    assert.ok(message.includes(ROOM_REF) && message.includes(COPY_REF), message);
    assert.match((await first.locator('.action').textContent()) ?? '', /^What to do: /);
    const summary = (await view.locator('#summary').textContent()) ?? '';
    assert.match(summary, new RegExp(`training: ${TRAIN_LINES.length} images \\(${TRAIN_LINES.length} read\\); test: 1 image \\(1 read\\)\\. 1 error`), summary);
    await until('the health check\'s progress to close', async () => ((await notifications()).some((n) => n.startsWith('Checking the health')) ? undefined : true), async () => JSON.stringify(await notifications()));
    await screenshot('dataset-health');

    await first.locator('button.gallery', { hasText: 'training' }).click();
    await galleryShows(`Gallery of ${TRAIN} (line ${ROOM_LINE + 1})`, ROOM_REF);
    await first.locator('button.gallery', { hasText: 'test' }).click();
    await galleryShows(`Gallery of ${TEST} (line 1)`, COPY_REF);
  });
});
