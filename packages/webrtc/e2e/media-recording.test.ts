import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { nextIncoming, stopAllPhones } from './helpers.js';
import { expectTwoWayAudio, mediaPhone, peer, setupMediaRouting } from './media-helpers.js';

interface Recording {
  interactionId: string;
  callId: string;
  files: string[];
  /** Per pcap file: UDP packets per flow (`srcPort>dstPort`). */
  flows: Record<string, { packets: number; bytes: number }>[];
}

describe('recording a connected trunk call through rtpengine', () => {
  afterEach(async () => {
    stopAllPhones();
    await peer({ action: 'hangup' });
  });

  it('records both directions on request and names the files for the interaction', async () => {
    await setupMediaRouting([{ id: 'carol', skills: { support: 8 } }]);
    const carol = await mediaPhone('carol');
    await carol.start();
    const ringing = nextIncoming(carol);
    const placed = peer<{ status: number }>({ action: 'call', target: 'support' });
    const atCarol = await ringing;
    atCarol.answer();
    await atCarol.when('connected');
    expect((await placed).status).to.equal(200);
    const interactionId = atCarol.getSnapshot().interactionId;
    expect(interactionId).to.be.a('string');

    await executeServerCommand('sb-media-record', { action: 'start', interactionId });
    // recording runs while audio flows both ways (the check waits for 25+ packets each way)
    await expectTwoWayAudio(atCarol, 'while recording');
    const recording = await executeServerCommand<Recording, object>('sb-media-record', {
      action: 'stop',
      interactionId,
    });
    expect(recording.interactionId).to.equal(interactionId);
    expect(recording.files.length).to.be.greaterThan(0);
    const flows = recording.flows.flatMap((f) => Object.values(f));
    const busy = flows.filter((f) => f.packets >= 25);
    expect(busy.length, `flows recorded: ${JSON.stringify(recording.flows)}`).to.be.at.least(2);

    atCarol.hangup();
    await atCarol.when('ended');
  });
});
