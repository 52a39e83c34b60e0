// The Phone API a softphone page builds on, against the real Kamailio: ringing and progress,
// failed vs ended with originator and SIP status, ICE state and stats on the Call, URIs with
// parameters, ?headers and a bracketed IPv6 host, receive-only calls that never ask for a
// microphone, and unregister()/register() without disconnecting.
import { expect } from '@open-wc/testing';
import { connectedCall, makePhone, nextIncoming, stopAllPhones, waitFor } from './helpers.js';
import type { Phone } from '../src/phone/phone.js';
import type { Call, CallEvent } from '../src/phone/call.js';

function record(call: Call): CallEvent[] {
  const events: CallEvent[] = [];
  call.onEvent((e) => events.push(e));
  return events;
}

function nextEvent<T extends CallEvent['type']>(
  call: Call,
  type: T,
): Promise<Extract<CallEvent, { type: T }>> {
  return new Promise((resolve) => {
    const off = call.onEvent((e) => {
      if (e.type === type) {
        off();
        resolve(e as Extract<CallEvent, { type: T }>);
      }
    });
  });
}

/** The next incoming call of `phone` with every event it has from the start. */
function nextIncomingRecorded(phone: Phone): Promise<{ call: Call; events: CallEvent[] }> {
  return new Promise((resolve) => {
    const off = phone.onEvent((e) => {
      if (e.type === 'incoming-call') {
        off();
        resolve({ call: e.call, events: record(e.call) });
      }
    });
  });
}

async function twoPhones(options: Parameters<typeof makePhone>[1] = {}): Promise<[Phone, Phone]> {
  const a = await makePhone('alice', options);
  const b = await makePhone('bob', options);
  await Promise.all([a.start(), b.start()]);
  return [a, b];
}

