import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { nothing } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import {
  createLocalContactCenter,
  type ContactCenter,
  type LocalContactCenter,
} from '@switchboard/core/contact-center';
import type { FlowDefinition } from '@switchboard/core/ivr';
import { VirtualClock } from '@switchboard/core/shared';
import '../../define.js';
import { setLocale } from '../../i18n/locale.js';
import {
  XSS_PAYLOADS,
  expectAccessible,
  expectNoInjection,
  part,
  parts,
} from '../../fixtures/widget-fixtures.js';
import type { SbWebchat } from './webchat.component.js';
import type { SbChat } from '../chat/chat.component.js';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void>) => void;
declare const afterEach: (body: () => void) => void;

const START = Date.UTC(2026, 11, 4, 10, 0, 0);
let centers: LocalContactCenter[] = [];

const FLOW: FlowDefinition = {
  schema: 'switchboard.ivr.flow/1',
  id: 'web-bot',
  version: 1,
  name: 'Acme web bot',
  languages: ['en'],
  timezone: 'Europe/London',
  start: 'hi',
  variables: {},
  nodes: [
    {
      id: 'hi',
      kind: 'play',
      prompt: { en: 'Hi! I am the Acme assistant.' },
      exits: { next: 'menu' },
    },
    {
      id: 'menu',
      kind: 'menu',
      prompt: { en: 'What is it about?' },
      choices: [
        { dtmf: '1', speech: { en: ['Billing'] }, next: 'queue' },
        { dtmf: '2', speech: { en: ['Nothing, thanks'] }, next: 'bye' },
      ],
      exits: { noInput: 'bye', noMatch: 'bye' },
    },
    { id: 'queue', kind: 'enqueue', queue: 'support', attributes: { topic: "'billing'" } },
    { id: 'bye', kind: 'hangup' },
  ],
};

async function setup() {
  const clock = new VirtualClock(START);
  const center = createLocalContactCenter({ clock, routingOptions: { wrapUpMs: 600_000 } });
  centers.push(center);
  await center.addQueue({ id: 'support', requirements: [] });
  await center.addAgent({ id: 'alice', skills: {} });
  await center.login('alice');
  await center.saveFlow(FLOW);
  return { center, clock };
}

/** Mounts and opens the element (with the bot flow, or straight to the queue); `refreshMs` polls. */
async function mount(center: ContactCenter, clock: VirtualClock, flow = true, refreshMs?: number) {
  const el = await fixture<SbWebchat>(
    flow
      ? html`<sb-webchat
          flow-id="web-bot"
          refresh-ms=${refreshMs ?? nothing}
          .clock=${clock}
          .center=${center}
        ></sb-webchat>`
      : html`<sb-webchat
          queue-id="support"
          refresh-ms=${refreshMs ?? nothing}
          .clock=${clock}
          .center=${center}
        ></sb-webchat>`,
  );
  part(el, 'launcher')?.click();
  await waitUntil(() => part(el, 'form'), 'the pre-chat form shows', LAZY);
  return el;
}

function fill(el: SbWebchat, values: { name: string; email: string; question: string }) {
  for (const [name, value] of Object.entries(values)) {
    const field = el.shadowRoot?.querySelector<HTMLInputElement>(`[name="${name}"]`);
    if (field) field.value = value;
  }
  part(el, 'start')?.click();
}

// The first wait for a lazily loaded chunk (the window's content, the IVR interpreter): the test
// server transforms it on first request, which on a loaded machine takes longer than waitUntil's
// default second.
const LAZY = { timeout: 10_000 };
const ADA = { name: 'Ada Lovelace', email: 'ada@example.com', question: 'Where is order 42?' };
const texts = (el: Element) => parts(el, 'text').map((t) => t.textContent);

async function queued(el: SbWebchat, center: ContactCenter, values = ADA) {
  const heard = oneEvent(el, 'sb-chat-queued');
  fill(el, values);
  await waitUntil(() => parts(el, 'choice').length === 2, 'the bot offers its options', LAZY);
  parts(el, 'choice')[0]?.click();
  const id = ((await heard) as CustomEvent<{ interactionId: string }>).detail.interactionId;
  return { id, ix: await center.getInteraction(id) };
}

