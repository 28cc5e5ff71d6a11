/**
 * `lint --format github`: GitHub Actions workflow commands, escaped as the runner reads them
 * (message: `%` `\r` `\n`; property values also `:` `,`), read back here the way the runner
 * unescapes them (its ActionCommand: `%0D` `%0A` `%3A` `%2C`, then `%25`).
 */
import * as assert from 'assert';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { main } from '../../../src/cli/main';
import { escapeData, escapeProperty, githubLine } from '../../../src/cli/github';
import type { Problem } from '../../../src/manifest';
import { GUIDE_CASES, GUIDE_DIR } from '../helpers/guide-entries';

/** The runner's unescaping of a property value (data: the same without `:` and `,`). */
function unescape(text: string, property: boolean): string {
  let s = text.replace(/%0D/g, '\r').replace(/%0A/g, '\n');
  if (property) s = s.replace(/%3A/g, ':').replace(/%2C/g, ',');
  return s.replace(/%25/g, '%');
}

interface Command {
  command: string;
  properties: Map<string, string>;
  message: string;
}

/** A workflow command line as the runner splits it: `::name k=v,k=v::message`. */
function parse(line: string): Command {
  const m = /^::([a-z]+)(?: ([^:]*))?::(.*)$/s.exec(line);
  assert.ok(m, `not a workflow command: ${line}`);
  const properties = new Map<string, string>();
  for (const pair of (m[2] ?? '').split(',').filter(Boolean)) {
    const at = pair.indexOf('=');
    properties.set(pair.slice(0, at), unescape(pair.slice(at + 1), true));
  }
  return { command: m[1], properties, message: unescape(m[3], false) };
}

function problem(over: Partial<Problem>): Problem {
  return { line: 0, start: 0, end: 1, severity: 'error', code: 'ERROR_INVALID_JSON_LINE', message: 'm', scope: 'line', ...over };
}

describe('custom-labels lint --format github', () => {
  it('escapes a message: % -> %25, CR -> %0D, LF -> %0A; : and , stay', () => {
    assert.strictEqual(escapeData('100% bad\r\nnext: a, b'), '100%25 bad%0D%0Anext: a, b');
    assert.strictEqual(escapeData('%0A'), '%250A');
  });

  it('escapes a property value: also : -> %3A and , -> %2C', () => {
    assert.strictEqual(escapeProperty('C:\\data,1%\nx.manifest'), 'C%3A\\data%2C1%25%0Ax.manifest');
  });

  it('writes the other control characters as escapes: no raw ESC, no command of the manifest\'s own', () => {
    const line = githubLine('f.manifest', problem({ message: 'a\u001b[31mred\n::error::forged' }));
    assert.ok(!line.includes('\u001b'), line);
    assert.strictEqual(line.split('\n').length, 1);
    assert.strictEqual(parse(line).message, 'a\\u001b[31mred\n::error::forged');
  });

  it('one command per problem: its severity, file, 1-based line and columns, end column exclusive, the code as title', () => {
    const p = problem({ line: 4, start: 9, end: 20, severity: 'warning', code: 'CL_BLANK_LINE', message: 'x' });
    assert.strictEqual(githubLine('d/f.manifest', p), '::warning file=d/f.manifest,line=5,col=10,endLine=5,endColumn=21,title=CL_BLANK_LINE::x');
    assert.match(githubLine('f', problem({ severity: 'information' })), /^::notice /);
    assert.match(githubLine('f', problem({ severity: 'error' })), /^::error /);
  });

  it('a file name and message with newlines, %, : and , come back whole through the runner\'s unescaping', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cl-gh-'));
    const file = path.join(dir, 'a,b:c%d\ne 50%.manifest');
    writeFileSync(file, '{"source-ref": "s3://b/x%2C:y,z.png", "a": 1\n');
    let out = '';
    const code = await main(['lint', '--format', 'github', file], { out: (t) => (out += t), err: () => undefined });
    assert.strictEqual(code, 1);
    const lines = out.trimEnd().split('\n');
    const commands = lines.slice(0, -1).map(parse);
    assert.ok(commands.length > 0);
    for (const c of commands) {
      assert.strictEqual(c.properties.get('file'), file);
      assert.deepStrictEqual([...c.properties.keys()], ['file', 'line', 'col', 'endLine', 'endColumn', 'title']);
    }
    const json = commands.find((c) => c.properties.get('title') === 'ERROR_INVALID_JSON_LINE');
    assert.ok(json, out);
    assert.strictEqual(json.command, 'error');
    assert.strictEqual(json.properties.get('line'), '1');
    assert.match(lines[lines.length - 1], /^1 file, 1 line, /);
  });

  it('on the guide fixtures: the same problems as the text output, line for line, each at its severity', async () => {
    const files = GUIDE_CASES.map((c) => path.join(GUIDE_DIR, c.file));
    let text = '';
    let gh = '';
    const textCode = await main(['lint', ...files], { out: (t) => (text += t), err: () => undefined });
    const ghCode = await main(['lint', '--format', 'github', ...files], { out: (t) => (gh += t), err: () => undefined });
    assert.strictEqual(ghCode, textCode);
    const textLines = text.trimEnd().split('\n');
    const ghLines = gh.trimEnd().split('\n');
    assert.strictEqual(ghLines.length, textLines.length);
    assert.strictEqual(ghLines[ghLines.length - 1], textLines[textLines.length - 1], 'the same summary');
    const names = { error: 'error', warning: 'warning', information: 'notice' } as Record<string, string>;
    textLines.slice(0, -1).forEach((t, i) => {
      const m = /^(.*):(\d+):(\d+) (error|warning|information) ([A-Z0-9_]+) (.*)$/.exec(t);
      assert.ok(m, t);
      const c = parse(ghLines[i]);
      assert.deepStrictEqual(
        [c.command, c.properties.get('file'), c.properties.get('line'), c.properties.get('col'), c.properties.get('title'), c.message],
        [names[m[4]], m[1], m[2], m[3], m[5], m[6]],
      );
    });
  });

  it('a file that cannot be read is an error annotation on it; exit 2', async () => {
    let out = '';
    const missing = path.join(tmpdir(), 'cl-gh-missing, really.manifest');
    const code = await main(['lint', '--format', 'github', missing], { out: (t) => (out += t), err: () => undefined });
    assert.strictEqual(code, 2);
    const c = parse(out.split('\n')[0]);
    assert.strictEqual(c.command, 'error');
    assert.strictEqual(c.properties.get('file'), missing);
    assert.match(c.message, /cannot read .*no such file/);
  });
});
