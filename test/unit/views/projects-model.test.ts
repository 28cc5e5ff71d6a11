import * as assert from 'node:assert/strict';
import { ProjectsModel, toLoadError } from '../../../src/views/projects-model';
import { FakeService, FakeTimers, TEST_ARN, TRAIN_ARN, dataset, project, settle } from './fakes';

function setup(maxIntervalMs = 4000) {
  const timers = new FakeTimers();
  const service = new FakeService();
  const model = new ProjectsModel({ timers, initialIntervalMs: 500, maxIntervalMs: () => maxIntervalMs });
  return { timers, service, model };
}

describe('ProjectsModel', () => {
  it('loads projects and describes every dataset', async () => {
    const { service, model, timers } = setup();
    service.projects = [project([{ arn: TRAIN_ARN, status: 'CREATE_COMPLETE' }, { arn: TEST_ARN, status: 'CREATE_COMPLETE' }])];
    service.statuses.set(TRAIN_ARN, [dataset(TRAIN_ARN, 'CREATE_COMPLETE', 10)]);
    service.statuses.set(TEST_ARN, [dataset(TEST_ARN, 'CREATE_COMPLETE', 0)]);
    await model.setService(service.asService());
    assert.equal(model.state.kind, 'loaded');
    assert.equal(model.projects.length, 1);
    assert.deepEqual(model.projects[0]!.datasets.map((d) => d.dataset?.stats.totalEntries), [10, 0]);
    assert.equal(timers.pending.length, 0, 'nothing in progress: no poll scheduled');
    assert.equal(model.polling, false);
  });

  it('polls while a dataset is in progress and stops when it completes', async () => {
    const { service, model, timers } = setup();
    service.projects = [project([{ arn: TRAIN_ARN, status: 'UPDATE_IN_PROGRESS' }])];
    service.statuses.set(TRAIN_ARN, [
      dataset(TRAIN_ARN, 'UPDATE_IN_PROGRESS'),
      dataset(TRAIN_ARN, 'UPDATE_IN_PROGRESS'),
      dataset(TRAIN_ARN, 'UPDATE_COMPLETE', 5),
    ]);
    await model.setService(service.asService());
    assert.equal(timers.pending.length, 1, 'in progress: one poll scheduled');
    timers.fireNext();
    await settle();
    assert.equal(service.describeCalls.length, 2);
    assert.equal(timers.pending.length, 1, 'still in progress: next poll scheduled');
    timers.fireNext();
    await settle();
    assert.equal(service.describeCalls.length, 3);
    assert.equal(model.findDataset(TRAIN_ARN)?.dataset?.status, 'UPDATE_COMPLETE');
    assert.equal(timers.pending.length, 0, 'complete: polling stopped');
    assert.equal(model.polling, false);
  });

  it('a poll that finds nothing new fires no change (rows under an open menu are not redrawn)', async () => {
    const { service, model, timers } = setup();
    service.projects = [project([{ arn: TRAIN_ARN, status: 'UPDATE_IN_PROGRESS' }])];
    service.statuses.set(TRAIN_ARN, [
      dataset(TRAIN_ARN, 'UPDATE_IN_PROGRESS'),
      dataset(TRAIN_ARN, 'UPDATE_IN_PROGRESS'),
      dataset(TRAIN_ARN, 'UPDATE_IN_PROGRESS'),
      dataset(TRAIN_ARN, 'UPDATE_COMPLETE', 5),
    ]);
    await model.setService(service.asService());
    const changes: string[] = [];
    model.onDidChange((c) => changes.push(c.kind === 'dataset' ? `dataset ${c.arn === TRAIN_ARN ? 'train' : c.arn}` : c.kind));
    timers.fireNext();
    await settle();
    timers.fireNext();
    await settle();
    assert.equal(service.describeCalls.length, 3);
    assert.deepEqual(changes, [], 'two polls, same status and counts: nothing to redraw');
    timers.fireNext();
    await settle();
    assert.deepEqual(changes, ['dataset train'], 'the update completed: its row is redrawn');
  });

  it('polls quickly first, then slower, never slower than the setting', async () => {
    const { service, model, timers } = setup(3000);
    service.projects = [project([{ arn: TRAIN_ARN, status: 'CREATE_IN_PROGRESS' }])];
    service.statuses.set(TRAIN_ARN, [dataset(TRAIN_ARN, 'CREATE_IN_PROGRESS')]);
    await model.setService(service.asService());
    for (let i = 0; i < 4; i++) {
      timers.fireNext();
      await settle();
    }
    assert.deepEqual(timers.delays, [500, 1000, 2000, 3000, 3000]);
    assert.equal(timers.pending.length, 1, 'one timer at a time');
  });

  it('never has more than one request in flight per dataset', async () => {
    const { service, model, timers } = setup();
    service.projects = [project([{ arn: TRAIN_ARN, status: 'UPDATE_IN_PROGRESS' }])];
    service.manual = true;
    const loaded = model.setService(service.asService());
    await settle();
    assert.equal(service.waiting.length, 1);
    // Explicit refreshes and watch() while the first request is pending join it.
    const a = model.refreshDataset(TRAIN_ARN);
    const b = model.refreshDataset(TRAIN_ARN);
    void model.watch(TRAIN_ARN);
    assert.equal(a, b);
    assert.equal(service.describeCalls.length, 1);
    assert.equal(timers.pending.length, 0, 'no poll scheduled while a request is pending');
    service.waiting.shift()!.d.resolve(dataset(TRAIN_ARN, 'UPDATE_IN_PROGRESS'));
    await loaded;
    await settle();
    assert.equal(timers.pending.length, 1);
    timers.fireNext();
    await settle();
    assert.equal(service.waiting.length, 1, 'the poll made one request');
    model.refreshDataset(TRAIN_ARN);
    assert.equal(service.describeCalls.length, 2);
    assert.equal(timers.pending.length, 0, 'the next tick waits for the pending request');
    service.waiting.shift()!.d.resolve(dataset(TRAIN_ARN, 'UPDATE_COMPLETE'));
    await settle();
    assert.equal(service.maxConcurrent.get(TRAIN_ARN), 1);
    assert.equal(timers.pending.length, 0);
  });

  it('a failed project listing becomes an error state, and retry recovers', async () => {
    const { service, model } = setup();
    service.listError = Object.assign(new Error('User: arn:aws:iam::123456789012:user/dev is not authorized to perform: rekognition:DescribeProjects'), {
      name: 'AccessDeniedException',
    });
    const changes: string[] = [];
    model.onDidChange((c) => changes.push(c.kind));
    await model.setService(service.asService());
    assert.equal(model.state.kind, 'error');
    assert.ok(model.state.kind === 'error' && model.state.error.message.includes('not authorized'));
    assert.equal(model.state.kind === 'error' && model.state.error.code, 'AccessDeniedException');
    assert.ok(changes.length > 0, 'the tree is told');

    service.listError = undefined;
    service.projects = [project([{ arn: TRAIN_ARN, status: 'CREATE_COMPLETE' }])];
    service.statuses.set(TRAIN_ARN, [dataset(TRAIN_ARN, 'CREATE_COMPLETE', 3)]);
    await model.load();
    assert.equal(model.state.kind, 'loaded');
    assert.equal(model.findDataset(TRAIN_ARN)?.dataset?.stats.totalEntries, 3);
  });

  it('a failed DescribeDataset marks only that dataset, and retry clears it', async () => {
    const { service, model } = setup();
    service.projects = [project([{ arn: TRAIN_ARN, status: 'CREATE_COMPLETE' }, { arn: TEST_ARN, status: 'CREATE_COMPLETE' }])];
    service.statuses.set(TRAIN_ARN, [new Error('Rate exceeded'), dataset(TRAIN_ARN, 'CREATE_COMPLETE', 7)]);
    service.statuses.set(TEST_ARN, [dataset(TEST_ARN, 'CREATE_COMPLETE')]);
    await model.setService(service.asService());
    assert.equal(model.state.kind, 'loaded');
    assert.equal(model.findDataset(TRAIN_ARN)?.error?.message, 'Rate exceeded');
    assert.equal(model.findDataset(TEST_ARN)?.error, undefined);
    await model.refreshDataset(TRAIN_ARN);
    assert.equal(model.findDataset(TRAIN_ARN)?.error, undefined);
    assert.equal(model.findDataset(TRAIN_ARN)?.dataset?.stats.totalEntries, 7);
  });

  it('disconnecting stops polling and drops late answers', async () => {
    const { service, model, timers } = setup();
    service.projects = [project([{ arn: TRAIN_ARN, status: 'UPDATE_IN_PROGRESS' }])];
    service.statuses.set(TRAIN_ARN, [dataset(TRAIN_ARN, 'UPDATE_IN_PROGRESS')]);
    await model.setService(service.asService());
    assert.equal(timers.pending.length, 1);
    service.manual = true;
    timers.fireNext();
    await settle();
    await model.setService(undefined, 'noCredentials');
    service.waiting.shift()!.d.resolve(dataset(TRAIN_ARN, 'UPDATE_COMPLETE'));
    await settle();
    assert.deepEqual(model.state, { kind: 'disconnected', reason: 'noCredentials' });
    assert.equal(model.projects.length, 0);
    assert.equal(timers.pending.length, 0);
  });

  it('keeps polling projects that are still being created', async () => {
    const { service, model, timers } = setup();
    service.projects = [project([], 'CREATING')];
    await model.setService(service.asService());
    assert.equal(service.listCalls, 1);
    assert.equal(timers.pending.length, 1);
    service.projects = [project([])];
    timers.fireNext();
    await settle();
    assert.equal(service.listCalls, 2);
    assert.equal(model.projects[0]!.project.status, 'CREATED');
    assert.equal(timers.pending.length, 0);
  });

  it('toLoadError adds the hint once, not again when the message already ends with it', () => {
    const hint = 'Ask your administrator for this permission.';
    const withHint = Object.assign(new Error(`Not authorized. ${hint}`), { code: 'AccessDenied', hint });
    assert.deepEqual(toLoadError(withHint), { message: `Not authorized. ${hint}`, code: 'AccessDenied' });
    const separate = Object.assign(new Error('Not authorized.'), { code: 'AccessDenied', hint });
    assert.equal(toLoadError(separate).message, `Not authorized. ${hint}`);
  });
});
