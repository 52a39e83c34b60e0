import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  createLocalContactCenter,
  type LocalContactCenter,
} from '@switchboard/core/contact-center';
import { VirtualClock } from '@switchboard/core/shared';
import '../../define.js';
import { setLocale } from '../../i18n/locale.js';
import {
  XSS_PAYLOADS,
  countingCenter,
  expectAccessible,
  part,
  parts,
} from '../../fixtures/widget-fixtures.js';
import type { SbCustomerCard } from './customer-card.component.js';
import type { CustomerCardProvider } from './customer-card-provider.js';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void>) => void;
declare const afterEach: (body: () => void) => void;

const START = Date.UTC(2026, 11, 4, 9, 0, 0);
const crm = { hubspot: { label: 'HubSpot', url: (id: string) => `https://crm.example/c/${id}` } };
let centers: LocalContactCenter[] = [];

async function setup(name = 'Ada Lovelace', extra = 'gold') {
  const clock = new VirtualClock(START);
  const center = createLocalContactCenter({ clock });
  centers.push(center);
  await center.addQueue({ id: 'support', requirements: [] });
  await center.addCustomer({
    id: 'cust-1',
    name,
    identities: [
      { kind: 'phone', value: '+14155550100' },
      { kind: 'email', value: 'ada@example.com' },
      { kind: 'external', system: 'hubspot', value: '901' },
    ],
    attributes: { tier: extra },
  });
  await center.createInteraction({ channel: 'email', customerId: 'cust-1' });
  clock.advance(60_000);
  await center.createInteraction({ channel: 'voice', customerId: 'cust-1', queueId: 'support' });
  await center.createInteraction({ channel: 'chat', customerId: 'someone-else' });
  await center.createTicket({ subject: 'Invoice wrong', requesterId: 'cust-1' });
  const solved = await center.createTicket({ subject: 'Old issue', requesterId: 'cust-1' });
  await center.updateTicket(solved.id, { version: solved.version, status: 'solved' });
  return { clock, center };
}

async function card(center: unknown, attrs: { identity?: unknown } = {}) {
  const el = await fixture<SbCustomerCard>(
    attrs.identity
      ? html`<sb-customer-card
          .center=${center}
          .crm=${crm}
          .identity=${attrs.identity}
        ></sb-customer-card>`
      : html`<sb-customer-card
          .center=${center}
          .crm=${crm}
          customer-id="cust-1"
        ></sb-customer-card>`,
  );
  await waitUntil(() => part(el, 'name'), 'the card renders');
  return el;
}

const texts = (el: SbCustomerCard, name: string) =>
  parts(el, name).map((p) => p.textContent?.replace(/\s+/g, ' ').trim());

