/**
 * Issue #15: "Show Label Statistics…" from a project's row shows, per label, the images in its
 * training and test datasets; a column header sorts the table; a label opens that label's
 * training entries in a browse document.
 */
import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { closeEditors } from './actions';
import { activeTabLabel, editorLineText, notifications, screenshot, until, webview } from './driver';
import { chooseFromMenu, openContextMenuOf, showExplorer, showFileExplorer } from './explorer-actions';
import { session } from './session';

const PROJECT = 'ui-label-stats';

function classificationLine(name: string, label: string): string {
  return JSON.stringify({
    'source-ref': `s3://custom-labels-ui/label-stats/${name}.jpg`,
    bird: 1,
    'bird-metadata': { confidence: 1, 'class-name': label, 'human-annotated': 'yes', 'creation-date': '2024-01-01T00:00:00.000Z', type: 'groundtruth/image-classification' },
  });
}

/** `count` lines of `label`, named `<set>-<label>-<i>`. */
function lines(set: string, label: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => classificationLine(`${set}-${label}-${i}`, label));
}

/** The table's rows as a person reads them: label, training images, test images (the chart column has no text). */
async function tableRows(view: FrameLocator): Promise<string[][]> {
  return view.locator('#stats tbody tr').evaluateAll((rows) =>
    rows.map((r) =>
      Array.from((r as unknown as { cells: ArrayLike<{ className: string; textContent: string | null }> }).cells)
        .filter((c) => c.className !== 'bars')
        .map((c) => (c.textContent ?? '').trim()),
    ),
  );
}

/** Waits for the table's rows to be `expected` (a sort redraws them). */
async function rowsToBe(view: FrameLocator, what: string, expected: string[][]): Promise<void> {
  let seen: string[][] = [];
  await until(
    `the label statistics table ${what}`,
    async () => {
      seen = await tableRows(view);
      return JSON.stringify(seen) === JSON.stringify(expected) ? true : undefined;
    },
    async () => `rows ${JSON.stringify(seen)}`,
  );
}

describe('UI: label statistics of a project', () => {
  before(async () => {
    const { service } = session();
    const arn = await service.createProject(PROJECT);
    const trainArn = await service.createDataset(arn, 'TRAIN', { kind: 'empty' });
    const testArn = await service.createDataset(arn, 'TEST', { kind: 'empty' });
    await Promise.all([service.waitForStatus(trainArn), service.waitForStatus(testArn)]);
    // Training: sparrow 5, finch 3, heron 1. Test: owl 3, finch 2, sparrow 1 (no heron; owl only here).
    await service.pushEntries(trainArn, [...lines('train', 'sparrow', 5), ...lines('train', 'finch', 3), ...lines('train', 'heron', 1)]);
    await service.pushEntries(testArn, [...lines('test', 'owl', 3), ...lines('test', 'finch', 2), ...lines('test', 'sparrow', 1)]);
  });
  after(async () => {
    await closeEditors();
    await showFileExplorer();
  });

  it('shows per-label counts in training and test, sorts by a column, and browses a label\'s entries', async () => {
    await showExplorer(PROJECT);
    await openContextMenuOf(PROJECT);
    await chooseFromMenu('Show Label Statistics');
    const view = await webview(PROJECT);

    // Most training images first.
    await rowsToBe(view, 'with the counts of each label', [
      ['sparrow', '5', '1'],
      ['finch', '3', '2'],
      ['heron', '1', '0'],
      ['owl', '0', '3'],
    ]);
    const headers = (await view.locator('#stats thead th').allTextContents()).map((t) => t.trim());
    assert.deepEqual(headers, ['Label', 'Chart', 'Training images', 'Test images']);
    const summary = await view.locator('p').first().textContent();
    assert.match(summary ?? '', /4 labels; training 9 lines, test 6 lines/);
    // The counting's progress notification goes once the table is drawn.
    await until('the "Counting labels" progress to close', async () => ((await notifications()).some((n) => n.startsWith('Counting labels')) ? undefined : true), async () => JSON.stringify(await notifications()));
    await screenshot('label-statistics');

    await view.locator('button.sort', { hasText: 'Test images' }).click();
    await rowsToBe(view, 'sorted by test images, fewest first', [
      ['heron', '1', '0'],
      ['sparrow', '5', '1'],
      ['finch', '3', '2'],
      ['owl', '0', '3'],
    ]);
    await view.locator('button.sort', { hasText: 'Test images' }).click();
    await rowsToBe(view, 'sorted by test images, most first', [
      ['owl', '0', '3'],
      ['finch', '3', '2'],
      ['sparrow', '5', '1'],
      ['heron', '1', '0'],
    ]);
    await view.locator('button.sort', { hasText: 'Label' }).click();
    await rowsToBe(view, 'sorted by label', [
      ['finch', '3', '2'],
      ['heron', '1', '0'],
      ['owl', '0', '3'],
      ['sparrow', '5', '1'],
    ]);
    assert.equal(await view.locator('#stats thead th[aria-sort="ascending"]').textContent(), 'Label');

    // A label opens its training entries: a browse document of the three finches.
    await view.locator('button.link', { hasText: 'finch' }).click();
    const tab = await until('a browse tab of the finch entries', async () => {
      const label = await activeTabLabel();
      return /labels finch/.test(label) ? label : undefined;
    }, async () => `active tab "${await activeTabLabel()}"`);
    assert.match(tab, new RegExp(`^${PROJECT}-Training dataset \\(labels finch\\)\\.manifest`), tab);
    const shown = await until('the three finch entries in the editor', async () => {
      const text = [1, 2, 3, 4].map((n) => editorLineText(n));
      const all = await Promise.all(text);
      return all.filter((l) => l.includes('train-finch-')).length === 3 ? all : undefined;
    }, async () => JSON.stringify(await Promise.all([1, 2, 3, 4].map((n) => editorLineText(n)))));
    assert.ok(!shown.some((l) => /sparrow|heron|owl/.test(l)), JSON.stringify(shown));
  });
});
