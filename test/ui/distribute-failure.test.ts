/**
 * Distribute on a project without a test dataset creates one first. A distribution bound to fail
 * must create nothing, and one that fails after the test dataset was made says so and offers to
 * remove it (issue: "A failed Distribute leaves an empty test dataset behind").
 * - 'sparrow' is on one image of eleven: the service fails such a split
 *   (ERROR_INSUFFICIENT_IMAGES_PER_LABEL_FOR_DISTRIBUTE); the command says so before it creates anything.
 * - A split the service fails anyway (the sandbox's failNextUpdate fault): the error names the
 *   test dataset made for it, and its "Delete the Test Dataset" button removes it.
 */
import * as assert from 'node:assert/strict';
import { notifications, page, pick, quickPickRows, runCommand, until } from './driver';
import { answerTreeCommand, chooseFromMenu, openContextMenuOf, showExplorer, showFileExplorer } from './explorer-actions';
import { session } from './session';

const THIN = 'ui-distribute-thin';
const FAULT = 'ui-distribute-fault';
const DISTRIBUTE = 'Distribute Training Entries to Test Dataset';

function classificationLine(project: string, i: number, label: string): string {
  return JSON.stringify({
    'source-ref': `s3://custom-labels-ui/${project}/${label}-${i}.jpg`,
    bird: 1,
    'bird-metadata': { confidence: 1, 'class-name': label, 'human-annotated': 'yes', 'creation-date': '2024-01-01T00:00:00.000Z', type: 'groundtruth/image-classification' },
  });
}

/** The project's datasets as the service has them: their types. */
async function datasetTypes(project: string): Promise<string[]> {
  const { service } = session();
  const found = (await service.listProjects()).find((p) => p.name === project);
  assert.ok(found, `project ${project} exists`);
  return found.datasets.map((d) => d.type).sort();
}

/** The visible notification matching `re`, waiting for it as a person does. */
function notification(re: RegExp): Promise<string> {
  return until(`a notification matching ${re}`, async () => (await notifications()).find((n) => re.test(n)), async () => JSON.stringify(await notifications()));
}

async function trainingOnly(project: string, labels: string[]): Promise<void> {
  const { service } = session();
  const arn = await service.createProject(project);
  const train = await service.createDataset(arn, 'TRAIN', { kind: 'empty' });
  await service.waitForStatus(train);
  await service.pushEntries(train, labels.map((label, i) => classificationLine(project, i, label)));
}

describe('UI: a Distribute that cannot complete leaves the project as it was', () => {
  before(async () => {
    await trainingOnly(THIN, [...Array.from({ length: 10 }, () => 'finch'), 'sparrow']);
    await trainingOnly(FAULT, Array.from({ length: 12 }, (_, i) => (i % 2 ? 'finch' : 'sparrow')));
    // The messages of earlier journeys, read, are put away (VS Code shows a few toasts at a time).
    await runCommand('Notifications: Clear All Notifications');
  });
  after(async () => {
    session().sandbox.faults.failNextUpdate = false;
    await showFileExplorer();
  });

  it('a label on one image: says so before creating anything, and no test dataset appears', async () => {
    await showExplorer(THIN);
    await openContextMenuOf(THIN);
    await chooseFromMenu(DISTRIBUTE);
    // The row may re-render under its menu, and VS Code then runs the command without it: it asks which project.
    const said = await until(
      'the command to say why it cannot distribute',
      async () => {
        if ((await quickPickRows()).some((r) => r.includes(THIN))) await pick(THIN);
        const dialog = await page().locator('.monaco-dialog-box').count();
        if (dialog > 0) return `a modal question: ${(await page().locator('.monaco-dialog-box').first().innerText()).replace(/\s+/g, ' ')}`;
        return (await notifications()).find((n) => /Distribute/.test(n));
      },
      async () => JSON.stringify(await notifications()),
    );
    assert.match(said, /"sparrow" \(1 image\)/, said);
    assert.match(said, /fewer than 2 images/, said);
    assert.deepEqual(await datasetTypes(THIN), ['TRAIN'], 'no test dataset was created');
    // Read, the message is closed (a toast left open can hide the next one).
    await page().locator('.notification-toast', { hasText: 'fewer than 2 images' }).locator('.codicon-notifications-clear').first().click();
  });

  it('the service fails the split: the error says the test dataset was created and deletes it on request', async () => {
    const { sandbox } = session();
    await showExplorer(FAULT);
    await openContextMenuOf(FAULT);
    await chooseFromMenu(DISTRIBUTE);
    sandbox.faults.failNextUpdate = true;
    const asked = await answerTreeCommand(FAULT, 'Create and Distribute');
    assert.match(asked, /has no test dataset/, asked);
    const said = await notification(/test dataset created for this distribution is still there/);
    assert.match(said, /SANDBOX_FAULT/, said);
    assert.deepEqual(await datasetTypes(FAULT), ['TEST', 'TRAIN'], 'the test dataset exists until the person chooses');
    const toast = page().locator('.notification-toast', { hasText: 'test dataset created for this distribution' });
    await toast.locator('.monaco-button', { hasText: 'Delete the Test Dataset' }).first().click();
    await notification(/Deleted the empty test dataset of "ui-distribute-fault"/);
    await until('the service to hold only the training dataset', async () => ((await datasetTypes(FAULT)).join() === 'TRAIN' ? true : undefined));
  });
});
