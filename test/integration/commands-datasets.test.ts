/**
 * The dataset commands, driven with arguments (no prompts) against the sandbox started inside
 * the extension: create a project and its datasets, push a manifest, watch the tree go from in
 * progress to complete, map entry errors back to the file, distribute, browse, list, download
 * (both datasets: together, exactly the lines pushed). The steps that create and push are the
 * commands under test here; the long listing's project is set up with projectWithEntries.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, DATASET_DIAGNOSTICS, LANGUAGE_ID } from '../../src/constants';
import type { PushOutcome } from '../../src/commands/push-command';
import type { Dataset, LabelStats } from '../../src/rekognition/types';
import type { DatasetsApi } from '../../src/datasets/register';
import { closeAllEditors, codeOf, describeDiagnostics, ourDiagnostics, waitFor } from './helpers';
import {
  boxOffImageLine,
  classificationLine,
  datasetView,
  datasetsApi,
  describeModel,
  useSandbox,
  waitForModel,
  writeWorkspaceFile,
} from './explorer-helpers';
import { projectWithEntries } from './sandbox-project';

/** The keys the service writes into an entry (developer guide, tm-debugging-json-line-errors.md), at any depth. */
const SERVICE_KEYS = new Set(['errors', 'cl-errors', 'warnings', 'cl-warnings', 'cl-metadata']);
function withoutServiceKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutServiceKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => !SERVICE_KEYS.has(k)).map(([k, v]) => [k, withoutServiceKeys(v)]));
}

