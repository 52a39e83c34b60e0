import { expect } from '@open-wc/testing';
import { TabCoordinator } from './tab-coordinator.js';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void>) => void;

const until = async (check: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

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
    await until(() => first.getSnapshot().role === 'leader');
    second.start();
    await new Promise((r) => setTimeout(r, 50));
    expect(second.getSnapshot().role).to.equal('follower');

    first.publish({ n: 7 });
    await until(() => second.getSnapshot().state?.n === 7);
    expect(await second.send({ add: 2 })).to.equal(2);
    expect(total).to.equal(2);

    first.stop();
    await until(() => second.getSnapshot().role === 'leader');
    expect(secondLed).to.equal(true);
    expect(await second.send({ add: 1 })).to.equal(102);
    second.stop();
  });
});
