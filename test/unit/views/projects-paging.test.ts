/**
 * The explorer at scale, in pure code: DescribeProjects a page at a time with a "Load more…" row,
 * the ProjectNames filter, and the one signed-out row of expired or missing credentials (no poll
 * repeats it). Expected counts come from the account's size and the page size, not the model.
 */
import * as assert from 'node:assert/strict';
import { Commands } from '../../../src/constants';
import type { Project } from '../../../src/rekognition/types';
import { ProjectsModel } from '../../../src/views/projects-model';
import { ProjectsTree } from '../../../src/views/projects-tree';
import { filterDescription, parseProjectFilter } from '../../../src/views/project-filter';
import type { TreeNode } from '../../../src/views/tree-nodes';
import { FakeService, FakeTimers, TRAIN_ARN, dataset, project, settle } from './fakes';

const ACCOUNT = 500;
const PAGE = 50;

function projects(n: number): Project[] {
  return Array.from({ length: n }, (_, i) => {
    const name = `project-${String(i + 1).padStart(3, '0')}`;
    return { arn: `arn:aws:rekognition:us-east-1:123456789012:project/${name}/${1700000000000 + i}`, name, status: 'CREATED', feature: 'CUSTOM_LABELS', datasets: [] };
  });
}

function setup(account: Project[] = projects(ACCOUNT)) {
  const timers = new FakeTimers();
  const service = new FakeService();
  service.projects = account;
  const model = new ProjectsModel({ timers, initialIntervalMs: 500, maxIntervalMs: () => 4000, pageSize: PAGE });
  const tree = new ProjectsTree(model, () => ({ profile: 'team-sso', sso: true }));
  return { timers, service, model, tree };
}

const labels = (tree: ProjectsTree, nodes: TreeNode[]) => nodes.map((n) => tree.view(n).label);

