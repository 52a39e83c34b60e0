// sb-queue-board against a remote ContactCenter (the client over msw: REST and the event socket).
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { VirtualClock } from '@switchboard/core/shared';
import './queue-board.js';
import { part, parts } from '../../fixtures/widget-fixtures.js';
import {
  disposeRemoteCenters,
  remoteContactCenter,
  stopRemoteWorker,
} from '../../fixtures/remote-center.js';
import type { SbQueueBoard } from './queue-board.component.js';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void>) => void;
declare const afterEach: (body: () => void) => void;
declare const after: (body: () => Promise<void>) => void;

const START = Date.UTC(2026, 11, 4, 9, 0, 0);

async function setup() {
  const clock = new VirtualClock(START);
  const remote = await remoteContactCenter({ clock });
  const { server } = remote;
  await server.addQueue({
    id: 'billing',
    name: 'Billing',
    requirements: [{ skill: 'billing', minProficiency: 5 }],
  });
  await server.addQueue({ id: 'sales', requirements: [] });
  await server.addAgent({ id: 'bob', skills: { billing: 3 } });
  await server.addAgent({ id: 'carol', skills: { billing: 9 } });
  await server.login('bob');
  await server.login('carol');
  await server.setPresence('carol', { presence: 'not-ready', reason: 'break' });
  await server.createInteraction({
    channel: 'chat',
    queueId: 'billing',
    customerId: 'c-1',
    attributes: { name: 'Ada' },
  });
  const el = await fixture<SbQueueBoard>(
    html`<sb-queue-board .center=${remote.center} .clock=${clock}></sb-queue-board>`,
  );
  await waitUntil(() => parts(el, 'queue').length === 2, 'queues render');
  return { clock, ...remote, el };
}

function cell(el: SbQueueBoard, queueId: string, name: string): string {
  const row = el.shadowRoot?.querySelector(`[part~="queue"][data-queue="${queueId}"]`);
  return row?.querySelector(`[part~="${name}"]`)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

async function waitFor(el: SbQueueBoard, queueId: string, count: string) {
  await waitUntil(() => cell(el, queueId, 'waiting') === count, `${count} waiting in ${queueId}`);
}

describe('sb-queue-board over a remote ContactCenter (msw)', () => {
  afterEach(() => disposeRemoteCenters());
  after(() => stopRemoteWorker());

  it('renders the queues, waiting counts and agents by state the server reports', async () => {
    const { el, clock, errors } = await setup();
    await waitFor(el, 'billing', '1');
    expect(cell(el, 'billing', 'toggle')).to.equal('Billing');
    expect(cell(el, 'billing', 'agents')).to.equal('0 available, 0 busy, 1 not ready');
    expect(cell(el, 'sales', 'agents')).to.equal('1 available, 0 busy, 1 not ready');
    clock.advance(75_000);
    await el.updateComplete;
    expect(cell(el, 'billing', 'longest-wait')).to.equal('1:15');
    expect(errors).to.deep.equal([]);
  });

  it('follows the server through the event socket: queued, answered, agents changing state', async () => {
    const { el, server } = await setup();
    await waitFor(el, 'billing', '1');
    const second = await server.createInteraction({ channel: 'voice', queueId: 'billing' });
    await waitFor(el, 'billing', '2');
    await server.abandon(second.id);
    await waitFor(el, 'billing', '1');
    await server.setPresence('carol', { presence: 'available' });
    // carol takes the waiting chat as soon as she is available.
    await waitFor(el, 'billing', '0');
    await waitUntil(
      () => cell(el, 'billing', 'agents') === '0 available, 1 busy, 0 not ready',
      'carol is busy',
    );
  });

  it('expands a queue with sb-queue-toggle, loads its rows over REST, and selects from the keyboard', async () => {
    const { el, server } = await setup();
    await waitFor(el, 'billing', '1');
    const toggle = part(el, 'toggle') as HTMLButtonElement;
    const heard = oneEvent(el, 'sb-queue-toggle');
    toggle.click();
    expect(((await heard) as CustomEvent).detail).to.deep.equal({
      queueId: 'billing',
      expanded: true,
    });
    await waitUntil(() => part(el, 'row')?.textContent?.includes('Ada'), 'the row loads');
    expect(part(el, 'row')?.textContent?.trim()).to.equal('1. Chat, Ada, waiting 0:00');
    const list = part(el, 'list') as HTMLElement;
    list.focus();
    const selected = oneEvent(el, 'sb-interaction-select');
    await sendKeys({ press: 'Enter' });
    const [waiting] = (await server.getQueue('billing')).waiting;
    expect(((await selected) as CustomEvent).detail).to.deep.equal({
      queueId: 'billing',
      interactionId: waiting,
    });
  });
});
