import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { manifestWithErrors } from '../bench/generate';
import { EXTENSION_ID, closeAllEditors, codeOf, openManifest, waitFor, waitForDiagnostics, workspaceFile } from './helpers';

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

describe('an edit in a manifest with 10,000 problems', () => {
  afterEach(closeAllEditors);

  it('publishes again only the diagnostics of the line it changed, and nothing when the shown problems stay the same', async () => {
    const api = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)?.exports;
    assert.ok(api, 'the extension is active');
    // 20,000 lines, every other one with an error (its label is "x"): 999 of them shown.
    const file = 'datasets/many-problems-edited.manifest';
    const lines = manifestWithErrors(20_000, 10_000);
    await vscode.workspace.fs.writeFile(workspaceFile(file), Buffer.from(lines.join('\n') + '\n'));
    const document = await openManifest(file);
    await waitForDiagnostics(document.uri, 'the first publish', (ds) => ds.length === VS_CODE_SHOWS);
    const tracked = (): NonNullable<ReturnType<ExtensionApi['manifests']['get']>> => api.manifests.get(document.uri)!;
    assert.equal(tracked().lastPublish?.built, VS_CODE_SHOWS, 'the first publish builds every diagnostic (999 and the note)');

    const publishAfter = async (what: string, edit: vscode.WorkspaceEdit): Promise<{ shown: number; built: number; sent: boolean }> => {
      const before = tracked().lastPublish;
      assert.equal(await vscode.workspace.applyEdit(edit), true, what);
      return waitFor(`the publish after ${what}`, [api.manifests.onDidUpdate], () => (tracked().lastPublish !== before ? tracked().lastPublish : undefined));
    };

    // A shown error line (the generator's error lines are at even numbers here) edited into another error.
    const errorLine = 10;
    const at = lines[errorLine]!.indexOf('"x"') + 1;
    assert.ok(at > 0, 'an error line of the generator');
    const retyped = new vscode.WorkspaceEdit();
    retyped.insert(document.uri, new vscode.Position(errorLine, at), 'y');
    const one = await publishAfter('an edit of a shown error line', retyped);
    assert.equal(one.sent, true);
    assert.ok(one.built <= 2, `${one.built} diagnostics built again for an edit of one line (its error, and the file's share of lines with errors if it moved)`);

    // A line without problems (odd lines are detection lines): typing into its source-ref changes nothing shown.
    const cleanLine = 10_001;
    const ref = lines[cleanLine]!.indexOf('/boxes/') + '/boxes/'.length;
    assert.ok(ref > '/boxes/'.length, 'a detection line of the generator');
    const typed = new vscode.WorkspaceEdit();
    typed.insert(document.uri, new vscode.Position(cleanLine, ref), 'q');
    const none = await publishAfter('typing into a line without problems', typed);
    assert.deepEqual(none, { shown: VS_CODE_SHOWS - 1, built: 0, sent: false }, 'nothing built, nothing sent');
  });
});
