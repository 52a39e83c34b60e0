import { expect } from '@open-wc/testing';
import { DisposedError, sequentialIds } from '@switchboard/core/shared';
import { Phone } from '../phone/phone.js';
import { PhoneError } from '../phone/phone-error.js';
import { FakeSipNetwork } from '../testing/fake-sip-network.js';
import { until } from '../testing/until.js';
import { TabPhone } from './tab-phone.js';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void>) => void;

/**
 * Two or more "tabs" of agent alice in one page: each TabPhone has its own lock request and
 * BroadcastChannel object, as separate tabs would, on the real Web Locks and BroadcastChannel.
 */
function setup() {
  const net = new FakeSipNetwork({ passwords: { alice: 'a', bob: 'b' } });
  const name = `sb-tab-phone-${Math.random()}`;
  const created: Phone[] = [];
  const tab = (pageEvents?: EventTarget) =>
    new TabPhone({
      name,
      handOverTimeoutMs: 2000,
      ...(pageEvents ? { pageEvents } : {}),
      createPhone: () => {
        // distinct call ids per phone, as separate tabs' phones would have
        const ids = sequentialIds();
        const tabNumber = created.length;
        const phone = new Phone({
          transport: net.createTransport({ uri: 'sip:alice@test.local', password: 'a' }),
          ids: (prefix) => `tab${tabNumber}-${ids(prefix)}`,
        });
        created.push(phone);
        return phone;
      },
    });
  const bob = new Phone({
    transport: net.createTransport({ uri: 'sip:bob@test.local', password: 'b' }),
    ids: sequentialIds(),
  });
  return { net, tab, created, bob };
}

