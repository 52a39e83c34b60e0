// sb-webchat against a remote ContactCenter (the client over msw: REST and the event socket): the
// customer's side on one client, the agent's `sb-chat` on a second client of the same server.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createRemoteContactCenter } from '@switchboard/client';
import type { FlowDefinition } from '@switchboard/core/ivr';
import { VirtualClock } from '@switchboard/core/shared';
import './webchat.js';
import '../chat/chat.js';
import {
  XSS_PAYLOADS,
  expectAccessible,
  expectNoInjection,
  part,
  parts,
} from '../../fixtures/widget-fixtures.js';
import {
  disposeRemoteCenters,
  remoteContactCenter,
  stopRemoteWorker,
} from '../../fixtures/remote-center.js';
import type { SbWebchat } from './webchat.component.js';
import type { SbChat } from '../chat/chat.component.js';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void>) => void;
declare const afterEach: (body: () => void) => void;
declare const after: (body: () => Promise<void>) => void;

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

// The first wait for a lazily loaded chunk (the window's content, the IVR interpreter): the test
// server transforms it on first request, which on a loaded machine takes longer than waitUntil's
// default second.
const LAZY = { timeout: 10_000 };
const ADA = { name: 'Ada Lovelace', email: 'ada@example.com', question: 'Where is order 42?' };
const texts = (el: Element) => parts(el, 'text').map((t) => t.textContent);

async function setup(flow = true) {
  const remote = await remoteContactCenter({ routingOptions: { wrapUpMs: 600_000 } });
  const { server } = remote;
  await server.addQueue({ id: 'support', requirements: [] });
  await server.addAgent({ id: 'alice', skills: {} });
  await server.login('alice');
  await server.saveFlow(FLOW);
  // The elements' timers (the bot, retries) use this clock; the server keeps the system's. Messages
  // arrive on the event socket: the clock is never advanced for them.
  const clock = new VirtualClock(Date.now());
  const el = await fixture<SbWebchat>(
    flow
      ? html`<sb-webchat flow-id="web-bot" .clock=${clock} .center=${remote.center}></sb-webchat>`
      : html`<sb-webchat queue-id="support" .clock=${clock} .center=${remote.center}></sb-webchat>`,
  );
  return { ...remote, clock, el };
}

async function open(el: SbWebchat) {
  (part(el, 'launcher') as HTMLButtonElement).focus();
  await sendKeys({ press: 'Enter' });
  await waitUntil(
    () => el.shadowRoot?.activeElement?.getAttribute('name') === 'name',
    'focus',
    LAZY,
  );
}

function fill(el: SbWebchat, values: { name: string; email: string; question: string }) {
  for (const [name, value] of Object.entries(values)) {
    const field = el.shadowRoot?.querySelector<HTMLInputElement>(`[name="${name}"]`);
    if (field) field.value = value;
  }
  part(el, 'start')?.click();
}

/** Picks the bot's first option from the keyboard; resolves with the queued interaction's id. */
async function queued(el: SbWebchat, values = ADA): Promise<string> {
  const heard = oneEvent(el, 'sb-chat-queued');
  fill(el, values);
  await waitUntil(
    () => el.shadowRoot?.activeElement === parts(el, 'choice')[0],
    'the options',
    LAZY,
  );
  await sendKeys({ press: '1' });
  return ((await heard) as CustomEvent<{ interactionId: string }>).detail.interactionId;
}

