/**
 * The stages of the service (issue #11), through the real SDK: a create or an update fails with
 * ERROR_TOO_MANY_RECORDS_IN_ERROR only when too many lines have TERMINAL CONTENT errors (the lines
 * it removes: debugging-datasets-terminal-errors.md); lines with non-terminal errors are imported
 * with their errors and never fail it (debugging-datasets-non-terminal-errors.md).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CreateDatasetCommand, ListDatasetEntriesCommand, type RekognitionClient } from '@aws-sdk/client-rekognition';
import { DROPPING_CODES, entryIssues, validateLine } from '../../../src/manifest';
import type { Sandbox } from '../../../src/sandbox';
import { ingest } from '../../../src/sandbox/entries/ingest';
import { boxLine, classLine, clientFor, createProject, parseEntries, projectWithDataset, push, start, useSandbox, waitForDataset } from './helpers';

const car = (left: number, width: number) => [{ label: 'car', left, top: 10, width, height: 80 }];
/** Non-terminal: a box off the image (ERROR_INVALID_BOUNDING_BOX, imported with the error). */
const offImage = (i: number) => boxLine(`s3://bucket/off-${i}.jpg`, car(700, 300));
/** Non-terminal: a type the service does not support (ERROR_UNSUPPORTED_USE_CASE_TYPE). */
const wrongType = (i: number) => classLine(`s3://bucket/type-${i}.jpg`, 'cat').replace('groundtruth/image-classification', 'groundtruth/wrongtype');
const good = (i: number) => classLine(`s3://bucket/good-${i}.jpg`, i % 2 ? 'cat' : 'dog');

/** One line of each terminal content error the guide lists. */
const TERMINAL = {
  invalidJson: '{"source-ref": "s3://bucket/broken.jpg", ',
  missingSourceRef: JSON.stringify({ label: 1, 'label-metadata': JSON.parse(classLine('s3://bucket/x.jpg', 'cat'))['label-metadata'] }),
  malformedSourceRef: classLine('https://bucket.s3.amazonaws.com/x.jpg', 'cat'),
  tooLong: classLine(`s3://bucket/${'x'.repeat(100_001)}.jpg`, 'cat'),
  repeated: classLine('s3://bucket/good-0.jpg', 'cat'),
};

