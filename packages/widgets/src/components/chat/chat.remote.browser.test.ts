// sb-chat against a remote ContactCenter (the client over msw: REST and the event socket). New
// messages and status changes arrive on the socket (`transcript-message-added` and the routing
// events); no timer runs (the element's virtual clock is never advanced, and holds no timer).
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { VirtualClock } from '@switchboard/core/shared';
import './chat.js';
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
import type { SbChat } from './chat.component.js';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void>) => void;
declare const afterEach: (body: () => void) => void;
declare const after: (body: () => Promise<void>) => void;

async function setup(options: { accept?: boolean; name?: string; interactionId?: boolean } = {}) {
  const remote = await remoteContactCenter({ routingOptions: { wrapUpMs: 600_000 } });
  const { server } = remote;
  await server.addQueue({ id: 'support', requirements: [] });
  await server.addAgent({ id: 'alice', skills: {} });
  await server.login('alice');
  const ix = await server.createInteraction({
    channel: 'chat',
    queueId: 'support',
    attributes: { name: options.name ?? 'Ada Lovelace' },
  });
  if (options.accept !== false) await server.acceptOffer(ix.id);
  await server.addTranscriptMessage(ix.id, { from: 'customer', text: 'Hello, my parcel is late' });
  // The element's timers (retries, opt-in polling) use this clock; the server keeps the system's.
  const clock = new VirtualClock(Date.now());
  const el = await fixture<SbChat>(
    html`<sb-chat
      agent-id="alice"
      interaction-id=${options.interactionId === false ? '' : ix.id}
      .clock=${clock}
      .center=${remote.center}
    ></sb-chat>`,
  );
  await waitUntil(() => parts(el, 'message').length > 0, 'the transcript shows');
  return { ...remote, clock, el, ix };
}

const texts = (el: SbChat) => parts(el, 'text').map((t) => t.textContent);
const input = (el: SbChat) => part(el, 'input') as HTMLTextAreaElement;

describe('sb-chat over a remote ContactCenter (msw)', () => {
  afterEach(() => disposeRemoteCenters());
  after(() => stopRemoteWorker());

  it('shows the transcript the server holds and the messages written there after', async () => {
    const { server, clock, el, ix, errors } = await setup();
    expect(part(el, 'title')?.textContent).to.equal('Chat with Ada Lovelace');
    expect(texts(el)).to.deep.equal(['Hello, my parcel is late']);
    expect(part(el, 'author')?.textContent).to.equal('Ada Lovelace');
    const heard = oneEvent(el, 'sb-message');
    await server.addTranscriptMessage(ix.id, { from: 'customer', text: 'Order 42' });
    const event = (await heard) as CustomEvent<{ message: { text: string } }>;
    expect(event.detail.message.text).to.equal('Order 42');
    await waitUntil(() => texts(el).length === 2, 'the new message shows');
    expect(parts(el, 'message').at(-1)?.dataset['from']).to.equal('customer');
    expect(clock.pendingTimers).to.equal(0);
    expect(errors).to.deep.equal([]);
  });

  it('sends from the keyboard (Enter; Shift+Enter a new line) and stores it on the server', async () => {
    const { server, el, ix } = await setup();
    input(el).focus();
    const typing = oneEvent(el, 'sb-typing');
    await sendKeys({ type: 'Sorry about that.' });
    expect(((await typing) as CustomEvent<{ typing: boolean }>).detail.typing).to.equal(true);
    await sendKeys({ press: 'Shift+Enter' });
    await sendKeys({ type: 'Let me look.' });
    const request = oneEvent(el, 'sb-request-send');
    await sendKeys({ press: 'Enter' });
    expect(((await request) as CustomEvent).detail).to.deep.equal({
      interactionId: ix.id,
      text: 'Sorry about that.\nLet me look.',
    });
    await waitUntil(() => texts(el).length === 2, 'the sent message shows');
    expect(input(el).value).to.equal('');
    expect(part(el, 'message-own')?.querySelector('[part~="author"]')?.textContent).to.equal('You');
    // The text reaches the server; the author is the token's subject there (the client does not
    // send one, and the mock simulates no authentication).
    const stored = await server.getTranscript(ix.id);
    expect(stored.messages.at(-1)).to.include({
      from: 'agent',
      text: 'Sorry about that.\nLet me look.',
    });
  });

  it('opens the composer when the server connects the chat and closes it when it ends', async () => {
    const { server, el, ix } = await setup({ accept: false });
    expect(input(el).disabled).to.equal(true);
    expect(part(el, 'status')?.textContent).to.equal('Accept the chat to reply.');
    await server.acceptOffer(ix.id);
    await waitUntil(() => !input(el).disabled, 'the composer opens (a socket event)');
    await server.end(ix.id);
    await waitUntil(() => input(el).disabled, 'the composer closes (a socket event)');
    expect(part(el, 'status')?.textContent).to.equal('This chat has ended.');
  });

  it("follows the agent's chat in hand on the server when no interaction-id is set", async () => {
    const { server, el, ix } = await setup({ interactionId: false });
    expect(texts(el)).to.deep.equal(['Hello, my parcel is late']);
    await server.end(ix.id);
    await server.wrapUp(ix.id);
    await waitUntil(() => part(el, 'status')?.textContent === 'No chat selected.', 'none left');
    const next = await server.createInteraction({ channel: 'chat', queueId: 'support' });
    await server.acceptOffer(next.id);
    await server.addTranscriptMessage(next.id, { from: 'customer', text: 'Second customer' });
    await waitUntil(() => texts(el).includes('Second customer'), 'the next chat');
  });

  it('reports a chat the server does not know once as sb-error', async () => {
    const { center } = await remoteContactCenter();
    const clock = new VirtualClock(Date.now());
    const failed: CustomEvent<{ action: string; error: { code: string } }>[] = [];
    const el = await fixture<SbChat>(
      html`<sb-chat
        interaction-id="nope"
        refresh-ms="1000"
        .clock=${clock}
        .center=${center}
        @sb-error=${(e: CustomEvent<{ action: string; error: { code: string } }>) => failed.push(e)}
      ></sb-chat>`,
    );
    await waitUntil(() => part(el, 'status')?.textContent === 'This chat could not be found.');
    clock.advance(10_000); // a follower still polling would read (and be refused) again here
    await center.listQueues(); // a round trip behind any read that the advance started
    expect(failed.map((e) => [e.detail.action, e.detail.error.code])).to.deep.equal([
      ['load', 'NOT_FOUND'],
    ]);
  });

  it('renders every XSS payload from the server as text (messages and customer name)', async () => {
    const { server, el, ix } = await setup({ name: XSS_PAYLOADS[0] as string });
    for (const payload of XSS_PAYLOADS) {
      await server.addTranscriptMessage(ix.id, { from: 'customer', text: payload });
    }
    await waitUntil(() => texts(el).length === XSS_PAYLOADS.length + 1, 'every payload shows');
    expect(texts(el).slice(1)).to.deep.equal([...XSS_PAYLOADS]);
    expect(part(el, 'title')?.textContent).to.contain(XSS_PAYLOADS[0]);
    expectNoInjection(el);
  });

  it('has no axe violations (light and dark, RTL)', async () => {
    const { el } = await setup();
    await expectAccessible(el);
    el.theme = 'dark';
    el.setAttribute('dir', 'rtl');
    el.customerTyping = true;
    await el.updateComplete;
    await expectAccessible(el);
  });
});