describe('dataset commands against the sandbox', function () {
  this.timeout(120_000);
  const projectName = `it-${Date.now()}`;
  let api: DatasetsApi;
  let trainArn = '';
  let testArn = '';
  const labels = ['sparrow', 'finch'];
  const goodLines = Array.from({ length: 20 }, (_, i) => classificationLine(i, labels[i % 2]!));
  /** Pushed after goodLines: five classification lines and a box line the service keeps with an error. */
  const errorsFileLines = [...[100, 101, 102, 103, 104].map((i) => classificationLine(i, 'sparrow')), boxOffImageLine(1)];

  before(async () => {
    api = await datasetsApi();
    await useSandbox(api);
  });
  after(closeAllEditors);

  it('shows the sandbox in the view description', () => {
    assert.match(api.connection.label, /^Sandbox · /);
  });

  it('creates a project that appears in the tree', async () => {
    const result = await vscode.commands.executeCommand<{ projectArn: string } | undefined>(Commands.createProject, { projectName });
    assert.ok(result?.projectArn, `createProject returned ${JSON.stringify(result)}; ${describeModel(api)}`);
    await waitForModel(api, `project ${projectName} in the tree`, () =>
      api.projectsTree.roots().some((n) => n.kind === 'project' && n.projectArn === result.projectArn) ? true : undefined,
    );
  });

  it('creates empty training and test datasets', async () => {
    const train = await vscode.commands.executeCommand<{ datasetArn: string; dataset: Dataset } | undefined>(Commands.createDataset, {
      projectName,
      type: 'TRAIN',
      source: 'empty',
    });
    const test = await vscode.commands.executeCommand<{ datasetArn: string; dataset: Dataset } | undefined>(Commands.createDataset, {
      projectName,
      type: 'TEST',
      source: 'empty',
    });
    assert.ok(train?.datasetArn && test?.datasetArn, describeModel(api));
    assert.equal(train.dataset.status, 'CREATE_COMPLETE');
    trainArn = train.datasetArn;
    testArn = test.datasetArn;
    await waitForModel(api, 'both datasets complete and empty in the tree', () => {
      const a = datasetView(api, trainArn);
      const b = datasetView(api, testArn);
      return a.icon === 'pass' && b.icon === 'pass' && a.contextValue === 'dataset;train;empty;idle' && b.contextValue === 'dataset;test;empty;idle'
        ? true
        : undefined;
    });
  });

  it('pushes a manifest, skipping the invalid line, and the tree goes from in progress to complete', async () => {
    const uri = await writeWorkspaceFile('datasets/it-push.manifest', [...goodLines.slice(0, 10), '{"source-ref": broken', ...goodLines.slice(10)]);
    const seen: string[] = [];
    const sub = api.projectsModel.onDidChange(() => {
      const icon = datasetView(api, trainArn).icon;
      if (icon && seen[seen.length - 1] !== icon) seen.push(icon);
    });
    try {
      const outcome = await vscode.commands.executeCommand<PushOutcome | undefined>(Commands.pushEntries, {
        datasetArn: trainArn,
        uri,
        onInvalid: 'pushValid',
      });
      assert.ok(outcome, `push returned nothing; ${describeModel(api)}`);
      assert.equal(outcome.landed.length, 20);
      assert.deepEqual(outcome.invalid.map((l) => l.fileLine), [10], 'line 11 (invalid JSON) is not sent');
      assert.deepEqual(outcome.notLanded, []);
      await waitForModel(api, 'the training dataset to show 20 entries, complete', () => {
        const v = datasetView(api, trainArn);
        return v.icon === 'pass' && v.description?.startsWith('20 entries') ? v : undefined;
      });
    } finally {
      sub.dispose();
    }
    assert.ok(seen.includes('loading~spin'), `the tree showed the dataset in progress at some point (icons seen: ${seen.join(' -> ')})`);
    assert.equal(seen[seen.length - 1], 'pass');
    assert.ok(seen.indexOf('loading~spin') < seen.lastIndexOf('pass'));
  });

  it('pushing the same manifest again compares it with the dataset and sends nothing', async () => {
    const uri = await writeWorkspaceFile('datasets/it-push.manifest', [...goodLines.slice(0, 10), '{"source-ref": broken', ...goodLines.slice(10)]);
    const outcome = await vscode.commands.executeCommand<PushOutcome | undefined>(Commands.pushEntries, { datasetArn: trainArn, uri, onInvalid: 'pushValid' });
    assert.ok(outcome, describeModel(api));
    assert.deepEqual(outcome.landed, []);
    assert.deepEqual(outcome.unchanged, [...Array(10).keys(), ...Array.from({ length: 10 }, (_, i) => 11 + i)], 'every valid line is already there as it is');
    assert.deepEqual(outcome.diff?.added, []);
    assert.deepEqual(outcome.diff?.changed, []);
  });

  it('maps the errors the service recorded on entries back to the lines of the file', async () => {
    // A line with a non-terminal error: the update completes and the service records the error
    // on the entry (only terminal errors, which are never sent, can fail an update).
    const uri = await writeWorkspaceFile('datasets/it-errors.manifest', errorsFileLines);
    const outcome = await vscode.commands.executeCommand<PushOutcome | undefined>(Commands.pushEntries, {
      datasetArn: trainArn,
      uri,
      onInvalid: 'pushImportable',
    });
    assert.ok(outcome, describeModel(api));
    assert.deepEqual(outcome.landed, [0, 1, 2, 3, 4, 5], 'every line reached the dataset');
    const diagnostics = await waitFor(
      `${DATASET_DIAGNOSTICS} diagnostics on line 6 of ${uri.path}`,
      [vscode.languages.onDidChangeDiagnostics],
      () => {
        const found = vscode.languages.getDiagnostics(uri).filter((d) => d.source === DATASET_DIAGNOSTICS);
        return found.length > 0 ? found : undefined;
      },
      () => JSON.stringify(outcome.issues),
    );
    assert.ok(diagnostics.every((d) => d.range.start.line === 5), 'only the box line carries entry errors');
    assert.ok(diagnostics.some((d) => /BOUNDING_BOX/.test(codeOf(d) ?? '')), diagnostics.map((d) => codeOf(d)).join(', '));
  });

  it('distributes training entries to the empty test dataset and reports the new counts', async () => {
    const result = await vscode.commands.executeCommand<{ train: Dataset; test: Dataset } | undefined>(Commands.distribute, { projectName, confirmed: true });
    assert.ok(result, describeModel(api));
    assert.equal(result.train.status, 'UPDATE_COMPLETE');
    assert.equal(result.test.status, 'UPDATE_COMPLETE');
    assert.ok(result.test.stats.totalEntries > 0, 'the test dataset received entries');
    assert.equal(result.train.stats.totalEntries + result.test.stats.totalEntries, 26, 'no entry lost or duplicated');
    await waitForModel(api, 'the test dataset to show its entries', () =>
      datasetView(api, testArn).contextValue === 'dataset;test;nonempty;idle' ? true : undefined,
    );
  });

  it('refuses to distribute again: the test dataset is no longer empty', async () => {
    const result = await vscode.commands.executeCommand(Commands.distribute, { projectName, confirmed: true });
    assert.equal(result, undefined, 'the precondition check stops the command (an error message is shown)');
  });

  it('browses entries with a label filter in a read-only manifest document', async () => {
    const document = await vscode.commands.executeCommand<vscode.TextDocument | undefined>(Commands.browseEntries, {
      datasetArn: trainArn,
      filter: { containsLabels: ['finch'] },
    });
    assert.ok(document, describeModel(api));
    assert.equal(document.languageId, LANGUAGE_ID);
    assert.equal(document.uri.scheme, 'customlabels-entries');
    assert.match(document.uri.path, /\(labels finch\)\.manifest$/, 'the filter is in the name, so each view has its own tab title');
    const lines = document.getText().split('\n').filter(Boolean);
    assert.ok(lines.length > 0, 'some finch entries');
    for (const line of lines) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      assert.match(String(entry['source-ref']), /finch/);
    }
  });

  it('a filtered browse document (entries with errors) has the line problems, not the whole-file ones', async () => {
    // The box line pushed above has its error recorded; after distribute it is in one of the two.
    let found: vscode.TextDocument | undefined;
    for (const datasetArn of [trainArn, testArn]) {
      const document = await vscode.commands.executeCommand<vscode.TextDocument | undefined>(Commands.browseEntries, { datasetArn, filter: { hasErrors: true } });
      assert.ok(document, describeModel(api));
      await api.entries.whenRead(document.uri);
      if (document.getText().trim()) found = document;
    }
    assert.ok(found, 'the entry with errors is in the training or the test dataset');
    const uri = found.uri;
    const problems = await waitFor(
      `line problems on ${uri.path}`,
      [vscode.languages.onDidChangeDiagnostics],
      () => {
        const d = ourDiagnostics(uri);
        return d.length > 0 ? d : undefined;
      },
      () => describeDiagnostics(uri),
    );
    const codes = problems.map((d) => codeOf(d) ?? '');
    assert.ok(codes.some((c) => /BOUNDING_BOX/.test(c)), codes.join(', '));
    assert.ok(!codes.some((c) => /RECORDS_IN_ERROR/.test(c)), `no share-of-invalid-lines finding on a filtered view: ${codes.join(', ')}`);
  });

  it('streams a long listing into the document page by page (100 entries a page)', async () => {
    const total = 350;
    const long = `${projectName}-long`;
    const { trainArn: arn } = await projectWithEntries(api, {
      projectName: long,
      file: 'datasets/it-long.manifest',
      lines: Array.from({ length: total }, (_, i) => classificationLine(1000 + i, labels[i % 2]!)),
    });
    try {
      const document = await vscode.commands.executeCommand<vscode.TextDocument | undefined>(Commands.browseEntries, { datasetArn: arn, filter: {} });
      assert.ok(document, describeModel(api));
      const atOpen = document.getText().split('\n').filter(Boolean).length;
      assert.ok(atOpen >= 100, `the document opens with the first page at least (${atOpen} lines)`);
      const state = await api.entries.whenRead(document.uri);
      assert.equal(state, 'complete');
      const lines = await waitFor(
        `all ${total} entries in ${document.uri.path}`,
        [vscode.workspace.onDidChangeTextDocument],
        () => {
          const n = document.getText().split('\n').filter(Boolean);
          return n.length === total ? n : undefined;
        },
        () => `${document.getText().split('\n').filter(Boolean).length} lines`,
      );
      assert.equal(new Set(lines.map((l) => (JSON.parse(l) as Record<string, unknown>)['source-ref'])).size, total, 'no entry twice');
    } finally {
      await vscode.commands.executeCommand(Commands.deleteProject, { projectName: long, confirmed: true });
    }
  });

  it('lists the labels with their entry counts', async () => {
    const result = await vscode.commands.executeCommand<LabelStats[] | undefined>(Commands.listLabels, { datasetArn: trainArn, show: false });
    assert.ok(result, describeModel(api));
    assert.deepEqual(result.map((l) => l.name).sort(), ['finch', 'sparrow']);
    assert.ok(result.every((l) => l.entryCount > 0));
  });

  it('downloads the datasets as local manifests: together, exactly the lines pushed', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder);
    /** source-ref -> the entry downloaded, from both datasets (distribute split the lines pushed between them). */
    const downloaded = new Map<string, unknown>();
    for (const [datasetArn, name] of [[trainArn, 'train'], [testArn, 'test']] as const) {
      const targetUri = vscode.Uri.joinPath(folder, 'datasets', `it-download-${name}.manifest`);
      const result = await vscode.commands.executeCommand<{ uri: vscode.Uri; entries: number } | undefined>(Commands.downloadDataset, { datasetArn, targetUri });
      assert.ok(result, describeModel(api));
      const lines = new TextDecoder().decode(await vscode.workspace.fs.readFile(targetUri)).split('\n').filter(Boolean);
      assert.equal(result.entries, lines.length, `the count the command reports for ${name} is the lines it wrote`);
      for (const line of lines) {
        const entry = JSON.parse(line) as Record<string, unknown>;
        const ref = String(entry['source-ref']);
        assert.ok(!downloaded.has(ref), `${ref} downloaded once`);
        downloaded.set(ref, entry);
      }
    }
    // What was pushed: the 20 good lines of it-push.manifest (its line 11, invalid JSON, was not
    // sent) and the 6 lines of it-errors.manifest.
    const pushed = [...goodLines, ...errorsFileLines].map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(pushed.length, 26);
    assert.deepEqual([...downloaded.keys()].sort(), pushed.map((e) => String(e['source-ref'])).sort(), 'the entries downloaded are the lines pushed, each once');
    for (const e of pushed) {
      // The service adds its own keys to an entry (the developer guide: errors, warnings, their cl- forms,
      // cl-metadata, at any level); without them each entry is the line pushed.
      assert.deepEqual(withoutServiceKeys(downloaded.get(String(e['source-ref']))), e, `the entry of ${String(e['source-ref'])}`);
    }
  });

  it('deletes the datasets and the project', async () => {
    await vscode.commands.executeCommand(Commands.deleteDataset, { datasetArn: testArn, confirmed: true });
    await vscode.commands.executeCommand(Commands.deleteDataset, { datasetArn: trainArn, confirmed: true });
    await waitForModel(api, 'both datasets gone from the tree', () => {
      const p = api.projectsModel.findProject(projectName);
      return p && p.datasets.length === 0 ? true : undefined;
    });
    const result = await vscode.commands.executeCommand<{ deleted: string } | undefined>(Commands.deleteProject, { projectName, confirmed: true });
    assert.ok(result, describeModel(api));
    await waitForModel(api, `project ${projectName} gone from the tree`, () => (api.projectsModel.findProject(projectName) ? undefined : true));
  });
});
