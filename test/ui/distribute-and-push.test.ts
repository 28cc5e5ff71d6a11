/**
 * Journey 4: commands that move entries say what they will move before they move it.
 * - Push Entries from a dataset's row in the tree takes the active editor: it names that file
 *   and asks first.
 * - Distribute says how many entries go to the test dataset (the service moves 20% of the
 *   training entries) and moves nothing until the person agrees.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { closeEditors, openManifestFile } from './actions';
import { answerDialog, notifications, until } from './driver';
import { answerTreeCommand, chooseFromMenu, openContextMenuOf, showExplorer, showFileExplorer } from './explorer-actions';
import { session } from './session';

const PROJECT = 'ui-distribute';
const FILE = 'datasets/tree-push.manifest';

function classificationLine(i: number, label: string): string {
  return JSON.stringify({
    'source-ref': `s3://custom-labels-ui/distribute/${label}-${i}.jpg`,
    bird: 1,
    'bird-metadata': { confidence: 1, 'class-name': label, 'human-annotated': 'yes', 'creation-date': '2024-01-01T00:00:00.000Z', type: 'groundtruth/image-classification' },
  });
}

async function answerDistribute(button: string): Promise<string> {
  return answerTreeCommand(PROJECT, button);
}

async function notification(re: RegExp): Promise<string> {
  return until(`a notification matching ${re}`, async () => (await notifications()).find((n) => re.test(n)), async () => JSON.stringify(await notifications()));
}

describe('UI: push and distribute say what they move before they move it', () => {
  let trainArn = '';
  let testArn = '';

  before(async () => {
    const { service } = session();
    const arn = await service.createProject(PROJECT);
    trainArn = await service.createDataset(arn, 'TRAIN', { kind: 'empty' });
    testArn = await service.createDataset(arn, 'TEST', { kind: 'empty' });
    await Promise.all([service.waitForStatus(trainArn), service.waitForStatus(testArn)]);
    await service.pushEntries(trainArn, Array.from({ length: 12 }, (_, i) => classificationLine(i, i % 2 ? 'finch' : 'sparrow')));
    fs.writeFileSync(path.join(session().workspace, FILE), `${[100, 101, 102].map((i) => classificationLine(i, 'sparrow')).join('\n')}\n`);
  });
  after(async () => {
    await closeEditors();
    await showFileExplorer();
  });

  it('Push Entries from the tree names the active editor\'s file and asks before it pushes', async () => {
    await openManifestFile(FILE);
    await showExplorer(PROJECT);
    await openContextMenuOf(PROJECT, 'Training dataset');
    await chooseFromMenu('Push Entries to Dataset');
    const asked = await answerDialog('Push');
    assert.match(asked, /Push tree-push\.manifest to ui-distribute › Training dataset\?/, asked);
    assert.match(asked, /active editor/, asked);
    await notification(/Pushed 3 entries from tree-push\.manifest to ui-distribute › Training dataset/);
  });

  it('Distribute says how many entries go to the test dataset, and moves nothing when cancelled', async () => {
    await showExplorer(PROJECT);
    await openContextMenuOf(PROJECT);
    await chooseFromMenu('Distribute Training Entries to Test Dataset');
    // 15 training entries: the service moves 20%, 3 of them.
    const asked = await answerDistribute('Cancel');
    assert.match(asked, /Move about 3 of the 15 training entries of "ui-distribute" to its test dataset\?/, asked);
    assert.match(asked, /20%/, asked);
    const { service } = session();
    const [train, test] = await Promise.all([service.describeDataset(trainArn), service.describeDataset(testArn)]);
    assert.equal(test.stats.totalEntries, 0, 'nothing moved to the test dataset');
    assert.equal(train.stats.totalEntries, 15);
  });

  it('Distribute moves the entries once the person agrees', async () => {
    await showExplorer(PROJECT);
    await openContextMenuOf(PROJECT);
    await chooseFromMenu('Distribute Training Entries to Test Dataset');
    await answerDistribute('Distribute');
    const done = await notification(/Distributed ui-distribute/);
    const test = await session().service.describeDataset(testArn);
    assert.ok(test.stats.totalEntries > 0, `${done}; the test dataset has ${test.stats.totalEntries} entries`);
  });
});