describe('sb-webchat over a remote ContactCenter (msw)', () => {
  afterEach(() => disposeRemoteCenters());
  after(() => stopRemoteWorker());

  it("runs the server's flow as buttons and queues the chat there, from the keyboard", async () => {
    const { server, el, errors } = await setup();
    await open(el);
    const start = oneEvent(el, 'sb-request-start');
    fill(el, ADA);
    expect(((await start) as CustomEvent).detail).to.deep.equal(ADA);
    await waitUntil(
      () => el.shadowRoot?.activeElement === parts(el, 'choice')[0],
      'the options',
      LAZY,
    );
    expect(parts(el, 'choice').map((c) => c.textContent?.trim())).to.deep.equal([
      'Billing',
      'Nothing, thanks',
    ]);
    expect(texts(el)).to.deep.equal(['Hi! I am the Acme assistant.', 'What is it about?']);
    await sendKeys({ press: 'ArrowDown' });
    expect(el.shadowRoot?.activeElement).to.equal(parts(el, 'choice')[1]);
    const heard = oneEvent(el, 'sb-chat-queued');
    await sendKeys({ press: '1' });
    const { interactionId, queueId } = (
      (await heard) as CustomEvent<{ interactionId: string; queueId: string }>
    ).detail;
    expect(queueId).to.equal('support');
    const ix = await server.getInteraction(interactionId);
    expect(ix.channel).to.equal('chat');
    expect(ix.attributes).to.include({ name: 'Ada Lovelace', topic: 'billing' });
    const stored = await server.getTranscript(interactionId);
    expect(stored.messages.map((m) => [m.from, m.text])).to.deep.equal([
      ['customer', 'Where is order 42?'],
      ['bot', 'Hi! I am the Acme assistant.'],
      ['bot', 'What is it about?'],
      ['customer', 'Billing'],
    ]);
    await waitUntil(() => el.shadowRoot?.activeElement === part(el, 'input'), 'focus to reply');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => part(el, 'panel')?.hidden === true, 'Escape closes');
    expect(el.shadowRoot?.activeElement).to.equal(part(el, 'launcher'));
    expect(errors).to.deep.equal([]);
  });

  it('round trip with sb-chat on a second client: messages both ways, end', async () => {
    const { server, clock, el, baseUrl } = await setup();
    const agentCenter = createRemoteContactCenter({
      baseUrl,
      tenant: 'default',
      getToken: () => 'agent-token',
    });
    try {
      await open(el);
      const id = await queued(el);
      const agent = await fixture<SbChat>(
        html`<sb-chat
          agent-id="alice"
          interaction-id=${id}
          .clock=${clock}
          .center=${agentCenter}
        ></sb-chat>`,
      );
      await waitUntil(() => texts(agent).length === 4, 'the agent sees the question and the bot');
      await waitUntil(() => part(el, 'status')?.textContent === 'Waiting for an agent…');
      await server.acceptOffer(id);
      await waitUntil(() => part(el, 'status')?.textContent === 'You are chatting with an agent.');
      await waitUntil(() => !(part(agent, 'input') as HTMLTextAreaElement).disabled, 'agent');
      (part(agent, 'input') as HTMLTextAreaElement).focus();
      await sendKeys({ type: 'Hello Ada, checking now.' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(
        () => texts(el).includes('Hello Ada, checking now.'),
        'the customer sees the reply',
      );
      (part(el, 'input') as HTMLTextAreaElement).focus();
      await sendKeys({ type: 'Thanks!' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => texts(agent).at(-1) === 'Thanks!', 'the agent sees the answer');
      expect(parts(el, 'message-own').at(-1)?.textContent).to.contain('Thanks!');
      const stored = await server.getTranscript(id);
      expect(stored.messages.slice(-2).map((m) => [m.from, m.text])).to.deep.equal([
        ['agent', 'Hello Ada, checking now.'],
        ['customer', 'Thanks!'],
      ]);
      const ended = oneEvent(el, 'sb-request-end-chat');
      part(el, 'end')?.click();
      await ended;
      await waitUntil(() => part(el, 'status')?.textContent === 'The chat has ended.');
      await waitUntil(() => (part(agent, 'input') as HTMLTextAreaElement).disabled, 'agent sees');
      expect((await server.getInteraction(id)).status).to.not.equal('connected');
    } finally {
      agentCenter.dispose();
    }
  });

  it('abandons on the server when the customer ends the chat before an agent answers', async () => {
    const { server, el } = await setup(false);
    await open(el);
    const heard = oneEvent(el, 'sb-chat-queued');
    fill(el, ADA);
    const { interactionId } = ((await heard) as CustomEvent<{ interactionId: string }>).detail;
    await waitUntil(() => part(el, 'end'), 'the chat shows');
    part(el, 'end')?.click();
    await waitUntil(() => part(el, 'status')?.textContent === 'The chat has ended.');
    expect((await server.getInteraction(interactionId)).status).to.equal('abandoned');
  });

  it('reports a flow the server does not know as sb-error and keeps the form', async () => {
    const { el } = await setup();
    el.flowId = 'no-such-flow';
    await open(el);
    const failed = oneEvent(el, 'sb-error');
    fill(el, ADA);
    const detail = ((await failed) as CustomEvent<{ action: string; error: { code: string } }>)
      .detail;
    expect([detail.action, detail.error.code]).to.deep.equal(['start', 'NOT_FOUND']);
    await waitUntil(() => part(el, 'error')?.getAttribute('role') === 'alert', 'the alert');
    expect(part(el, 'form')).to.not.equal(null);
  });

  it('renders every XSS payload as text (name, question and messages from the server)', async () => {
    const { server, clock, el } = await setup(false);
    await open(el);
    const heard = oneEvent(el, 'sb-chat-queued');
    fill(el, {
      name: XSS_PAYLOADS[0] as string,
      email: 'x@example.com',
      question: XSS_PAYLOADS[1] as string,
    });
    const { interactionId } = ((await heard) as CustomEvent<{ interactionId: string }>).detail;
    expect((await server.getInteraction(interactionId)).attributes['name']).to.equal(
      XSS_PAYLOADS[0],
    );
    for (const payload of XSS_PAYLOADS) {
      await server.addTranscriptMessage(interactionId, { from: 'agent', text: payload });
    }
    await waitUntil(() => texts(el).length === XSS_PAYLOADS.length + 1, 'every payload shows');
    expect(clock.pendingTimers).to.equal(0);
    expect(texts(el)).to.deep.equal([XSS_PAYLOADS[1], ...XSS_PAYLOADS]);
    expectNoInjection(el);
  });

  it('has no axe violations (form with errors, bot, chat in dark and RTL)', async () => {
    const { el } = await setup();
    await open(el);
    part(el, 'start')?.click();
    await waitUntil(() => part(el, 'form-error'));
    await expectAccessible(el);
    await queued(el);
    await waitUntil(() => part(el, 'input'), 'the chat shows');
    el.theme = 'dark';
    el.setAttribute('dir', 'rtl');
    await el.updateComplete;
    await expectAccessible(el);
  });
});