describe('TabPhone (one phone for all tabs of an agent)', () => {
  it('a tab that goes away (pagehide) hangs up and unregisters at once; another tab takes over', async () => {
    const { tab, net, created, bob } = setup();
    await bob.start();
    const page = new EventTarget();
    const first = tab(page);
    first.start();
    await until(() => first.getSnapshot().status === 'registered', 'the first tab to register');
    const second = tab(new EventTarget());
    second.start();
    await until(() => second.getSnapshot().status === 'registered', 'the mirror');
    const call = bob.call('alice');
    await until(() => first.getCalls().length === 1, 'the call to ring in the owner');
    first.getCalls()[0]!.answer();
    await until(() => call.getSnapshot().status === 'connected', 'the call to connect');

    page.dispatchEvent(new Event('pagehide'));
    // the caller is hung up on rather than left in silence
    await until(() => call.getSnapshot().status === 'ended', 'the caller to hear the hang-up');
    expect(first.role).to.equal('pending');
    await until(
      () => second.role === 'leader' && second.getSnapshot().status === 'registered',
      'the other tab to take the phone and register',
    );
    expect(net.lookup('sip:alice@test.local')).to.not.equal(undefined);
    expect(created).to.have.length(2);

    // back from the back/forward cache: it joins again, as a follower
    const shown = new Event('pageshow') as Event & { persisted?: boolean };
    Object.defineProperty(shown, 'persisted', { value: true });
    page.dispatchEvent(shown);
    await until(() => first.getSnapshot().tab === 'follower', 'the restored tab to follow');
    first.dispose();
    second.dispose();
    bob.dispose();
  });

  it('elects one tab to own the phone; the other mirrors it and commands its calls', async () => {
    const { tab, created, bob } = setup();
    await bob.start();
    const first = tab();
    first.start();
    await until(() => first.getSnapshot().status === 'registered', 'the first tab to register');
    const second = tab();
    second.start();
    await until(
      () => second.getSnapshot().tab === 'follower' && second.getSnapshot().status === 'registered',
      'the second tab to mirror the registered phone',
    );
    expect(created).to.have.length(1);
    expect(first.getSnapshot().tab).to.equal('leader');
    expect(second.localPhone).to.equal(undefined);
    expect(second.uri).to.equal('sip:alice@test.local');

    // bob calls alice: both tabs show the ringing call; the follower answers it
    bob.call('alice');
    await until(() => second.getCalls().length === 1, 'the follower to see the incoming call');
    const ringing = second.getCalls()[0]!;
    expect(ringing.getSnapshot()).to.include({ direction: 'incoming', status: 'ringing' });
    await ringing.answer();
    await until(
      () => first.getCall(ringing.id)?.getSnapshot().status === 'connected',
      'the owner tab to connect the call',
    );
    await until(() => ringing.getSnapshot().status === 'connected', 'the follower to mirror it');
    await ringing.setMuted(true);
    await until(() => ringing.getSnapshot().muted, 'mute to be mirrored');

    // a tab cannot take the phone while a call is in progress: refused, nothing moves
    let refused: unknown;
    await second.useThisTab().catch((e: unknown) => (refused = e));
    expect(refused).to.be.instanceOf(PhoneError);
    expect((refused as PhoneError).code).to.equal('SIP_NOT_READY');
    expect(first.getSnapshot().tab).to.equal('leader');
    expect(first.getCall(ringing.id)?.getSnapshot().status).to.equal('connected');

    // closing the follower tab never touches the call
    second.dispose();
    second.dispose();
    expect(first.getCall(ringing.id)?.getSnapshot().status).to.equal('connected');
    expect(() => second.call('bob')).to.throw(DisposedError);

    first.getCall(ringing.id)?.hangup();
    await until(() => first.getCalls().length === 0, 'the call to end');
    first.dispose();
    bob.dispose();
  });

  it('places a call from a follower and refuses a bad target with the typed error', async () => {
    const { tab, bob } = setup();
    await bob.start();
    const first = tab();
    first.start();
    await until(() => first.getSnapshot().status === 'registered', 'the first tab to register');
    const second = tab();
    second.start();
    await until(() => second.getSnapshot().status === 'registered', 'the mirror');
    const call = await second.call('bob');
    await until(() => bob.getCalls().length === 1, 'bob to ring');
    expect(first.getCall(call.id)?.getSnapshot().direction).to.equal('outgoing');
    bob.getCalls()[0]!.answer();
    await until(
      () => call.getSnapshot().status === 'connected',
      'the follower to see it connected',
    );
    await call.hangup();
    await until(() => second.getCalls().length === 0, 'the follower to see it end');

    let refused: unknown;
    await Promise.resolve(second.call('sip:')).catch((e: unknown) => (refused = e));
    expect(refused).to.be.instanceOf(PhoneError);
    expect((refused as PhoneError).code).to.equal('SIP_INVALID_TARGET');
    first.dispose();
    second.dispose();
    bob.dispose();
  });

  it('"use this tab" moves an idle phone; closing the owner elects another tab, which registers', async () => {
    const { tab, created, bob, net } = setup();
    await bob.start();
    const first = tab();
    first.start();
    await until(() => first.getSnapshot().status === 'registered', 'the first tab to register');
    const second = tab();
    second.start();
    const third = tab();
    third.start();
    await until(() => third.getSnapshot().status === 'registered', 'the third tab to mirror');

    await second.useThisTab();
    expect(second.getSnapshot().tab).to.equal('leader');
    await until(() => second.getSnapshot().status === 'registered', 'the second tab to register');
    await until(() => first.getSnapshot().tab === 'follower', 'the first tab to follow');
    expect(first.localPhone).to.equal(undefined);
    expect(created).to.have.length(2);
    expect(created[0]!.getSnapshot().status).to.equal('stopped');
    await until(
      () => first.getSnapshot().status === 'registered' && third.getSnapshot().tab === 'follower',
      'the other tabs to mirror the new owner',
    );
    // exactly one registration of alice: calls reach the new owner
    expect(net.lookup('sip:alice@test.local')).to.not.equal(undefined);
    bob.call('alice');
    await until(() => second.getCalls().length === 1, 'the call to reach the new owner');
    await until(() => first.getCalls().length === 1, 'the old owner to mirror it');
    second.getCalls()[0]!.reject();
    await until(() => first.getCalls().length === 0, 'the rejection to be mirrored');

    // the owner tab closes: one of the others is elected and registers
    second.dispose();
    await until(
      () =>
        [first, third].some(
          (t) => t.getSnapshot().tab === 'leader' && t.getSnapshot().status === 'registered',
        ),
      'another tab to take the phone over',
    );
    expect(created).to.have.length(3);
    first.dispose();
    third.dispose();
    bob.dispose();
  });
});
