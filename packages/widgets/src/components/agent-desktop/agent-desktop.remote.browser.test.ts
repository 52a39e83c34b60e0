// sb-agent-desktop against a remote ContactCenter (the client over msw: REST and the event
// socket): the composed elements all work through the one remote center it passes down.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { VirtualClock } from '@switchboard/core/shared';
import './agent-desktop.js';
import { part } from '../../fixtures/widget-fixtures.js';
import {
  disposeRemoteCenters,
  remoteContactCenter,
  stopRemoteWorker,
} from '../../fixtures/remote-center.js';
import type { SbAgentDesktop } from './agent-desktop.component.js';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void>) => void;
declare const afterEach: (body: () => void) => void;
declare const after: (body: () => Promise<void>) => void;

const START = Date.UTC(2026, 11, 4, 10, 0, 0);

async function setup(width: number, options: { offer?: boolean } = {}) {
  const clock = new VirtualClock(START);
  const remote = await remoteContactCenter({ clock });
  const { server } = remote;
  await server.addQueue({ id: 'support', requirements: [] });
  await server.addAgent({ id: 'alice', skills: {} });
  await server.login('alice');
  await server.addCustomer({ id: 'cust-1', name: 'Ada Lovelace' });
  await server.createTicket({ subject: 'Invoice wrong', requesterId: 'cust-1', agentId: 'alice' });
  if (options.offer !== false) {
    await server.createInteraction({ channel: 'voice', queueId: 'support', customerId: 'cust-1' });
  }
  const wrapper = await fixture<HTMLDivElement>(
    html`<div>
      <sb-agent-desktop
        .center=${remote.center}
        .clock=${clock}
        agent-id="alice"
      ></sb-agent-desktop>
    </div>`,
  );
  wrapper.style.width = `${width}px`;
  const el = wrapper.querySelector('sb-agent-desktop') as SbAgentDesktop;
  await waitUntil(() => inner(el, 'sb-ticket-list', 'ticket'), 'the ticket list renders');
  return { clock, ...remote, el };
}

/** A part inside one of the desktop's composed elements. */
function inner(el: SbAgentDesktop, tag: string, name: string): HTMLElement | null {
  const child = el.shadowRoot?.querySelector(tag);
  return child ? part(child, name) : null;
}

describe('sb-agent-desktop over a remote ContactCenter (msw)', () => {
  afterEach(() => disposeRemoteCenters());
  after(() => stopRemoteWorker());

  it('composes status, interaction, customer and tickets from the server', async () => {
    const { el, errors } = await setup(1200);
    await waitUntil(() => inner(el, 'sb-customer-card', 'name'), 'the customer shows');
    expect(inner(el, 'sb-customer-card', 'name')?.textContent?.trim()).to.equal('Ada Lovelace');
    await waitUntil(
      () => inner(el, 'sb-agent-status', 'state')?.textContent?.trim() === 'Reserved',
      'the agent is reserved',
    );
    await waitUntil(
      () => inner(el, 'sb-interaction-panel', 'action')?.dataset['action'] === 'accept',
      'the offer shows',
    );
    inner(el, 'sb-ticket-list', 'subject')?.click();
    await waitUntil(() => inner(el, 'sb-ticket-detail', 'subject'), 'the detail shows');
    expect(inner(el, 'sb-ticket-detail', 'subject')?.textContent?.trim()).to.equal('Invoice wrong');
    expect(errors).to.deep.equal([]);
  });

  it('accepts the offer on the server from the composed interaction panel', async () => {
    const { el, server } = await setup(1200);
    await waitUntil(
      () => inner(el, 'sb-interaction-panel', 'action')?.dataset['action'] === 'accept',
      'the offer shows',
    );
    inner(el, 'sb-interaction-panel', 'action')?.click();
    await waitUntil(
      () => inner(el, 'sb-agent-status', 'state')?.textContent?.trim() === 'Busy',
      'the agent is busy',
    );
    expect((await server.getAgent('alice')).presence).to.equal('busy');
  });

  it('brings the interaction forward when the server offers one (sb-desktop-section)', async () => {
    const { el, server } = await setup(360, { offer: false });
    (el.shadowRoot?.querySelector('#tab-tickets') as HTMLElement).click();
    await el.updateComplete;
    const heard = oneEvent(el, 'sb-desktop-section');
    await server.createInteraction({ channel: 'chat', queueId: 'support', customerId: 'cust-1' });
    expect(((await heard) as CustomEvent).detail).to.deep.equal({
      section: 'interaction',
      cause: 'offer',
    });
  });
});
