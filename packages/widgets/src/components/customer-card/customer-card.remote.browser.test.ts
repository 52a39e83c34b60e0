// sb-customer-card against a remote ContactCenter (the client over msw: REST and the event socket).
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { VirtualClock } from '@switchboard/core/shared';
import './customer-card.js';
import { part, parts } from '../../fixtures/widget-fixtures.js';
import {
  disposeRemoteCenters,
  remoteContactCenter,
  stopRemoteWorker,
} from '../../fixtures/remote-center.js';
import type { SbCustomerCard } from './customer-card.component.js';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void>) => void;
declare const afterEach: (body: () => void) => void;
declare const after: (body: () => Promise<void>) => void;

const START = Date.UTC(2026, 11, 4, 9, 0, 0);
const crm = { hubspot: { label: 'HubSpot', url: (id: string) => `https://crm.example/c/${id}` } };

async function setup(attrs: { identity?: unknown } = {}) {
  const clock = new VirtualClock(START);
  const remote = await remoteContactCenter({ clock });
  const { server } = remote;
  await server.addQueue({ id: 'support', requirements: [] });
  await server.addCustomer({
    id: 'cust-1',
    name: 'Ada Lovelace',
    identities: [
      { kind: 'phone', value: '+14155550100' },
      { kind: 'email', value: 'ada@example.com' },
      { kind: 'external', system: 'hubspot', value: '901' },
    ],
    attributes: { tier: 'gold' },
  });
  await server.createInteraction({ channel: 'email', customerId: 'cust-1' });
  clock.advance(60_000);
  await server.createInteraction({ channel: 'voice', customerId: 'cust-1', queueId: 'support' });
  await server.createTicket({ subject: 'Invoice wrong', requesterId: 'cust-1' });
  const el = await fixture<SbCustomerCard>(
    attrs.identity
      ? html`<sb-customer-card
          .center=${remote.center}
          .crm=${crm}
          .identity=${attrs.identity}
        ></sb-customer-card>`
      : html`<sb-customer-card
          .center=${remote.center}
          .crm=${crm}
          customer-id="cust-1"
        ></sb-customer-card>`,
  );
  await waitUntil(() => part(el, 'name'), 'the card renders');
  return { clock, ...remote, el };
}

const texts = (el: SbCustomerCard, name: string) =>
  parts(el, name).map((p) => p.textContent?.replace(/\s+/g, ' ').trim());

describe('sb-customer-card over a remote ContactCenter (msw)', () => {
  afterEach(() => disposeRemoteCenters());
  after(() => stopRemoteWorker());

  it('renders the unified view the server builds', async () => {
    const { el, errors } = await setup();
    expect(part(el, 'name')?.textContent?.trim()).to.equal('Ada Lovelace');
    expect(texts(el, 'identity')).to.deep.equal([
      'Phone +14155550100',
      'Email ada@example.com',
      'CRM 901 (hubspot)',
    ]);
    expect(parts(el, 'interaction').map((b) => b.dataset['channel'])).to.deep.equal([
      'voice',
      'email',
    ]);
    expect(texts(el, 'ticket')).to.deep.equal(['Invoice wrong New · Normal']);
    expect((part(el, 'link') as HTMLAnchorElement).href).to.equal('https://crm.example/c/901');
    expect(errors).to.deep.equal([]);
  });

  it('finds the customer from an identity through the server lookup', async () => {
    const { el } = await setup({ identity: { kind: 'phone', value: '+14155550100' } });
    expect(part(el, 'name')?.textContent?.trim()).to.equal('Ada Lovelace');
  });

  it("follows the customer's new ticket made on the server", async () => {
    const { el, server } = await setup();
    await server.createTicket({ subject: 'Refund please', requesterId: 'cust-1' });
    await waitUntil(() => texts(el, 'ticket').length === 2, 'her new ticket shows');
  });

  it('opens an interaction from the keyboard with sb-customer-interaction-select', async () => {
    const { el, server } = await setup();
    (parts(el, 'interaction')[0] as HTMLElement).focus();
    const contact = oneEvent(el, 'sb-customer-interaction-select');
    await sendKeys({ press: 'Enter' });
    const { interactionId } = ((await contact) as CustomEvent).detail as { interactionId: string };
    expect((await server.getInteraction(interactionId)).channel).to.equal('voice');
  });
});
