/**
 * The editor's Convert and Check Training Readiness commands in the real workbench: the output
 * opens as an untitled manifest (the input is untouched), and the findings as an untitled report.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CheckTrainingOutcome } from '../../src/commands/check-training-command';
import type { ConvertOutcome } from '../../src/commands/convert-command';
import { Commands, LANGUAGE_ID } from '../../src/constants';
import { classificationLine, writeWorkspaceFile } from './explorer-helpers';
import { closeAllEditors, waitForDiagnostics } from './helpers';
import { closeUntitled } from './untitled-helpers';

const CSV = ['sunrise1.jpg,sunrise', 'beach1.jpg,beach,sea', 'sunrise1.jpg,sunset', 'rose.png,flower'];

describe('convert and check training readiness (editor commands)', () => {
  afterEach(async () => {
    await closeUntitled();
    await closeAllEditors();
  });

  it('Convert opens the manifest as an untitled, validated document and leaves the input as it was', async () => {
    const input = await writeWorkspaceFile('convert/labels.csv', CSV);
    const before = new TextDecoder().decode(await vscode.workspace.fs.readFile(input));
    const outcome = await vscode.commands.executeCommand<ConvertOutcome | undefined>(Commands.convert, {
      format: 'csv',
      inputs: [input],
      images: 's3://my-bucket/images/',
    });
    assert.ok(outcome, 'the command returned its outcome');
    const { document, result } = outcome;
    assert.equal(document.isUntitled, true);
    assert.equal(document.languageId, LANGUAGE_ID);
    assert.equal(vscode.window.activeTextEditor?.document, document, 'the output is the active editor');
    assert.deepEqual(
      document.getText().trimEnd().split('\n').map((l) => JSON.parse(l)['source-ref']),
      ['s3://my-bucket/images/sunrise1.jpg', 's3://my-bucket/images/beach1.jpg', 's3://my-bucket/images/rose.png'],
    );
    assert.deepEqual(result.issues.map((i) => [i.line, i.kind]), [[3, 'skipped']], 'the repeated image is reported with its row');
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(input)), before, 'the CSV is unchanged');
    // The untitled manifest is validated like any other: a known error added to it shows up.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(document.lineCount, 0), '{"source-ref": "https://x/y.jpg"}\n');
    await vscode.workspace.applyEdit(edit);
    await waitForDiagnostics(document.uri, 'the https source-ref problem in the converted document', (ds) => ds.length > 0);
  });

  it('Check Training Readiness opens a report with each finding and its code', async () => {
    const train = await writeWorkspaceFile('convert/train.manifest', [classificationLine(1, 'cat'), classificationLine(2, 'cat'), classificationLine(3, 'dog')]);
    const outcome = await vscode.commands.executeCommand<CheckTrainingOutcome | undefined>(Commands.checkTraining, train, null);
    assert.ok(outcome, 'the command returned its outcome');
    assert.deepEqual(outcome.report.findings.map((f) => f.code), ['ERROR_INSUFFICIENT_IMAGES_PER_LABEL_FOR_AUTOSPLIT']);
    assert.equal(outcome.document.uri.scheme, 'customlabels-report', 'a read-only report, not an untitled document');
    assert.equal(vscode.window.activeTextEditor?.document, outcome.document, 'the report is shown');
    assert.match(outcome.document.getText(), /error ERROR_INSUFFICIENT_IMAGES_PER_LABEL_FOR_AUTOSPLIT .*"dog" \(1 image\)/);
    assert.match(outcome.document.getText(), /what to do: Add images of that label/);
  });
});
