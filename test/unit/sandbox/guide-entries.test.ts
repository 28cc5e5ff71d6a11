/**
 * The sandbox writes the service's findings where the service writes them. The guide prints
 * entries as the service stored them (tm-debugging-json-line-errors.md, in
 * test/fixtures/manifests/guide/): with what the service wrote stripped, each is pushed through
 * the real SDK client, listed with ListDatasetEntries, and must carry the same codes, at the same
 * levels, under the same keys (and the same `cl-metadata`); the extension's reader
 * (`mapIssuesToLines`) puts them back on the local lines. The guide's non-terminal examples get
 * the service's codes only, never one of ours (CL_...).
 */
import * as assert from 'assert';
import { ListDatasetEntriesCommand } from '@aws-sdk/client-rekognition';
import { mapIssuesToLines } from '../../../src/manifest';
import { ingest } from '../../../src/sandbox/entries/ingest';
import { GUIDE_CASES, guideText, serviceFindings } from '../helpers/guide-entries';
import { classLine, parseEntries, projectWithDataset, push, useSandbox } from './helpers';

const lines = (file: string): string[] => guideText(file).split('\n').filter((t) => t !== '');
const bySourceRef = (entries: string[]): Map<string, string> =>
  new Map(entries.map((e) => [(JSON.parse(e) as Record<string, string>)['source-ref'], e]));

describe('sandbox: findings on entries where the guide prints them', () => {
  const box = useSandbox();

  for (const c of GUIDE_CASES.filter((x) => x.serviceOutput)) {
    it(`${c.file}: the guide's entries, stripped and pushed, come back with the same findings at the same levels and keys`, async () => {
      const printed = lines(c.file);
      const stripped = printed.map((l) => serviceFindings(l).input);
      const { datasetArn } = await projectWithDataset(box.client, 'guide');
      const d = await push(box.client, datasetArn, stripped);
      assert.strictEqual(d.Status, 'UPDATE_COMPLETE', d.StatusMessage);
      const listed = bySourceRef((await box.client.send(new ListDatasetEntriesCommand({ DatasetArn: datasetArn }))).DatasetEntries ?? []);
      assert.strictEqual(listed.size, printed.length);
      for (const [i, guide] of printed.entries()) {
        const want = serviceFindings(guide);
        const ref = (JSON.parse(guide) as Record<string, string>)['source-ref'];
        const entry = listed.get(ref);
        assert.ok(entry, ref);
        const got = serviceFindings(entry);
        const show = (f: typeof want.findings): string[] => f.map((x) => `${x.level} ${x.key} ${x.code}`).sort();
        assert.deepStrictEqual(show(got.findings), show(want.findings), `entry ${i + 1}: ${entry.slice(0, 300)}`);
        assert.ok(got.findings.every((f) => typeof f.message === 'string' && f.message.length > 0), entry);
        assert.deepStrictEqual(got.clMetadata, want.clMetadata, `entry ${i + 1}: cl-metadata`);
        assert.strictEqual(got.input, want.input, `entry ${i + 1}: the rest of the entry as it was sent`);
      }
      // The round trip: the extension reads what the sandbox wrote and puts it on the local lines.
      const local = stripped.map((l, fileLine) => ({ fileLine, sourceRef: (JSON.parse(l) as Record<string, string>)['source-ref'] }));
      const mapped = mapIssuesToLines([...listed.values()], local);
      const expected = printed.flatMap((l, fileLine) => serviceFindings(l).findings.map((f) => `${fileLine} ${f.code}`));
      assert.deepStrictEqual(mapped.map((m) => `${m.fileLine} ${m.code}`).sort(), expected.sort());
      assert.ok(mapped.some((m) => m.path === 'BB-metadata' && m.code === 'ERROR_UNSUPPORTED_USE_CASE_TYPE'), JSON.stringify(mapped));
      assert.ok(mapped.some((m) => m.path === 'bounding-box' && m.code === 'WARNING_NO_ATTRIBUTE_ANNOTATIONS'), JSON.stringify(mapped));
    });
  }

  it('writes only the service\'s codes on the guide\'s non-terminal examples: each line\'s ERROR_/WARNING_ codes, none of ours (CL_)', async () => {
    const c = GUIDE_CASES.find((x) => x.file === 'tm-debugging-json-line-errors.non-terminal.manifest')!;
    const printed = lines(c.file);
    const { datasetArn } = await projectWithDataset(box.client, 'guide');
    const d = await push(box.client, datasetArn, printed);
    assert.strictEqual(d.Status, 'UPDATE_COMPLETE', d.StatusMessage);
    const listed = bySourceRef((await box.client.send(new ListDatasetEntriesCommand({ DatasetArn: datasetArn }))).DatasetEntries ?? []);
    for (const l of c.lines ?? []) {
      const ref = (JSON.parse(printed[l.line - 1]) as Record<string, string>)['source-ref'];
      const entry = listed.get(ref)!;
      const got = serviceFindings(entry).findings.map((f) => f.code).sort();
      assert.deepStrictEqual(got, l.codes.filter((x) => !x.startsWith('CL_')).sort(), `line ${l.line}: ${entry.slice(0, 200)}`);
    }
    const errorEntries = parseEntries((await box.client.send(new ListDatasetEntriesCommand({ DatasetArn: datasetArn, HasErrors: true }))).DatasetEntries);
    const withErrorCodes = (c.lines ?? []).filter((l) => l.codes.some((x) => x.startsWith('ERROR_'))).length;
    assert.strictEqual(errorEntries.length, withErrorCodes);
    assert.strictEqual(d.DatasetStats?.ErrorEntries, withErrorCodes);
  });

  it('writes none of our codes: a creation-date that is not ISO-8601 (CL_INVALID_CREATION_DATE) leaves only the service\'s companion on the line', async () => {
    const line = classLine('s3://bucket/date.jpg', 'cat').replace('2024-05-01T10:00:00.000Z', 'yesterday');
    const { datasetArn } = await projectWithDataset(box.client, 'guide');
    await push(box.client, datasetArn, [line]);
    const [entry] = (await box.client.send(new ListDatasetEntriesCommand({ DatasetArn: datasetArn }))).DatasetEntries ?? [];
    const got = serviceFindings(entry).findings.map((f) => `${f.level} ${f.key} ${f.code}`);
    assert.deepStrictEqual(got, ['line cl-errors ERROR_NO_VALID_LABEL_ATTRIBUTES'], entry);
  });

  it('counts a lone CR as the shared line splitter does: not a line break, and a final one is a (blank) line', () => {
    const one = classLine('s3://bucket/1.jpg', 'cat');
    // "a\r{...}" is one line everywhere (JSON reads the CR as white space): here one invalid line.
    assert.strictEqual(ingest(`${one}\r${one}\n`).lines, 1);
    // A CR after the last newline is one more line (blank), as the linter counts it.
    assert.strictEqual(ingest(`${one}\n\r`).lines, 2);
    const crlf = ingest(`${one}\r\n${classLine('s3://bucket/2.jpg', 'dog')}\r\n`);
    assert.deepStrictEqual([crlf.lines, crlf.entries.length, crlf.dropped], [2, 2, 0]);
  });
});
