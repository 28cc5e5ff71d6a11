/**
 * Journey 1: completion while typing a new line, inside quotes, as a person types it (pairs
 * auto-close, the suggest widget opens on `"`).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { closeEditors, openManifestFile } from './actions';
import { cursorLineText, escape, focusSuggestion, newLastLine, press, screenshot, suggestions, triggerSuggest, type, until } from './driver';
import { session } from './session';

const FILE = 'datasets/typing.manifest';
const LINES = [
  '{"source-ref":"s3://b/cat.jpg","animal":1,"animal-metadata":{"confidence":1,"class-name":"cat","human-annotated":"yes","creation-date":"2024-03-01T10:00:00.000Z","type":"groundtruth/image-classification"}}',
  '{"source-ref":"s3://b/dog.jpg","animal":1,"animal-metadata":{"confidence":1,"class-name":"dog","human-annotated":"yes","creation-date":"2024-03-01T10:00:00.000Z","type":"groundtruth/image-classification"}}',
];

describe('UI: completion while typing a new line', () => {
  before(async () => {
    fs.writeFileSync(path.join(session().workspace, FILE), `${LINES.join('\n')}\n`);
    await openManifestFile(FILE);
  });
  after(closeEditors);
  afterEach(escape);

  it('{" offers the top-level keys, and accepting one writes the key', async () => {
    await newLastLine();
    await type('{"');
    const rows = await suggestions('after {"');
    assert.ok(rows.includes('source-ref'), `suggestions after {": ${JSON.stringify(rows)}`);
    await screenshot('completion-inside-quotes');
    await type('sou');
    assert.deepEqual((await suggestions('after {"sou'))[0], 'source-ref');
    await press('Enter');
    const line = await cursorLineText();
    assert.match(line, /^\{"source-ref": ?"s3:\/\/bucket\/image\.jpg"\}?$/, `the new line reads ${JSON.stringify(line)}`);
  });

  it('after the source-ref, Ctrl+Space offers a label attribute with its metadata, and accepting one writes both', async () => {
    await newLastLine();
    // The whole object, then back before its `}` (typed over when the editor closed the brace itself).
    await type('{"source-ref":"s3://bucket/new.jpg",}');
    await press('ArrowLeft');
    await triggerSuggest();
    const rows = await suggestions('Ctrl+Space after "source-ref":"…",');
    assert.ok(rows.includes('label-attribute, label-attribute-metadata') && rows.includes('bounding-box, bounding-box-metadata'), `suggestions after the source-ref: ${JSON.stringify(rows)}`);
    await focusSuggestion('label-attribute, label-attribute-metadata');
    await press('Enter');
    await type('animal'); // the name is typed once, into both keys
    await press('Escape', 'Escape'); // out of the snippet, back to one cursor
    // The editor draws the typed name into both keys after the keys are pressed: wait for the drawing.
    const entry = await until(
      'the new line to read as a JSON object naming "animal"',
      async () => {
        try {
          const line = await cursorLineText(); // throws while the status bar is redrawn
          const parsed = JSON.parse(line) as Record<string, unknown>;
          return 'animal-metadata' in parsed ? parsed : undefined;
        } catch {
          return undefined;
        }
      },
      () => cursorLineText().catch((e: unknown) => String(e)),
    );
    const line = JSON.stringify(entry);
    assert.equal(entry.animal, 1, line);
    assert.equal((entry['animal-metadata'] as { type?: string }).type, 'groundtruth/image-classification', line);
  });

  it('"type":" offers the two type values', async () => {
    await newLastLine();
    await type('{"a":1,"a-metadata":{"type":"');
    const rows = await suggestions('after "type":"');
    assert.deepEqual([...rows].sort(), ['groundtruth/image-classification', 'groundtruth/object-detection']);
  });

  it('"class-name":" offers the labels of the file', async () => {
    await newLastLine();
    await type('{"a":1,"a-metadata":{"class-name":"');
    const rows = await suggestions('after "class-name":"');
    assert.ok(rows.includes('cat') && rows.includes('dog'), `label suggestions: ${JSON.stringify(rows)}`);
  });

  it('inside a class_id: the ids of the line\'s class-map', async () => {
    await newLastLine();
    await type('{"bb-metadata":{"class-map":{"0":"Echo","4":"Mug"}},"bb":{"annotations":[{"class_id":"');
    const rows = await suggestions('inside "class_id":"');
    assert.deepEqual(rows, ['0', '4']);
    await focusSuggestion('4');
    await press('Enter');
    const line = await until('the chosen id in the line', async () => {
      const text = await cursorLineText();
      return text.includes('"class_id":"') ? undefined : text;
    });
    assert.ok(line.includes('"class_id":4'), `the new line reads ${JSON.stringify(line)}`);
  });
});
