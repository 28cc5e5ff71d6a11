import * as assert from 'node:assert/strict';
import { Commands } from '../../../src/constants';
import { ProjectsModel, type ModelChange } from '../../../src/views/projects-model';
import { ProjectsTree } from '../../../src/views/projects-tree';
import type { TreeNode } from '../../../src/views/tree-nodes';
import { FakeService, FakeTimers, PROJECT_ARN, TEST_ARN, TRAIN_ARN, dataset, project, settle } from './fakes';

function setup() {
  const timers = new FakeTimers();
  const service = new FakeService();
  const model = new ProjectsModel({ timers, initialIntervalMs: 500, maxIntervalMs: () => 4000 });
  const tree = new ProjectsTree(model);
  const changes: ModelChange[] = [];
  model.onDidChange((c) => changes.push(c));
  return { timers, service, model, tree, changes };
}

describe('ProjectsTree (what the Projects view shows)', () => {
  it('shows nothing while disconnected (the welcome view takes the space), then projects > train, test', async () => {
    const { service, model, tree } = setup();
    assert.deepEqual(tree.children(), []);
    service.projects = [project([{ arn: TRAIN_ARN, status: 'CREATE_COMPLETE' }])];
    service.statuses.set(TRAIN_ARN, [dataset(TRAIN_ARN, 'CREATE_COMPLETE', 12)]);
    await model.setService(service.asService());

    const [root, ...rest] = tree.children();
    assert.equal(rest.length, 0);
    assert.deepEqual(root, { kind: 'project', projectArn: PROJECT_ARN });
    const projectView = tree.view(root!);
    assert.equal(projectView.label, 'birds');
    assert.equal(projectView.expanded, true);
    assert.equal(projectView.icon?.id, 'project');

    const children = tree.children(root);
    assert.deepEqual(
      children.map((c) => c.kind),
      ['dataset', 'missingDataset'],
      'the train dataset, and a "create one" node where the test dataset is missing',
    );
    const train = tree.view(children[0]!);
    assert.equal(train.id, TRAIN_ARN);
    assert.equal(train.icon?.id, 'pass');
    assert.match(train.description ?? '', /12 entries/);
    assert.match(train.contextValue ?? '', /^dataset;train;nonempty;idle$/);
    const missing = tree.view(children[1]!);
    assert.equal(missing.command?.command, Commands.createDataset);
    assert.equal(missing.contextValue, 'datasetMissing;test');
  });

  it('an in-progress dataset spins; a failed one shows the error colour', async () => {
    const { service, model, tree } = setup();
    service.projects = [project([{ arn: TRAIN_ARN, status: 'UPDATE_IN_PROGRESS' }, { arn: TEST_ARN, status: 'UPDATE_FAILED' }])];
    service.statuses.set(TRAIN_ARN, [dataset(TRAIN_ARN, 'UPDATE_IN_PROGRESS')]);
    service.statuses.set(TEST_ARN, [dataset(TEST_ARN, 'UPDATE_FAILED')]);
    await model.setService(service.asService());
    const [train, test] = tree.children(tree.children()[0]).map((n) => tree.view(n));
    assert.equal(train!.icon?.id, 'loading~spin');
    assert.equal(test!.icon?.color, 'errorForeground');
    assert.match(train!.contextValue ?? '', /;busy$/);
  });

  it('a failed project listing is one error node with a retry command, not a popup', async () => {
    const { service, model, tree } = setup();
    service.listError = Object.assign(new Error('User: arn:aws:iam::123456789012:user/dev is not authorized to perform: rekognition:DescribeProjects'), { name: 'AccessDeniedException' });
    await model.setService(service.asService());
    const roots = tree.children();
    assert.equal(roots.length, 1);
    const view = tree.view(roots[0]!);
    assert.equal(view.label, 'Could not load projects');
    assert.match(view.description ?? '', /not authorized/);
    assert.equal(view.command?.command, Commands.retry);
    assert.equal(view.contextValue, 'error;projects');
  });

  it('a dataset that could not be described is an error node under its project, with retry', async () => {
    const { service, model, tree } = setup();
    service.projects = [project([{ arn: TRAIN_ARN, status: 'CREATE_COMPLETE' }])];
    service.statuses.set(TRAIN_ARN, [new Error('Rate exceeded'), dataset(TRAIN_ARN, 'CREATE_COMPLETE', 7)]);
    await model.setService(service.asService());
    const [node] = tree.children(tree.children()[0]);
    assert.equal(node?.kind, 'error');
    const view = tree.view(node!);
    assert.equal(view.label, 'Training dataset: could not load');
    assert.equal(view.contextValue, 'error;dataset;train', 'the type stays: delete and copy ARN still apply');
    assert.deepEqual(view.command?.arguments, [node]);
  });

  describe('refreshTarget: a change redraws only what changed', () => {
    it('a dataset status change redraws that dataset node (the very object VS Code holds)', async () => {
      const { service, model, tree, timers, changes } = setup();
      service.projects = [project([{ arn: TRAIN_ARN, status: 'UPDATE_IN_PROGRESS' }, { arn: TEST_ARN, status: 'CREATE_COMPLETE' }])];
      service.statuses.set(TRAIN_ARN, [dataset(TRAIN_ARN, 'UPDATE_IN_PROGRESS'), dataset(TRAIN_ARN, 'UPDATE_COMPLETE', 9)]);
      service.statuses.set(TEST_ARN, [dataset(TEST_ARN, 'CREATE_COMPLETE')]);
      await model.setService(service.asService());
      const projectNode = tree.children()[0]!;
      const [trainNode] = tree.children(projectNode);
      changes.length = 0;

      timers.fireNext();
      await settle();
      const datasetChanges = changes.filter((c) => c.kind === 'dataset');
      assert.ok(datasetChanges.length > 0, `the poll reports the train dataset's change; saw ${JSON.stringify(changes)}`);
      const target = tree.refreshTarget(datasetChanges[datasetChanges.length - 1]!);
      assert.equal(target, trainNode, 'the same node object, so VS Code redraws that one row');
      assert.equal(tree.view(target!).icon?.id, 'pass');
      assert.match(tree.view(target!).description ?? '', /9 entries/);
      assert.equal(tree.children(projectNode)[0], trainNode, 'the next listing hands out the same object again');
    });

    it('a dataset that recovers from an error node redraws its project (the node changes kind)', async () => {
      const { service, model, tree } = setup();
      service.projects = [project([{ arn: TRAIN_ARN, status: 'CREATE_COMPLETE' }])];
      service.statuses.set(TRAIN_ARN, [new Error('Rate exceeded'), dataset(TRAIN_ARN, 'CREATE_COMPLETE', 7)]);
      await model.setService(service.asService());
      const projectNode = tree.children()[0]!;
      assert.equal(tree.children(projectNode)[0]?.kind, 'error');
      await model.refreshDataset(TRAIN_ARN);
      const target = tree.refreshTarget({ kind: 'dataset', arn: TRAIN_ARN });
      assert.equal(target, projectNode);
      assert.equal(tree.children(projectNode)[0]?.kind, 'dataset');
    });

    it('a whole-model change, or a dataset never shown, redraws the whole tree', async () => {
      const { service, model, tree } = setup();
      service.projects = [project([{ arn: TRAIN_ARN, status: 'CREATE_COMPLETE' }])];
      service.statuses.set(TRAIN_ARN, [dataset(TRAIN_ARN, 'CREATE_COMPLETE')]);
      await model.setService(service.asService());
      assert.equal(tree.refreshTarget({ kind: 'all' }), undefined);
      assert.equal(tree.refreshTarget({ kind: 'dataset', arn: TRAIN_ARN }), undefined, 'not listed yet: nothing to redraw in place');
      const listed: TreeNode[] = tree.children(tree.children()[0]);
      assert.equal(tree.refreshTarget({ kind: 'dataset', arn: TRAIN_ARN }), listed[0]);
    });

  describe('refreshTargets: a reload of the model redraws only what changed (issue #21 item 5)', () => {
    /** What VS Code does after a redraw: asks the children of every row and how each looks. */
    function render(tree: ProjectsTree): TreeNode[] {
      const all: TreeNode[] = [];
      const walk = (node?: TreeNode): void => {
        for (const child of tree.children(node)) {
          tree.view(child);
          all.push(child);
          walk(child);
        }
      };
      walk();
      return all;
    }

    it('a reload that finds the same projects redraws nothing (a row under an open menu keeps its element)', async () => {
      const { service, model, tree } = setup();
      service.projects = [project([{ arn: TRAIN_ARN, status: 'CREATE_COMPLETE' }, { arn: TEST_ARN, status: 'CREATE_COMPLETE' }])];
      service.statuses.set(TRAIN_ARN, [dataset(TRAIN_ARN, 'CREATE_COMPLETE', 12)]);
      service.statuses.set(TEST_ARN, [dataset(TEST_ARN, 'CREATE_COMPLETE', 3)]);
      await model.setService(service.asService());
      const shown = render(tree);
      assert.equal(shown.length, 3);
      const seen: Array<Array<TreeNode | undefined>> = [];
      model.onDidChange((c) => seen.push(tree.refreshTargets(c)));
      await model.refreshProjects();
      await settle();
      assert.deepEqual(seen.flat(), [], `nothing to redraw; saw ${JSON.stringify(seen)}`);
      assert.deepEqual(render(tree), shown);
      assert.ok(render(tree).every((n, i) => n === shown[i]), 'the very objects VS Code holds');
    });

    it('a reload where one dataset changed redraws that row only; a new project redraws the whole tree', async () => {
      const { service, model, tree } = setup();
      service.projects = [project([{ arn: TRAIN_ARN, status: 'CREATE_COMPLETE' }, { arn: TEST_ARN, status: 'CREATE_COMPLETE' }])];
      service.statuses.set(TRAIN_ARN, [dataset(TRAIN_ARN, 'CREATE_COMPLETE', 12), dataset(TRAIN_ARN, 'UPDATE_IN_PROGRESS', 12)]);
      service.statuses.set(TEST_ARN, [dataset(TEST_ARN, 'CREATE_COMPLETE', 3)]);
      await model.setService(service.asService());
      const [, trainNode] = render(tree);
      const seen: Array<Array<TreeNode | undefined>> = [];
      model.onDidChange((c) => seen.push(tree.refreshTargets(c)));
      service.projects = [project([{ arn: TRAIN_ARN, status: 'UPDATE_IN_PROGRESS' }, { arn: TEST_ARN, status: 'CREATE_COMPLETE' }])];
      await model.refreshProjects();
      await settle();
      const targets = seen.flat();
      assert.ok(targets.length > 0 && targets.every((t) => t === trainNode), `only the training dataset's row; saw ${JSON.stringify(seen)}`);
      render(tree);
      seen.length = 0;
      service.projects = [...service.projects, { ...project([]), arn: `${PROJECT_ARN}-2`, name: 'cats' }];
      await model.refreshProjects();
      await settle();
      assert.deepEqual(seen[0], [undefined], 'a project added: the rows at the top changed');
    });
  });
  });
});
