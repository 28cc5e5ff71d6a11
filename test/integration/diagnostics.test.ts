import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../../src/constants';
import { ServiceCodes } from '../../src/manifest/codes';
import { closeAllEditors, codeOf, openManifest, waitForDiagnostics } from './helpers';

/** test/fixtures/workspace/datasets/problems.manifest: its 2nd line's box runs off the image. */
const FILE = 'datasets/problems.manifest';
const BAD_BOX_LINE = 1;

const isBadBox = (d: vscode.Diagnostic): boolean =>
  codeOf(d) === ServiceCodes.INVALID_BOUNDING_BOX && d.range.start.line === BAD_BOX_LINE;

describe('manifest diagnostics and quick fixes', () => {
  afterEach(closeAllEditors);

  it('reports an invalid bounding box on its line, with the service code', async () => {
    const document = await openManifest(FILE);
    const diagnostics = await waitForDiagnostics(document.uri, `${ServiceCodes.INVALID_BOUNDING_BOX} on line ${BAD_BOX_LINE + 1}`, (ds) =>
      ds.some(isBadBox),
    );
    const diagnostic = diagnostics.find(isBadBox);
    assert.ok(diagnostic);
    assert.equal(diagnostic.source, DIAGNOSTIC_SOURCE);
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.deepEqual(
      diagnostics.filter((d) => codeOf(d) === ServiceCodes.INVALID_BOUNDING_BOX).map((d) => d.range.start.line),
      [BAD_BOX_LINE],
      'only the line with the off-image box has an invalid bounding box',
    );
  });

  it('applies the preferred quick fix and the problem goes away', async () => {
    const document = await openManifest(FILE);
    const [diagnostic] = (await waitForDiagnostics(document.uri, 'the invalid bounding box', (ds) => ds.some(isBadBox))).filter(isBadBox);
    assert.ok(diagnostic);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const titles = actions.map((a) => a.title).join(', ') || 'none';
    // The API command does not return each action's `diagnostics`: the request's range (the
    // diagnostic's own) and kind are what tie the actions to this problem.
    const fix = actions.find((a) => a.isPreferred && a.kind?.value === vscode.CodeActionKind.QuickFix.value);
    assert.ok(fix, `a preferred quick fix for ${ServiceCodes.INVALID_BOUNDING_BOX}; offered: ${titles}`);
    assert.ok(fix.edit, `the quick fix "${fix.title}" carries an edit`);

    const before = document.lineAt(BAD_BOX_LINE).text;
    assert.equal(await vscode.workspace.applyEdit(fix.edit), true, `applying "${fix.title}"`);
    if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    assert.notEqual(document.lineAt(BAD_BOX_LINE).text, before, 'the fix changed the line');

    await waitForDiagnostics(document.uri, `${ServiceCodes.INVALID_BOUNDING_BOX} to go away after "${fix.title}"`, (ds) => !ds.some(isBadBox));
  });

  it('a line whose only label attribute is invalid: the line-level code at source-ref, its cause as related information', async () => {
    const document = await openManifest('datasets/wrong-type.manifest');
    const isCompanion = (d: vscode.Diagnostic): boolean => codeOf(d) === ServiceCodes.NO_VALID_LABEL_ATTRIBUTES;
    const diagnostics = await waitForDiagnostics(document.uri, ServiceCodes.NO_VALID_LABEL_ATTRIBUTES, (ds) => ds.some(isCompanion));
    const companion = diagnostics.find(isCompanion);
    assert.ok(companion);
    assert.equal(document.getText(companion.range), '"source-ref"');
    assert.equal(companion.severity, vscode.DiagnosticSeverity.Error);
    const related = companion.relatedInformation ?? [];
    assert.equal(related.length, 1);
    assert.equal(related[0].location.uri.toString(), document.uri.toString());
    assert.equal(document.getText(related[0].location.range), '"groundtruth/wrongtype"');
    assert.match(related[0].message, /^ERROR_UNSUPPORTED_USE_CASE_TYPE: /);
    // The cause keeps its own diagnostic at its own range: two for the line, not a squiggle per
    // level; the third is the file's (1 of 1 imported lines with errors: training would fail).
    assert.deepEqual(diagnostics.map(codeOf).sort(), [
      ServiceCodes.NO_VALID_LABEL_ATTRIBUTES,
      ServiceCodes.TOO_MANY_INVALID_ROWS_IN_MANIFEST,
      ServiceCodes.UNSUPPORTED_USE_CASE_TYPE,
    ]);
  });
});