describe('call events through Kamailio', () => {
  afterEach(() => stopAllPhones());

  it('ringing: the caller hears 180 from the callee, the callee sees its own 180', async () => {
    const [a, b] = await twoPhones();
    const atB = nextIncomingRecorded(b);
    const call = a.call('bob');
    const events = record(call);
    const ringing = await nextEvent(call, 'ringing');
    expect(ringing).to.deep.equal({ type: 'ringing', originator: 'remote', statusCode: 180 });
    expect(call.getSnapshot().progressCode).to.equal(180);
    const incoming = await atB;
    await waitFor(
      () => incoming.events.some((e) => e.type === 'ringing' && e.originator === 'local'),
      5000,
      "the callee's own ringing",
    );
    call.hangup();
    await incoming.call.when('ended');
    expect(events.map((e) => e.type)).to.include.members(['ringing', 'failed']);
  });

  it('failed: a rejection reaches the caller with originator remote and 486; the callee fails locally', async () => {
    const [a, b] = await twoPhones();
    const atB = nextIncomingRecorded(b);
    const call = a.call('bob');
    const failed = nextEvent(call, 'failed');
    const incoming = await atB;
    incoming.call.reject(486);
    const e = await failed;
    expect(e.originator).to.equal('remote');
    expect(e.statusCode).to.equal(486);
    expect(e.beforeAnswer).to.equal(true);
    expect(e.error?.code).to.equal('SIP_CALL_REJECTED');
    await incoming.call.when('ended');
    const calleeEnd = incoming.events.find((x) => x.type === 'failed' || x.type === 'ended');
    expect(calleeEnd?.type).to.equal('failed');
    expect(calleeEnd?.type === 'failed' ? calleeEnd.originator : '').to.equal('local');
    expect(incoming.events.some((x) => x.type === 'ended')).to.equal(false);
  });

  it('failed: an unknown user is answered 404 by Kamailio', async () => {
    const [a] = await twoPhones();
    const call = a.call('nobody');
    const e = await nextEvent(call, 'failed');
    expect(e.statusCode).to.equal(404);
    expect(e.originator).to.equal('remote');
    expect(e.error?.code).to.equal('SIP_CALLEE_UNAVAILABLE');
  });

  it('ended: an answered call ends (not fails) on both sides, with originators local and remote', async () => {
    const [a, b] = await twoPhones();
    const atB = nextIncomingRecorded(b);
    const call = a.call('bob');
    const events = record(call);
    const incoming = await atB;
    incoming.call.answer();
    await Promise.all([call.when('connected'), incoming.call.when('connected')]);
    const calleeEnded = nextEvent(incoming.call, 'ended');
    call.hangup();
    const e = await calleeEnded;
    expect(e.originator).to.equal('remote');
    expect(e.beforeAnswer).to.equal(false);
    const ownEnd = events.filter((x) => x.type === 'ended' || x.type === 'failed');
    expect(ownEnd.map((x) => x.type)).to.deep.equal(['ended']);
    expect(call.getSnapshot().endReason?.originator).to.equal('local');
    expect(call.getSnapshot().endReason?.beforeAnswer).to.equal(false);
  });

  it('ICE state and getStats() on the Call: the media path connects and RTP flows both ways', async () => {
    const [a, b] = await twoPhones();
    const atB = nextIncomingRecorded(b);
    const call = a.call('bob');
    const events = record(call);
    const incoming = await atB;
    incoming.call.answer();
    await Promise.all([call.when('connected'), incoming.call.when('connected')]);
    const up = (c: Call) => c.iceState === 'connected' || c.iceState === 'completed';
    await waitFor(() => up(call) && up(incoming.call), 10_000, 'ICE connected on both legs');
    const states = events.flatMap((e) => (e.type === 'ice-state-changed' ? [e.state] : []));
    expect(states).to.include('checking');
    expect(states.some((s) => s === 'connected' || s === 'completed')).to.equal(true);
    expect(call.getSnapshot().iceState).to.equal(call.iceState);
    const inbound = async (c: Call) => {
      let packets = 0;
      (await c.getStats()).forEach(
        (r: { type: string; kind?: string; packetsReceived?: number }) => {
          if (r.type === 'inbound-rtp' && r.kind === 'audio') packets += r.packetsReceived ?? 0;
        },
      );
      return packets;
    };
    await waitFor(
      async () => (await inbound(call)) > 10 && (await inbound(incoming.call)) > 10,
      10_000,
      'inbound RTP in getStats() on both calls',
    );
    call.hangup();
    await incoming.call.when('ended');
  });

  it('a URI with parameters and ?headers keeps them: Kamailio delivers the INVITE with that To and header', async () => {
    const [a, b] = await twoPhones();
    const atB = nextIncoming(b);
    const call = a.call('"Bob" <sip:bob@127.0.0.1;transport=ws;x-tag=abc?X-Queue=vip>');
    expect(call.getSnapshot().remoteUri).to.equal('sip:bob@127.0.0.1;transport=ws;x-tag=abc');
    const bCall = await atB;
    const to = bCall.sipSession?.header('To') ?? '';
    expect(to).to.contain('transport=ws');
    expect(to).to.contain('x-tag=abc');
    expect(bCall.getSnapshot().headers['X-Queue']).to.equal('vip');
    call.hangup();
    await bCall.when('ended');
  });

  it('a bracketed IPv6 host with a port is dialled: the INVITE for sip:bob@[::1]:5060 reaches Kamailio and rings bob', async () => {
    const [a, b] = await twoPhones();
    const atB = nextIncoming(b);
    const call = a.call('sip:bob@[::1]:5060;transport=ws');
    expect(call.getSnapshot().remoteUri).to.equal('sip:bob@[::1]:5060;transport=ws');
    const bCall = await atB;
    // Kamailio routes by the user part; the To header carries the Request-URI as dialled
    expect(bCall.sipSession?.header('To') ?? '').to.contain('sip:bob@[::1]:5060');
    bCall.answer();
    await Promise.all([call.when('connected'), bCall.when('connected')]);
    call.hangup();
    await bCall.when('ended');

    const missing = a.call('sip:nobody@[::1]:5060');
    const e = await nextEvent(missing, 'failed');
    expect(e.statusCode).to.equal(404);
  });

  it('without media no microphone is asked for: the call is receive-only and DTMF goes by INFO', async () => {
    const devices = navigator.mediaDevices;
    const original = devices.getUserMedia.bind(devices);
    let asked = 0;
    devices.getUserMedia = (constraints) => {
      asked += 1;
      return original(constraints);
    };
    try {
      const [a, b] = await twoPhones({ media: undefined });
      const [call, bCall] = await connectedCall(a, b, 'bob');
      expect(call.localStream).to.equal(undefined);
      expect(call.peerConnection?.localDescription?.sdp).to.match(/a=recvonly/);
      const tones = nextEvent(bCall, 'dtmf');
      call.sendDtmf('5');
      expect((await tones).tone).to.equal('5');
      call.hangup();
      await bCall.when('ended');
      expect(asked).to.equal(0);
    } finally {
      devices.getUserMedia = original;
    }
  });

  it('unregister() keeps the connection (calls still go out); register() takes calls again', async () => {
    const [a, b] = await twoPhones();
    await b.unregister();
    expect(b.getSnapshot().status).to.equal('connected');
    expect(b.transport.isConnected()).to.equal(true);
    const toB = a.call('bob');
    expect((await nextEvent(toB, 'failed')).statusCode).to.equal(404);
    const [out, atA] = await connectedCall(b, a, 'alice');
    out.hangup();
    await atA.when('ended');
    await b.register();
    expect(b.getSnapshot().status).to.equal('registered');
    const [again, bCall] = await connectedCall(a, b, 'bob');
    again.hangup();
    await bCall.when('ended');
  });
});
