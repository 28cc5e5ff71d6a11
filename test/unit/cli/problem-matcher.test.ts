/**
 * The problem matcher the extension contributes (package.json `contributes.problemMatchers`,
 * `$custom-labels` in a task): its pattern reads every problem line of the linter's default
 * output on the guide fixtures, into what --json says of the same problem, with a severity VS Code
 * knows (`error`, `warning`, `info`: it takes any other word for an error); the summary is no problem.
 */
import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { main } from '../../../src/cli/main';
import { GUIDE_CASES, GUIDE_DIR } from '../helpers/guide-entries';

interface Matcher {
  name: string;
  owner: string;
  fileLocation: string[];
  pattern: { regexp: string; file: number; line: number; column: number; severity: number; code: number; message: number };
}

const PACKAGE = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { contributes: { problemMatchers?: Matcher[] } };

async function lint(args: string[]): Promise<string> {
  let out = '';
  await main(['lint', ...args], { out: (t) => (out += t), err: () => undefined });
  return out;
}

describe('the custom-labels problem matcher', () => {
  const matcher = PACKAGE.contributes.problemMatchers?.find((m) => m.name === 'custom-labels');

  it('is contributed, with an owner and file locations relative to the workspace folder (or absolute)', () => {
    assert.ok(matcher, 'contributes.problemMatchers has no "custom-labels"');
    assert.ok(matcher.owner.length > 0);
    assert.deepStrictEqual(matcher.fileLocation, ['autoDetect', '${workspaceFolder}']);
  });

  it('reads each problem line of the text output on the guide fixtures as --json reports it; not the summary', async () => {
    assert.ok(matcher);
    const files = GUIDE_CASES.map((c) => path.join(GUIDE_DIR, c.file));
    const text = (await lint(files)).trimEnd().split('\n');
    const records = (await lint(['--json', ...files]))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((r) => r.type === 'problem');
    const regexp = new RegExp(matcher.pattern.regexp);
    const p = matcher.pattern;
    const vscodeSeverity: Record<string, string> = { error: 'error', warning: 'warning', information: 'info' };
    assert.strictEqual(text.length - 1, records.length, 'a text line per problem, then the summary');
    assert.strictEqual(regexp.exec(text[text.length - 1]), null, `the summary is not a problem: ${text[text.length - 1]}`);
    text.slice(0, -1).forEach((line, i) => {
      const m = regexp.exec(line);
      assert.ok(m, `not matched: ${line}`);
      const r = records[i];
      assert.deepStrictEqual(
        [m[p.file], Number(m[p.line]), Number(m[p.column]), m[p.severity], m[p.code], m[p.message]],
        [r.file, r.line, r.column, vscodeSeverity[r.severity as string], r.code, r.message],
      );
    });
    const severities = new Set(records.map((r) => r.severity));
    assert.ok(severities.has('error') && severities.has('warning') && severities.has('information'), [...severities].join());
  });
});
