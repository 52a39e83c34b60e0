import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { nothing } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import {
  createLocalContactCenter,
  type ContactCenter,
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
import type { SbChat } from './chat.component.js';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void>) => void;
declare const afterEach: (body: () => void) => void;

const START = Date.UTC(2026, 11, 4, 10, 0, 0);
let centers: LocalContactCenter[] = [];

async function setup(options: { accept?: boolean; name?: string } = {}) {
  const clock = new VirtualClock(START);
  const center = createLocalContactCenter({ clock, routingOptions: { wrapUpMs: 600_000 } });
  centers.push(center);
  await center.addQueue({ id: 'support', requirements: [] });
  await center.addAgent({ id: 'alice', skills: {} });
  await center.login('alice');
  const ix = await center.createInteraction({
    channel: 'chat',
    queueId: 'support',
    attributes: { name: options.name ?? 'Ada Lovelace' },
  });
  if (options.accept !== false) await center.acceptOffer(ix.id);
  await center.addTranscriptMessage(ix.id, { from: 'customer', text: 'Hello, my parcel is late' });
  return { center, clock, ix };
}

/** Mounts the element on the chat; `refreshMs` turns the opt-in polling on. */
async function mount(
  center: ContactCenter,
  clock: VirtualClock,
  interactionId: string,
  refreshMs?: number,
) {
  const el = await fixture<SbChat>(
    html`<sb-chat
      agent-id="alice"
      interaction-id=${interactionId}
      refresh-ms=${refreshMs ?? nothing}
      .clock=${clock}
      .center=${center}
    ></sb-chat>`,
  );
  await waitUntil(() => parts(el, 'message').length > 0, 'the transcript shows');
  return el;
}

/**
 * Counts the calls of each method of `center`; `drop(type)` keeps events of that type from the
 * element's subscriptions until `drop(undefined)`.
 */
