/**
 * The CSV converter writes the lines it builds without the validator's parse when they are valid
 * by construction (csv.ts `validByConstruction`): every such line, on the benches' generated
 * CSVs, the fixture and rows made to hit each limit, is checked here by the validator itself
 * (validateLine, the independent judge): no error on any of them. The lines at and past each
 * limit must take the validating path, and the usual ones the other.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'fs';
import * as path from 'path';
import { convertCsv, ManifestWriter, type Origin } from '../../../src/convert';
import type { LineFacts } from '../../../src/convert/manifest-writer';
import { validateLine } from '../../../src/manifest';
import { csvText } from '../../bench/generate';
import { fixedNow } from './helpers';
import { CONVERT_FIXTURES } from './images';

/** A writer that has the validator judge every line handed over as valid by construction. */
class JudgedWriter extends ManifestWriter {
  byConstruction = 0;
  validated = 0;
  readonly wrong: string[] = [];
  readonly fastTexts: string[] = [];
  override addValid(text: string, origin: Origin, facts: LineFacts): boolean {
    this.byConstruction++;
    this.fastTexts.push(text);
    const errors = validateLine(text).problems.filter((p) => p.severity === 'error');
    if (errors.length > 0) this.wrong.push(`row ${origin.line}: ${errors.map((p) => p.code).join(', ')}`);
    return super.addValid(text, origin, facts);
  }
  override add(text: string, origin: Origin, facts: LineFacts): boolean {
    this.validated++;
    return super.add(text, origin, facts);
  }
}

function convert(text: string, images = 's3://bench-bucket/'): JudgedWriter {
  const writer = new JudgedWriter();
  convertCsv(text, 'rows.csv', { writer, images, now: fixedNow });
  assert.deepEqual(writer.wrong, [], 'lines written as valid by construction on which the validator finds errors');
  return writer;
}

const label = (n: number, c = 'a'): string => c.repeat(n);

describe('convert csv: lines valid by construction', () => {
  it('the generated CSVs (1-3 labels in varying order; 12 labels) are written valid by construction, and the validator agrees on every line', () => {
    const some = convert(csvText(3_000));
    assert.equal(some.byConstruction, 3_000);
    assert.equal(some.validated, 0);
    const twelve = convert(csvText(300, 12), 's3://bench-bucket/prefix/');
    assert.equal(twelve.byConstruction, 300);
  });

  it('the fixture: the validator agrees on every line written valid by construction', () => {
    const w = convert(readFileSync(path.join(CONVERT_FIXTURES, 'repeated.csv'), 'utf8'), 's3://my-bucket/images/');
    assert.ok(w.byConstruction > 0);
  });

  it('rows at each limit are valid by construction; rows past it go through the validator, which reports them', () => {
    const astral = '\ud83d\udc08';
    const rows: [string, 'fast' | 'validated'][] = [
      [`a.jpg,${label(256)}`, 'fast'],
      [`b.jpg,${label(257)}`, 'validated'],
      [`c.jpg,${astral.repeat(128)}`, 'fast'],
      [`d.jpg,${astral.repeat(128)}x`, 'validated'],
      [`e.jpg,${Array.from({ length: 50 }, (_, i) => `l${i}`).join(',')}`, 'fast'],
      [`f.jpg,${Array.from({ length: 51 }, (_, i) => `l${i}`).join(',')}`, 'validated'],
      // Control characters: six characters each in JSON, four times per label: over 100,000 characters.
      [`g.jpg,${Array.from({ length: 50 }, (_, i) => `${i}${'\u0001'.repeat(100)}`).join(',')}`, 'validated'],
      ['s3://a/h.jpg,cat', 'validated'],
      ['s3://buck\u20act/i.jpg,cat', 'validated'],
      ['s3://b_u.c-k/j.jpg,cat', 'fast'],
      ['k.jpg,__proto__,constructor,toString,hasOwnProperty,source-ref,errors,cl-metadata,x-metadata,a-ref,label-0,label-3', 'fast'],
      ['l.jpg,"quoted ""label""",\u732b,back\\slash,tab\there', 'fast'],
    ];
    for (const [row, path] of rows) {
      const w = convert(`${row}\n`, 's3://my-bucket/images/');
      assert.equal(w.byConstruction + w.validated, 1, row.slice(0, 40));
      assert.equal(w.byConstruction === 1 ? 'fast' : 'validated', path, row.slice(0, 40));
      if (path === 'fast') assert.equal(validateLine(w.fastTexts[0]).problems.filter((p) => p.severity === 'error').length, 0);
      else assert.equal(w.result().issues.filter((i) => i.kind === 'skipped').length, 1, `${row.slice(0, 40)}: reported as not written`);
    }
  });
});
