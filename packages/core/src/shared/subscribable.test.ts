import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Subscriptions } from './subscribable.js';

const tick = () => new Promise<void>((resolve) => queueMicrotask(resolve));

describe('Subscriptions', () => {
  it('batches changes of one turn into one notification with the latest snapshot', async () => {
    let state = { n: 0 };
    const subs = new Subscriptions(() => state);
    const seen: number[] = [];
    subs.subscribe((s) => seen.push(s.n));
    state = { n: 1 };
    subs.notify();
    state = { n: 2 };
    subs.notify();
    await tick();
    assert.deepEqual(seen, [2]);
  });

  it('calls a selector listener only when its slice changes', async () => {
    let state = { a: 1, b: 1 };
    const subs = new Subscriptions(() => state);
    const seen: number[] = [];
    subs.subscribe(
      (s) => s.a,
      (a) => seen.push(a),
    );
    state = { a: 1, b: 2 };
    subs.notify();
    await tick();
    state = { a: 3, b: 2 };
    subs.notify();
    await tick();
    assert.deepEqual(seen, [3]);
  });

  it('honours a custom equality', async () => {
    let state = { list: [1, 2] };
    const subs = new Subscriptions(() => state);
    const seen: number[][] = [];
    const sameLength = (x: number[], y: number[]) => x.length === y.length;
    subs.subscribe(
      (s) => s.list,
      (list) => seen.push(list),
      sameLength,
    );
    state = { list: [3, 4] };
    subs.notify();
    await tick();
    state = { list: [5] };
    subs.notify();
    await tick();
    assert.deepEqual(seen, [[5]]);
  });

  it('stops calling after unsubscribe and after dispose, and one throwing listener does not starve others', async () => {
    let state = 0;
    const uncaught: unknown[] = [];
    const subs = new Subscriptions(() => state, {
      owner: 'Thing',
      onListenerError: (e) => uncaught.push(e),
    });
    const seen: string[] = [];
    const stop = subs.subscribe(() => seen.push('a'));
    subs.subscribe(() => {
      throw new Error('listener bug');
    });
    subs.subscribe(() => seen.push('c'));
    state = 1;
    subs.notify();
    await tick();
    await tick();
    assert.deepEqual(seen, ['a', 'c']);
    assert.equal((uncaught[0] as Error).message, 'listener bug');
    stop();
    stop();
    state = 2;
    subs.notify();
    await tick();
    assert.deepEqual(seen, ['a', 'c', 'c']);
    subs.dispose();
    subs.dispose();
    assert.equal(subs.hasListeners, false);
    state = 3;
    subs.notify();
    await tick();
    assert.deepEqual(seen, ['a', 'c', 'c']);
  });
});
