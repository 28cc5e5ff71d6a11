/**
 * A dataset's context menu while the service updates it (issue #21 item 5): the menu opened on the
 * busy row lists what a person expects of a dataset (Push, Browse, Gallery, Delete...), not only
 * Copy ARN; Push chosen then says why it cannot run now and what to do, and pushes nothing. Once the
 * update is complete, the next menu lists the same items and Push pushes.
 *
 * The sandbox holds the update in UPDATE_IN_PROGRESS with its slow-transitions fault (HOLD_MS), set
 * only for the one update started here.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { closeEditors, openManifestFile } from './actions';
import { answerDialog, escape, notifications, sidebarRows, until } from './driver';
import { chooseFromMenu, openContextMenuOf, showExplorer, showFileExplorer } from './explorer-actions';
import { session } from './session';

const PROJECT = 'ui-busy-menu';
const DATASET = `${PROJECT} › Training dataset`;
const FILE = 'datasets/busy-push.manifest';
/** How long the update started in set-up stays in progress: long enough to open the menu and choose Push. */
const HOLD_MS = 40_000;
/** What a person expects to find on a dataset with entries, busy or not. */
const EXPECTED = ['Push Entries to Dataset', 'Browse Dataset Entries', 'Show Gallery', 'Delete Dataset', 'Copy ARN'];

function line(i: number): string {
  return JSON.stringify({
    'source-ref': `s3://custom-labels-ui/busy/bird-${i}.jpg`,
    bird: 1,
    'bird-metadata': { confidence: 1, 'class-name': i % 2 ? 'finch' : 'sparrow', 'human-annotated': 'yes', 'creation-date': '2024-01-01T00:00:00.000Z', type: 'groundtruth/image-classification' },
  });
}
/** 10 entries at set-up, 2 more in the held update, then the file's 3 lines pushed from the tree. */
const SETUP = Array.from({ length: 10 }, (_, i) => line(i));
const HELD = [line(10), line(11)];
const FILE_LINES = [line(20), line(21), line(22)];

async function notification(re: RegExp): Promise<string> {
  return until(`a notification matching ${re}`, async () => (await notifications()).find((n) => re.test(n)), async () => JSON.stringify(await notifications()));
}

/** The description of the project's training dataset row ("update in progress… · 10 entries · ..."). */
async function trainingRow(): Promise<string> {
  const rows = await sidebarRows();
  const at = rows.findIndex((r) => r.label === PROJECT);
  const row = at >= 0 ? rows[at + 1] : undefined;
  return row?.label === 'Training dataset' ? row.description : '';
}

describe('UI: a busy dataset\'s context menu', () => {
  let trainArn = '';
  let held: Promise<unknown> = Promise.resolve();

  before(async () => {
    const { service, sandbox } = session();
    const arn = await service.createProject(PROJECT);
    trainArn = await service.createDataset(arn, 'TRAIN', { kind: 'empty' });
    await service.waitForStatus(trainArn);
    assert.equal((await service.pushEntries(trainArn, SETUP)).landed.length, SETUP.length, 'the set-up lines are in the dataset');
    fs.writeFileSync(path.join(session().workspace, FILE), `${FILE_LINES.join('\n')}\n`);
    // An update that stays in progress: the fault applies to the transitions started while it is set.
    sandbox.faults.slowTransitionsMs = HOLD_MS;
    held = service.pushEntries(trainArn, HELD);
    held.catch(() => undefined);
    await until('the held update to start', async () => ((await service.describeDataset(trainArn)).status === 'UPDATE_IN_PROGRESS' ? true : undefined));
    delete sandbox.faults.slowTransitionsMs;
  });
  afterEach(escape); // a menu left open by a failed assertion would block the next test's clicks
  after(async () => {
    delete session().sandbox.faults.slowTransitionsMs;
    await held.catch(() => undefined);
    await closeEditors();
    await showFileExplorer();
  });

  it('lists Push, Browse, Gallery and Delete while the dataset updates; Push says why it cannot run now', async () => {
    await openManifestFile(FILE);
    await showExplorer(PROJECT);
    await until('the training dataset to show its update in progress', async () => (/update in progress/.test(await trainingRow()) ? true : undefined), trainingRow);
    const items = await openContextMenuOf(PROJECT, 'Training dataset');
    for (const item of EXPECTED) assert.ok(items.some((i) => i.startsWith(item)), `"${item}" in the busy dataset's menu: ${JSON.stringify(items)}`);
    await chooseFromMenu('Push Entries to Dataset');
    const said = await notification(/being updated/);
    assert.equal(said, `${DATASET} is being updated (UPDATE_IN_PROGRESS): wait until it is complete, then push again.`);
    const now = await session().service.describeDataset(trainArn);
    assert.equal(now.status, 'UPDATE_IN_PROGRESS', `the update was still held when Push was chosen (HOLD_MS ${HOLD_MS} too short?)`);
    assert.equal(now.stats.totalEntries, SETUP.length, 'Push sent nothing');
  });

  it('once the update is complete, the next menu lists the same items and Push pushes', async () => {
    await held;
    await until('the training dataset to show its update complete', async () => (/^\d+ entries/.test(await trainingRow()) ? true : undefined), trainingRow);
    const items = await openContextMenuOf(PROJECT, 'Training dataset');
    for (const item of EXPECTED) assert.ok(items.some((i) => i.startsWith(item)), `"${item}" in the dataset's menu: ${JSON.stringify(items)}`);
    await chooseFromMenu('Push Entries to Dataset');
    const asked = await answerDialog('Push');
    assert.match(asked, /Push busy-push\.manifest to ui-busy-menu › Training dataset\?/, asked);
    await notification(/Pushed 3 entries from busy-push\.manifest to ui-busy-menu › Training dataset/);
    const train = await session().service.describeDataset(trainArn);
    assert.equal(train.stats.totalEntries, SETUP.length + HELD.length + FILE_LINES.length);
  });
});
