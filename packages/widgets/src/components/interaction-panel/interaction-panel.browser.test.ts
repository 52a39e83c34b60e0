import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  createLocalContactCenter,
  type LocalContactCenter,
} from '@switchboard/core/contact-center';
import '../../define.js';
import { setLocale } from '../../i18n/locale.js';
import {
  XSS_PAYLOADS,
  countingCenter,
  expectAccessible,
  expectNoInjection,
  part,
} from '../../fixtures/widget-fixtures.js';
import type { SbInteractionPanel } from './interaction-panel.component.js';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void>) => void;
declare const afterEach: (body: () => void) => void;

let centers: LocalContactCenter[] = [];

async function setup() {
  const center = createLocalContactCenter({ routingOptions: { wrapUpMs: 600_000 } });
  centers.push(center);
  await center.addQueue({ id: 'support', requirements: [] });
  await center.addAgent({ id: 'alice', skills: {} });
  await center.login('alice');
  const el = await fixture<SbInteractionPanel>(
    html`<sb-interaction-panel agent-id="alice" .center=${center}></sb-interaction-panel>`,
  );
  await waitUntil(() => part(el, 'message')?.textContent === 'No interaction in hand.', 'empty');
  return { center, el };
}

const heading = (el: SbInteractionPanel) => part(el, 'heading')?.textContent?.trim();
const action = (el: SbInteractionPanel, name: string) =>
  el.shadowRoot?.querySelector<HTMLButtonElement>(`[data-action="${name}"]`) ?? null;

describe('sb-interaction-panel', () => {
  afterEach(() => {
    setLocale('en');
    for (const c of centers) c.dispose();
    centers = [];
  });

  it('shows an offer with its customer, moves focus to Accept, and accepts it', async () => {
    const { center, el } = await setup();
    const ix = await center.createInteraction({
      channel: 'voice',
      queueId: 'support',
      customerId: 'c-42',
      attributes: { name: 'Ada Lovelace', account: 'A-1' },
    });
    await waitUntil(() => heading(el) === 'Call: Offered', 'the offer shows');
    expect(part(el, 'heading')?.getAttribute('role')).to.equal('status');
    expect(part(el, 'customer')?.textContent).to.contain('Ada Lovelace');
    expect(part(el, 'customer')?.textContent).to.contain('A-1');
    expect(el.shadowRoot?.activeElement).to.equal(action(el, 'accept'));
    const heard = oneEvent(el, 'sb-request-accept');
    await sendKeys({ press: 'Enter' });
    const event = (await heard) as CustomEvent;
    expect(event.cancelable && event.bubbles && event.composed).to.equal(true);
    expect(event.detail).to.deep.equal({ interactionId: ix.id, action: 'accept' });
    await waitUntil(() => heading(el) === 'Call: Connected', 'connected');
    expect(part(el, 'timeline')?.textContent).to.contain('Connected');
  });

  it('holds, resumes and ends from the keyboard, then records the wrap-up', async () => {
    const { center, el } = await setup();
    const ix = await center.createInteraction({ channel: 'chat', queueId: 'support' });
    await center.acceptOffer(ix.id);
    await waitUntil(() => heading(el) === 'Chat: Connected', 'connected');
    action(el, 'hold')?.focus();
    await sendKeys({ press: 'Space' });
    await waitUntil(() => heading(el) === 'Chat: On hold', 'held');
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
    const done = await center.getInteraction(ix.id);
    expect([done.disposition, done.notes]).to.deep.equal(['escalated', 'Refund promised']);
  });

  it('leaves the center alone when a request is cancelled, and reports refusals as sb-error', async () => {
    const { center, el } = await setup();
    const ix = await center.createInteraction({ channel: 'chat', queueId: 'support' });
    await waitUntil(() => action(el, 'reject'), 'the offer shows');
    el.addEventListener('sb-request-reject', (e) => e.preventDefault(), { once: true });
    action(el, 'reject')?.click();
    await el.updateComplete;
    expect((await center.getInteraction(ix.id)).status).to.equal('offered');
    await center.rejectOffer(ix.id); // behind the panel's back: its Accept is now stale
    const failed = oneEvent(el, 'sb-error');
    action(el, 'accept')?.click();
    const error = (await failed) as CustomEvent<{ action: string; error: { code: string } }>;
    expect(error.detail.action).to.equal('accept');
    expect(error.detail.error.code).to.be.a('string');
  });

  it('switches language at runtime', async () => {
    const { center, el } = await setup();
    await center.createInteraction({ channel: 'voice', queueId: 'support' });
    await waitUntil(() => heading(el) === 'Call: Offered', 'the offer shows');
    setLocale('zh-CN');
    await waitUntil(() => heading(el) === '电话：待接听', 'heading in Chinese');
    expect(action(el, 'accept')?.textContent?.trim()).to.equal('接听');
  });

  it('has no axe violations (offer, wrap-up form, dark)', async () => {
    const { center, el } = await setup();
    const ix = await center.createInteraction({
      channel: 'voice',
      queueId: 'support',
      attributes: { name: 'Ada' },
    });
    await waitUntil(() => action(el, 'accept'), 'the offer shows');
    await expectAccessible(el);
    await center.acceptOffer(ix.id);
    await center.end(ix.id);
    el.theme = 'dark';
    await waitUntil(() => part(el, 'wrap-up'), 'the wrap-up form shows');
    await expectAccessible(el);
  });

  it('renders hostile customer data as text in every slot', async () => {
    const { center, el } = await setup();
    const attributes = Object.fromEntries(XSS_PAYLOADS.map((p, i) => [`k${i}${p}`, p]));
    await center.createInteraction({
      channel: 'chat',
      queueId: 'support',
      customerId: XSS_PAYLOADS[1] as string,
      attributes: { ...attributes, name: XSS_PAYLOADS[0] as string },
    });
    await waitUntil(() => action(el, 'accept'), 'the offer shows');
    const text = part(el, 'customer')?.textContent ?? '';
    for (const payload of XSS_PAYLOADS) expect(text).to.contain(payload);
    el.dispositions = [...XSS_PAYLOADS];
    expectNoInjection(el);
  });

  it('unsubscribes when disconnected', async () => {
    const { center: local } = await setup();
    const { center, liveEventListeners } = countingCenter(local);
    const el = await fixture<SbInteractionPanel>(
      html`<sb-interaction-panel agent-id="alice" .center=${center}></sb-interaction-panel>`,
    );
    await waitUntil(() => part(el, 'message')?.textContent === 'No interaction in hand.', 'empty');
    expect(liveEventListeners()).to.equal(1);
    el.remove();
    expect(liveEventListeners()).to.equal(0);
  });
});
