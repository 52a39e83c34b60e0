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
  expectNoInjection,
  part,
  parts,
} from '../../fixtures/widget-fixtures.js';
import type { SbQueueBoard } from './queue-board.component.js';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void>) => void;
declare const afterEach: (body: () => void) => void;

const START = Date.UTC(2026, 11, 4, 9, 0, 0);
let centers: LocalContactCenter[] = [];

async function center(queueName = 'Billing') {
  const clock = new VirtualClock(START);
  const c = createLocalContactCenter({ clock });
  centers.push(c);
  await c.addQueue({
    id: 'billing',
    name: queueName,
    requirements: [{ skill: 'billing', minProficiency: 5 }],
  });
  await c.addQueue({ id: 'sales', requirements: [] });
  // Nobody qualifies: what is queued here stays waiting.
  await c.addQueue({ id: 'backlog', requirements: [{ skill: 'archive', minProficiency: 1 }] });
  await c.addAgent({ id: 'alice', skills: { billing: 7 } });
  await c.addAgent({ id: 'bob', skills: { billing: 3 } });
  await c.addAgent({ id: 'carol', skills: { billing: 9 } });
  await c.login('bob');
  await c.login('carol');
  await c.setPresence('carol', { presence: 'not-ready', reason: 'break' });
  return { clock, center: c };
}

async function board(
  c: ReturnType<typeof countingCenter>['center'] | LocalContactCenter,
  clock: VirtualClock,
) {
  const el = await fixture<SbQueueBoard>(
    html`<sb-queue-board .center=${c} .clock=${clock}></sb-queue-board>`,
  );
  await waitUntil(() => parts(el, 'queue').length > 0, 'queues render');
  return el;
}

