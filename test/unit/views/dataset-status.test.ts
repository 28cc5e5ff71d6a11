import * as assert from 'node:assert/strict';
import {
  busyReason,
  datasetContextValue,
  datasetDescription,
  datasetTooltip,
  projectContextValue,
  statusIcon,
} from '../../../src/views/dataset-status';
import { TEST_ARN, TRAIN_ARN, dataset, project } from './fakes';

describe('dataset status presentation', () => {
  it('maps each status to a codicon', () => {
    assert.deepEqual(statusIcon('CREATE_IN_PROGRESS'), { id: 'loading~spin' });
    assert.deepEqual(statusIcon('UPDATE_IN_PROGRESS'), { id: 'loading~spin' });
    assert.deepEqual(statusIcon('DELETE_IN_PROGRESS'), { id: 'loading~spin' });
    assert.equal(statusIcon('CREATE_COMPLETE').id, 'pass');
    assert.equal(statusIcon('UPDATE_COMPLETE').id, 'pass');
    assert.deepEqual(statusIcon('CREATE_FAILED'), { id: 'error', color: 'errorForeground' });
    assert.deepEqual(statusIcon('UPDATE_FAILED'), { id: 'error', color: 'errorForeground' });
  });

  it('says why a busy dataset cannot take a change now, and what to do', () => {
    assert.equal(busyReason('UPDATE_IN_PROGRESS', 'push again'), 'is being updated (UPDATE_IN_PROGRESS): wait until it is complete, then push again');
    assert.equal(busyReason('CREATE_IN_PROGRESS', 'delete it'), 'is being created (CREATE_IN_PROGRESS): wait until it is complete, then delete it');
    assert.match(busyReason('DELETE_IN_PROGRESS', 'push again') ?? '', /^is being deleted \(DELETE_IN_PROGRESS\)/);
    for (const status of ['UPDATE_COMPLETE', 'CREATE_COMPLETE', 'UPDATE_FAILED', undefined] as const) assert.equal(busyReason(status, 'push again'), undefined, String(status));
  });

  it('builds contextValue tokens the menus match on', () => {
    assert.equal(datasetContextValue('TRAIN', dataset(TRAIN_ARN, 'UPDATE_COMPLETE', 4)), 'dataset;train;nonempty;idle');
    assert.equal(datasetContextValue('TEST', dataset(TEST_ARN, 'CREATE_IN_PROGRESS')), 'dataset;test;empty;busy');
    assert.equal(datasetContextValue('TEST', undefined, { arn: TEST_ARN, type: 'TEST', status: 'UPDATE_FAILED' }), 'dataset;test;unknown;failed');
    assert.equal(projectContextValue(project([{ arn: TRAIN_ARN, status: 'CREATE_COMPLETE' }])), 'project;created;train;notest');
  });

  it('describes a dataset most important first: a failure in words, errors, then counts', () => {
    const d = dataset(TRAIN_ARN, 'UPDATE_COMPLETE', 12);
    assert.equal(datasetDescription(d), '12 entries · 2 labels · 12 labelled');
    d.stats.errorEntries = 1;
    assert.equal(datasetDescription(d), '1 error · 12 entries · 2 labels · 12 labelled');
    assert.match(datasetDescription(dataset(TRAIN_ARN, 'UPDATE_IN_PROGRESS', 1)), /^update in progress…/);
    assert.match(datasetDescription(dataset(TRAIN_ARN, 'UPDATE_FAILED', 1)), /^update failed · /);
    assert.match(datasetDescription(dataset(TRAIN_ARN, 'CREATE_FAILED', 1)), /^create failed · /);
    const big = dataset(TRAIN_ARN, 'UPDATE_COMPLETE', 23086);
    big.stats.errorEntries = 1;
    assert.equal(datasetDescription(big), '1 error · 23,086 entries · 2 labels · 23,086 labelled', 'cut by the side bar, "23,0" cannot pass for 230');
  });

  it('puts status message, code, timestamps and ARN in the tooltip', () => {
    const d = { ...dataset(TRAIN_ARN, 'UPDATE_FAILED'), statusMessage: 'Too many records in error', statusMessageCode: 'CLIENT_ERROR' as const, created: new Date(0) };
    const text = datasetTooltip('TRAIN', d, { arn: TRAIN_ARN, type: 'TRAIN' });
    assert.match(text, /Update failed/);
    assert.match(text, /Too many records in error \(`CLIENT_ERROR`\)/);
    assert.match(text, /1970-01-01T00:00:00.000Z/);
    assert.ok(text.includes(TRAIN_ARN));
  });
});
