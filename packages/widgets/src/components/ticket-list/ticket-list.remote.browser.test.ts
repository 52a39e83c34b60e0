// sb-ticket-list against a remote ContactCenter (the client over msw: REST and the event socket).
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { VirtualClock } from '@switchboard/core/shared';
import type { SlaPolicy } from '@switchboard/core/tickets';
import './ticket-list.js';
import { part, parts } from '../../fixtures/widget-fixtures.js';
import {
  disposeRemoteCenters,
  remoteContactCenter,
  stopRemoteWorker,
} from '../../fixtures/remote-center.js';
import type { SbTicketList } from './ticket-list.component.js';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void>) => void;
declare const afterEach: (body: () => void) => void;
declare const after: (body: () => Promise<void>) => void;

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

async function setup() {
  const clock = new VirtualClock(START);
  const remote = await remoteContactCenter({ clock, ticketOptions: { slaPolicies: [policy] } });
  const { server } = remote;
  await server.createTicket({ subject: 'Printer on fire', requesterId: 'c-1', priority: 'high' });
  await server.createTicket({ subject: 'Password reset', requesterId: 'c-2', priority: 'low' });
  await server.createTicket({ subject: 'Site down', requesterId: 'c-3', priority: 'urgent' });
  const el = await fixture<SbTicketList>(
    html`<sb-ticket-list .center=${remote.center} .clock=${clock}></sb-ticket-list>`,
  );
  await waitUntil(() => parts(el, 'ticket').length === 3, 'tickets render');
  return { clock, ...remote, el };
}

const subjects = (el: SbTicketList) => parts(el, 'subject').map((s) => s.textContent?.trim());
const sla = (el: SbTicketList, subject: string) =>
  parts(el, 'ticket')
    .find((r) => r.querySelector('[part~="subject"]')?.textContent?.trim() === subject)
    ?.querySelector('[part~="sla"]')
    ?.textContent?.trim();

describe('sb-ticket-list over a remote ContactCenter (msw)', () => {
  afterEach(() => disposeRemoteCenters());
  after(() => stopRemoteWorker());

  it('lists the server tickets newest first with a live SLA countdown', async () => {
    const { el, clock, errors } = await setup();
    expect(subjects(el)).to.deep.equal(['Site down', 'Password reset', 'Printer on fire']);
    expect(sla(el, 'Site down')).to.equal('Due in 1:00:00');
    expect(sla(el, 'Password reset')).to.equal('—');
    clock.advance(60_000);
    await el.updateComplete;
    expect(sla(el, 'Site down')).to.equal('Due in 59:00');
    expect(errors).to.deep.equal([]);
  });

  it('follows ticket events from the socket: a new ticket and a solved one', async () => {
    const { el, server } = await setup();
    const t = await server.createTicket({ subject: 'Refund', requesterId: 'c-4' });
    await waitUntil(() => subjects(el)[0] === 'Refund', 'the new ticket shows');
    await server.updateTicket(t.id, { version: t.version, status: 'solved' });
    await waitUntil(
      () => !subjects(el).includes('Refund'),
      'solved tickets leave the unsolved view',
    );
    expect(part(el, 'count')?.textContent?.trim()).to.equal('3 of 3');
  });

  it('filters on the server with sb-ticket-filter, and opens a ticket with Enter', async () => {
    const { el, server } = await setup();
    const [first] = (await server.listTickets()).items;
    if (!first) throw new Error('no ticket');
    await server.updateTicket(first.id, { version: first.version, status: 'pending' });
    const filter = part(el, 'filter') as HTMLSelectElement;
    filter.value = 'pending';
    const heard = oneEvent(el, 'sb-ticket-filter');
    filter.dispatchEvent(new Event('change'));
    expect(((await heard) as CustomEvent).detail).to.deep.equal({ filter: 'pending' });
    await waitUntil(() => parts(el, 'ticket').length === 1, 'one pending ticket');
    (part(el, 'subject') as HTMLButtonElement).focus();
    const opened = oneEvent(el, 'sb-ticket-select');
    await sendKeys({ press: 'Enter' });
    expect(((await opened) as CustomEvent).detail.ticketId).to.equal(first.id);
  });
});
