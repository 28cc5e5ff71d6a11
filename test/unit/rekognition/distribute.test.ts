import * as assert from 'assert';
import { distributeDataset, type DistributeDeps } from '../../../src/rekognition/distribute';
import { CustomLabelsError, type Dataset, type DatasetStatus, type LabelStats } from '../../../src/rekognition/types';
import { dataset, FakeClock, TEST_ARN, TRAIN_ARN } from './fakes';

interface World {
  train: Dataset;
  test: Dataset;
  labels: LabelStats[];
  distributed: number;
  /** Statuses the datasets go through after the call (the last one stays). */
  after: { train: DatasetStatus[]; test: DatasetStatus[] };
}

function world(): World {
  return {
    train: dataset('CREATE_COMPLETE', { stats: { labeledEntries: 50, totalEntries: 50, totalLabels: 2, errorEntries: 0 } }),
    test: dataset('CREATE_COMPLETE', { arn: TEST_ARN, type: 'TEST' }),
    labels: [
      { name: 'cat', entryCount: 25, boundingBoxCount: 0 },
      { name: 'dog', entryCount: 25, boundingBoxCount: 0 },
    ],
    distributed: 0,
    after: { train: ['UPDATE_IN_PROGRESS', 'UPDATE_COMPLETE'], test: ['UPDATE_IN_PROGRESS', 'UPDATE_IN_PROGRESS', 'UPDATE_COMPLETE'] },
  };
}

function depsOf(w: World): DistributeDeps {
  return {
    clock: new FakeClock(),
    listLabels: async () => w.labels,
    distribute: async () => {
      w.distributed++;
    },
    describe: async (arn) => {
      const which = arn === TRAIN_ARN ? 'train' : 'test';
      const base = w[which];
      if (w.distributed === 0) return base;
      const list = w.after[which];
      const status = list.length > 1 ? list.shift()! : list[0];
      return { ...base, status };
    },
  };
}

async function refused(w: World, pattern: RegExp, train = TRAIN_ARN, test = TEST_ARN): Promise<void> {
  await assert.rejects(distributeDataset(depsOf(w), train, test), (e: unknown) => {
    assert.ok(e instanceof CustomLabelsError);
    assert.strictEqual(e.code, 'PRECONDITION_FAILED');
    assert.match(e.message, /^Cannot distribute the training dataset: /);
    assert.match(e.message, pattern);
    return true;
  });
  assert.strictEqual(w.distributed, 0, 'the service is not called');
}

describe('rekognition/distribute (fakes)', () => {
  it('calls the service once the preconditions hold and waits for BOTH datasets', async () => {
    const w = world();
    const { train, test } = await distributeDataset(depsOf(w), TRAIN_ARN, TEST_ARN);
    assert.strictEqual(w.distributed, 1);
    assert.strictEqual(train.status, 'UPDATE_COMPLETE');
    assert.strictEqual(test.status, 'UPDATE_COMPLETE');
  });

  it('refuses swapped, mismatched or foreign ARNs', async () => {
    await refused(world(), /ARNs are swapped/, TEST_ARN, TRAIN_ARN);
    await refused(world(), /second ARN is not a test dataset/, TRAIN_ARN, TRAIN_ARN);
    await refused(world(), /different projects \("p1" and "p2"\)/, TRAIN_ARN, TEST_ARN.replace('/p1/', '/p2/'));
    await refused(world(), /different projects .* in us-east-1 and eu-west-1/, TRAIN_ARN, TEST_ARN.replace('us-east-1', 'eu-west-1'));
  });

  it('refuses a non-empty test dataset, busy or failed datasets, and too few labelled images', async () => {
    let w = world();
    w.test.stats.totalEntries = 3;
    await refused(w, /test dataset is not empty \(it has 3 entries\).*create an empty one/);
    w = world();
    w.train.status = 'UPDATE_IN_PROGRESS';
    await refused(w, /training dataset is UPDATE_IN_PROGRESS.*Wait until it is complete/);
    w = world();
    w.test = { ...w.test, status: 'CREATE_FAILED', statusMessage: 'bad manifest' };
    await refused(w, /test dataset's last operation failed \(CREATE_FAILED: bad manifest\)/);
    w = world();
    w.train.stats = { labeledEntries: 0, totalEntries: 0, totalLabels: 0, errorEntries: 0 };
    await refused(w, /training dataset is empty/);
    w = world();
    w.train.stats.labeledEntries = 1;
    await refused(w, /has 1 labelled image; at least 2 are needed/);
    w = world();
    w.labels.push({ name: 'bird', entryCount: 1, boundingBoxCount: 0 });
    await refused(w, /a label has fewer than 2 images: "bird" \(1 image\).*ERROR_INSUFFICIENT_IMAGES_PER_LABEL_FOR_DISTRIBUTE/);
  });

  it('a dataset ending UPDATE_FAILED fails the whole operation with its status message', async () => {
    const w = world();
    w.after.test = ['UPDATE_IN_PROGRESS', 'UPDATE_FAILED'];
    await assert.rejects(distributeDataset(depsOf(w), TRAIN_ARN, TEST_ARN), (e: unknown) => {
      assert.ok(e instanceof CustomLabelsError);
      assert.strictEqual(e.code, 'UPDATE_FAILED');
      assert.match(e.message, /test dataset is UPDATE_FAILED/);
      return true;
    });
  });
});
