/**
 * `lint --format sarif`: the log of the guide's fixtures is valid against the published SARIF
 * 2.1.0 JSON schema (shipped in @microsoft/jest-sarif, draft-04, validated offline with Ajv), and
 * says what the fixtures' cases.json says: the codes on each line, a rule per code with the guide's
 * page, levels by the code's prefix, 1-based columns counted in UTF-16 code units.
 */
import * as assert from 'assert';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { main } from '../../../src/cli/main';
import { artifactUri } from '../../../src/cli/sarif';
import { GUIDE_CASES, GUIDE_DIR } from '../helpers/guide-entries';

const SCHEMA_FILE = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

// The schema's `language` pattern has a stray `]`, an error only in Unicode mode: compile without it.
const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(require(SCHEMA_FILE) as object);

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}
interface Result {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri?: string; description?: { text: string } }; region: Region } }[];
}
interface Rule {
  id: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri?: string;
}
interface Log {
  version: string;
  runs: {
    columnKind: string;
    results: Result[];
    tool: { driver: { name: string; rules: Rule[] } };
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; message: { text: string } }[] }[];
  }[];
}

async function sarif(args: string[], stdin?: string): Promise<{ code: number; log: Log; err: string }> {
  let out = '';
  let err = '';
  async function* input(): AsyncGenerator<Uint8Array> {
    if (stdin !== undefined) yield Buffer.from(stdin);
  }
  const code = await main(['lint', '--format', 'sarif', ...args], { out: (t) => (out += t), err: (t) => (err += t), stdin: input() });
  return { code, log: JSON.parse(out) as Log, err };
}

function assertValid(log: unknown): void {
  const ok = validate(log);
  assert.ok(ok, `not valid SARIF 2.1.0: ${ajv.errorsText(validate.errors, { separator: '\n' })}`);
}

const GUIDE = 'https://docs.aws.amazon.com/rekognition/latest/customlabels-dg/';

