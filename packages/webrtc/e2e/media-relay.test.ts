import { expect } from '@open-wc/testing';
import { nextIncoming, stopAllPhones, waitFor } from './helpers.js';
import {
  expectTwoWayAudio,
  mediaConfig,
  mediaPhone,
  peer,
  peerStats,
  relaySessions,
  setupMediaRouting,
} from './media-helpers.js';

/** Waits until the agent's tone no longer reaches the peer (held). */
async function expectPeerHearsNothing(): Promise<void> {
  await waitFor(
    async () => {
      await peer({ action: 'reset' });
      await new Promise((r) => setTimeout(r, 300));
      return (await peerStats()).loudPackets === 0;
    },
    10_000,
    'no audio from the held agent',
  );
}

describe('media relay: plain-RTP trunk <-> WebRTC agents through rtpengine', () => {
  afterEach(async () => {
    stopAllPhones();
    await peer({ action: 'hangup' });
  });

  it('a trunk call to the queue reaches a browser agent with audio both ways; BYE frees the relay', async () => {
    await setupMediaRouting([{ id: 'carol', skills: { support: 8 } }]);
    const carol = await mediaPhone('carol');
    await carol.start();
    const ringing = nextIncoming(carol);
    const placed = peer<{ status: number }>({ action: 'call', target: 'support' });
    const atCarol = await ringing;
    expect(atCarol.getSnapshot().interactionId).to.be.a('string');
    atCarol.answer();
    await atCarol.when('connected');
    expect((await placed).status).to.equal(200);
    await expectTwoWayAudio(atCarol, 'queue call');
    expect([0, 8]).to.include((await peerStats()).payloadType);
    expect(await relaySessions()).to.equal(1);

    atCarol.hangup();
    await atCarol.when('ended');
    await waitFor(async () => !(await peerStats()).inCall, 5000, 'the peer sees BYE');
    await waitFor(async () => (await relaySessions()) === 0, 5000, 'rtpengine session deleted');
  });

  it('a browser agent calls out to the plain-RTP peer (outbound trunk), audio both ways', async () => {
    const { trunkNumber } = await mediaConfig();
    const dave = await mediaPhone('dave');
    await dave.start();
    const before = (await peerStats()).calls;
    const call = dave.call(trunkNumber);
    await call.when('connected');
    expect((await peerStats()).calls).to.equal(before + 1);
    await expectTwoWayAudio(call, 'outbound call');
    await peer({ action: 'hangup' });
    await call.when('ended');
    await waitFor(async () => (await relaySessions()) === 0, 5000, 'rtpengine session deleted');
  });

  it('hold and resume (re-INVITEs through rtpengine) keep the call and bring the audio back', async () => {
    await setupMediaRouting([{ id: 'carol', skills: { support: 8 } }]);
    const carol = await mediaPhone('carol');
    await carol.start();
    const ringing = nextIncoming(carol);
    const placed = peer<{ status: number }>({ action: 'call', target: 'support' });
    const atCarol = await ringing;
    atCarol.answer();
    await atCarol.when('connected');
    expect((await placed).status).to.equal(200);
    await expectTwoWayAudio(atCarol, 'before hold');

    atCarol.hold();
    await atCarol.when('held');
    await expectPeerHearsNothing();
    atCarol.unhold();
    await atCarol.when('connected');
    await expectTwoWayAudio(atCarol, 'after resume');
    atCarol.hangup();
    await atCarol.when('ended');
  });

  it('a blind transfer to the queue moves the caller to a second browser agent with audio', async () => {
    await setupMediaRouting([
      { id: 'carol', skills: { support: 8 } },
      { id: 'dave', skills: { support: 6 } },
    ]);
    const carol = await mediaPhone('carol');
    const dave = await mediaPhone('dave');
    await Promise.all([carol.start(), dave.start()]);
    const ringing = nextIncoming(carol);
    const placed = peer<{ status: number }>({ action: 'call', target: 'support' });
    const atCarol = await ringing;
    atCarol.answer();
    await atCarol.when('connected');
    expect((await placed).status).to.equal(200);
    await expectTwoWayAudio(atCarol, 'with carol');

    const atDave = nextIncoming(dave);
    atCarol.transfer('sip:support@127.0.0.1');
    const daveCall = await atDave;
    daveCall.answer();
    await daveCall.when('connected');
    await atCarol.when('ended');
    await expectTwoWayAudio(daveCall, 'after the transfer, with dave');
    daveCall.hangup();
    await daveCall.when('ended');
    await waitFor(async () => (await relaySessions()) === 0, 5000, 'rtpengine sessions deleted');
  });
});
