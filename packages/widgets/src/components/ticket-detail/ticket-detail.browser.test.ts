import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  createLocalContactCenter,
  type ContactCenter,
  type LocalContactCenter,
} from '@switchboard/core/contact-center';
import { VirtualClock } from '@switchboard/core/shared';
import type { SlaPolicy, Ticket } from '@switchboard/core/tickets';
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
import type { SbTicketDetail } from './ticket-detail.component.js';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void>) => void;
declare const afterEach: (body: () => void) => void;

const H = 3_600_000;
// Friday 4 December 2026, 10:00 in London: inside business hours.
const START = Date.UTC(2026, 11, 4, 10, 0, 0);
const hours = [{ open: '08:00', close: '20:00' }];
const policy: SlaPolicy = {
  id: 'standard',
  calendar: { timezone: 'Europe/London', weekly: { fri: hours, sat: hours } },
  targets: [{ priority: 'urgent', firstResponseMs: H }],
};
let centers: LocalContactCenter[] = [];

async function setup(subject = 'Site down', description = 'Nothing loads since 9:40.') {
  const clock = new VirtualClock(START);
  const center = createLocalContactCenter({ clock, ticketOptions: { slaPolicies: [policy] } });
  centers.push(center);
  const ticket = await center.createTicket({
    subject,
    description,
    requesterId: 'c-1',
    priority: 'urgent',
    tags: ['outage'],
  });
  await center.addTicketComment(ticket.id, {
    body: 'Still broken, please hurry.',
    author: { kind: 'customer', id: 'c-1' },
  });
  const el = await mount(center, clock, ticket);
  return { clock, center, el, ticket };
}

async function mount(center: ContactCenter, clock: VirtualClock, ticket: Ticket) {
  const el = await fixture<SbTicketDetail>(
    html`<sb-ticket-detail
      .center=${center}
      .clock=${clock}
      ticket-id=${ticket.id}
      agent-id="alice"
    ></sb-ticket-detail>`,
  );
  await waitUntil(() => part(el, 'subject'), 'the ticket renders');
  return el;
}

const field = (el: SbTicketDetail, name: string) =>
  el.shadowRoot?.querySelector(`[part~="field"][data-field="${name}"] dd`)?.textContent?.trim();
const text = (el: SbTicketDetail, name: string) => part(el, name)?.textContent?.trim();
function control<T extends HTMLElement>(el: SbTicketDetail, form: string, name: string): T {
  return part(el, form)?.querySelector(`[name="${name}"]`) as T;
}

