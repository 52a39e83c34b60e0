// sb-agent-status against a remote ContactCenter (the client over msw: REST and the event socket).
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { createLocalContactCenter } from '@switchboard/core/contact-center';
import { VirtualClock } from '@switchboard/core/shared';
import '../contact-center-provider/contact-center-provider.js';
import './agent-status.js';
import { part } from '../../fixtures/widget-fixtures.js';
import {
  disposeRemoteCenters,
  remoteContactCenter,
  stopRemoteWorker,
} from '../../fixtures/remote-center.js';
import type { SbAgentStatus } from './agent-status.component.js';
import type { SbContactCenterProvider } from '../contact-center-provider/contact-center-provider.component.js';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void>) => void;
declare const afterEach: (body: () => void) => void;
declare const after: (body: () => Promise<void>) => void;

const START = Date.UTC(2026, 11, 4, 9, 0, 0);

async function setup(options: { wrapUpMs?: number } = {}) {
  const clock = new VirtualClock(START);
  const remote = await remoteContactCenter({ clock });
  const { server } = remote;
  await server.addQueue({ id: 'support', requirements: [] });
  await server.addAgent({
    id: 'alice',
    skills: {},
    name: 'Alice',
    ...(options.wrapUpMs ? { wrapUpMs: options.wrapUpMs } : {}),
  });
  await server.login('alice');
  const provider = await fixture<SbContactCenterProvider>(html`
    <sb-contact-center .center=${remote.center}>
      <sb-agent-status agent-id="alice" .clock=${clock}></sb-agent-status>
    </sb-contact-center>
  `);
  const el = provider.querySelector('sb-agent-status') as SbAgentStatus;
  await waitUntil(() => part(el, 'state'), 'the status renders');
  return { clock, ...remote, provider, el };
}

async function stateIs(el: SbAgentStatus, text: string) {
  await waitUntil(() => part(el, 'state')?.textContent?.trim() === text, `state "${text}"`);
}

describe('sb-agent-status over a remote ContactCenter (msw)', () => {
  afterEach(() => disposeRemoteCenters());
  after(() => stopRemoteWorker());

  it('renders the agent the server knows, with time in state', async () => {
    const { el, clock, errors } = await setup();
    await stateIs(el, 'Available');
    expect(part(el, 'indicator')?.dataset['presence']).to.equal('available');
    // The time in state comes from the replayed event stream (GET /v1/events), after the first read.
    await waitUntil(() => part(el, 'timer')?.textContent?.trim() === 'for 0:00', 'time in state');
    clock.advance(65_000);
    await el.updateComplete;
    expect(part(el, 'timer')?.textContent?.trim()).to.equal('for 1:05');
    expect(errors).to.deep.equal([]);
  });

  it('sends the presence it was asked for to the server, after sb-request-presence', async () => {
    const { el, server, provider } = await setup();
    await stateIs(el, 'Available');
    const select = part(el, 'select') as HTMLSelectElement;
    select.value = 'not-ready:lunch';
    const heard = oneEvent(provider, 'sb-request-presence');
    select.dispatchEvent(new Event('change'));
    expect(((await heard) as CustomEvent).detail).to.deep.equal({
      agentId: 'alice',
      choice: { presence: 'not-ready', reason: 'lunch' },
    });
    await stateIs(el, 'Not ready: Lunch');
    const agent = await server.getAgent('alice');
    expect([agent.presence, agent.notReadyReason]).to.deep.equal(['not-ready', 'lunch']);
  });

  it('follows changes made on the server through the event socket', async () => {
    const { el, server } = await setup({ wrapUpMs: 30_000 });
    await stateIs(el, 'Available');
    const ix = await server.createInteraction({ channel: 'voice', queueId: 'support' });
    await server.acceptOffer(ix.id);
    await stateIs(el, 'Busy');
    await server.end(ix.id);
    await stateIs(el, 'Wrap-up');
    await waitUntil(() => part(el, 'wrap-up'), 'the countdown shows');
    expect(part(el, 'wrap-up')?.textContent?.trim()).to.equal('Wrap-up ends in 0:30');
  });

  it('reports the server refusal as sb-error with the code a local center throws', async () => {
    const { el, server } = await setup();
    await stateIs(el, 'Available');
    const ix = await server.createInteraction({ channel: 'chat', queueId: 'support' });
    await server.acceptOffer(ix.id);
    await stateIs(el, 'Busy');
    const local = createLocalContactCenter();
    await local.addQueue({ id: 'support', requirements: [] });
    await local.addAgent({ id: 'alice', skills: {} });
    await local.login('alice');
    await local.acceptOffer(
      (await local.createInteraction({ channel: 'chat', queueId: 'support' })).id,
    );
    const localCode = await local.logout('alice').then(
      () => 'none',
      (error: { code: string }) => error.code,
    );
    local.dispose();
    const select = part(el, 'select') as HTMLSelectElement;
    select.value = 'offline'; // logout is refused with work in hand
    const failed = oneEvent(el, 'sb-error');
    select.dispatchEvent(new Event('change'));
    const event = (await failed) as CustomEvent<{ action: string; error: { code: string } }>;
    expect(event.detail.action).to.equal('presence');
    expect(event.detail.error.code).to.equal(localCode);
    expect(localCode).to.not.equal('none');
    expect((await server.getAgent('alice')).presence).to.equal('busy');
  });
});
