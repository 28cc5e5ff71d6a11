/**
 * Journey 5: the Custom Labels explorer at the default sidebar width. What matters survives the
 * ellipsis: a failed dataset says "failed" in words (not only with a red icon), the errors come
 * before the counts a person rarely needs, and the title still says it is the sandbox.
 */
import * as assert from 'node:assert/strict';
import { escape, openRowContextMenu, page, screenshot, shownTexts, until } from './driver';
import { session } from './session';
import { showExplorer } from './explorer-actions';

const PROJECT = 'ui-street-signs';

function classificationLine(i: number, label: string): string {
  return JSON.stringify({
    'source-ref': `s3://custom-labels-ui/images/${label}-${i}.jpg`,
    sign: 1,
    'sign-metadata': { confidence: 1, 'class-name': label, 'human-annotated': 'yes', 'creation-date': '2024-01-01T00:00:00.000Z', type: 'groundtruth/image-classification' },
  });
}

/** The rendered rows of the side bar, each with how much of its text fits before the ellipsis. */
async function rows(): Promise<Array<{ text: string; shown: string; icon: string }>> {
  return page()
    .locator('[id="workbench.parts.sidebar"] .monaco-list-row')
    .evaluateAll((els) =>
      els.map((row) => {
        // Measured in the page: the characters of the row whose box ends inside the row.
        const doc = (row as unknown as { ownerDocument: { createRange(): any; createTreeWalker(n: unknown, f: number): any } }).ownerDocument;
        const r = row as unknown as { getBoundingClientRect(): { right: number }; querySelector(s: string): any; textContent: string | null };
        const container = r.querySelector('.monaco-icon-label-container') ?? row;
        const right = Math.min(container.getBoundingClientRect().right, r.getBoundingClientRect().right);
        let shown = '';
        const walker = doc.createTreeWalker(container, 4);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text: string = node.textContent ?? '';
          for (let i = 0; i < text.length; i++) {
            const range = doc.createRange();
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            if (range.getBoundingClientRect().right <= right - 12 /* the ellipsis */) shown += text[i];
          }
          shown += ' ';
        }
        const icon = r.querySelector('.custom-view-tree-node-item-icon, .codicon');
        return { text: (r.textContent ?? '').replace(/\s+/g, ' ').trim(), shown: shown.replace(/\s+/g, ' ').trim(), icon: icon?.className ?? '' };
      }),
    );
}

describe('UI: the explorer at the default sidebar width', () => {
  before(async function () {
    const { service, sandbox } = session();
    const arn = await service.createProject(PROJECT);
    const train = await service.createDataset(arn, 'TRAIN', { kind: 'empty' });
    await service.waitForStatus(train);
    sandbox.faults.failNextUpdate = true;
    await service.pushEntries(train, Array.from({ length: 12 }, (_, i) => classificationLine(i, 'stop-sign'))).catch(() => undefined);
  });

  it('a failed dataset says "failed" before the ellipsis, and the title still says Sandbox', async () => {
    // Opened and refreshed from the view's title bar, as a person does after changing the account
    // elsewhere; the projects of the suites before collapsed, this one open.
    await showExplorer(PROJECT);
    const failed = await until(
      `the ${PROJECT} training dataset in the tree`,
      async () => {
        const all = await rows();
        const i = all.findIndex((r) => r.text.startsWith(PROJECT));
        const row = i >= 0 ? all[i + 1] : undefined;
        return row && row.text.startsWith('Training dataset') && /error/.test(row.icon) ? row : undefined;
      },
      async () => JSON.stringify(await rows()),
    );
    await page().mouse.move(800, 600); // away from the title bar's buttons and their tooltips
    await screenshot('explorer-default-width');
    assert.match(failed.shown, /failed/, `what shows of the failed dataset's row: "${failed.shown}" (whole row: "${failed.text}")`);
    const titles = await shownTexts('[id="workbench.parts.sidebar"] .composite.title .title-label h2, [id="workbench.parts.sidebar"] .pane-header .title');
    assert.ok(titles.some((t) => /\bSandbox\b/.test(t.shown)), `what shows of the side bar's title: ${JSON.stringify(titles)}`);
  });

  it('the failed dataset\'s context menu offers to push again and to delete it', async () => {
    const items = await openRowContextMenu('Training dataset update failed');
    await escape();
    assert.ok(items.some((i) => /Push Entries to Dataset/.test(i)) && items.some((i) => /Delete Dataset/.test(i)), JSON.stringify(items));
  });
});