describe('sb-ticket-detail', () => {
  afterEach(() => {
    setLocale('en');
    for (const c of centers) c.dispose();
    centers = [];
  });

  it('shows the fields, description, comments and a live SLA countdown', async () => {
    const { el, clock } = await setup();
    expect(text(el, 'subject')).to.equal('Site down');
    expect(field(el, 'status')).to.equal('New');
    expect(field(el, 'priority')).to.equal('Urgent');
    expect(field(el, 'requester')).to.equal('c-1');
    expect(field(el, 'tags')).to.equal('outage');
    expect(text(el, 'description')).to.equal('Nothing loads since 9:40.');
    expect(parts(el, 'comment').length).to.equal(1);
    expect(text(el, 'comment-body')).to.equal('Still broken, please hurry.');
    expect(text(el, 'sla')).to.equal('Due in 1:00:00');
    clock.advance(61_000);
    await waitUntil(() => text(el, 'sla') === 'Due in 58:59', 'the countdown ticks');
    clock.advance(H);
    await waitUntil(() => text(el, 'sla') === 'Breached', 'the breach shows');
    expect(part(el, 'sla')?.dataset['state']).to.equal('breached');
  });

  it('updates through a cancelable request, then the center, and follows the result', async () => {
    const { el, center, ticket } = await setup();
    control<HTMLSelectElement>(el, 'update-form', 'status').value = 'pending';
    control<HTMLInputElement>(el, 'update-form', 'tags').value = 'Outage, billing';
    // A cancelled request leaves the ticket alone.
    const cancel = (e: Event) => e.preventDefault();
    el.addEventListener('sb-request-ticket-update', cancel, { once: true });
    (part(el, 'update-form') as HTMLFormElement).requestSubmit();
    expect((await center.getTicket(ticket.id)).status).to.equal('new');
    const { version } = await center.getTicket(ticket.id);
    const heard = oneEvent(el, 'sb-request-ticket-update');
    (part(el, 'update-form') as HTMLFormElement).requestSubmit();
    const detail = ((await heard) as CustomEvent).detail;
    expect(detail).to.deep.equal({
      ticketId: ticket.id,
      change: {
        version,
        status: 'pending',
        tags: ['billing', 'outage'],
        actor: { kind: 'agent', id: 'alice' },
      },
    });
    await waitUntil(() => field(el, 'status') === 'Pending', 'the new status shows');
    expect(field(el, 'tags')).to.equal('billing, outage');
  });

  it('adds a comment from the keyboard (Ctrl+Enter) as an internal note', async () => {
    const { el, center, ticket } = await setup();
    control<HTMLSelectElement>(el, 'comment-form', 'visibility').value = 'internal';
    const body = control<HTMLTextAreaElement>(el, 'comment-form', 'body');
    body.focus();
    await sendKeys({ type: 'Called the customer back.' });
    const heard = oneEvent(el, 'sb-request-ticket-comment');
    await sendKeys({ press: 'Control+Enter' });
    expect(((await heard) as CustomEvent).detail).to.deep.equal({
      ticketId: ticket.id,
      body: 'Called the customer back.',
      visibility: 'internal',
    });
    await waitUntil(() => parts(el, 'comment').length === 2, 'the comment shows');
    const [, note] = parts(el, 'comment');
    expect(note?.dataset['visibility']).to.equal('internal');
    expect(note?.querySelector('[part~="comment-meta"]')?.textContent).to.contain('Agent alice');
    const stored = (await center.getTicket(ticket.id)).comments[1];
    expect(stored?.author).to.deep.equal({ kind: 'agent', id: 'alice' });
    expect(body.value).to.equal('');
  });

  it('reports a refused update with sb-error and an alert, and changes nothing', async () => {
    const { clock, center: local, ticket } = await setup();
    const refusing = new Proxy(local, {
      get(target, key, receiver) {
        if (key === 'updateTicket') {
          return () => Promise.reject(new Error('CONFLICT: the ticket changed meanwhile'));
        }
        const value: unknown = Reflect.get(target, key, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const el = await mount(refusing, clock, ticket);
    control<HTMLSelectElement>(el, 'update-form', 'priority').value = 'low';
    const failed = oneEvent(el, 'sb-error');
    (part(el, 'update-form') as HTMLFormElement).requestSubmit();
    expect(((await failed) as CustomEvent).detail.action).to.equal('ticket-update');
    await waitUntil(() => part(el, 'error'), 'the alert shows');
    expect(part(el, 'error')?.getAttribute('role')).to.equal('alert');
    expect(field(el, 'priority')).to.equal('Urgent');
  });

  it('switches language at runtime', async () => {
    const { el } = await setup();
    setLocale('zh-CN');
    await waitUntil(() => text(el, 'sla') === '1:00:00 后到期', 'countdown in Chinese');
    expect(field(el, 'status')).to.equal('新建');
    expect(field(el, 'priority')).to.equal('紧急');
    expect(
      el.shadowRoot?.querySelector('[part~="comment-form"] [part~="button"]')?.textContent?.trim(),
    ).to.equal('添加评论');
  });

  it('has no axe violations, light and dark', async () => {
    const { el } = await setup();
    await expectAccessible(el);
    el.theme = 'dark';
    await el.updateComplete;
    await expectAccessible(el);
  });

  it('renders hostile subjects, descriptions, comments and tags as text', async () => {
    for (const payload of XSS_PAYLOADS) {
      const { el, center, ticket } = await setup(payload, payload);
      await center.addTicketComment(ticket.id, { body: payload });
      await waitUntil(() => parts(el, 'comment').length === 2, 'the comment shows');
      expect(text(el, 'subject')).to.equal(payload.trim());
      expect(text(el, 'description')).to.equal(payload.trim());
      expect(parts(el, 'comment-body')[1]?.textContent?.trim()).to.equal(payload.trim());
      expectNoInjection(el);
      el.remove();
    }
  });

  it('unsubscribes when disconnected', async () => {
    const { clock, center: local, ticket } = await setup();
    const { center, liveEventListeners } = countingCenter(local);
    const el = await mount(center, clock, ticket);
    expect(liveEventListeners()).to.equal(1);
    el.remove();
    expect(liveEventListeners()).to.equal(0);
  });
});