describe('sb-customer-card', () => {
  afterEach(() => {
    setLocale('en');
    for (const c of centers) c.dispose();
    centers = [];
  });

  it('shows identities, data, recent interactions on every channel, open tickets and CRM links', async () => {
    const { center } = await setup();
    const el = await card(center);
    expect(part(el, 'name')?.textContent?.trim()).to.equal('Ada Lovelace');
    expect(texts(el, 'identity')).to.deep.equal([
      'Phone +14155550100',
      'Email ada@example.com',
      'CRM 901 (hubspot)',
    ]);
    expect(part(el, 'attributes')?.textContent?.replace(/\s+/g, ' ').trim()).to.equal('tier gold');
    expect(parts(el, 'interaction').map((b) => b.dataset['channel'])).to.deep.equal([
      'voice',
      'email',
    ]);
    expect(texts(el, 'ticket')).to.deep.equal(['Invoice wrong New · Normal']);
    const link = part(el, 'link') as HTMLAnchorElement;
    expect(link.href).to.equal('https://crm.example/c/901');
    expect(link.rel).to.equal('noopener noreferrer');
  });

  it('finds the customer from an identity (the caller number)', async () => {
    const { center } = await setup();
    const el = await card(center, { identity: { kind: 'phone', value: '+14155550100' } });
    expect(part(el, 'name')?.textContent?.trim()).to.equal('Ada Lovelace');
  });

  it("reloads on the customer's own events only", async () => {
    const { center: local } = await setup();
    const { center, calls } = countingCenter(local);
    const el = await card(center);
    expect(calls.get('getCustomerView')).to.equal(1);
    await local.createTicket({ subject: 'Not hers', requesterId: 'someone-else' });
    await local.createInteraction({ channel: 'sms', customerId: 'someone-else' });
    await local.createTicket({ subject: 'Refund please', requesterId: 'cust-1' });
    await waitUntil(() => texts(el, 'ticket').length === 2, 'her new ticket shows');
    expect(calls.get('getCustomerView')).to.equal(2);
  });

  it('takes any typed provider instead of the center', async () => {
    const provider: CustomerCardProvider = {
      load: async (id) => ({
        id,
        name: 'From the CRM',
        identities: [],
        attributes: {},
        interactions: [],
        tickets: [],
        links: [{ label: 'Open in CRM', url: 'https://crm.example/x' }],
      }),
    };
    const el = await fixture<SbCustomerCard>(
      html`<sb-customer-card .provider=${provider} customer-id="x-1"></sb-customer-card>`,
    );
    await waitUntil(() => part(el, 'name')?.textContent?.trim() === 'From the CRM', 'renders');
    expect(part(el, 'message')?.textContent?.trim()).to.equal('No interactions yet.');
  });

  it('opens tickets and interactions from the keyboard; CRM links ask first', async () => {
    const { center } = await setup();
    const el = await card(center);
    (parts(el, 'interaction')[0] as HTMLElement).focus();
    const contact = oneEvent(el, 'sb-customer-interaction-select');
    await sendKeys({ press: 'Enter' });
    const { interactionId } = ((await contact) as CustomEvent).detail as { interactionId: string };
    expect((await center.getInteraction(interactionId)).channel).to.equal('voice');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot?.activeElement?.getAttribute('part')).to.equal('ticket');
    const ticket = oneEvent(el, 'sb-ticket-select');
    await sendKeys({ press: 'Space' });
    const picked = ((await ticket) as CustomEvent).detail as { ticketId: string };
    expect((await center.getTicket(picked.ticketId)).subject).to.equal('Invoice wrong');
    // The host cancels the request (and would open the record in its own frame).
    el.addEventListener('sb-request-crm-open', (e) => e.preventDefault(), { once: true });
    const asked = oneEvent(el, 'sb-request-crm-open');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    const request = (await asked) as CustomEvent;
    expect(request.detail).to.deep.equal({
      customerId: 'cust-1',
      url: 'https://crm.example/c/901',
      system: 'hubspot',
    });
    expect(request.defaultPrevented).to.equal(true);
  });

  it('switches language at runtime', async () => {
    const { center } = await setup();
    const el = await card(center);
    setLocale('zh-CN');
    await waitUntil(() => texts(el, 'identity')[0] === '电话 +14155550100', 'labels in Chinese');
    expect(texts(el, 'ticket')).to.deep.equal(['Invoice wrong 新建 · 普通']);
    expect(el.shadowRoot?.querySelector('#open-tickets')?.textContent?.trim()).to.equal(
      '未解决的工单（1）',
    );
  });

  it('has no axe violations, light and dark', async () => {
    const { center } = await setup();
    const el = await card(center);
    await expectAccessible(el);
    el.theme = 'dark';
    await el.updateComplete;
    await expectAccessible(el);
  });

  it('renders hostile names, data, subjects and links as text', async () => {
    for (const payload of XSS_PAYLOADS) {
      const { center } = await setup(payload, payload);
      await center.createTicket({ subject: payload, requesterId: 'cust-1' });
      const hostile = {
        hubspot: { label: payload, url: () => payload },
      };
      const el = await fixture<SbCustomerCard>(
        html`<sb-customer-card
          .center=${center}
          .crm=${hostile}
          customer-id="cust-1"
        ></sb-customer-card>`,
      );
      await waitUntil(() => texts(el, 'ticket').length === 2, 'renders');
      expect(part(el, 'name')?.textContent?.trim()).to.equal(payload.trim());
      expect(parts(el, 'ticket').map((t) => t.querySelector('.subject')?.textContent)).to.include(
        payload,
      );
      expect(part(el, 'link')?.tagName).to.equal('SPAN');
      expect(el.shadowRoot?.querySelectorAll('img, script, svg, iframe, a').length).to.equal(0);
      expect((window as { __sbXss?: number }).__sbXss).to.equal(undefined);
      el.remove();
    }
  });

  it('unsubscribes when disconnected', async () => {
    const { center: local } = await setup();
    const { center, liveEventListeners } = countingCenter(local);
    const el = await card(center);
    expect(liveEventListeners()).to.equal(1);
    el.remove();
    expect(liveEventListeners()).to.equal(0);
  });
});
