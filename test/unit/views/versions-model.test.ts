import * as assert from 'node:assert/strict';
import { ProjectsModel } from '../../../src/views/projects-model';
import { ProjectsTree } from '../../../src/views/projects-tree';
import { VersionsModel, type VersionsSource } from '../../../src/views/versions-model';
import type { VersionInfo } from '../../../src/views/version-status';
import type { ModelStatus } from '../../../src/rekognition';
import { FakeService, FakeTimers, PROJECT_ARN, TRAIN_ARN, dataset, project, settle } from './fakes';

const V1 = `${PROJECT_ARN.replace(/\/\d+$/, '')}/version/v1/1700000000100`;
const V2 = `${PROJECT_ARN.replace(/\/\d+$/, '')}/version/v2/1700000000200`;

function version(arn: string, status: ModelStatus, extra: Partial<VersionInfo> = {}): VersionInfo {
  return { arn, projectArn: PROJECT_ARN, name: /\/version\/([^/]+)\//.exec(arn)![1]!, status, ...extra };
}

/** Answers each listing with the next queued answer (the last one repeats). */
class FakeSource implements VersionsSource {
  readonly answers: (VersionInfo[] | Error)[] = [];
  calls = 0;
  async listVersions(): Promise<VersionInfo[]> {
    this.calls++;
    const next = this.answers.length > 1 ? this.answers.shift()! : this.answers[0];
    if (!next) return [];
    if (next instanceof Error) throw next;
    return next;
  }
}

async function setup(intervalMs = 2000) {
  const timers = new FakeTimers();
  const service = new FakeService();
  service.projects = [project([{ arn: TRAIN_ARN, status: 'CREATE_COMPLETE' }])];
  service.statuses.set(TRAIN_ARN, [dataset(TRAIN_ARN, 'CREATE_COMPLETE', 12)]);
  const model = new ProjectsModel({ timers, initialIntervalMs: 500, maxIntervalMs: () => 4000 });
  const versions = new VersionsModel({ timers, intervalMs: () => intervalMs, maxIntervalMs: 10_000 });
  const source = new FakeSource();
  const tree = new ProjectsTree(model);
  tree.showVersions(versions);
  await model.setService(service.asService());
  return { timers, model, versions, source, tree };
}

describe('VersionsModel and the version rows (model versions in the explorer)', () => {
  it('lists a project\'s versions after its datasets, newest first as listed, with status icon, F1 and billed time', async () => {
    const { versions, source, tree } = await setup();
    source.answers.push([
      version(V2, 'TRAINING_IN_PROGRESS', { statusMessage: 'The model is being trained.' }),
      version(V1, 'TRAINING_COMPLETED', { f1: 0.8734, billableTrainingSeconds: 3720, summary: { bucket: 'b', key: 'k.json' } }),
    ]);
    versions.setSource(source);
    versions.syncProjects([PROJECT_ARN]);
    await settle();
    const children = tree.children(tree.children()[0]);
    assert.deepEqual(children.map((c) => c.kind), ['dataset', 'missingDataset', 'version', 'version']);
    const [training, trained] = children.slice(2).map((n) => tree.view(n));
    assert.equal(training!.label, 'v2');
    assert.equal(training!.icon?.id, 'loading~spin');
    assert.equal(training!.description, 'training…');
    assert.equal(trained!.label, 'v1');
    assert.equal(trained!.id, V1);
    assert.equal(trained!.icon?.id, 'pass');
    assert.equal(trained!.description, 'F1 0.873');
    assert.match(trained!.tooltip ?? '', /Billed training time: 1 h 2 min \(3,720 s\)/);
    assert.equal(trained!.contextValue, 'version;training_completed;evaluated');
  });

  it('a failed version is red and says why in words in its tooltip', async () => {
    const { versions, source, tree } = await setup();
    source.answers.push([version(V1, 'TRAINING_FAILED', { statusMessage: 'ERROR_MANIFEST_TOO_FEW_LABELS: The manifest file has too few labels.' })]);
    versions.setSource(source);
    versions.syncProjects([PROJECT_ARN]);
    await settle();
    const row = tree.view(tree.children(tree.children()[0]).find((n) => n.kind === 'version')!);
    assert.deepEqual(row.icon, { id: 'error', color: 'errorForeground' });
    assert.equal(row.description, 'training failed');
    assert.match(row.tooltip ?? '', /The manifest file has too few labels\./);
    const failed = tree.view({ kind: 'version', projectArn: PROJECT_ARN, versionArn: V1 });
    assert.equal(failed.contextValue, 'version;training_failed;notevaluated');
  });

  it('polls only while a version is busy, never faster than the setting, slower each tick up to the maximum; settles with the final status', async () => {
    const { timers, versions, source } = await setup(2000);
    source.answers.push([version(V1, 'TRAINING_IN_PROGRESS')], [version(V1, 'TRAINING_IN_PROGRESS')], [version(V1, 'TRAINING_IN_PROGRESS')], [version(V1, 'TRAINING_IN_PROGRESS')], [version(V1, 'TRAINING_COMPLETED', { f1: 0.5 })]);
    timers.delays.length = 0;
    versions.setSource(source);
    versions.syncProjects([PROJECT_ARN]);
    const settled = versions.settled(V1);
    await settle();
    for (let i = 0; i < 4; i++) {
      assert.ok(versions.polling, `polling after ${i} ticks`);
      timers.fireNext();
      await settle();
    }
    assert.deepEqual(timers.delays, [2000, 3000, 4500, 6750], 'x1.5 from the setting');
    const done = await settled;
    assert.equal(done?.status, 'TRAINING_COMPLETED');
    assert.equal(done?.f1, 0.5);
    assert.equal(versions.polling, false, 'nothing busy: no more polling');
    assert.equal(source.calls, 5);
  });

  it('the backoff stops at the maximum, and watch() starts again from the setting', async () => {
    const { timers, versions, source } = await setup(4000);
    source.answers.push([version(V1, 'STARTING')]);
    versions.setSource(source);
    versions.syncProjects([PROJECT_ARN]);
    await settle();
    for (let i = 0; i < 5; i++) {
      timers.fireNext();
      await settle();
    }
    assert.deepEqual(timers.delays.slice(-6), [4000, 6000, 9000, 10000, 10000, 10000]);
    timers.pending.forEach((t) => timers.clearTimeout(t.id));
    (versions as unknown as { pollHandle: unknown }).pollHandle = undefined;
    await versions.watch(PROJECT_ARN);
    await settle();
    assert.equal(timers.delays.at(-1), 4000);
  });

  it('a failed listing shows an error row under the project; another connection forgets everything', async () => {
    const { versions, source, tree } = await setup();
    source.answers.push(Object.assign(new Error('Access denied to DescribeProjectVersions'), { name: 'AccessDeniedException' }));
    versions.setSource(source);
    versions.syncProjects([PROJECT_ARN]);
    await settle();
    const error = tree.children(tree.children()[0]).at(-1)!;
    assert.equal(error.kind, 'versionsError');
    assert.match(tree.view(error).description ?? '', /Access denied/);
    versions.setSource(undefined);
    assert.equal(versions.of(PROJECT_ARN), undefined);
    assert.deepEqual(tree.children(tree.children()[0]).map((c) => c.kind), ['dataset', 'missingDataset']);
  });
});
