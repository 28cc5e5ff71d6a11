/** The gallery's image requests: only the cards shown, at most N at once, newest first, dropped when scrolled away. */
import * as assert from 'node:assert/strict';
import { ImageQueue } from '../../../src/gallery/image-queue';

function deferred(): { promise: Promise<string>; resolve: (v: string) => void } {
  let resolve!: (v: string) => void;
  return { promise: new Promise<string>((r) => (resolve = r)), resolve };
}

function harness(concurrency = 2) {
  const started: number[] = [];
  const waiting = new Map<number, { resolve: (v: string) => void; signal: AbortSignal }>();
  const answers: Array<[number, string | undefined]> = [];
  const queue = new ImageQueue<string>({
    concurrency,
    fetch: (id, signal) => {
      started.push(id);
      const d = deferred();
      waiting.set(id, { resolve: d.resolve, signal });
      return d.promise;
    },
    onImage: (id, image) => answers.push([id, image]),
  });
  const finish = async (id: number): Promise<void> => {
    waiting.get(id)!.resolve(`img-${id}`);
    waiting.delete(id);
    await new Promise((r) => setImmediate(r));
  };
  return { queue, started, waiting, answers, finish };
}

describe('gallery image queue', () => {
  it('fetches at most `concurrency` at once, the most wanted first', async () => {
    const { queue, started, finish } = harness(2);
    queue.want([1, 2, 3, 4]);
    assert.deepEqual(started, [1, 2]);
    await finish(1);
    assert.deepEqual(started, [1, 2, 3]);
    assert.equal(queue.peak, 2);
  });

  it('a newer request goes before older waiting ones; requests for cards no longer shown are dropped and their fetches aborted', async () => {
    const { queue, started, waiting, finish, answers } = harness(2);
    queue.want([1, 2, 3, 4]);
    queue.want([2, 4, 10, 11]); // scrolled: 1 and 3 are gone
    assert.ok(waiting.get(1)!.signal.aborted, 'the fetch of a card scrolled away is aborted');
    assert.equal(queue.dropped, 1, 'card 3 was never fetched');
    await finish(1);
    await finish(2);
    assert.deepEqual(started, [1, 2, 10, 11], 'the newest requests went first, 4 (older) waits');
    assert.ok(!answers.some(([id]) => id === 1), 'no answer for an aborted fetch');
    assert.ok(!started.includes(3));
  });

  it('an answered image is answered again at once, without a second fetch', async () => {
    const { queue, started, finish, answers } = harness(2);
    queue.want([5]);
    await finish(5);
    queue.want([6]);
    queue.want([5]);
    assert.deepEqual(started, [5, 6]);
    assert.deepEqual(answers, [[5, 'img-5'], [5, 'img-5']]);
    assert.equal(queue.requested, 2);
  });

  it('a fetch that fails is an answer with no image', async () => {
    const answers: Array<[number, string | undefined]> = [];
    const queue = new ImageQueue<string>({ fetch: () => Promise.reject(new Error('x')), onImage: (id, image) => answers.push([id, image]) });
    queue.want([1]);
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(answers, [[1, undefined]]);
  });
});