function cell(el: SbQueueBoard, queueId: string, name: string): string {
  const row = el.shadowRoot?.querySelector(`[part~="queue"][data-queue="${queueId}"]`);
  return row?.querySelector(`[part~="${name}"]`)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

async function waitFor(el: SbQueueBoard, queueId: string, count: string) {
  await waitUntil(() => cell(el, queueId, 'waiting') === count, `${count} waiting in ${queueId}`);
}

describe('sb-queue-board', () => {
  afterEach(() => {
    setLocale('en');
    for (const c of centers) c.dispose();
    centers = [];
  });

  it('shows per queue the waiting count, longest wait, service level and qualified agents by state', async () => {
    const { center: c, clock } = await center();
    await c.createInteraction({ channel: 'voice', queueId: 'billing' });
    await c.createInteraction({ channel: 'chat', queueId: 'billing' });
    const el = await board(c, clock);
    await waitFor(el, 'billing', '2');
    expect(cell(el, 'billing', 'toggle')).to.equal('Billing');
    // bob lacks the skill; carol qualifies but is on a break; alice is logged out.
    expect(cell(el, 'billing', 'agents')).to.equal('0 available, 0 busy, 1 not ready');
    expect(cell(el, 'sales', 'agents')).to.equal('1 available, 0 busy, 1 not ready');
    expect(cell(el, 'billing', 'service-level')).to.equal('—');
    clock.advance(75_000);
    await el.updateComplete;
    expect(cell(el, 'billing', 'longest-wait')).to.equal('1:15');
    expect(cell(el, 'sales', 'waiting')).to.equal('0');
  });

  it('expands a queue to its waiting interactions and says so with sb-queue-toggle', async () => {
    const { center: c, clock } = await center();
    await c.createInteraction({
      channel: 'chat',
      queueId: 'billing',
      customerId: 'c-1',
      attributes: { name: 'Ada' },
    });
    const el = await board(c, clock);
    await waitFor(el, 'billing', '1');
    const toggle = part(el, 'toggle') as HTMLButtonElement;
    const heard = oneEvent(el, 'sb-queue-toggle');
    toggle.click();
    const event = (await heard) as CustomEvent;
    expect(event.detail).to.deep.equal({ queueId: 'billing', expanded: true });
    expect(event.bubbles && event.composed).to.equal(true);
    expect(el.getAttribute('expanded')).to.equal('billing');
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    await waitUntil(() => part(el, 'row')?.textContent?.includes('Ada'), 'the row loads');
    expect(part(el, 'row')?.textContent?.trim()).to.equal('1. Chat, Ada, waiting 0:00');
  });

  it('renders 10,000 waiting rows virtually and walks them from the keyboard', async () => {
    const { center: c, clock } = await center();
    await Promise.all(
      Array.from({ length: 10_000 }, (_, i) =>
        c.createInteraction({ channel: 'voice', queueId: 'backlog', customerId: `cust-${i}` }),
      ),
    );
    const el = await board(c, clock);
    await waitFor(el, 'backlog', '10,000');
    el.expanded = 'backlog';
    await waitUntil(() => part(el, 'list'), 'the list opens');
    const list = part(el, 'list') as HTMLElement;
    expect(parts(el, 'row').length).to.be.lessThan(60);
    expect(part(el, 'row')?.getAttribute('aria-setsize')).to.equal('10000');
    list.focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(list.getAttribute('aria-activedescendant')).to.equal('row-1');
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    expect(list.getAttribute('aria-activedescendant')).to.equal('row-9999');
    const last = el.shadowRoot?.getElementById('row-9999');
    expect(last?.getAttribute('aria-selected')).to.equal('true');
    await waitUntil(() => last?.textContent?.includes('cust-9999'), 'the last row loads');
    expect(parts(el, 'row').length).to.be.lessThan(60);
    await sendKeys({ press: 'Home' });
    expect(list.getAttribute('aria-activedescendant')).to.equal('row-0');
    await sendKeys({ press: 'ArrowDown' });
    const waiting = (await c.getQueue('backlog')).waiting;
    const selected = oneEvent(el, 'sb-interaction-select');
    await sendKeys({ press: 'Enter' });
    expect(((await selected) as CustomEvent).detail).to.deep.equal({
      queueId: 'backlog',
      interactionId: waiting[1],
    });
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(part(el, 'list')).to.equal(null);
    expect(el.shadowRoot?.activeElement?.getAttribute('part')).to.equal('toggle');
  });

  it('renders the rows a taller list shows when its height changes', async () => {
    const { center: c, clock } = await center();
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        c.createInteraction({ channel: 'voice', queueId: 'backlog', customerId: `cust-${i}` }),
      ),
    );
    const el = await board(c, clock);
    await waitFor(el, 'backlog', '200');
    el.expanded = 'backlog';
    await waitUntil(() => part(el, 'list'), 'the list opens');
    const before = parts(el, 'row').length;
    expect(before).to.be.lessThan(20);
    el.style.setProperty('--sb-queue-board-list-height', '960px');
    // 960 px of 32 px rows: 30 in view, plus one partly shown and the overscan.
    await waitUntil(() => parts(el, 'row').length > before + 15, 'rows for the taller list');
    const rows = parts(el, 'row');
    expect(rows[rows.length - 1]?.getAttribute('aria-posinset')).to.equal(String(rows.length));
  });

  it('reads the center once per batch, however many events arrive at once', async () => {
    const { center: local, clock } = await center();
    const { center: counted, calls } = countingCenter(local);
    const el = await board(counted, clock);
    const before = calls.get('listQueues') ?? 0;
    await Promise.all(
      Array.from({ length: 1000 }, () =>
        local.createInteraction({ channel: 'chat', queueId: 'backlog' }),
      ),
    );
    await waitFor(el, 'backlog', '1,000');
    // One read waits for its turn and the frame while the burst lands; at most one more follows.
    expect((calls.get('listQueues') ?? 0) - before).to.be.at.most(2);
  });

  it('unsubscribes when disconnected', async () => {
    const { center: local, clock } = await center();
    const { center: counted, liveEventListeners } = countingCenter(local);
    const el = await board(counted, clock);
    expect(liveEventListeners()).to.equal(1);
    el.remove();
    expect(liveEventListeners()).to.equal(0);
  });

  it('switches language at runtime (numbers and durations through Intl)', async () => {
    const { center: c, clock } = await center();
    await c.createInteraction({ channel: 'chat', queueId: 'billing' });
    const el = await board(c, clock);
    await waitFor(el, 'billing', '1');
    setLocale('zh-CN');
    await waitUntil(
      () => el.shadowRoot?.querySelector('th')?.textContent === '队列',
      'headers in Chinese',
    );
    expect(cell(el, 'billing', 'agents')).to.equal('0 空闲，0 忙碌，1 未就绪');
  });

  it('has no axe violations, collapsed and expanded, light and dark', async () => {
    const { center: c, clock } = await center();
    for (let i = 0; i < 30; i++)
      await c.createInteraction({ channel: 'voice', queueId: 'backlog' });
    const el = await board(c, clock);
    await waitFor(el, 'backlog', '30');
    await expectAccessible(el);
    el.expanded = 'backlog';
    el.theme = 'dark';
    await waitUntil(() => part(el, 'row'), 'rows render');
    await expectAccessible(el);
  });

  it('renders hostile queue names and customer data as text', async () => {
    const { center: c, clock } = await center(XSS_PAYLOADS[0]);
    for (const [i, payload] of XSS_PAYLOADS.entries()) {
      await c.addQueue({
        id: `q${i}`,
        name: payload,
        requirements: [{ skill: 'archive', minProficiency: 1 }],
      });
      await c.createInteraction({
        channel: 'chat',
        queueId: `q${i}`,
        customerId: payload,
        attributes: { name: payload },
      });
    }
    const el = await board(c, clock);
    await waitFor(el, 'q0', '1');
    for (const [i, payload] of XSS_PAYLOADS.entries()) {
      expect(cell(el, `q${i}`, 'toggle')).to.equal(payload.replace(/\s+/g, ' ').trim());
      el.expanded = `q${i}`;
      await waitUntil(
        () => part(el, 'row')?.textContent?.includes(payload),
        'the hostile row renders',
      );
      expectNoInjection(el);
    }
  });
});
