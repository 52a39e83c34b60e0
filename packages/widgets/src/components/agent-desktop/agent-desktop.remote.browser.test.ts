// sb-agent-desktop against a remote ContactCenter (the client over msw: REST and the event
// socket): the composed elements all work through the one remote center it passes down.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { VirtualClock } from '@switchboard/core/shared';
import './agent-desktop.js';
import { expectAccessible, part } from '../../fixtures/widget-fixtures.js';
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

/** A document double: `visibilitychange`, `freeze`, `resume` and `online` are dispatched on it. */
class FakePage extends EventTarget {
  visibilityState: 'visible' | 'hidden' = 'visible';
  set(state: 'visible' | 'hidden'): void {
    this.visibilityState = state;
    this.dispatchEvent(new Event('visibilitychange'));
  }
  fire(type: 'freeze' | 'resume'): void {
    this.dispatchEvent(new Event(type));
  }
}

async function setup(
  width: number,
  options: {
    offer?: boolean;
    getToken?: () => string | Promise<string>;
    page?: FakePage;
    ready?: boolean;
  } = {},
) {
  const clock = new VirtualClock(START);
  const remote = await remoteContactCenter(
    { clock },
    options.getToken ? { getToken: options.getToken } : {},
  );
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
        .pageDocument=${options.page}
        agent-id="alice"
      ></sb-agent-desktop>
    </div>`,
  );
  wrapper.style.width = `${width}px`;
  const el = wrapper.querySelector('sb-agent-desktop') as SbAgentDesktop;
  if (options.ready !== false) {
    await waitUntil(() => inner(el, 'sb-ticket-list', 'ticket'), 'the ticket list renders');
    await waitUntil(() => el.readiness?.status === 'ready', 'the desktop is ready');
  }
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

  it('a getToken that rejects: the reason and Retry, no login form; Retry once the host recovers is ready', async () => {
    let refusing = true;
    let tokens = 0;
    const getToken = () => {
      tokens++;
      return refusing ? Promise.reject(new Error('session expired')) : 'fresh-token';
    };
    const { el } = await setup(1200, { getToken, ready: false });
    const state = () => inner(el, 'sb-agent-status', 'state')?.textContent?.trim();
    // ky tries a GET three times (0.3 s and 0.6 s apart) before the sync fails.
    await waitUntil(() => inner(el, 'sb-agent-status', 'retry'), 'Retry shows', { timeout: 5000 });
    expect(tokens).to.be.greaterThan(0);
    expect(state()).to.equal('Not connected');
    const reason = inner(el, 'sb-agent-status', 'sync-error')?.textContent ?? '';
    expect(reason).to.contain('Could not sign in again.');
    expect(reason).to.contain('session expired');
    expect(el.readiness).to.include({ status: 'error', step: 'authenticating' });
    const status = el.shadowRoot?.querySelector('sb-agent-status');
    expect(status?.shadowRoot?.querySelector('form, input')).to.equal(null);
    await expectAccessible(el);

    refusing = false;
    inner(el, 'sb-agent-status', 'retry')?.click();
    await waitUntil(() => el.readiness?.status === 'ready', 'ready after Retry', { timeout: 5000 });
    expect(el.readiness).to.include({ cause: 'retry' });
    // Every part reads again after the sync: the presence and the tickets show.
    await waitUntil(() => state() === 'Reserved', 'the presence shows', { timeout: 5000 });
    await waitUntil(() => inner(el, 'sb-ticket-list', 'ticket'), 'the tickets show', {
      timeout: 5000,
    });
    const picker = inner(el, 'sb-agent-status', 'select') as HTMLSelectElement;
    expect(picker.disabled).to.equal(false);
  });

  it('after a freeze, gets a fresh token through getToken and reads the agent from the server again', async () => {
    let tokens = 0;
    const page = new FakePage();
    const { el, clock, server } = await setup(1200, {
      offer: false,
      page,
      getToken: () => `token-${++tokens}`,
    });
    const state = () => inner(el, 'sb-agent-status', 'state')?.textContent?.trim();
    await waitUntil(() => state() === 'Available', 'available');
    page.set('hidden');
    page.fire('freeze');
    await el.updateComplete;
    await server.setPresence('alice', { presence: 'not-ready', reason: 'lunch' });
    clock.advance(45_000);
    const before = tokens;
    page.fire('resume');
    page.set('visible');
    const synced = () => el.readiness?.status === 'ready' && el.readiness.generation === 2;
    await waitUntil(synced, 'ready again', { timeout: 5000 });
    expect(el.readiness).to.include({ cause: 'resume' });
    expect(tokens, 'fresh tokens for the sync').to.be.greaterThan(before);
    await waitUntil(() => state() === 'Not ready: Lunch', 'the server truth shows');
  });
});