describe('sb-webchat', () => {
  afterEach(() => {
    setLocale('en');
    for (const c of centers) c.dispose();
    centers = [];
  });

  it('opens from the launcher, refuses an invalid form with clear messages and focus', async () => {
    const { center, clock } = await setup();
    const el = await fixture<SbWebchat>(
      html`<sb-webchat flow-id="web-bot" .clock=${clock} .center=${center}></sb-webchat>`,
    );
    const launcher = part(el, 'launcher') as HTMLButtonElement;
    expect(launcher.getAttribute('aria-expanded')).to.equal('false');
    expect(part(el, 'panel')?.hidden).to.equal(true);
    launcher.focus();
    const toggled = oneEvent(el, 'sb-toggle');
    await sendKeys({ press: 'Enter' });
    expect(((await toggled) as CustomEvent<{ open: boolean }>).detail.open).to.equal(true);
    await waitUntil(
      () => el.shadowRoot?.activeElement?.getAttribute('name') === 'name',
      'focus',
      LAZY,
    );
    const invalid = oneEvent(el, 'sb-form-invalid');
    part(el, 'start')?.click();
    expect(((await invalid) as CustomEvent).detail.problems).to.deep.equal({
      name: 'required',
      email: 'required',
      question: 'required',
    });
    await el.updateComplete;
    expect(part(el, 'form-error')?.getAttribute('role')).to.equal('alert');
    expect(parts(el, 'field-error').map((e) => e.textContent)).to.deep.equal([
      'Enter your name.',
      'Enter your email address.',
      'Tell us how we can help.',
    ]);
    const name = el.shadowRoot?.querySelector('[name="name"]');
    expect(name?.getAttribute('aria-invalid')).to.equal('true');
    expect(name?.getAttribute('aria-describedby')).to.equal('name-error');
    fill(el, { ...ADA, email: 'ada@example' });
    await waitUntil(() => el.shadowRoot?.activeElement?.getAttribute('name') === 'email');
    expect(parts(el, 'field-error').map((e) => e.textContent)).to.deep.equal([
      'Enter an email address like name@example.com.',
    ]);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => part(el, 'panel')?.hidden === true, 'Escape closes');
    expect(el.shadowRoot?.activeElement).to.equal(launcher);
  });

  it("loads the window's content on first open, with its styles beside the launcher's", async () => {
    const { center, clock } = await setup();
    const el = await mount(center, clock, false);
    const style = (name: string) => getComputedStyle(part(el, name) as HTMLElement);
    expect(style('form').display).to.equal('grid');
    expect(style('launcher').borderTopLeftRadius).to.equal('999px');
    expect(style('panel').display).to.equal('grid');
    el.toggle(false);
    await el.updateComplete;
    expect(part(el, 'form'), 'the content leaves the closed window').to.equal(null);
    el.toggle(true);
    await el.updateComplete;
    expect(part(el, 'form'), 'the second opening renders at once').to.not.equal(null);
    await waitUntil(() => el.shadowRoot?.activeElement?.getAttribute('name') === 'name', 'focus');
  });

  it("loads the window's content when focus reaches the launcher, before it opens", async () => {
    const { center, clock } = await setup();
    const el = await fixture<SbWebchat>(
      html`<sb-webchat queue-id="support" .clock=${clock} .center=${center}></sb-webchat>`,
    );
    const sheets = () => el.shadowRoot?.adoptedStyleSheets.length ?? 0;
    const before = sheets();
    (part(el, 'launcher') as HTMLButtonElement).focus();
    await waitUntil(() => sheets() > before, "the content's styles join the element's", LAZY);
    expect(part(el, 'panel')?.hidden).to.equal(true);
    el.toggle(true);
    await el.updateComplete;
    expect(part(el, 'form'), 'the form renders with the opening').to.not.equal(null);
  });

  it('runs the bot as buttons, queues a chat with the form and the bot conversation', async () => {
    const { center, clock } = await setup();
    const el = await mount(center, clock);
    const start = oneEvent(el, 'sb-request-start');
    fill(el, ADA);
    expect(((await start) as CustomEvent).detail).to.deep.equal(ADA);
    await waitUntil(() => parts(el, 'choice').length === 2, 'the menu shows as buttons', LAZY);
    expect(parts(el, 'choice').map((c) => c.textContent?.trim())).to.deep.equal([
      'Billing',
      'Nothing, thanks',
    ]);
    expect(texts(el)).to.deep.equal(['Hi! I am the Acme assistant.', 'What is it about?']);
    await waitUntil(() => el.shadowRoot?.activeElement === parts(el, 'choice')[0], 'focus');
    await sendKeys({ press: 'ArrowDown' });
    expect(el.shadowRoot?.activeElement).to.equal(parts(el, 'choice')[1]);
    const heard = oneEvent(el, 'sb-chat-queued');
    await sendKeys({ press: '1' });
    const detail = ((await heard) as CustomEvent<{ interactionId: string; queueId: string }>)
      .detail;
    expect(detail.queueId).to.equal('support');
    const ix = await center.getInteraction(detail.interactionId);
    expect(ix.channel).to.equal('chat');
    expect(ix.attributes).to.include({ name: 'Ada Lovelace', email: 'ada@example.com' });
    expect(ix.attributes['topic']).to.equal('billing');
    const stored = await center.getTranscript(ix.id);
    expect(stored.messages.map((m) => [m.from, m.text])).to.deep.equal([
      ['customer', 'Where is order 42?'],
      ['bot', 'Hi! I am the Acme assistant.'],
      ['bot', 'What is it about?'],
      ['customer', 'Billing'],
    ]);
    await waitUntil(() => part(el, 'status')?.textContent === 'Waiting for an agent…', 'waits');
  });

  it('ends at the bot when the flow hangs up, and can start again', async () => {
    const { center, clock } = await setup();
    const el = await mount(center, clock);
    fill(el, ADA);
    await waitUntil(() => parts(el, 'choice').length === 2, 'the menu shows', LAZY);
    parts(el, 'choice')[1]?.click();
    await waitUntil(() => part(el, 'restart'), 'the bot closed');
    expect(part(el, 'status')?.textContent).to.equal('The assistant closed the conversation.');
    part(el, 'restart')?.click();
    await waitUntil(() => part(el, 'form'), 'the form again');
  });

  it('leaves the center alone when the start is cancelled', async () => {
    const { center, clock } = await setup();
    const el = await mount(center, clock, false);
    el.addEventListener('sb-request-start', (e) => e.preventDefault(), { once: true });
    fill(el, ADA);
    await el.updateComplete;
    expect(part(el, 'form')).to.not.equal(null);
    expect((await center.getQueue('support')).waiting).to.deep.equal([]);
  });

  it('round trip with sb-chat on the same center: messages both ways, typing, end', async () => {
    const { center, clock } = await setup();
    const web = await mount(center, clock);
    const { id } = await queued(web, center);
    const agent = await fixture<SbChat>(
      html`<sb-chat
        agent-id="alice"
        interaction-id=${id}
        .clock=${clock}
        .center=${center}
      ></sb-chat>`,
    );
    web.addEventListener('sb-typing', (e) => (agent.customerTyping = e.detail.typing));
    agent.addEventListener('sb-typing', (e) => (web.agentTyping = e.detail.typing));
    await waitUntil(() => texts(agent).length === 4, 'the agent sees the question and the bot');
    await waitUntil(() => part(web, 'status')?.textContent === 'Waiting for an agent…');
    await center.acceptOffer(id);
    await waitUntil(() => part(web, 'status')?.textContent === 'You are chatting with an agent.');
    (part(agent, 'input') as HTMLTextAreaElement).focus();
    await sendKeys({ type: 'Hello Ada, checking now.' });
    await waitUntil(() => part(web, 'typing')?.textContent?.trim() === 'The agent is typing…');
    await sendKeys({ press: 'Enter' });
    await waitUntil(
      () => texts(web).includes('Hello Ada, checking now.'),
      'the customer sees the reply',
    );
    expect(part(web, 'typing')?.textContent?.trim()).to.equal('');
    (part(web, 'input') as HTMLTextAreaElement).focus();
    await sendKeys({ type: 'Thanks!' });
    await waitUntil(() => part(agent, 'typing')?.textContent?.trim() === 'Ada Lovelace is typing…');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => texts(agent).at(-1) === 'Thanks!', 'the agent sees the answer');
    expect(parts(web, 'message-own').at(-1)?.textContent).to.contain('Thanks!');
    const ended = oneEvent(web, 'sb-request-end-chat');
    part(web, 'end')?.click();
    await ended;
    await waitUntil(() => part(web, 'status')?.textContent === 'The chat has ended.');
    await waitUntil(() => (part(agent, 'input') as HTMLTextAreaElement).disabled, 'agent sees end');
  });

  it("shows the agent's reply from its event, with no timer", async () => {
    const { center } = await setup();
    const clock = new VirtualClock(START); // the element's own: the center's timers use the other
    const el = await mount(center, clock, false);
    const heard = oneEvent(el, 'sb-chat-queued');
    fill(el, ADA);
    const { interactionId } = ((await heard) as CustomEvent<{ interactionId: string }>).detail;
    await waitUntil(() => texts(el).length === 1, 'the question shows');
    await center.acceptOffer(interactionId);
    await waitUntil(() => part(el, 'status')?.textContent === 'You are chatting with an agent.');
    const message = oneEvent(el, 'sb-message');
    await center.addTranscriptMessage(interactionId, { from: 'agent', text: 'Hi, Alice here' });
    const { detail } = (await message) as CustomEvent<{ message: { text: string } }>;
    expect(detail.message.text).to.equal('Hi, Alice here');
    await waitUntil(() => texts(el).includes('Hi, Alice here'), 'the reply shows');
    expect(el.refreshMs).to.equal(0);
    expect(clock.pendingTimers).to.equal(0);
  });

  it('shows reconnecting while the center is unreachable, then catches up', async () => {
    const { center, clock } = await setup();
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
    const el = await mount(flaky, clock, false, 1000); // polling detects the loss
    const heard = oneEvent(el, 'sb-chat-queued');
    fill(el, ADA);
    const { interactionId } = ((await heard) as CustomEvent<{ interactionId: string }>).detail;
    await waitUntil(() => texts(el).length === 1, 'the question shows');
    down = true;
    const lost = oneEvent(el, 'sb-connection');
    clock.advance(1000);
    expect(((await lost) as CustomEvent<{ state: string }>).detail.state).to.equal('reconnecting');
    await waitUntil(() => part(el, 'connection')?.textContent === 'Connection lost. Reconnecting…');
    await center.acceptOffer(interactionId);
    await center.addTranscriptMessage(interactionId, { from: 'agent', text: 'Hi, Alice here' });
    down = false;
    const back = oneEvent(el, 'sb-connection');
    // The retries back off (up to 8 periods); the reads the events started settle first.
    await waitUntil(() => {
      clock.advance(1000);
      return !part(el, 'connection');
    }, 'the retry reaches the center');
    expect(((await back) as CustomEvent<{ state: string }>).detail.state).to.equal('live');
    await waitUntil(() => !part(el, 'connection') && texts(el).includes('Hi, Alice here'));
  });

  it('speaks Simplified Chinese (zh-CN)', async () => {
    const { center, clock } = await setup();
    const el = await mount(center, clock);
    setLocale('zh-CN');
    await waitUntil(() => part(el, 'start')?.textContent === '开始聊天', 'the form in Chinese');
    expect(part(el, 'launcher')?.textContent?.trim()).to.equal('在线咨询');
    part(el, 'start')?.click();
    await waitUntil(() => part(el, 'field-error')?.textContent === '请输入您的姓名。');
  });

  it('renders every XSS payload as text (name, question and agent messages)', async () => {
    const { center, clock } = await setup();
    const el = await mount(center, clock, false);
    const heard = oneEvent(el, 'sb-chat-queued');
    fill(el, {
      name: XSS_PAYLOADS[0] as string,
      email: 'x@example.com',
      question: XSS_PAYLOADS[1] as string,
    });
    const { interactionId } = ((await heard) as CustomEvent<{ interactionId: string }>).detail;
    for (const payload of XSS_PAYLOADS) {
      await center.addTranscriptMessage(interactionId, { from: 'agent', text: payload });
    }
    await waitUntil(() => texts(el).length === XSS_PAYLOADS.length + 1, 'every payload shows');
    expect(texts(el)).to.deep.equal([XSS_PAYLOADS[1], ...XSS_PAYLOADS]);
    expectNoInjection(el);
  });

  it('has no axe violations (form with errors, bot, chat in dark and RTL)', async () => {
    const { center, clock } = await setup();
    const el = await mount(center, clock);
    part(el, 'start')?.click();
    await waitUntil(() => part(el, 'form-error'));
    await expectAccessible(el);
    await queued(el, center);
    await waitUntil(() => part(el, 'input'), 'the chat shows');
    el.theme = 'dark';
    el.setAttribute('dir', 'rtl');
    await el.updateComplete;
    await expectAccessible(el);
  });
});
