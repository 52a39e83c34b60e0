// sb-interaction-panel against a remote ContactCenter (the client over msw: REST and the event
// socket).
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './interaction-panel.js';
import { part } from '../../fixtures/widget-fixtures.js';
import {
  disposeRemoteCenters,
  remoteContactCenter,
  stopRemoteWorker,
} from '../../fixtures/remote-center.js';
import type { SbInteractionPanel } from './interaction-panel.component.js';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void>) => void;
declare const afterEach: (body: () => void) => void;
declare const after: (body: () => Promise<void>) => void;

async function setup() {
  const remote = await remoteContactCenter({ routingOptions: { wrapUpMs: 600_000 } });
  const { server } = remote;
  await server.addQueue({ id: 'support', requirements: [] });
  await server.addAgent({ id: 'alice', skills: {} });
  await server.login('alice');
  const el = await fixture<SbInteractionPanel>(
    html`<sb-interaction-panel agent-id="alice" .center=${remote.center}></sb-interaction-panel>`,
  );
  await waitUntil(() => part(el, 'message')?.textContent === 'No interaction in hand.', 'empty');
  return { ...remote, el };
}

const heading = (el: SbInteractionPanel) => part(el, 'heading')?.textContent?.trim();
const action = (el: SbInteractionPanel, name: string) =>
  el.shadowRoot?.querySelector<HTMLButtonElement>(`[data-action="${name}"]`) ?? null;

describe('sb-interaction-panel over a remote ContactCenter (msw)', () => {
  afterEach(() => disposeRemoteCenters());
  after(() => stopRemoteWorker());

  it('shows an offer the server made, with its customer, and accepts it from the keyboard', async () => {
    const { server, el, errors } = await setup();
    const ix = await server.createInteraction({
      channel: 'voice',
      queueId: 'support',
      customerId: 'c-42',
      attributes: { name: 'Ada Lovelace', account: 'A-1' },
    });
    await waitUntil(() => heading(el) === 'Call: Offered', 'the offer shows');
    expect(part(el, 'customer')?.textContent).to.contain('Ada Lovelace');
    expect(part(el, 'customer')?.textContent).to.contain('A-1');
    await waitUntil(() => el.shadowRoot?.activeElement === action(el, 'accept'), 'focus on Accept');
    const heard = oneEvent(el, 'sb-request-accept');
    await sendKeys({ press: 'Enter' });
    expect(((await heard) as CustomEvent).detail).to.deep.equal({
      interactionId: ix.id,
      action: 'accept',
    });
    await waitUntil(() => heading(el) === 'Call: Connected', 'connected');
    expect((await server.getInteraction(ix.id)).status).to.equal('connected');
    expect(part(el, 'timeline')?.textContent).to.contain('Connected');
    expect(errors).to.deep.equal([]);
  });

  it('holds, resumes and ends on the server, then records the wrap-up there', async () => {
    const { server, el } = await setup();
    const ix = await server.createInteraction({ channel: 'chat', queueId: 'support' });
    await server.acceptOffer(ix.id);
    await waitUntil(() => heading(el) === 'Chat: Connected', 'connected');
    action(el, 'hold')?.click();
    await waitUntil(() => heading(el) === 'Chat: On hold', 'held');
    expect((await server.getInteraction(ix.id)).status).to.equal('held');
    action(el, 'resume')?.click();
    await waitUntil(() => heading(el) === 'Chat: Connected', 'resumed');
    action(el, 'end')?.click();
    await waitUntil(() => part(el, 'wrap-up'), 'the wrap-up form shows');
    (part(el, 'disposition') as HTMLSelectElement).value = 'escalated';
    const notes = part(el, 'notes') as HTMLTextAreaElement;
    notes.focus();
    await sendKeys({ type: 'Refund promised' });
    const heard = oneEvent(el, 'sb-request-wrap-up');
    await sendKeys({ press: 'Control+Enter' });
    expect(((await heard) as CustomEvent).detail).to.deep.equal({
      interactionId: ix.id,
      action: 'wrap-up',
      disposition: 'escalated',
      notes: 'Refund promised',
    });
    await waitUntil(() => part(el, 'message'), 'nothing left in hand');
    const done = await server.getInteraction(ix.id);
    expect([done.disposition, done.notes]).to.deep.equal(['escalated', 'Refund promised']);
  });

  it('reports the server refusing a stale Accept as sb-error, and leaves it alone when cancelled', async () => {
    const { server, el } = await setup();
    const ix = await server.createInteraction({ channel: 'chat', queueId: 'support' });
    await waitUntil(() => action(el, 'reject'), 'the offer shows');
    el.addEventListener('sb-request-reject', (e) => e.preventDefault(), { once: true });
    action(el, 'reject')?.click();
    await el.updateComplete;
    expect((await server.getInteraction(ix.id)).status).to.equal('offered');
    await server.rejectOffer(ix.id); // on the server: the panel's Accept is now stale
    const failed = oneEvent(el, 'sb-error');
    action(el, 'accept')?.click();
    const error = (await failed) as CustomEvent<{ action: string; error: { code: string } }>;
    expect(error.detail.action).to.equal('accept');
    expect(error.detail.error.code).to.be.oneOf(['INVALID_TRANSITION', 'CONFLICT', 'NOT_FOUND']);
  });
});
