import { expect } from '@open-wc/testing';
import { makePhone, nextIncoming, packetsReceived, stopAllPhones, waitFor } from './helpers.js';
import { PhoneError } from '../src/phone/phone-error.js';
import { InvalidTargetError } from '../src/phone/invalid-target-error.js';
import { JsSipTransport } from '../src/jssip/jssip-transport.js';
import { Phone } from '../src/phone/phone.js';
import { e2eConfig, fakeMicrophone } from './helpers.js';

describe('scenario 1: two phones through Kamailio', () => {
  afterEach(() => stopAllPhones());

  it('A calls B: media both ways, DTMF, hold/unhold, hang-up, and the interaction timeline', async () => {
    const a = await makePhone('alice');
    const b = await makePhone('bob');
    await Promise.all([a.start(), b.start()]);
    const incoming = nextIncoming(b);
    const call = a.call('bob', { interactionId: 'ix-basic-1' });
    const bCall = await incoming;
    expect(bCall.getSnapshot().remoteUri).to.contain('alice');
    expect(bCall.getSnapshot().headers['X-Switchboard-Interaction']).to.equal('ix-basic-1');
    expect(bCall.getSnapshot().interactionId).to.equal('ix-basic-1');
    bCall.answer();
    await Promise.all([call.when('connected'), bCall.when('connected')]);

    const before = [await packetsReceived(call), await packetsReceived(bCall)];
    await waitFor(
      async () =>
        (await packetsReceived(call)) > (before[0] ?? 0) + 10 &&
        (await packetsReceived(bCall)) > (before[1] ?? 0) + 10,
      10_000,
      'RTP both ways',
    );

    call.sendDtmf('12#', 'info');
    await waitFor(() => bCall.getSnapshot().dtmfReceived === '12#', 5000, 'SIP INFO DTMF');
    call.sendDtmf('5', 'rfc4733');
    // local tones are reported as they are played (tonechange), not when sendDtmf returns
    await waitFor(() => call.getSnapshot().dtmfSent === '12#5', 5000, 'RFC 4733 tone played');

    call.hold();
    await call.when('held');
    await waitFor(() => bCall.getSnapshot().remoteHold, 5000, 'remote hold seen by B');
    call.unhold();
    await call.when('connected');
    await waitFor(() => !bCall.getSnapshot().remoteHold, 5000, 'remote unhold seen by B');

    call.hangup();
    await Promise.all([call.when('ended'), bCall.when('ended')]);
    expect(bCall.getSnapshot().endReason?.originator).to.equal('remote');

    const aTimeline = call.getInteraction().timeline.map((e) => e.type);
    expect(call.getInteraction().status).to.equal('wrap-up');
    expect(aTimeline).to.include.members([
      'interaction-created',
      'call-dialing',
      'call-connected',
      'dtmf-sent',
      'call-held',
      'call-resumed',
      'call-ended',
    ]);
    const bTimeline = bCall.getInteraction().timeline.map((e) => e.type);
    expect(bTimeline).to.include.members([
      'call-ringing',
      'call-answered',
      'dtmf-received',
      'call-held-by-remote',
      'call-resumed-by-remote',
      'call-ended',
    ]);
    bCall.completeWrapUp('resolved');
    expect(bCall.getInteraction().status).to.equal('completed');
  });
});

describe('scenario 6: bad input gives typed errors', () => {
  afterEach(() => stopAllPhones());

  it('a wrong password gives SIP_REGISTRATION_FAILED', async () => {
    const phone = await makePhone('alice', {}, { password: 'wrong' });
    const error = await phone.start().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(PhoneError);
    expect((error as PhoneError).code).to.equal('SIP_REGISTRATION_FAILED');
    expect((error as PhoneError).retryable).to.equal(false);
    expect((error as PhoneError).hint).to.be.a('string');
    expect(phone.getSnapshot().status).to.equal('failed');
  });

  it('an unreachable server gives SIP_TRANSPORT_UNREACHABLE after the configured timeout', async () => {
    const cfg = await e2eConfig();
    const transport = new JsSipTransport({
      uri: `sip:alice@${cfg.domain}`,
      password: 'x',
      servers: [cfg.unreachable],
      connectTimeoutMs: 500,
    });
    const phone = new Phone({ transport, media: fakeMicrophone, registerTimeoutMs: 1500 });
    const events: string[] = [];
    phone.onEvent((e) => events.push(e.type));
    const error = (await phone.start().catch((e: unknown) => e)) as PhoneError;
    phone.dispose();
    transport.dispose();
    expect(error).to.be.instanceOf(PhoneError);
    expect(error.code).to.equal('SIP_TRANSPORT_UNREACHABLE');
    expect(error.retryable).to.equal(true);
    expect(events).to.include('error');
  });

  it('a malformed target throws InvalidTargetError before any SIP is sent', async () => {
    const a = await makePhone('alice');
    await a.start();
    const sent: string[] = [];
    const transport = a.transport;
    const original = transport.call.bind(transport);
    transport.call = (target, options) => {
      sent.push(target);
      return original(target, options);
    };
    for (const bad of ['', 'sip:@127.0.0.1', 'bob@', 'tel:123', 'bo b', 'sip:bob@bad_host!']) {
      expect(() => a.call(bad), bad).to.throw(InvalidTargetError);
    }
    expect(sent).to.deep.equal([]);
    expect(a.getCalls()).to.have.length(0);
  });
});
