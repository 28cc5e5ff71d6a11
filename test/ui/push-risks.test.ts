/**
 * A push says what the one-line validator cannot see before it sends anything (issue: "Push mixes
 * S3 buckets without a word"): the dataset's entries are in one bucket and the file's images in
 * another (training then fails with ERROR_IMAGES_IN_MULTIPLE_S3_BUCKETS), and Check Images found
 * the file's images missing. The push asks, naming both, and sends nothing when the person stops.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { closeEditors, openManifestFile } from './actions';
import { answerDialog, notifications, pick, press, type, until, waitForQuickInput } from './driver';
import { showExplorer, showFileExplorer } from './explorer-actions';
import { session } from './session';

const PROJECT = 'ui-push-risks';
const DATASET = `${PROJECT} › Training dataset`;
const FILE = 'datasets/push-risks.manifest';
const DATASET_BUCKET = 'custom-labels-ui';
const FILE_BUCKET = 'custom-labels-elsewhere';

function classificationLine(bucket: string, i: number): string {
  return JSON.stringify({
    'source-ref': `s3://${bucket}/risks/finch-${i}.jpg`,
    bird: 1,
    'bird-metadata': { confidence: 1, 'class-name': 'finch', 'human-annotated': 'yes', 'creation-date': '2024-01-01T00:00:00.000Z', type: 'groundtruth/image-classification' },
  });
}

async function palette(command: string): Promise<void> {
  // The command's own questions follow (runCommand would wait for the palette to close).
  await press('F1');
  await waitForQuickInput('the command palette');
  await type(command);
  await pick(command);
}

describe('UI: a push names the buckets it would mix and the broken images it would send', () => {
  let trainArn = '';

  before(async () => {
    const { service } = session();
    const arn = await service.createProject(PROJECT);
    trainArn = await service.createDataset(arn, 'TRAIN', { kind: 'empty' });
    await service.waitForStatus(trainArn);
    await service.pushEntries(trainArn, [1, 2].map((i) => classificationLine(DATASET_BUCKET, i)));
    // Three lines whose images are in another bucket, which the sandbox's S3 does not hold.
    fs.writeFileSync(path.join(session().workspace, FILE), `${[3, 4, 5].map((i) => classificationLine(FILE_BUCKET, i)).join('\n')}\n`);
    await showExplorer(PROJECT);
    await openManifestFile(FILE);
  });
  after(async () => {
    await closeEditors();
    await showFileExplorer();
  });

  it('asks first, naming both buckets and the lines Check Images found broken; Stop sends nothing', async () => {
    await palette('Custom Labels: Check Images');
    await pick('From S3');
    await until('Check Images to finish', async () => (await notifications()).find((n) => /^Checked 3 images/.test(n)), async () => JSON.stringify(await notifications()));

    await palette('Custom Labels: Push Entries to Dataset');
    await pick(DATASET);
    const asked = await answerDialog('Cancel');
    assert.match(asked, /2 S3 buckets/, asked);
    assert.match(asked, new RegExp(`its 2 entries are in s3://${DATASET_BUCKET}`), asked);
    assert.match(asked, new RegExp(`lines 1-3 of push-risks\\.manifest are in s3://${FILE_BUCKET}`), asked);
    assert.match(asked, /ERROR_IMAGES_IN_MULTIPLE_S3_BUCKETS/, asked);
    assert.match(asked, /Check Images found problems with the images of lines 1-3 to send/, asked);
    await until('the push to say it stopped', async () => (await notifications()).find((n) => /Push stopped: nothing was sent/.test(n)), async () => JSON.stringify(await notifications()));
    const train = await session().service.describeDataset(trainArn);
    assert.equal(train.stats.totalEntries, 2, 'the dataset holds the 2 entries it had');
  });
});
