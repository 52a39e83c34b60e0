import { expect } from '@open-wc/testing';
import {
  e2eConfig,
  kamailio,
  makePhone,
  connectedCall,
  packetsReceived,
  stopAllPhones,
  waitFor,
} from './helpers.js';
import type { PhoneError } from '../src/phone/phone-error.js';

describe('scenario 3: fail-over to the secondary Kamailio', () => {
  afterEach(async () => {
    stopAllPhones();
    await kamailio('primary', 'start');
  });

  it('registers on the secondary within 5 s after the primary stops, and can place a call', async () => {
    const cfg = await e2eConfig();
    const servers = [cfg.primary, cfg.secondary];
    const a = await makePhone('alice', {}, { servers, failbackIntervalMs: 0 });
    const b = await makePhone('bob', {}, { servers: [cfg.secondary] });
    await Promise.all([a.start(), b.start()]);
    expect(a.getSnapshot().server?.index).to.equal(0);

    await kamailio('primary', 'stop');
    const stoppedAt = performance.now();
    await waitFor(
      () => a.getSnapshot().status === 'registered' && a.getSnapshot().server?.index === 1,
      5000,
      'registration on the secondary',
    );
    expect(performance.now() - stoppedAt).to.be.lessThan(5000);

    const [call, bCall] = await connectedCall(a, b, 'bob');
    call.hangup();
    await bCall.when('ended');
  });

  it('fails back to the primary when it returns and the phone is idle', async () => {
    const cfg = await e2eConfig();
    await kamailio('primary', 'stop');
    const a = await makePhone(
      'alice',
      {},
      { servers: [cfg.primary, cfg.secondary], failbackIntervalMs: 300 },
    );
    await a.start();
    expect(a.getSnapshot().server?.index).to.equal(1);
    await kamailio('primary', 'start');
    await waitFor(
      () => a.getSnapshot().status === 'registered' && a.getSnapshot().server?.index === 0,
      5000,
      'fail-back to the primary',
    );
  });
});

describe('scenario 5: the WebSocket to Kamailio drops mid-call', () => {
  afterEach(async () => {
    stopAllPhones();
    await kamailio('primary', 'start');
  });

  it('the call goes reconnecting and recovers when Kamailio comes back', async () => {
    const a = await makePhone('alice', { reconnectGraceMs: 10_000 });
    const b = await makePhone('bob', { reconnectGraceMs: 10_000 });
    await Promise.all([a.start(), b.start()]);
    const [call, bCall] = await connectedCall(a, b, 'bob');

    const seen: string[] = [];
    call.onEvent((e) => {
      if (e.type === 'status-changed') seen.push(e.status);
    });
    await kamailio('primary', 'restart');
    await waitFor(
      () => seen.includes('reconnecting') && call.getSnapshot().status === 'connected',
      8000,
      'reconnecting then connected',
    );
    await waitFor(
      () => bCall.getSnapshot().status === 'connected' && b.getSnapshot().status === 'registered',
      8000,
      'B recovered',
    );
    const before = await packetsReceived(bCall);
    await waitFor(
      async () => (await packetsReceived(bCall)) > before + 10,
      5000,
      'media still flowing',
    );
    expect(call.getInteraction().timeline.map((e) => e.type)).to.include.members([
      'call-reconnecting',
      'call-recovered',
    ]);

    // in-dialog requests still reach the other phone over its new connection
    call.hangup();
    await bCall.when('ended');
  });

  it('the call ends with SIP_TRANSPORT_LOST when Kamailio stays away past the grace window', async () => {
    const a = await makePhone('alice', { reconnectGraceMs: 1500 });
    const b = await makePhone('bob', { reconnectGraceMs: 1500 });
    await Promise.all([a.start(), b.start()]);
    const [call] = await connectedCall(a, b, 'bob');
    await kamailio('primary', 'stop');
    await waitFor(() => call.getSnapshot().status === 'reconnecting', 3000, 'reconnecting');
    await waitFor(
      () => call.getSnapshot().status === 'ended',
      5000,
      'ended after the grace window',
    );
    const error = call.getSnapshot().endReason?.error as PhoneError;
    expect(error.code).to.equal('SIP_TRANSPORT_LOST');
    expect(error.retryable).to.equal(true);
    expect(call.getInteraction().status).to.equal('wrap-up');
  });
});