describe('ProjectsModel and ProjectsTree: pages, filter, signed out', () => {
  it(`shows ${PAGE} of ${ACCOUNT} projects and "Load more…", each click the next ${PAGE}, none after the last page`, async () => {
    const { service, model, tree } = setup();
    await model.setService(service.asService());
    let roots = tree.children();
    assert.equal(roots.length, PAGE + 1, 'a page of projects and the "Load more…" row');
    assert.deepEqual(labels(tree, roots).slice(0, 2), ['project-001', 'project-002']);
    const more = tree.view(roots.at(-1)!);
    assert.equal(more.label, 'Load more…');
    assert.equal(more.command?.command, Commands.loadMoreProjects);
    assert.deepEqual(service.pageRequests.map((r) => [r.maxResults, r.nextToken]), [[PAGE, undefined]], 'one DescribeProjects call, never all at once');

    await model.loadMore();
    roots = tree.children();
    assert.equal(roots.length, 2 * PAGE + 1);
    assert.equal(tree.view(roots[2 * PAGE - 1]!).label, `project-${String(2 * PAGE).padStart(3, '0')}`);
    assert.deepEqual(service.pageRequests.map((r) => r.nextToken), [undefined, String(PAGE)], 'the next page by its NextToken');

    for (let i = 2; i < ACCOUNT / PAGE; i++) await model.loadMore();
    roots = tree.children();
    assert.equal(roots.length, ACCOUNT, 'every project, and no "Load more…" after the last page');
    assert.equal(tree.view(roots.at(-1)!).label, 'project-500');
    assert.equal(service.pageRequests.length, ACCOUNT / PAGE);
  });

  it('a reload (refresh, a project being created) fetches as many pages as were shown, not every project', async () => {
    const { service, model, tree } = setup();
    await model.setService(service.asService());
    await model.loadMore();
    service.pageRequests.length = 0;
    await model.load();
    assert.deepEqual(service.pageRequests.map((r) => r.nextToken), [undefined, String(PAGE)]);
    assert.equal(tree.children().length, 2 * PAGE + 1);
  });

  it('the filter asks DescribeProjects for the exact names only, and clearing it shows the first page again', async () => {
    const { service, model, tree } = setup();
    await model.setService(service.asService());
    const parsed = parseProjectFilter(' project-250 ');
    assert.deepEqual(parsed, { names: ['project-250'] });
    await model.setFilter('names' in parsed ? parsed.names : undefined);
    assert.deepEqual(service.pageRequests.at(-1)?.names, ['project-250']);
    assert.deepEqual(labels(tree, tree.children()), ['project-250']);
    assert.equal(filterDescription(model.filter), 'Filter: project-250');

    await model.setFilter(['project-25']);
    assert.deepEqual(labels(tree, tree.children()), ['No project named "project-25" (names match exactly)']);

    await model.setFilter(undefined);
    assert.equal(model.filter, undefined);
    assert.equal(filterDescription(model.filter), undefined);
    assert.equal(tree.children().length, PAGE + 1);
  });

  it('the filter input keeps to the model\'s ProjectNames (1-10 names, the project name pattern)', () => {
    assert.deepEqual(parseProjectFilter('a, b c,,a'), { names: ['a', 'b', 'c'] });
    assert.deepEqual(parseProjectFilter('   '), { names: undefined });
    assert.match((parseProjectFilter(Array.from({ length: 11 }, (_, i) => `p${i}`).join(',')) as { error: string }).error, /11 names.*at most 10/);
    assert.match((parseProjectFilter('my*project') as { error: string }).error, /not a project name/);
  });

  it('expired credentials: ONE row in words that signs in again, and nothing more is asked (no poll repeats the error)', async () => {
    const { service, model, tree, timers } = setup([project([{ arn: TRAIN_ARN, status: 'CREATE_IN_PROGRESS' }])]);
    service.statuses.set(TRAIN_ARN, [dataset(TRAIN_ARN, 'CREATE_IN_PROGRESS')]);
    await model.setService(service.asService());
    assert.equal(timers.pending.length, 1, 'in progress: a poll is scheduled');
    const calls = () => service.listCalls + service.describeCalls.length;
    // The SSO session ends between two polls.
    service.statuses.set(TRAIN_ARN, [Object.assign(new Error('The security token included in the request is expired'), { name: 'ExpiredTokenException' })]);
    timers.fireNext();
    await settle();
    const roots = tree.children();
    assert.equal(roots.length, 1, 'one row instead of the projects');
    const view = tree.view(roots[0]!);
    assert.equal(view.label, 'AWS sign-in expired');
    assert.match(view.description ?? '', /profile team-sso/);
    assert.match(view.tooltip ?? '', /aws sso login --profile team-sso/);
    assert.match(view.tooltip ?? '', /Select Profile…/);
    assert.match(view.tooltip ?? '', /Use the Local Sandbox/);
    assert.equal(view.command?.command, Commands.signInAgain);
    assert.equal(view.contextValue, 'signedOut;sso');
    assert.equal(timers.pending.length, 0, 'no poll is scheduled');
    const after = calls();
    await settle();
    assert.equal(calls(), after, 'no call is made again by itself');
  });

  it('missing credentials (the SDK\'s CredentialsProviderError) on the listing: the same one row, no poll', async () => {
    const { service, model, tree, timers } = setup();
    service.listError = Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });
    await model.setService(service.asService());
    const roots = tree.children();
    assert.deepEqual(labels(tree, roots), ['No AWS credentials']);
    assert.equal(timers.pending.length, 0);
    // Found before any call (the connection's check): the same row.
    model.signOut({ message: 'Profile "old" is not in the shared config files.', code: 'NO_CREDENTIALS' });
    assert.deepEqual(labels(tree, tree.children()), ['No AWS credentials']);
  });
});

describe('ProjectsModel: a project on no page loaded', () => {
  it('is asked for by its exact name when a command names it, and then shows after the rows loaded', async () => {
    const { service, model, tree } = setup();
    await model.setService(service.asService());
    const target = service.projects[341]!; // project-342: on page 7 of 10
    assert.equal(model.findProject(target.name), undefined);
    const found = await model.lookUpProject(target.arn);
    assert.equal(found?.project.name, 'project-342');
    assert.deepEqual(service.pageRequests.at(-1)?.names, ['project-342']);
    const roots = tree.children();
    assert.equal(roots.length, PAGE + 2, 'the page, the project looked up, "Load more…"');
    assert.deepEqual(labels(tree, roots).slice(-2), ['project-342', 'Load more…']);
    assert.equal(await model.lookUpProject('project-999'), undefined);
  });
});
