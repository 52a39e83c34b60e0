// sb-ticket-detail against a remote ContactCenter (the client over msw: REST and the event socket).
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { VirtualClock } from '@switchboard/core/shared';
import type { SlaPolicy } from '@switchboard/core/tickets';
import './ticket-detail.js';
import { part, parts } from '../../fixtures/widget-fixtures.js';
import {
  disposeRemoteCenters,
  remoteContactCenter,
  stopRemoteWorker,
} from '../../fixtures/remote-center.js';
import type { SbTicketDetail } from './ticket-detail.component.js';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void>) => void;
declare const afterEach: (body: () => void) => void;
declare const after: (body: () => Promise<void>) => void;

const H = 3_600_000;
// Friday 4 December 2026, 10:00 in London: inside business hours.
const START = Date.UTC(2026, 11, 4, 10, 0, 0);
const hours = [{ open: '08:00', close: '20:00' }];
const policy: SlaPolicy = {
  id: 'standard',
  calendar: { timezone: 'Europe/London', weekly: { fri: hours, sat: hours } },
  targets: [{ priority: 'urgent', firstResponseMs: H }],
};

async function setup() {
  const clock = new VirtualClock(START);
  const remote = await remoteContactCenter({ clock, ticketOptions: { slaPolicies: [policy] } });
  const ticket = await remote.server.createTicket({
    subject: 'Site down',
    description: 'Nothing loads since 9:40.',
    requesterId: 'c-1',
    priority: 'urgent',
    tags: ['outage'],
  });
  await remote.server.addTicketComment(ticket.id, {
    body: 'Still broken, please hurry.',
    author: { kind: 'customer', id: 'c-1' },
  });
  const el = await fixture<SbTicketDetail>(
    html`<sb-ticket-detail
      .center=${remote.center}
      .clock=${clock}
      ticket-id=${ticket.id}
      agent-id="alice"
    ></sb-ticket-detail>`,
  );
  await waitUntil(() => part(el, 'subject'), 'the ticket renders');
  return { clock, ...remote, el, ticket };
}

const field = (el: SbTicketDetail, name: string) =>
  el.shadowRoot?.querySelector(`[part~="field"][data-field="${name}"] dd`)?.textContent?.trim();
const text = (el: SbTicketDetail, name: string) => part(el, name)?.textContent?.trim();
function control<T extends HTMLElement>(el: SbTicketDetail, form: string, name: string): T {
  return part(el, form)?.querySelector(`[name="${name}"]`) as T;
}

describe('sb-ticket-detail over a remote ContactCenter (msw)', () => {
  afterEach(() => disposeRemoteCenters());
  after(() => stopRemoteWorker());

  it('renders the ticket the server holds, with a live SLA countdown', async () => {
    const { el, clock, errors } = await setup();
    await waitUntil(() => parts(el, 'comment').length === 1, 'the comment shows');
    expect(text(el, 'subject')).to.equal('Site down');
    expect(field(el, 'status')).to.equal('New');
    expect(field(el, 'priority')).to.equal('Urgent');
    expect(field(el, 'tags')).to.equal('outage');
    expect(text(el, 'description')).to.equal('Nothing loads since 9:40.');
    expect(text(el, 'comment-body')).to.equal('Still broken, please hurry.');
    expect(text(el, 'sla')).to.equal('Due in 1:00:00');
    clock.advance(61_000);
    await waitUntil(() => text(el, 'sla') === 'Due in 58:59', 'the countdown ticks');
    expect(errors).to.deep.equal([]);
  });

  it('updates the ticket on the server after sb-request-ticket-update', async () => {
    const { el, server, ticket } = await setup();
    const { version } = await server.getTicket(ticket.id);
    control<HTMLSelectElement>(el, 'update-form', 'status').value = 'pending';
    control<HTMLInputElement>(el, 'update-form', 'tags').value = 'Outage, billing';
    const heard = oneEvent(el, 'sb-request-ticket-update');
    (part(el, 'update-form') as HTMLFormElement).requestSubmit();
    expect(((await heard) as CustomEvent).detail).to.deep.equal({
      ticketId: ticket.id,
      change: {
        version,
        status: 'pending',
        tags: ['billing', 'outage'],
        actor: { kind: 'agent', id: 'alice' },
      },
    });
    await waitUntil(() => field(el, 'status') === 'Pending', 'the new status shows');
    const stored = await server.getTicket(ticket.id);
    expect([stored.status, stored.tags]).to.deep.equal(['pending', ['billing', 'outage']]);
  });

  it('adds a comment on the server from the keyboard, and follows comments made there', async () => {
    const { el, server, ticket } = await setup();
    await waitUntil(() => parts(el, 'comment').length === 1, 'the comment shows');
    const body = control<HTMLTextAreaElement>(el, 'comment-form', 'body');
    body.focus();
    await sendKeys({ type: 'Called the customer back.' });
    const heard = oneEvent(el, 'sb-request-ticket-comment');
    await sendKeys({ press: 'Control+Enter' });
    await heard;
    await waitUntil(() => parts(el, 'comment').length === 2, 'the comment shows');
    // The body reaches the server; the author is the token's subject there (the client does not
    // send one, and the mock simulates no authentication).
    expect((await server.getTicket(ticket.id)).comments[1]?.body).to.equal(
      'Called the customer back.',
    );
    // Another agent comments on the server: the socket brings it.
    await server.addTicketComment(ticket.id, { body: 'Escalated to ops.' });
    await waitUntil(() => parts(el, 'comment').length === 3, 'the server comment shows');
    expect(parts(el, 'comment-body')[2]?.textContent?.trim()).to.equal('Escalated to ops.');
  });

  it('reports a stale update (the ticket changed on the server) as sb-error with the code', async () => {
    const { el, server, ticket } = await setup();
    await waitUntil(() => field(el, 'priority') === 'Urgent', 'loaded');
    const { version } = await server.getTicket(ticket.id);
    // Another agent's change lands on the server between the request and the element's command.
    el.addEventListener(
      'sb-request-ticket-update',
      () => void server.updateTicket(ticket.id, { version, priority: 'high' }),
      { once: true, capture: true },
    );
    control<HTMLSelectElement>(el, 'update-form', 'priority').value = 'low';
    const failed = oneEvent(el, 'sb-error');
    (part(el, 'update-form') as HTMLFormElement).requestSubmit();
    const detail = ((await failed) as CustomEvent<{ action: string; error: { code: string } }>)
      .detail;
    expect(detail.action).to.equal('ticket-update');
    expect(detail.error.code).to.equal('CONFLICT');
    await waitUntil(() => part(el, 'error'), 'the alert shows');
    expect((await server.getTicket(ticket.id)).priority).to.equal('high');
  });
});
