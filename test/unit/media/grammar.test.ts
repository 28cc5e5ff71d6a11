/**
 * The manifest's grammar (media/syntaxes/manifest.tmLanguage.json), run by the TextMate engine VS
 * Code runs (vscode-textmate with the Oniguruma WebAssembly build): keys, string values, numbers
 * and true/false/null get the scopes the JSON grammar gives them, so themes colour a manifest as
 * they colour JSON. The grammar is flat (one-token patterns, no begin/end rules, no state carried
 * from one line to the next): a manifest is one object per line, and in a 50,000-line file VS
 * Code's own JSON grammar made typing wait on colouring (issue 21 item 6, `npm run bench:typing`).
 * Expected scopes are written here from the JSON grammar's names, token by token.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import type * as Textmate from 'vscode-textmate';

const GRAMMAR = path.join(__dirname, '../../../media/syntaxes/manifest.tmLanguage.json');
const req = createRequire(__filename);

let grammar: Textmate.IGrammar;
let tm: typeof Textmate;

before(async () => {
  tm = req('vscode-textmate') as typeof Textmate;
  const onig = req('vscode-oniguruma') as typeof import('vscode-oniguruma');
  const wasm = fs.readFileSync(req.resolve('vscode-oniguruma/release/onig.wasm'));
  await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const registry = new tm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (s: string[]) => new onig.OnigScanner(s), createOnigString: (s: string) => new onig.OnigString(s) }),
    loadGrammar: async (scope) => (scope === 'source.customlabels-manifest' ? tm.parseRawGrammar(fs.readFileSync(GRAMMAR, 'utf8'), GRAMMAR) : null),
  });
  const g = await registry.loadGrammar('source.customlabels-manifest');
  assert.ok(g, 'the grammar loads');
  grammar = g;
});

/** The line's tokens with a scope besides the grammar's own, as [text, scope]. */
function scoped(line: string, state = tm.INITIAL): Array<[string, string]> {
  const r = grammar.tokenizeLine(line, state);
  return r.tokens.filter((t) => t.scopes.length > 1).map((t) => [line.slice(t.startIndex, t.endIndex), t.scopes.slice(1).join(' ')]);
}

const KEY = 'support.type.property-name.json';
const STRING = 'string.quoted.double.json';
const NUMBER = 'constant.numeric.json';
const CONSTANT = 'constant.language.json';

describe('manifest grammar', () => {
  it('scopes keys, string values, numbers and constants as JSON does', () => {
    const line = '{"source-ref": "s3://b/a.jpg", "cat": 1, "cat-metadata": {"confidence": 0.5e-1, "human-annotated": "yes", "x": [true, false, null, -12]}}';
    assert.deepEqual(scoped(line), [
      ['"source-ref"', KEY],
      ['"s3://b/a.jpg"', STRING],
      ['"cat"', KEY],
      ['1', NUMBER],
      ['"cat-metadata"', KEY],
      ['"confidence"', KEY],
      ['0.5e-1', NUMBER],
      ['"human-annotated"', KEY],
      ['"yes"', STRING],
      ['"x"', KEY],
      ['true', CONSTANT],
      ['false', CONSTANT],
      ['null', CONSTANT],
      ['-12', NUMBER],
    ]);
  });

  it('keeps escaped quotes, colons and digits inside strings', () => {
    assert.deepEqual(scoped('{"a\\"b:": "x\\": 12, \\\\", "k" : "v"}'), [
      ['"a\\"b:"', KEY],
      ['"x\\": 12, \\\\"', STRING],
      ['"k"', KEY],
      ['"v"', STRING],
    ]);
  });

  it('carries nothing from one line to the next: an unterminated string ends with its line', () => {
    const first = grammar.tokenizeLine('{"source-ref": "s3://b/a.jpg', tm.INITIAL);
    assert.deepEqual(scoped('{"source-ref": "s3://b/a.jpg'), [
      ['"source-ref"', KEY],
      ['"s3://b/a.jpg', STRING],
    ]);
    assert.deepEqual(scoped('{"k": 2}', first.ruleStack), [
      ['"k"', KEY],
      ['2', NUMBER],
    ]);
  });
});
