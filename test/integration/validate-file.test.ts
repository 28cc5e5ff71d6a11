import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import { ServiceCodes } from '../../src/manifest/codes';
import type { ManifestStats } from '../../src/manifest/types';
import { codeOf, describeDiagnostics, ourDiagnostics, waitForDiagnostics } from './helpers';

/** Validate Manifest File on Disk reads a file as the linter and the editor do (one splitter). */
describe('Validate Manifest File on Disk', () => {
  let dir = '';
  before(() => {
    // The workbench's temp folder may not exist yet when the suite loads.
    mkdirSync(tmpdir(), { recursive: true });
    dir = mkdtempSync(path.join(tmpdir(), 'cl-validate-file-'));
  });
  const a = JSON.stringify({ 'source-ref': 's3://my-bucket/a.jpg' });
  const b = JSON.stringify({ 'source-ref': 's3://my-bucket/b.jpg' });

  it('reads a lone CR as part of its line and reports bytes that are not UTF-8', async () => {
    const file = path.join(dir, 'bytes.manifest');
    const bad = Buffer.concat([Buffer.from('{"source-ref": "s3://my-bucket/'), Buffer.from([0xff]), Buffer.from('.jpg"}')]);
    writeFileSync(file, Buffer.concat([Buffer.from(`${a}\r${b}\n`), bad, Buffer.from(`\n${b}\n`)]));
    const uri = vscode.Uri.file(file);
    const stats = await vscode.commands.executeCommand<ManifestStats>(Commands.validateFile, uri);
    // readline (the reader before) saw 4 lines: a and b as two valid lines, and no UTF-8 problem.
    assert.equal(stats?.lines, 3, describeDiagnostics(uri));
    const diagnostics = await waitForDiagnostics(uri, 'the invalid lines', (ds) => ds.some((d) => d.range.start.line === 1));
    const json = diagnostics.filter((d) => codeOf(d) === ServiceCodes.INVALID_JSON_LINE);
    assert.deepEqual(json.map((d) => d.range.start.line), [0, 1], describeDiagnostics(uri));
    assert.match(json[0].message, /carriage return/);
    assert.match(json[1].message, /not valid UTF-8/i);
    assert.equal(json[1].range.start.character, bad.indexOf(0xff));
  });

  it('publishes at most the 1,000 problems VS Code shows, errors first, and says how many more there are', async () => {
    const file = path.join(dir, 'many.manifest');
    const lines = Array.from({ length: 1500 }, (_, i) => (i % 2 ? '{broken' : JSON.stringify({ 'source-ref': `s3://my-bucket/${i}.jpg` })));
    writeFileSync(file, lines.join('\n') + '\n');
    const uri = vscode.Uri.file(file);
    await vscode.commands.executeCommand(Commands.validateFile, uri);
    const diagnostics = await waitForDiagnostics(uri, 'the problems', (ds) => ds.length > 0);
    assert.equal(diagnostics.length, 1000, `${diagnostics.length} diagnostics`);
    const severities = diagnostics.slice(1).map((d) => d.severity);
    assert.deepEqual(severities.slice(0, 751).every((s) => s === vscode.DiagnosticSeverity.Error), true, 'the 751 errors come first');
    // 750 broken lines and the 20% rule (751 errors), 750 lines without labels (warnings): 999 shown, 502 left out.
    // First, and an error at 1:1: the Problems view (by severity, then place) lists it above the 751 errors.
    const note = diagnostics[0];
    assert.match(note.message, /^502 more problems \(502 warnings\) not shown/);
    assert.equal(note.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(note.range.start.line, 0);
    assert.equal(ourDiagnostics(uri).length, 1000);
  });
});
