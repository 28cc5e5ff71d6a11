import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, codeOf, openManifest, waitForDiagnostics, workspaceFile } from './helpers';

/** VS Code's extension host forwards at most this many diagnostics per file. */
const VS_CODE_SHOWS = 1000;
const FILE = 'datasets/many-problems.manifest';

/** A detection line with one warning: image_size as a bare object (the service accepts it). */
function warningLine(i: number): string {
  return JSON.stringify({
    'source-ref': `s3://my-bucket/many/${i}.png`,
    'bounding-box': { image_size: { width: 100, height: 100, depth: 3 }, annotations: [{ class_id: 0, top: 1, left: 1, width: 5, height: 5 }] },
    'bounding-box-metadata': {
      objects: [{ confidence: 1 }],
      'class-map': { '0': 'cat' },
      type: 'groundtruth/object-detection',
      'human-annotated': 'yes',
      'creation-date': '2024-03-06T17:46:39Z',
      'job-name': 'j',
    },
  });
}

describe('a manifest with more problems than VS Code shows', () => {
  afterEach(closeAllEditors);

  it('publishes at most 1,000 diagnostics, errors first, with a note counting the rest', async () => {
    // 1,500 warnings, then 700 errors (unparsable lines) and the file's share-of-invalid error on line 1.
    const lines = [...Array.from({ length: 1500 }, (_, i) => warningLine(i)), ...Array.from({ length: 700 }, () => '{broken')];
    await vscode.workspace.fs.writeFile(workspaceFile(FILE), Buffer.from(lines.join('\n') + '\n'));
    const document = await openManifest(FILE);
    const diagnostics = await waitForDiagnostics(document.uri, 'diagnostics', (ds) => ds.length > 0);
    assert.ok(diagnostics.length <= VS_CODE_SHOWS, `${diagnostics.length} diagnostics published; VS Code forwards at most ${VS_CODE_SHOWS}`);
    const note = diagnostics.filter((d) => codeOf(d) === 'CL_MORE_PROBLEMS');
    assert.equal(note.length, 1, 'one note about the problems not shown');
    const shown = diagnostics.filter((d) => codeOf(d) !== 'CL_MORE_PROBLEMS');
    const errors = shown.filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.equal(errors.length, 701, 'every error is shown');
    assert.ok(
      shown.slice(0, errors.length).every((d) => d.severity === vscode.DiagnosticSeverity.Error),
      'the errors come before the warnings',
    );
    // 2,201 problems in all; 999 shown, so 1,202 warnings are not.
    assert.match(note[0].message, /^1,202 more problems \(1,202 warnings\) not shown/);
    assert.equal(note[0].range.start.line, 0);
    assert.ok(note[0].range.isEmpty, 'the note marks no text of line 1 (that line may be healthy)');
    // The Problems view lists a file's problems by severity, then place: an error at 1:1 is read first.
    assert.equal(note[0].severity, vscode.DiagnosticSeverity.Error, 'the note sorts above the 701 errors shown');
    assert.equal(codeOf(diagnostics[0]), 'CL_MORE_PROBLEMS', 'the note comes first');
  });
});