describe('sandbox: the service stages (terminal vs non-terminal errors)', () => {
  it('counts a line as terminal exactly when the validator gives it a code of DROPPING_CODES (or repeats a source-ref)', () => {
    for (const [kind, line] of Object.entries(TERMINAL)) {
      if (kind === 'repeated') continue;
      assert.ok(validateLine(line, 0).problems.some((p) => DROPPING_CODES.has(p.code)), kind);
      const r = ingest(line);
      assert.deepStrictEqual([r.terminal, r.entries.length], [1, 0], kind);
    }
    const repeated = ingest([good(0), TERMINAL.repeated].join('\n'));
    assert.deepStrictEqual([repeated.terminal, repeated.entries.length], [1, 1]);
    const nonTerminal = ingest([offImage(0), wrongType(0)].join('\n'));
    for (const line of [offImage(0), wrongType(0)]) assert.ok(!validateLine(line, 0).problems.some((p) => DROPPING_CODES.has(p.code)));
    assert.deepStrictEqual([nonTerminal.terminal, nonTerminal.withErrors, nonTerminal.entries.length], [0, 2, 2]);
  });

  describe('UpdateDatasetEntries', () => {
    const box = useSandbox();
    let client: RekognitionClient;
    let arn: string;
    beforeEach(async () => {
      client = box.client;
      arn = (await projectWithDataset(client, 'stages')).datasetArn;
    });

    it('imports an update where most lines have non-terminal errors: UPDATE_COMPLETE, the errors on the entries', async () => {
      const lines = [good(0), good(1), ...[0, 1, 2, 3].map(offImage), ...[0, 1, 2, 3].map(wrongType)];
      const d = await push(client, arn, lines);
      assert.strictEqual(d.Status, 'UPDATE_COMPLETE', d.StatusMessage);
      assert.strictEqual(d.StatusMessageCode, 'SUCCESS');
      assert.deepStrictEqual(d.DatasetStats && [d.DatasetStats.TotalEntries, d.DatasetStats.ErrorEntries], [10, 8]);
      const withErrors = parseEntries((await client.send(new ListDatasetEntriesCommand({ DatasetArn: arn, HasErrors: true }))).DatasetEntries);
      assert.strictEqual(withErrors.length, 8);
      const codes = new Set(withErrors.flatMap((e) => entryIssues(JSON.stringify(e)).issues.map((x) => x.code)));
      assert.ok(codes.has('ERROR_INVALID_BOUNDING_BOX') && codes.has('ERROR_UNSUPPORTED_USE_CASE_TYPE'), [...codes].join(', '));
    });

    it('fails an update over 20% terminal content errors, one of each kind, and applies nothing', async () => {
      const lines = [...Array.from({ length: 15 }, (_, i) => good(i)), ...Object.values(TERMINAL)];
      const d = await push(client, arn, lines);
      assert.strictEqual(d.Status, 'UPDATE_FAILED');
      assert.strictEqual(d.StatusMessageCode, 'CLIENT_ERROR');
      assert.match(d.StatusMessage ?? '', /^ERROR_TOO_MANY_RECORDS_IN_ERROR: the manifest file has too many terminal errors: 5 of 20 lines \(25%\)/);
      assert.strictEqual(d.DatasetStats?.TotalEntries, 0);
    });

    it('imports an update at 20% terminal content errors plus non-terminal ones: only the terminal share counts', async () => {
      // 2 terminal of 10 (20%, not over) + 5 non-terminal: the old rule (every error counted) failed this at 70%.
      const lines = [good(0), good(1), good(2), ...[0, 1, 2, 3, 4].map(offImage), TERMINAL.invalidJson, TERMINAL.missingSourceRef];
      const d = await push(client, arn, lines);
      assert.strictEqual(d.Status, 'UPDATE_COMPLETE', d.StatusMessage);
      assert.deepStrictEqual(d.DatasetStats && [d.DatasetStats.TotalEntries, d.DatasetStats.ErrorEntries], [8, 5]);
    });
  });

  describe('CreateDataset from a manifest', () => {
    let sandbox: Sandbox;
    let client: RekognitionClient;
    let root: string;
    let projectArn: string;
    beforeEach(async () => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-stages-'));
      fs.mkdirSync(path.join(root, 'bucket'));
      sandbox = await start({ s3Root: root });
      client = clientFor(sandbox);
      projectArn = await createProject(client, 'stages');
    });
    afterEach(async () => {
      client.destroy();
      await sandbox.close();
      fs.rmSync(root, { recursive: true, force: true });
    });

    const createFrom = async (type: 'TRAIN' | 'TEST', lines: string[]) => {
      fs.writeFileSync(path.join(root, 'bucket', `${type}.manifest`), lines.join('\n'));
      const arn = (await client.send(new CreateDatasetCommand({ ProjectArn: projectArn, DatasetType: type, DatasetSource: { GroundTruthManifest: { S3Object: { Bucket: 'bucket', Name: `${type}.manifest` } } } }))).DatasetArn!;
      return waitForDataset(client, arn);
    };

    it('creates a dataset whose lines all have non-terminal errors (CREATE_COMPLETE), and fails one over 20% terminal', async () => {
      const ok = await createFrom('TRAIN', [...[0, 1, 2].map(offImage), ...[0, 1].map(wrongType)]);
      assert.strictEqual(ok.Status, 'CREATE_COMPLETE', ok.StatusMessage);
      assert.deepStrictEqual(ok.DatasetStats && [ok.DatasetStats.TotalEntries, ok.DatasetStats.ErrorEntries], [5, 5]);
      const bad = await createFrom('TEST', [good(0), good(1), good(2), TERMINAL.invalidJson, TERMINAL.tooLong]);
      assert.strictEqual(bad.Status, 'CREATE_FAILED');
      assert.match(bad.StatusMessage ?? '', /^ERROR_TOO_MANY_RECORDS_IN_ERROR: .*2 of 5 lines \(40%\)/);
    });
  });
});
