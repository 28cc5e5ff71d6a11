/**
 * A carriage return inside a line (issue #21 item 13): JSON.parse takes it for white space, other
 * readers of JSON Lines end the line there. CL_LONE_CR, a warning at the CR's own column, through
 * the single-line validator, a whole text, the editor's document and the streaming validator.
 */
import * as assert from 'node:assert/strict';
import { ManifestDocument, validateLine, validateLines, validateText } from '../../../../src/manifest';

const META = '"bird-metadata":{"class-name":"finch","type":"groundtruth/image-classification","confidence":1,"human-annotated":"yes","creation-date":"2024-01-01T00:00:00"}';
const clean = (i: number): string => `{"source-ref":"s3://bucket-ui/a${i}.jpg","bird":1,${META}}`;
const withCr = (i: number): string => `{"source-ref":"s3://bucket-ui/a${i}.jpg",\r"bird":1,${META}}`;

function loneCr(problems: readonly { code: string; severity: string; start: number; end: number }[]) {
  return problems.filter((p) => p.code === 'CL_LONE_CR').map((p) => ({ severity: p.severity, start: p.start, end: p.end }));
}

describe('manifest: a carriage return inside a line (CL_LONE_CR)', () => {
  it('is a warning at the CR itself, and the line is otherwise valid', () => {
    const line = withCr(1);
    const at = line.indexOf('\r');
    const r = validateLine(line);
    assert.deepEqual(loneCr(r.problems), [{ severity: 'warning', start: at, end: at + 1 }]);
    assert.deepEqual(r.problems.filter((p) => p.code !== 'CL_LONE_CR'), []);
    assert.match(r.problems[0]!.message, new RegExp(`column ${at + 1}\\b`));
  });

  it('says nothing of the CR of a CRLF line end, nor of a clean line', () => {
    assert.deepEqual(validateLine(`${clean(1)}\r`).problems, []);
    assert.deepEqual(validateLine(clean(1)).problems, []);
  });

  it('a CR inside a string is not JSON: the JSON error only, saying why', () => {
    const r = validateLine(`{"source-ref":"s3://bucket-ui/a\rb.jpg","bird":1,${META}}`);
    assert.deepEqual(r.problems.map((p) => p.code), ['ERROR_INVALID_JSON_LINE']);
    assert.match(r.problems[0]!.message, /carriage return/);
  });

  it('is found on its line by a whole text, the editor document and the streaming validator alike', async () => {
    const lines = [clean(1), withCr(2), clean(3), `${withCr(4)}\r`];
    const expected = [1, 3].map((line) => ({ line, start: lines[line]!.indexOf('\r') }));
    const text = lines.join('\n');
    const fromText = validateText(text).problems.filter((p) => p.code === 'CL_LONE_CR').map((p) => ({ line: p.line, start: p.start }));
    assert.deepEqual(fromText, expected);
    const doc = new ManifestDocument(text);
    assert.deepEqual(doc.problems().filter((p) => p.code === 'CL_LONE_CR').map((p) => ({ line: p.line, start: p.start })), expected);
    async function* gen() {
      yield* lines;
    }
    const streamed = await validateLines(gen());
    assert.deepEqual(streamed.problems.filter((p) => p.code === 'CL_LONE_CR').map((p) => ({ line: p.line, start: p.start })), expected);
  });
});
