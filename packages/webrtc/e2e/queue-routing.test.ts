import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { makePhone, nextIncoming, stopAllPhones, waitFor } from './helpers.js';

interface Fact {
  type: string;
  interactionId?: string;
  agentId?: string;
  outcome?: string;
}

describe('scenario 2: a call to the queue is routed by our router through Kamailio', () => {
  afterEach(() => stopAllPhones());

  it('rings the longest-idle skilled agent, then the next one when the first rejects', async () => {
    // carol has been idle longest, dave next; erin lacks the skill
    await executeServerCommand('sb-routing-setup', {
      agents: [
        { id: 'carol', skills: { support: 8 } },
        { id: 'erin', skills: { billing: 9 } },
        { id: 'dave', skills: { support: 6 } },
      ],
    });
    const caller = await makePhone('alice');
    const carol = await makePhone('carol');
    const dave = await makePhone('dave');
    const erin = await makePhone('erin');
    await Promise.all([caller.start(), carol.start(), dave.start(), erin.start()]);
    let erinRang = false;
    erin.onEvent((e) => {
      if (e.type === 'incoming-call') erinRang = true;
    });

    const carolRings = nextIncoming(carol);
    const daveRings = nextIncoming(dave);
    const call = caller.call('sip:support@127.0.0.1');
    const atCarol = await carolRings;
    const interactionId = atCarol.getSnapshot().headers['X-Switchboard-Interaction'];
    expect(interactionId, 'the interaction id header reaches the agent').to.be.a('string');
    expect(atCarol.getSnapshot().interactionId).to.equal(interactionId);
    atCarol.reject(486);

    const atDave = await daveRings;
    expect(atDave.getSnapshot().interactionId).to.equal(interactionId);
    atDave.answer();
    await Promise.all([call.when('connected'), atDave.when('connected')]);
    expect(erinRang).to.equal(false);

    await waitFor(
      async () => {
        const facts = await executeServerCommand<Fact[], undefined>('sb-routing-events');
        return facts.some((f) => f.type === 'interaction-connected' && f.agentId === 'dave');
      },
      5000,
      'router sees the call connected to dave',
    );

    call.hangup();
    await atDave.when('ended');
    await waitFor(
      async () => {
        const facts = await executeServerCommand<Fact[], undefined>('sb-routing-events');
        return facts.some(
          (f) => f.type === 'interaction-wrap-up-started' || f.type === 'interaction-completed',
        );
      },
      5000,
      'router sees the call end',
    );
    const facts = await executeServerCommand<Fact[], undefined>('sb-routing-events');
    const mine = facts
      .filter((f) => f.interactionId === interactionId)
      .map(
        (f) => `${f.type}${f.agentId ? `:${f.agentId}` : ''}${f.outcome ? `:${f.outcome}` : ''}`,
      );
    expect(mine).to.include.ordered.members([
      'interaction-created',
      'interaction-queued',
      'interaction-offered:carol',
    ]);
    expect(mine).to.include('offer-rejected:carol');
    expect(mine).to.include('interaction-offered:dave');
    expect(mine).to.include('ring-outcome:carol:rejected');
    expect(mine).to.include('ring-outcome:dave:answered');
    expect(mine.indexOf('offer-rejected:carol')).to.be.lessThan(
      mine.indexOf('interaction-offered:dave'),
    );
  });
});