describe('custom-labels lint --format sarif', () => {
  it('the schema rejects what is not SARIF (the validator is really checking)', () => {
    assert.strictEqual(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] }), false);
    assert.strictEqual(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, columnKind: 'bytes' }] }), false);
  });

  it('the guide fixtures, all in one log, are valid SARIF 2.1.0; exit status as without --format', async () => {
    const files = GUIDE_CASES.map((c) => path.join(GUIDE_DIR, c.file));
    const { code, log, err } = await sarif(files);
    assertValid(log);
    assert.strictEqual(code, GUIDE_CASES.some((c) => c.exit === 1) ? 1 : 0);
    assert.ok(err.startsWith(`${GUIDE_CASES.length} files, `), err);
    assert.strictEqual(log.runs.length, 1);
    assert.strictEqual(log.runs[0].columnKind, 'utf16CodeUnits');
  });

  for (const c of GUIDE_CASES) {
    it(`${c.file}: valid SARIF with cases.json's codes on their lines, a rule per code`, async () => {
      const file = path.join(GUIDE_DIR, c.file);
      const { code, log } = await sarif([file]);
      assertValid(log);
      assert.strictEqual(code, c.exit, c.exit_says);
      const run = log.runs[0];
      const results = run.results;
      const uri = file.split('/').map(encodeURIComponent).join('/');
      for (const r of results) {
        const loc = r.locations[0].physicalLocation;
        assert.strictEqual(loc.artifactLocation.uri, `file://${uri}`);
        assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1 && loc.region.endColumn >= loc.region.startColumn, JSON.stringify(loc.region));
        // The level by the code's prefix (the service names its own), never below the guide's word.
        if (r.ruleId.startsWith('ERROR_')) assert.strictEqual(r.level, 'error', r.ruleId);
        if (r.ruleId.startsWith('WARNING_')) assert.strictEqual(r.level, 'warning', r.ruleId);
        assert.ok(['error', 'warning', 'note'].includes(r.level));
        assert.strictEqual(run.tool.driver.rules[r.ruleIndex].id, r.ruleId);
      }
      for (const l of c.lines ?? []) {
        const onLine = new Set(results.filter((r) => r.locations[0].physicalLocation.region.startLine === l.line).map((r) => r.ruleId));
        for (const expected of l.codes) assert.ok(onLine.has(expected), `line ${l.line}: ${expected} (${l.says ?? c.rule})`);
      }
      const ids = results.map((r) => r.ruleId);
      for (const expected of c.file_codes) assert.ok(ids.includes(expected), `${expected} (${c.rule})`);
      // One rule per code that appears, and no other.
      const rules = run.tool.driver.rules;
      assert.deepStrictEqual(rules.map((r) => r.id).sort(), [...new Set(ids)].sort());
      for (const rule of rules) {
        assert.ok(rule.shortDescription.text.length > 0 && rule.fullDescription.text.length >= rule.shortDescription.text.length, rule.id);
        assert.ok(!/[`*]/.test(rule.fullDescription.text), `plain text: ${rule.fullDescription.text}`);
        if (rule.id.startsWith('CL_')) assert.strictEqual(rule.helpUri, undefined, rule.id);
        else assert.ok(rule.helpUri?.startsWith(GUIDE) && rule.helpUri.endsWith(`-${rule.id}`), `${rule.id}: ${rule.helpUri}`);
      }
    });
  }

  it('columns are 1-based UTF-16 code units, end exclusive: after astral characters, at the value the guide rejects', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cl-sarif-'));
    const line = '{"note":"\u{1F600}\u{1F600}","source-ref":"https://bucket.s3.amazonaws.com/a.png"}';
    const file = path.join(dir, 'astral.manifest');
    writeFileSync(file, `${line}\n`);
    const { log } = await sarif([file]);
    assertValid(log);
    const r = log.runs[0].results.find((x) => x.ruleId === 'ERROR_INVALID_SOURCE_REF_FORMAT');
    assert.ok(r, JSON.stringify(log.runs[0].results.map((x) => x.ruleId)));
    const value = '"https://bucket.s3.amazonaws.com/a.png"';
    const at = line.indexOf(value); // JavaScript strings index UTF-16 code units
    assert.deepStrictEqual(r.locations[0].physicalLocation.region, { startLine: 1, startColumn: at + 1, endLine: 1, endColumn: at + value.length + 1 });
  });

  it('an empty file: a whole-file result on line 1; standard input has a description, not a URI; an unreadable file is a notification', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cl-sarif-'));
    const empty = path.join(dir, 'empty.manifest');
    writeFileSync(empty, '');
    const { code, log, err } = await sarif([empty, '-', path.join(dir, 'missing.manifest')], 'not json\n');
    assertValid(log);
    assert.strictEqual(code, 2);
    const run = log.runs[0];
    const emptyResult = run.results.find((r) => r.ruleId === 'CL_EMPTY_MANIFEST');
    assert.deepStrictEqual(emptyResult?.locations[0].physicalLocation.region, { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 });
    const stdin = run.results.find((r) => r.ruleId === 'ERROR_INVALID_JSON_LINE');
    assert.deepStrictEqual(stdin?.locations[0].physicalLocation.artifactLocation, { description: { text: '<stdin>' } });
    assert.strictEqual(run.invocations[0].executionSuccessful, false);
    assert.strictEqual(run.invocations[0].toolExecutionNotifications.length, 1);
    assert.match(run.invocations[0].toolExecutionNotifications[0].message.text, /cannot read ".*missing\.manifest": no such file/);
    assert.match(err, /custom-labels: cannot read/);
  });

  it('artifactLocation.uri: a relative path as given, each segment percent-encoded; an absolute one a file: URI', () => {
    assert.strictEqual(artifactUri('data sets/a%b:c#d?.manifest', 'linux'), 'data%20sets/a%25b%3Ac%23d%3F.manifest');
    assert.strictEqual(artifactUri('datasets/train.manifest', 'linux'), 'datasets/train.manifest');
    assert.strictEqual(artifactUri('d\u00e9j\u00e0/x.manifest', 'linux'), 'd%C3%A9j%C3%A0/x.manifest');
    assert.strictEqual(artifactUri('data\\sets\\x y.manifest', 'win32'), 'data/sets/x%20y.manifest');
    assert.strictEqual(artifactUri('/tmp/a b.manifest', 'linux'), 'file:///tmp/a%20b.manifest');
  });

  it('--format and --json: one or the other; an unknown format is a usage error', async () => {
    const file = path.join(GUIDE_DIR, GUIDE_CASES[0].file);
    for (const args of [['--format', 'sarif', '--json'], ['--format', 'xml'], ['--format']]) {
      let err = '';
      const code = await main(['lint', file, ...args], { out: () => undefined, err: (t) => (err += t) });
      assert.strictEqual(code, 2, args.join(' '));
      assert.match(err, /--format|--json/);
    }
    let out = '';
    await main(['lint', '--format=json', file], { out: (t) => (out += t), err: () => undefined });
    assert.ok(out.split('\n').filter(Boolean).every((l) => typeof (JSON.parse(l) as { type: string }).type === 'string'));
  });
});
