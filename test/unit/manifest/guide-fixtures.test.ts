/**
 * The guide's own example lines and stated rules (test/fixtures/manifests/guide/, indexed by
 * cases.json with the page and the sentence each rests on): the linter reports the code the guide
 * gives, line by line and for the whole file; on the entries the guide prints as the service
 * wrote them, exactly the service's codes at the service's levels; the CLI's exit status on each, as cases.json records it from the guide.
 */
import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { main } from '../../../src/cli/main';
import { validateLine, validateText } from '../../../src/manifest/validate';
import type { Problem } from '../../../src/manifest/types';
import { GUIDE_CASES, GUIDE_DIR, serviceFindings, type Level } from '../helpers/guide-entries';

const DIR = GUIDE_DIR;
const CASES = GUIDE_CASES;

/** The level a problem of ours sits at, by its JSON path. */
function levelOf(p: Problem): Level {
  const at = (p.data?.path as (string | number)[] | undefined) ?? [];
  if (at.length === 0 || (at.length === 1 && at[0] === 'source-ref')) return 'line';
  if (typeof at[0] === 'string' && at[0].endsWith('-metadata')) return 'metadata';
  return at.includes('annotations') && typeof at[2] === 'number' ? 'annotation' : 'attribute';
}

async function lint(file: string): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await main(['lint', file], { out: (t) => (out += t), err: (t) => (out += t) });
  return { code, out };
}

describe('the guide\'s own examples and rules, each with the code the guide gives', () => {
  for (const c of CASES) {
    describe(`${c.file} (${c.page})`, () => {
      const text = readFileSync(path.join(DIR, c.file), 'utf8');

      it('whole-file codes', () => {
        const { problems } = validateText(text);
        const file = problems.filter((p) => p.scope === 'file' && p.code !== 'CL_DUPLICATE_SOURCE_REF').map((p) => p.code);
        assert.deepStrictEqual(file, c.file_codes, c.rule);
      });

      for (const l of c.lines ?? []) {
        it(`line ${l.line}: ${l.codes.join(', ') || 'nothing of its own'}`, () => {
          const { problems } = validateText(text);
          const own = problems.filter((p) => p.line === l.line - 1 && p.scope === 'line').map((p) => p.code).sort();
          assert.deepStrictEqual(own, [...l.codes].sort(), l.says ?? c.rule);
        });
      }

      if (c.serviceOutput) {
        it('each entry, without what the service wrote on it, gets exactly the service\'s codes at the service\'s levels', () => {
          for (const line of text.split('\n').filter((t) => t !== '')) {
            const { input } = serviceFindings(line);
            const findings = serviceFindings(line).findings.map((f) => `${f.level} ${f.code}`).sort();
            const ours = validateLine(input).problems.map((p) => `${levelOf(p)} ${p.code}`).sort();
            assert.deepStrictEqual(ours, findings, input.slice(0, 80));
          }
        });
      }

      it(`the CLI exits ${c.exit}: ${c.exit === 1 ? 'the guide calls something in it an error' : 'a valid file'}`, async () => {
        // The status recorded in cases.json from the guide's words, never the validator's count.
        assert.ok(c.exit === 0 || c.exit === 1, `cases.json records the exit status of ${c.file}`);
        const { code, out } = await lint(path.join(DIR, c.file));
        assert.strictEqual(code, c.exit, `${c.exit_says}\n${out}`);
      });
    });
  }
});
