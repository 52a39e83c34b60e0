import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  createLocalContactCenter,
  type LocalContactCenter,
} from '@switchboard/core/contact-center';
import { VirtualClock } from '@switchboard/core/shared';
import type { SlaPolicy } from '@switchboard/core/tickets';
import '../../define.js';
import { setLocale } from '../../i18n/locale.js';
import {
  XSS_PAYLOADS,
  countingCenter,
  expectAccessible,
  expectNoInjection,
  part,
  parts,
} from '../../fixtures/widget-fixtures.js';
import type { SbTicketList } from './ticket-list.component.js';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void>) => void;
declare const afterEach: (body: () => void) => void;

const H = 3_600_000;
// Friday 4 December 2026, 10:00 in London (UTC in winter): inside business hours.
const START = Date.UTC(2026, 11, 4, 10, 0, 0);
const hours = [{ open: '08:00', close: '20:00' }];
const policy: SlaPolicy = {
  id: 'standard',
  calendar: { timezone: 'Europe/London', weekly: { fri: hours, sat: hours } },
  targets: [
    { priority: 'urgent', firstResponseMs: H },
    { priority: 'high', firstResponseMs: 4 * H },
  ],
};
let centers: LocalContactCenter[] = [];

async function setup() {
  const clock = new VirtualClock(START);
  const center = createLocalContactCenter({ clock, ticketOptions: { slaPolicies: [policy] } });
  centers.push(center);
  await center.createTicket({ subject: 'Printer on fire', requesterId: 'c-1', priority: 'high' });
  await center.createTicket({ subject: 'Password reset', requesterId: 'c-2', priority: 'low' });
  await center.createTicket({ subject: 'Site down', requesterId: 'c-3', priority: 'urgent' });
  const el = await fixture<SbTicketList>(
    html`<sb-ticket-list .center=${center} .clock=${clock}></sb-ticket-list>`,
  );
  await waitUntil(() => parts(el, 'ticket').length === 3, 'tickets render');
  return { clock, center, el };
}

const subjects = (el: SbTicketList) => parts(el, 'subject').map((s) => s.textContent?.trim());
const sla = (el: SbTicketList, subject: string) =>
  parts(el, 'ticket')
    .find((r) => r.querySelector('[part~="subject"]')?.textContent?.trim() === subject)
    ?.querySelector('[part~="sla"]')
    ?.textContent?.trim();

describe('sb-ticket-list', () => {
  afterEach(() => {
    setLocale('en');
    for (const c of centers) c.dispose();
    centers = [];
  });

  it('lists tickets newest first with a live SLA countdown', async () => {
    const { el, clock } = await setup();
    expect(subjects(el)).to.deep.equal(['Site down', 'Password reset', 'Printer on fire']);
    expect(sla(el, 'Site down')).to.equal('Due in 1:00:00');
    expect(sla(el, 'Password reset')).to.equal('—');
    clock.advance(60_000);
    await el.updateComplete;
    expect(sla(el, 'Site down')).to.equal('Due in 59:00');
  });

  it('follows ticket events: a new ticket and a solved one', async () => {
    const { el, center } = await setup();
    const t = await center.createTicket({ subject: 'Refund', requesterId: 'c-4' });
    await waitUntil(() => subjects(el)[0] === 'Refund', 'the new ticket shows');
    await center.updateTicket(t.id, { version: t.version, status: 'solved' });
    await waitUntil(
      () => !subjects(el).includes('Refund'),
      'solved tickets leave the unsolved view',
    );
    expect(part(el, 'count')?.textContent?.trim()).to.equal('3 of 3');
  });

  it('filters by status and says so with sb-ticket-filter', async () => {
    const { el, center } = await setup();
    const [first] = (await center.listTickets()).items;
    if (!first) throw new Error('no ticket');
    await center.updateTicket(first.id, { version: first.version, status: 'pending' });
    const filter = part(el, 'filter') as HTMLSelectElement;
    filter.value = 'pending';
    const heard = oneEvent(el, 'sb-ticket-filter');
    filter.dispatchEvent(new Event('change'));
    expect(((await heard) as CustomEvent).detail).to.deep.equal({ filter: 'pending' });
    await waitUntil(() => parts(el, 'ticket').length === 1, 'one pending ticket');
    expect(el.getAttribute('filter')).to.equal('pending');
  });

  it('sorts by priority and due time from the keyboard, and opens a ticket with Enter', async () => {
    const { el } = await setup();
    const header = el.shadowRoot?.querySelectorAll('th button')[0] as HTMLButtonElement;
    header.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(subjects(el)).to.deep.equal(['Site down', 'Printer on fire', 'Password reset']);
    expect(header.parentElement?.getAttribute('aria-sort')).to.equal('ascending');
    (part(el, 'subject') as HTMLButtonElement).focus();
    const opened = oneEvent(el, 'sb-ticket-select');
    await sendKeys({ press: 'Enter' });
    const ticketId = ((await opened) as CustomEvent).detail.ticketId as string;
    expect(part(el, 'ticket')?.dataset['ticket']).to.equal(ticketId);
  });

  it('switches language at runtime', async () => {
    const { el } = await setup();
    setLocale('zh-CN');
    await waitUntil(() => sla(el, 'Site down') === '1:00:00 后到期', 'countdown in Chinese');
    expect(part(el, 'priority')?.textContent?.trim()).to.equal('紧急');
  });

  it('has no axe violations, light and dark', async () => {
    const { el } = await setup();
    await expectAccessible(el);
    el.theme = 'dark';
    await el.updateComplete;
    await expectAccessible(el);
  });

  it('renders hostile subjects and requesters as text', async () => {
    const { el, center } = await setup();
    for (const payload of XSS_PAYLOADS) {
      await center.createTicket({ subject: payload, requesterId: payload.slice(0, 60) });
    }
    await waitUntil(() => parts(el, 'ticket').length === 3 + XSS_PAYLOADS.length, 'all render');
    for (const payload of XSS_PAYLOADS) expect(subjects(el)).to.include(payload.trim());
    expectNoInjection(el);
  });

  it('unsubscribes when disconnected', async () => {
    const { center: local } = await setup();
    const { center, liveEventListeners } = countingCenter(local);
    const el = await fixture<SbTicketList>(
      html`<sb-ticket-list .center=${center}></sb-ticket-list>`,
    );
    await waitUntil(() => parts(el, 'ticket').length === 3, 'tickets render');
    expect(liveEventListeners()).to.equal(1);
    el.remove();
    expect(liveEventListeners()).to.equal(0);
  });
});
