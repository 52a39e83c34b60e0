// <sb-webchat> against the real Switchboard server with a customer token: run by
// scripts/e2e/run-e2e.ts (`npm run test:e2e`), whose server plugin (scripts/e2e/server-environment.ts)
// starts the server on loopback with a `support` queue and the agent `alice` available, and answers
// the `sb-e2e-server` command. The page mints the visitor's token with fetch, standing in for the
// website's backend; the agent is played from code with an admin token. (In an e2e/ folder:
// neither the Node runner nor `npm run test:browser` picks it up.)
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { createRemoteContactCenter, type RemoteContactCenter } from '@switchboard/client';
import '../webchat.js';
import { part, parts } from '../../../fixtures/widget-fixtures.js';
import type { SbWebchat } from '../webchat.component.js';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void>) => void;
declare const afterEach: (body: () => void) => void;

/** What `sb-e2e-server` answers (scripts/e2e/server-environment.ts). */
interface E2eServerConfig {
  baseUrl: string;
  tenant: string;
  adminToken: string;
}

interface CustomerToken {
  token: string;
  expiresAt: number;
  session: string;
}

// Bounded waits: the server is local, but the first load of the window's chunk and a loaded
// machine take their time.
const WAIT = { timeout: 15_000 };
const ADA = { name: 'Ada Lovelace', email: 'ada@example.com', question: 'Where is order 42?' };
const texts = (el: Element) => parts(el, 'text').map((t) => t.textContent);
const status = (el: SbWebchat) => part(el, 'status')?.textContent;

let centers: RemoteContactCenter[] = [];

function remote(config: E2eServerConfig, token: string): RemoteContactCenter {
  const center = createRemoteContactCenter({
    baseUrl: config.baseUrl,
    tenant: config.tenant,
    getToken: () => token,
  });
  centers.push(center);
  return center;
}

/** What the website's backend does for each visitor: `POST /v1/customer-tokens`. */
async function mintCustomerToken(config: E2eServerConfig): Promise<CustomerToken> {
  const res = await fetch(`${config.baseUrl}/v1/customer-tokens`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${config.adminToken}`,
      'content-type': 'application/json',
    },
    body: '{}',
  });
  expect(res.status, 'customer token minted').to.equal(201);
  return (await res.json()) as CustomerToken;
}

/** The error a promise rejects with (fails if it resolves). */
async function refusal(promise: Promise<unknown>): Promise<{ code?: string; status?: number }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; status?: number };
  }
  throw new Error('expected a refusal');
}

describe('sb-webchat against the real server with a customer token', () => {
  afterEach(() => {
    for (const center of centers) center.dispose();
    centers = [];
  });

  it('runs a visitor chat: start, pushed agent reply, customer message, isolation, end', async () => {
    const config = await executeServerCommand<E2eServerConfig, undefined>('sb-e2e-server');
    const visitor = await mintCustomerToken(config);
    const admin = remote(config, config.adminToken);
    const el = await fixture<SbWebchat>(
      html`<sb-webchat queue-id="support" .center=${remote(config, visitor.token)}></sb-webchat>`,
    );

    // The visitor opens the window, fills the pre-chat form and starts.
    part(el, 'launcher')?.click();
    await waitUntil(() => part(el, 'form'), 'the pre-chat form shows', WAIT);
    const heard = oneEvent(el, 'sb-chat-queued');
    for (const [name, value] of Object.entries(ADA)) {
      const field = el.shadowRoot?.querySelector<HTMLInputElement>(`[name="${name}"]`);
      if (field) field.value = value;
    }
    part(el, 'start')?.click();
    const { interactionId: id, queueId } = (
      (await heard) as CustomEvent<{ interactionId: string; queueId: string }>
    ).detail;
    expect(queueId).to.equal('support');

    // The chat exists on the server, stamped with the visitor's session.
    const created = await admin.getInteraction(id);
    expect([created.channel, created.queueId]).to.deep.equal(['chat', 'support']);
    expect(created.attributes).to.include({
      name: ADA.name,
      email: ADA.email,
      webchatSession: visitor.session,
    });
    await waitUntil(() => status(el) === 'Waiting for an agent…', 'waiting', WAIT);
    await waitUntil(() => texts(el).join() === ADA.question, 'the question shows', WAIT);

    // Alice takes it: the element hears of it on its event stream (no refresh-ms).
    await admin.acceptOffer(id);
    await waitUntil(
      () => status(el) === 'You are chatting with an agent.',
      'the visitor sees the agent join',
      WAIT,
    );
    const reply = 'Hi Ada, Alice here. Checking order 42.';
    await admin.addTranscriptMessage(id, { from: 'agent', text: reply });
    await waitUntil(() => texts(el).includes(reply), 'the reply is pushed to the visitor', WAIT);

    // The visitor answers from the element; the server stores it.
    const answer = 'Thank you!';
    const input = part(el, 'input') as HTMLTextAreaElement;
    input.value = answer;
    input.dispatchEvent(new Event('input'));
    part(el, 'send')?.click();
    await waitUntil(
      () => parts(el, 'message-own').at(-1)?.textContent?.includes(answer),
      'the message is sent',
      WAIT,
    );
    const stored = await admin.getTranscript(id);
    expect(stored.messages.map((m) => [m.from, m.text])).to.deep.equal([
      ['customer', ADA.question],
      ['agent', reply],
      ['customer', answer],
    ]);

    // Another visitor cannot see this chat (404, as an unknown id) nor the tenant's queues (403).
    const intruder = remote(config, (await mintCustomerToken(config)).token);
    const unknown = await refusal(intruder.getInteraction(id));
    expect([unknown.code, unknown.status]).to.deep.equal(['NOT_FOUND', 404]);
    const forbidden = await refusal(intruder.listQueues());
    expect([forbidden.code, forbidden.status]).to.deep.equal(['FORBIDDEN', 403]);

    // The visitor ends the chat.
    const ended = oneEvent(el, 'sb-request-end-chat');
    part(el, 'end')?.click();
    await ended;
    await waitUntil(() => status(el) === 'The chat has ended.', 'the chat ends', WAIT);
    expect((await admin.getInteraction(id)).status).to.equal('wrap-up');
  });
});
