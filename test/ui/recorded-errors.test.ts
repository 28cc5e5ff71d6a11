/**
 * Journey 3: push a manifest whose lines the service imports with errors (non-terminal: stored
 * on the entries, the dataset ends UPDATE_COMPLETE). The errors it recorded show on the local
 * lines, once each (the validator's own problem says the dataset recorded it too); fixing a line
 * takes its recorded error away; deleting the dataset takes away everything it recorded.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { closeEditors, openManifestFile } from './actions';
import { answerDialog, goTo, notifications, pick, press, problems, screenshot, type, until, waitForQuickInput } from './driver';
import { answerTreeCommand, chooseFromMenu, openContextMenuOf, showExplorer, showFileExplorer } from './explorer-actions';
import { session } from './session';

const PROJECT = 'ui-recorded';
const DATASET = `${PROJECT} › Training dataset`;
const FILE = 'datasets/recorded.manifest';

function classificationLine(i: number): string {
  return JSON.stringify({
    'source-ref': `s3://custom-labels-ui/recorded/sparrow-${i}.jpg`,
    bird: 1,
    'bird-metadata': { confidence: 1, 'class-name': 'sparrow', 'human-annotated': 'yes', 'creation-date': '2024-01-01T00:00:00.000Z', type: 'groundtruth/image-classification' },
  });
}

/** A box that ends past the right edge of its 640 px image (left 500 + width 300). */
function boxLine(i: number): string {
  return JSON.stringify({
    'source-ref': `s3://custom-labels-ui/recorded/room-${i}.jpg`,
    room: { image_size: [{ width: 640, height: 480, depth: 3 }], annotations: [{ class_id: 0, top: 40, left: 500, width: 300, height: 200 }] },
    'room-metadata': { objects: [{ confidence: 1 }], 'class-map': { '0': 'lamp' }, type: 'groundtruth/object-detection', 'human-annotated': 'yes', 'creation-date': '2024-01-01T00:00:00.000Z' },
  });
}

// Two lines with errors in twelve: under the service's 20%, so both are imported with their errors.
const LINES = [...Array.from({ length: 10 }, (_, i) => classificationLine(i)), boxLine(1), boxLine(2)];
const RIGHT_EDGE = /ends past the right edge/;

/** The Problems panel's rows about the box on a 1-based line. */
function boxRows(rows: string[], line: number): string[] {
  return rows.filter((r) => RIGHT_EDGE.test(r) && new RegExp(`\\[Ln ${line}, Col`).test(r));
}

describe('UI: errors the service recorded on pushed entries', () => {
  before(async () => {
    const { service } = session();
    const arn = await service.createProject(PROJECT);
    await service.waitForStatus(await service.createDataset(arn, 'TRAIN', { kind: 'empty' }));
    fs.writeFileSync(path.join(session().workspace, FILE), `${LINES.join('\n')}\n`);
    await showExplorer(PROJECT);
    await openManifestFile(FILE);
  });
  after(async () => {
    await closeEditors();
    await showFileExplorer();
  });

  it('after a push with errors included, each recorded error shows once and names its dataset', async () => {
    await problems('the two boxes outside their image', (r) => boxRows(r, 11).length > 0 && boxRows(r, 12).length > 0);
    // From the palette; the command's own quick pick follows (runCommand would wait for the palette to close).
    await press('F1');
    await waitForQuickInput('the command palette');
    await type('Custom Labels: Push Entries to Dataset');
    await pick('Custom Labels: Push Entries to Dataset');
    await pick(DATASET);
    const asked = await answerDialog('Errors Included');
    assert.match(asked, /2 of 12 lines in recorded\.manifest have problems/, asked);
    await until('the push to finish', async () => ((await notifications()).find((n) => /Pushed 12 entries from recorded\.manifest/.test(n)) ? true : undefined), async () =>
      JSON.stringify(await notifications()),
    );
    const rows = await problems('the errors the dataset recorded', (r) => r.some((t) => /recorded by/i.test(t)));
    for (const line of [11, 12]) {
      const box = boxRows(rows, line);
      assert.equal(box.length, 1, `the box problem of line ${line} is listed once, not once from the validator and once from the dataset: ${JSON.stringify(box)}`);
      assert.ok(box[0]!.includes(`recorded by ${DATASET}`), `it says which dataset recorded it: ${box[0]}`);
    }
    await screenshot('problems-panel-recorded-errors');
  });

  it('fixing a line takes its recorded error away; the other line keeps its own', async () => {
    // "width":300 -> "width":30: the box ends at 530, inside the 640 px image.
    const line = LINES[10]!;
    await goTo(11, line.indexOf('"width":300') + '"width":300'.length + 1);
    await press('Backspace');
    const rows = await problems('line 11 without problems', (r) => !r.some((t) => /\[Ln 11, Col/.test(t)) && boxRows(r, 12).length > 0);
    assert.equal(boxRows(rows, 12).length, 1, JSON.stringify(rows));
    assert.ok(boxRows(rows, 12)[0]!.includes(`recorded by ${DATASET}`), JSON.stringify(rows));
  });

  it('deleting the dataset takes away every error it recorded', async () => {
    await showExplorer(PROJECT);
    const menu = await openContextMenuOf(PROJECT, 'Training dataset');
    assert.ok(menu.some((i) => /Delete Dataset/.test(i)), JSON.stringify(menu));
    await chooseFromMenu('Delete Dataset');
    await answerTreeCommand(`${PROJECT} › Training dataset`, 'Delete');
    const rows = await problems('no error recorded by the deleted dataset', (r) => !r.some((t) => /recorded by/i.test(t)) && boxRows(r, 12).length > 0);
    assert.equal(boxRows(rows, 12).length, 1, `line 12 keeps the validator's own problem: ${JSON.stringify(rows)}`);
    await screenshot('problems-panel-after-dataset-deleted');
  });
});
