import { expect } from '@open-wc/testing';
import { DisposedError } from '@switchboard/core/shared';
import { TabCoordinator } from './tab-coordinator.js';
import { until } from '../testing/until.js';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void>) => void;

/** Whether some tab waits for the leader lock `name` (its request is queued behind the holder). */
async function lockRequested(name: string): Promise<boolean> {
  const state = await navigator.locks.query();
  return (state.pending ?? []).some((lock) => lock.name === `${name}:leader`);
}

describe('TabCoordinator (Web Locks + BroadcastChannel)', () => {
  it('elects one leader, mirrors its state, forwards commands, and hands over when the leader leaves', async () => {
    const name = `sb-test-${Math.random()}`;
    const first = new TabCoordinator<{ n: number }, { add: number }>({ name });
    const second = new TabCoordinator<{ n: number }, { add: number }>({ name });
    let total = 0;
    first.handleCommands((c) => (total += c.add));
    second.handleCommands((c) => (total += c.add * 100));
    let secondLed = false;
    second.onLeadership(() => (secondLed = true));
    first.start();
    await until(() => first.getSnapshot().role === 'leader', 'the first tab to lead');
    second.start();
    // the second tab's lock request is queued behind the leader's: it cannot lead while first lives
    let queued = false;
    await until(() => {
      void lockRequested(name).then((q) => (queued = q));
      return queued;
    }, "the second tab's lock request to be queued");
    expect(second.getSnapshot().role).to.equal('follower');
    expect(secondLed).to.equal(false);

    first.publish({ n: 7 });
    await until(() => second.getSnapshot().state?.n === 7, 'the state mirrored in the follower');
    expect(await second.send({ add: 2 })).to.equal(2);
    expect(total).to.equal(2);

    first.stop();
    await until(() => second.getSnapshot().role === 'leader', 'the second tab to take over');
    expect(secondLed).to.equal(true);
    expect(await second.send({ add: 1 })).to.equal(102);
    second.stop();
  });

  it('dispose() hands leadership over, drops listeners, is idempotent, and later commands throw DisposedError', async () => {
    const name = `sb-test-${Math.random()}`;
    const leader = new TabCoordinator<{ n: number }, never>({ name });
    const other = new TabCoordinator<{ n: number }, never>({ name });
    leader.start();
    await until(() => leader.getSnapshot().role === 'leader', 'the first tab to lead');
    other.start();
    let notified = 0;
    leader.subscribe(() => notified++);
    leader.dispose();
    leader.dispose();
    await until(() => other.getSnapshot().role === 'leader', 'the other tab to take over');
    const after = notified;
    expect(() => leader.start()).to.throw(DisposedError);
    expect(() => leader.publish({ n: 1 })).to.throw(DisposedError);
    let refused: unknown;
    await leader.send(undefined as never).catch((e: unknown) => (refused = e));
    expect(refused).to.be.instanceOf(DisposedError);
    expect(notified).to.equal(after);
    other.dispose();
  });
});
