/**
 * A whole-file finding (the share of invalid lines) is shown on an invalid line: it does not
 * underline line 1 when line 1 is healthy.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { closeEditors, openManifestFile } from './actions';
import { page, problems, until } from './driver';
import { session } from './session';

const FILE = 'datasets/half-broken.manifest';
const GOOD = JSON.stringify({
  'source-ref': 's3://custom-labels-demo/images/cat-02.jpg',
  animal: 1,
  'animal-metadata': { confidence: 1, 'class-name': 'cat', 'human-annotated': 'yes', 'creation-date': '2024-03-01T10:00:00.000Z', type: 'groundtruth/image-classification' },
});

/** For each rendered editor line (1-based, top to bottom), whether it carries an error squiggle. */
async function squiggledLines(): Promise<boolean[]> {
  return page()
    .locator('.editor-group-container.active .monaco-editor .view-overlays > div')
    .evaluateAll((els) =>
      els
        .map((e) => {
          const el = e as unknown as { style: { top: string }; querySelector(s: string): unknown };
          return { top: parseFloat(el.style.top) || 0, squiggle: el.querySelector('.squiggly-error') !== null };
        })
        .sort((a, b) => a.top - b.top)
        .map((l) => l.squiggle),
    );
}

describe('UI: a whole-file finding', () => {
  before(async () => {
    fs.writeFileSync(path.join(session().workspace, FILE), `${GOOD}\n{broken\n`);
    await openManifestFile(FILE);
  });
  after(closeEditors);

  it('sits on the first invalid line, not on the healthy line 1', async () => {
    const rows = await problems('the share of invalid lines', (r) => r.some((t) => /of the lines/.test(t)));
    const share = rows.find((t) => /of the lines/.test(t))!;
    assert.match(share, /50\.0% of the lines \(1 of 2\)/, share);
    assert.match(share, /\[Ln 2, Col 1\]/, `the finding's place in the Problems panel: ${share}`);
    const lines = await until('the invalid line 2 to be underlined', async () => {
      const l = await squiggledLines();
      return l[1] ? l : undefined;
    }, async () => JSON.stringify(await squiggledLines()));
    assert.equal(lines[0], false, 'line 1 (valid) carries no squiggle');
  });
});
