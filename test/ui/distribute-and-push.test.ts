/**
 * Journey 4: commands that move entries say what they will move before they move it.
 * - Push Entries from a dataset's row in the tree takes the active editor: it names that file
 *   and asks first.
 * - Distribute says how many entries go to the test dataset (the service moves 20% of the
 *   training entries) and moves nothing until the person agrees.
 * The counts expected are the fixture's: the lines pushed here, and 20% of them moved (the
 * service's documented share, rounded).
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
/** The fixture: 12 entries pushed to training at set-up, then the 3 lines of FILE pushed from the tree. */
const SETUP_LINES = Array.from({ length: 12 }, (_, i) => classificationLine(i, i % 2 ? 'finch' : 'sparrow'));
const FILE_LINES = [100, 101, 102].map((i) => classificationLine(i, 'sparrow'));
const TRAIN_BEFORE = SETUP_LINES.length + FILE_LINES.length;
/** The service moves 20% of the training entries (developer guide); 20% of 15 is 3. */
const MOVED = Math.round(TRAIN_BEFORE * 0.2);
/** How long the datasets are watched after Cancel: far longer than the sandbox takes to distribute (its transitions take 20 ms). */
const WATCH_MS = 3_000;

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
    const pushed = await service.pushEntries(trainArn, SETUP_LINES);
    assert.equal(pushed.landed.length, SETUP_LINES.length, 'the set-up lines are in the training dataset');
    fs.writeFileSync(path.join(session().workspace, FILE), `${FILE_LINES.join('\n')}\n`);
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
    const train = await session().service.describeDataset(trainArn);
    assert.equal(train.stats.totalEntries, TRAIN_BEFORE, 'the 12 set-up entries and the 3 lines of the file');
  });

  it('Distribute says how many entries go to the test dataset, and moves nothing when cancelled', async () => {
    await showExplorer(PROJECT);
    await openContextMenuOf(PROJECT);
    await chooseFromMenu('Distribute Training Entries to Test Dataset');
    // 15 training entries: the service moves 20%, 3 of them.
    const asked = await answerDistribute('Cancel');
    assert.match(asked, /Move about 3 of the 15 training entries of "ui-distribute" to its test dataset\?/, asked);
    assert.match(asked, /20%/, asked);
    // Nothing moves, now nor a moment later: both datasets are watched, and stay as they were.
    const { service } = session();
    const look = async (): Promise<{ status: string; held: string }> => {
      const [train, test] = await Promise.all([service.describeDataset(trainArn), service.describeDataset(testArn)]);
      return { status: `training ${train.status}, test ${test.status}`, held: `training ${train.stats.totalEntries}, test ${test.stats.totalEntries}` };
    };
    const first = await look();
    const seen = new Set<string>();
    const end = Date.now() + WATCH_MS;
    for (;;) {
      const now = await look();
      seen.add(`${now.held} (${now.status})`);
      if (Date.now() > end) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.deepEqual([...seen], [`training ${TRAIN_BEFORE}, test 0 (${first.status})`], `what the datasets held over ${WATCH_MS / 1000} s after Cancel`);
    assert.ok(!/IN_PROGRESS/.test(first.status), `no update started: ${first.status}`);
  });

  it('Distribute moves the entries once the person agrees', async () => {
    await showExplorer(PROJECT);
    await openContextMenuOf(PROJECT);
    await chooseFromMenu('Distribute Training Entries to Test Dataset');
    await answerDistribute('Distribute');
    const done = await notification(/Distributed ui-distribute/);
    const { service } = session();
    const [train, test] = await Promise.all([service.describeDataset(trainArn), service.describeDataset(testArn)]);
    assert.deepEqual(
      { train: [train.status, train.stats.totalEntries], test: [test.status, test.stats.totalEntries] },
      { train: ['UPDATE_COMPLETE', TRAIN_BEFORE - MOVED], test: ['UPDATE_COMPLETE', MOVED] },
      `${done}: ${MOVED} of the ${TRAIN_BEFORE} entries moved to the test dataset`,
    );
  });
});
