/**
 * The guide's own example lines and stated rules (test/fixtures/manifests/guide/, indexed by
 * cases.json with the page and the sentence each rests on): the linter reports the code the guide
 * gives, line by line and for the whole file; on the entries the guide prints as the service
 * wrote them, exactly the service's codes at the service's levels; the CLI's exit status on each.
 */
import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { main } from '../../../src/cli/main';
import { validateLine, validateText } from '../../../src/manifest/validate';
import type { Problem } from '../../../src/manifest/types';
import { FIXTURES } from './helpers';

const DIR = path.join(FIXTURES, 'guide');

interface Case {
  file: string;
  page: string;
  rule: string;
  serviceOutput?: boolean;
  file_codes: string[];
  lines?: { line: number; codes: string[]; says?: string }[];
}

const CASES = (JSON.parse(readFileSync(path.join(DIR, 'cases.json'), 'utf8')) as { cases: Case[] }).cases;
const FINDING_KEYS = ['errors', 'cl-errors', 'warnings', 'cl-warnings'];

type Level = 'line' | 'attribute' | 'metadata' | 'annotation';

/** What the service wrote on an entry: [level, code], and the entry without it. */
function serviceFindings(line: string): { findings: string[]; input: string } {
  const obj = JSON.parse(line) as Record<string, unknown>;
  const findings: string[] = [];
  const take = (o: Record<string, unknown>, level: Level): void => {
    for (const k of FINDING_KEYS) {
      const list = o[k];
      if (Array.isArray(list)) for (const f of list) findings.push(`${level} ${(f as { code: string }).code}`);
      delete o[k];
    }
  };
  take(obj, 'line');
  delete obj['cl-metadata'];
  for (const [key, v] of Object.entries(obj)) {
    if (!v || typeof v !== 'object' || Array.isArray(v)) continue;
    const o = v as Record<string, unknown>;
    take(o, key.endsWith('-metadata') ? 'metadata' : 'attribute');
    if (Array.isArray(o.annotations)) for (const a of o.annotations) if (a && typeof a === 'object') take(a as Record<string, unknown>, 'annotation');
  }
  return { findings: findings.sort(), input: JSON.stringify(obj) };
}

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
            const { findings, input } = serviceFindings(line);
            const ours = validateLine(input).problems.map((p) => `${levelOf(p)} ${p.code}`).sort();
            assert.deepStrictEqual(ours, findings, input.slice(0, 80));
          }
        });
      }

      it('the CLI exits 1 exactly when there is an error', async () => {
        const { code, out } = await lint(path.join(DIR, c.file));
        const errors = validateText(text).stats.errors;
        assert.strictEqual(code, errors > 0 ? 1 : 0, out);
      });
    });
  }
});