function callCounter(center: LocalContactCenter) {
  const counts = new Map<PropertyKey, number>();
  let dropped: string | undefined;
  const proxy: ContactCenter = new Proxy(center, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        counts.set(key, (counts.get(key) ?? 0) + 1);
        if (key === 'subscribeEvents') {
          const [listener, options] = args as Parameters<ContactCenter['subscribeEvents']>;
          return target.subscribeEvents((e) => {
            if (e.event.type !== dropped) listener(e);
          }, options);
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return {
    center: proxy,
    calls: (key: keyof ContactCenter) => counts.get(key) ?? 0,
    drop: (type: string | undefined) => (dropped = type),
  };
}

const texts = (el: SbChat) => parts(el, 'text').map((t) => t.textContent);
const input = (el: SbChat) => part(el, 'input') as HTMLTextAreaElement;

describe('sb-chat', () => {
  afterEach(() => {
    setLocale('en');
    for (const c of centers) c.dispose();
    centers = [];
  });

  it('shows the transcript and new customer messages as they are written', async () => {
    const { center, clock, ix } = await setup();
    const el = await mount(center, clock, ix.id);
    expect(part(el, 'title')?.textContent).to.equal('Chat with Ada Lovelace');
    expect(part(el, 'transcript')?.getAttribute('role')).to.equal('log');
    expect(texts(el)).to.deep.equal(['Hello, my parcel is late']);
    expect(part(el, 'author')?.textContent).to.equal('Ada Lovelace');
    const heard = oneEvent(el, 'sb-message');
    await center.addTranscriptMessage(ix.id, { from: 'customer', text: 'Order 42' });
    const event = (await heard) as CustomEvent<{ message: { text: string } }>;
    expect(event.detail.message.text).to.equal('Order 42');
    await waitUntil(() => texts(el).length === 2, 'the new message shows');
    expect(parts(el, 'message').at(-1)?.dataset['from']).to.equal('customer');
  });

  it('sends with Enter, keeps Shift+Enter as a new line, and stores the message', async () => {
    const { center, clock, ix } = await setup();
    const el = await mount(center, clock, ix.id);
    input(el).focus();
    const typing = oneEvent(el, 'sb-typing');
    await sendKeys({ type: 'Sorry about that.' });
    expect(((await typing) as CustomEvent<{ typing: boolean }>).detail.typing).to.equal(true);
    await sendKeys({ press: 'Shift+Enter' });
    await sendKeys({ type: 'Let me look.' });
    expect(input(el).value).to.equal('Sorry about that.\nLet me look.');
    const request = oneEvent(el, 'sb-request-send');
    await sendKeys({ press: 'Enter' });
    const event = (await request) as CustomEvent;
    expect(event.cancelable && event.bubbles && event.composed).to.equal(true);
    expect(event.detail).to.deep.equal({
      interactionId: ix.id,
      text: 'Sorry about that.\nLet me look.',
    });
    await waitUntil(() => texts(el).length === 2, 'the sent message shows');
    expect(input(el).value).to.equal('');
    expect(parts(el, 'message-own')).to.have.length(1);
    expect(part(el, 'message-own')?.querySelector('[part~="author"]')?.textContent).to.equal('You');
    const stored = await center.getTranscript(ix.id);
    expect(stored.messages.at(-1)).to.include({
      from: 'agent',
      agentId: 'alice',
      text: 'Sorry about that.\nLet me look.',
    });
  });

  it('leaves the center alone when the send is cancelled, and bounds the length', async () => {
    const { center, clock, ix } = await setup();
    const el = await mount(center, clock, ix.id);
    el.maxLength = 10;
    await el.updateComplete;
    expect(input(el).maxLength).to.equal(10);
    input(el).focus();
    await sendKeys({ type: 'abcdefghijklmnop' });
    expect(input(el).value).to.equal('abcdefghij');
    expect(part(el, 'counter')?.textContent).to.contain('10 / 10');
    el.addEventListener('sb-request-send', (e) => e.preventDefault(), { once: true });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect((await center.getTranscript(ix.id)).messages).to.have.length(1);
    expect(input(el).value).to.equal('abcdefghij');
    el.maxLength = 1e9;
    await el.updateComplete;
    expect(input(el).maxLength).to.equal(10_000);
  });

  it('reports a refused send as sb-error and an alert, keeping the text', async () => {
    const { center, clock, ix } = await setup();
    const refusing: ContactCenter = new Proxy(center, {
      get(target, key, receiver) {
        if (key === 'addTranscriptMessage') {
          return () => Promise.reject(new Error('refused'));
        }
        const value: unknown = Reflect.get(target, key, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const el = await mount(refusing, clock, ix.id);
    input(el).focus();
    await sendKeys({ type: 'Hi' });
    const failed = oneEvent(el, 'sb-error');
    part(el, 'send')?.click();
    expect(((await failed) as CustomEvent<{ action: string }>).detail.action).to.equal('send');
    await waitUntil(() => part(el, 'error'), 'the failure shows');
    expect(part(el, 'error')?.getAttribute('role')).to.equal('alert');
    expect(input(el).value).to.equal('Hi');
  });

  it('closes the composer before the offer is accepted and after the chat ends', async () => {
    const { center, clock, ix } = await setup({ accept: false });
    const el = await mount(center, clock, ix.id);
    expect(input(el).disabled).to.equal(true);
    expect(part(el, 'status')?.textContent).to.equal('Accept the chat to reply.');
    await center.acceptOffer(ix.id);
    await waitUntil(() => !input(el).disabled, 'the composer opens on accept (an event)');
    el.customerTyping = true;
    await waitUntil(() => part(el, 'typing')?.textContent?.trim() === 'Ada Lovelace is typing…');
    await center.end(ix.id);
    await waitUntil(() => input(el).disabled, 'the composer closes on end');
    expect(part(el, 'status')?.textContent).to.equal('This chat has ended.');
    expect(part(el, 'typing')?.textContent?.trim()).to.equal('');
  });

  it('appends a message the customer writes from its event: no timer, no second read', async () => {
    const { center, ix } = await setup();
    // The element's own clock: the center's routing timers run on the other one.
    const clock = new VirtualClock(START);
    const { center: counted, calls } = callCounter(center);
    const el = await mount(counted, clock, ix.id);
    expect(el.refreshMs).to.equal(0);
    expect(clock.pendingTimers).to.equal(0);
    const reads = calls('getTranscript');
    const heard = oneEvent(el, 'sb-message');
    await center.addTranscriptMessage(ix.id, { from: 'customer', text: 'Are you there?' });
    const event = (await heard) as CustomEvent<{ message: { text: string } }>;
    expect(event.detail.message.text).to.equal('Are you there?');
    await waitUntil(() => texts(el).length === 2, 'the new message shows');
    expect(calls('getTranscript')).to.equal(reads);
    expect(clock.pendingTimers).to.equal(0);
  });

  it('reads again when a message event skips a seq it has not shown', async () => {
    const { center, ix } = await setup();
    const clock = new VirtualClock(START);
    const { center: counted, calls, drop } = callCounter(center);
    const el = await mount(counted, clock, ix.id);
    drop('transcript-message-added'); // the next message's event never reaches the element
    await center.addTranscriptMessage(ix.id, { from: 'customer', text: 'Lost' });
    drop(undefined);
    const reads = calls('getTranscript');
    await center.addTranscriptMessage(ix.id, { from: 'customer', text: 'Found' });
    await waitUntil(() => texts(el).length === 3, 'both messages show');
    expect(texts(el).slice(1)).to.deep.equal(['Lost', 'Found']);
    expect(calls('getTranscript')).to.equal(reads + 1);
  });

  it('shows a reconnecting notice while the center is unreachable and catches up after', async () => {
    const { center, clock, ix } = await setup();
    let down = false;
    const flaky: ContactCenter = new Proxy(center, {
      get(target, key, receiver) {
        const value: unknown = Reflect.get(target, key, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) =>
          down && key !== 'subscribeEvents'
            ? Promise.reject(new TypeError('Failed to fetch'))
            : (value as (...a: unknown[]) => unknown).apply(target, args);
      },
    });
    const el = await mount(flaky, clock, ix.id, 1000); // polling detects the loss
    down = true;
    const lost = oneEvent(el, 'sb-connection');
    clock.advance(1000);
    expect(((await lost) as CustomEvent<{ state: string }>).detail.state).to.equal('reconnecting');
    await waitUntil(() => part(el, 'connection'), 'the notice shows');
    await center.addTranscriptMessage(ix.id, { from: 'customer', text: 'Still there?' });
    down = false;
    const back = oneEvent(el, 'sb-connection');
    // The retries back off (up to 8 periods); the reads the message's event started settle first.
    await waitUntil(() => {
      clock.advance(1000);
      return !part(el, 'connection');
    }, 'the retry reaches the center');
    expect(((await back) as CustomEvent<{ state: string }>).detail.state).to.equal('live');
    await waitUntil(() => !part(el, 'connection') && texts(el).length === 2, 'caught up');
  });

  it("follows the agent's chat in hand when no interaction-id is set", async () => {
    const { center, clock, ix } = await setup();
    const el = await fixture<SbChat>(
      html`<sb-chat agent-id="alice" .clock=${clock} .center=${center}></sb-chat>`,
    );
    await waitUntil(() => texts(el).includes('Hello, my parcel is late'), 'the chat in hand');
    await center.end(ix.id);
    await center.wrapUp(ix.id);
    await waitUntil(() => part(el, 'status')?.textContent === 'No chat selected.', 'none left');
    const next = await center.createInteraction({ channel: 'chat', queueId: 'support' });
    await center.acceptOffer(next.id);
    await center.addTranscriptMessage(next.id, { from: 'customer', text: 'Second customer' });
    await waitUntil(() => texts(el).includes('Second customer'), 'the next chat');
  });

  it('reports an unknown chat once as sb-error and says so', async () => {
    const { center, clock } = await setup();
    let errors = 0;
    const el = await fixture<SbChat>(
      html`<sb-chat
        interaction-id="nope"
        refresh-ms="1000"
        .clock=${clock}
        .center=${center}
        @sb-error=${() => errors++}
      ></sb-chat>`,
    );
    await waitUntil(() => part(el, 'status')?.textContent === 'This chat could not be found.');
    clock.advance(10_000); // a follower still polling would read (and be refused) again here
    await new Promise((drained) => setTimeout(drained, 0)); // the refused reads' promises settle
    expect(errors).to.equal(1);
  });

  it('switches language at runtime (zh-CN)', async () => {
    const { center, clock, ix } = await setup({ name: '李雷' });
    const el = await mount(center, clock, ix.id);
    setLocale('zh-CN');
    await waitUntil(() => part(el, 'title')?.textContent === '与 李雷 聊天', 'heading in Chinese');
    expect(part(el, 'send')?.textContent?.trim()).to.equal('发送');
    expect(input(el).getAttribute('aria-label')).to.equal('发给客户的消息');
  });

  it('renders every XSS payload as text (messages and customer name)', async () => {
    const { center, clock, ix } = await setup({ name: XSS_PAYLOADS[0] as string });
    for (const payload of XSS_PAYLOADS) {
      await center.addTranscriptMessage(ix.id, { from: 'customer', text: payload });
    }
    const el = await mount(center, clock, ix.id);
    await waitUntil(() => texts(el).length === XSS_PAYLOADS.length + 1, 'every payload shows');
    expect(texts(el).slice(1)).to.deep.equal([...XSS_PAYLOADS]);
    expect(part(el, 'title')?.textContent).to.contain(XSS_PAYLOADS[0]);
    expectNoInjection(el);
  });

  it('has no axe violations (light and dark, RTL)', async () => {
    const { center, clock, ix } = await setup();
    const el = await mount(center, clock, ix.id);
    await expectAccessible(el);
    el.theme = 'dark';
    el.setAttribute('dir', 'rtl');
    el.customerTyping = true;
    await el.updateComplete;
    await expectAccessible(el);
  });

  it('unsubscribes when disconnected', async () => {
    const { center: local, clock, ix } = await setup();
    const { center, liveEventListeners } = countingCenter(local);
    const el = await mount(center, clock, ix.id);
    expect(liveEventListeners()).to.equal(1);
    el.remove();
    expect(liveEventListeners()).to.equal(0);
  });
});
