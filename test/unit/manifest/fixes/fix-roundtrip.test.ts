/**
 * The validator and the quick fixes together: for the problems the validator really reports,
 * the preferred fix removes the problem it was offered for (re-validated, not just re-parsed).
 */
import * as assert from 'node:assert/strict';
import { fixesFor, type Fix } from '../../../../src/manifest/fixes/fixes';
import { validateLine } from '../../../../src/manifest/validate';
import { ManifestDocument } from '../../../../src/manifest/document/document';

const DATE = '2024-05-01T10:00:00.000Z';
const now = () => new Date(DATE);

function applyToLine(line: string, fix: Fix): string {
  // Single-line fixes: apply edits from the end so earlier offsets stay valid.
  const edits = [...fix.edits].sort((a, b) => b.start.character - a.start.character);
  let text = line;
  for (const e of edits) {
    assert.equal(e.start.line, 0);
    assert.equal(e.end.line, 0);
    text = text.slice(0, e.start.character) + e.newText + text.slice(e.end.character);
  }
  return text;
}

const BAD_LINES: Record<string, string> = {
  'box off the image':
    '{"source-ref":"s3://bucket/b.jpg","bb":{"image_size":[{"width":640,"height":480,"depth":3}],"annotations":[{"class_id":0,"top":400,"left":600,"width":200,"height":200}]},"bb-metadata":{"objects":[{"confidence":1}],"class-map":{"0":"cat"},"type":"groundtruth/object-detection","human-annotated":"yes","creation-date":"' + DATE + '"}}',
  'class id missing from the class-map':
    '{"source-ref":"s3://bucket/c.jpg","bb":{"image_size":[{"width":640,"height":480,"depth":3}],"annotations":[{"class_id":3,"top":10,"left":10,"width":50,"height":50}]},"bb-metadata":{"objects":[{"confidence":1}],"class-map":{"0":"cat"},"type":"groundtruth/object-detection","human-annotated":"yes","creation-date":"' + DATE + '"}}',
  'wrong type for a classification attribute':
    '{"source-ref":"s3://bucket/d.jpg","sport":1,"sport-metadata":{"confidence":1,"class-name":"ball","human-annotated":"yes","creation-date":"' + DATE + '","type":"groundtruth/object-detection"}}',
  'image_size as a bare object':
    '{"source-ref":"s3://bucket/e.jpg","bb":{"image_size":{"width":640,"height":480,"depth":3},"annotations":[{"class_id":0,"top":10,"left":10,"width":50,"height":50}]},"bb-metadata":{"objects":[{"confidence":1}],"class-map":{"0":"cat"},"type":"groundtruth/object-detection","human-annotated":"yes","creation-date":"' + DATE + '"}}',
  'https source-ref':
    '{"source-ref":"https://bucket.s3.amazonaws.com/f.jpg","sport":1,"sport-metadata":{"confidence":1,"class-name":"ball","human-annotated":"yes","creation-date":"' + DATE + '","type":"groundtruth/image-classification"}}',
};

describe('quick fixes against the validator', () => {
  let exercised = 0;

  for (const [name, line] of Object.entries(BAD_LINES)) {
    it(`the preferred fix removes the problem: ${name}`, () => {
      const before = validateLine(line, 0).problems.filter((p) => p.severity !== 'information');
      assert.ok(before.length > 0, `the validator reports a problem for: ${name}`);
      const fixed = before.flatMap((problem) => {
        const preferred = fixesFor(problem, { lineText: () => line, lineCount: 1, now, labels: ['cat'] }).find((f) => f.isPreferred);
        return preferred ? [{ problem, preferred }] : [];
      });
      assert.ok(fixed.length > 0, `a preferred fix is offered for ${before.map((p) => p.code).join(', ')}`);
      for (const { problem, preferred } of fixed) {
        const after = applyToLine(line, preferred);
        const remaining = validateLine(after, 0).problems.filter((p) => p.code === problem.code);
        assert.deepEqual(remaining.map((p) => p.message), [], `"${preferred.title}" leaves ${problem.code}`);
        exercised++;
      }
    });
  }

  it('removes a duplicate line and the duplicate problem goes away', () => {
    const line = '{"source-ref":"s3://bucket/a.jpg","sport":1,"sport-metadata":{"confidence":1,"class-name":"ball","human-annotated":"yes","creation-date":"' + DATE + '","type":"groundtruth/image-classification"}}';
    const doc = new ManifestDocument([line, line].join('\n'));
    const duplicate = doc.problems().find((p) => p.code === 'CL_DUPLICATE_SOURCE_REF' && p.line === 1);
    assert.ok(duplicate, 'the second line is reported as a duplicate');
    const fix = fixesFor(duplicate, { lineText: (i) => doc.lineText(i), lineCount: doc.lineCount, now }).find((f) => f.isPreferred);
    assert.ok(fix, 'a preferred fix removes the line');
    for (const e of fix.edits) doc.applyEdit({ startLine: e.start.line, startCharacter: e.start.character, endLine: e.end.line, endCharacter: e.end.character }, e.newText);
    assert.equal(doc.lineCount, 1);
    assert.deepEqual(doc.problems().filter((p) => p.code === 'CL_DUPLICATE_SOURCE_REF'), []);
    exercised++;
  });

  after(() => {
    assert.ok(exercised >= Object.keys(BAD_LINES).length, `only ${exercised} fixes were exercised`);
  });
});
