import { expect } from '@open-wc/testing';
import { nextIncoming, stopAllPhones, waitFor } from './helpers.js';
import {
  expectTwoWayAudio,
  ivrEvents,
  mediaConfig,
  mediaPhone,
  peer,
  peerStats,
  relaySessions,
  setupMediaRouting,
} from './media-helpers.js';

describe('the IVR on real audio: rtpengine plays prompts to a plain-RTP caller and reads its digits', () => {
  afterEach(async () => {
    stopAllPhones();
    await peer({ action: 'hangup' });
  });

  it('a caller hears the prompts, presses 1, is queued and talks to a browser agent', async () => {
    const { ivrAddress } = await mediaConfig();
    await setupMediaRouting([{ id: 'carol', skills: { support: 8 } }]);
    const carol = await mediaPhone('carol');
    await carol.start();
    const ringing = nextIncoming(carol);
    let rang = false;
    void ringing.then(() => {
      rang = true;
    });
    await peer({ action: 'reset' });
    const placed = peer<{ status: number }>({ action: 'call', target: ivrAddress });

    // the prompts (espeak-ng speech played by rtpengine) reach the caller as early media
    await waitFor(
      async () => {
        const stats = await peerStats();
        return stats.loudPackets >= 25 && !stats.inCall;
      },
      15_000,
      'the IVR prompt heard by the caller before any answer',
    );
    await waitFor(
      async () => (await ivrEvents()).some((e) => e.type === 'ivr-prompt' && e.nodeId === 'menu'),
      15_000,
      'the menu prompt played',
    );
    expect(rang, 'no agent rings before the caller chose').to.equal(false);

    await peer({ action: 'dtmf', digits: '1' });
    const atCarol = await ringing;
    atCarol.answer();
    await atCarol.when('connected');
    expect((await placed).status).to.equal(200);
    await expectTwoWayAudio(atCarol, 'after the IVR, with carol');
    const events = await ivrEvents();
    expect(
      events.map((e) => `${e.type}:${e.digits ?? e.queueId ?? e.nodeId ?? e.reason ?? ''}`),
    ).to.include.members([
      'ivr-prompt:welcome',
      'ivr-prompt:menu',
      'ivr-input:1',
      'ivr-queued:support',
      'ivr-ended:queue',
    ]);

    atCarol.hangup();
    await atCarol.when('ended');
    await waitFor(async () => (await relaySessions()) === 0, 5000, 'rtpengine session deleted');
  });
});
