// Every element under a strict Content-Security-Policy (no eval, no inline script, no inline
// style attributes): rendering, updates, the virtual list and the chats' forms raise no violation.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createLocalContactCenter } from '@switchboard/core/contact-center';
import { defineAll } from './define.js';
import { SbAgentStatus } from './components/agent-status/agent-status.component.js';
import { SbQueueBoard } from './components/queue-board/queue-board.component.js';
import { part, parts } from './fixtures/widget-fixtures.js';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void>) => void;

const ivrFlow = {
  schema: 'switchboard.ivr.flow/1',
  id: 'csp',
  version: 1,
  languages: ['en'],
  timezone: 'UTC',
  start: 'menu',
  nodes: [
    {
      id: 'menu',
      kind: 'menu',
      prompt: { en: 'Press 1' },
      choices: [{ dtmf: '1', next: 'bye' }],
      exits: { noInput: 'bye', noMatch: 'bye' },
    },
    { id: 'bye', kind: 'hangup' },
  ],
};

describe('strict CSP and registration', () => {
  it('registers each tag once, however often define runs', async () => {
    defineAll();
    defineAll();
    expect(customElements.get('sb-agent-status')).to.equal(SbAgentStatus);
    expect(customElements.get('sb-queue-board')).to.equal(SbQueueBoard);
  });

  it('renders and updates every element with no CSP violation', async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      violations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
    const meta = document.createElement('meta');
    meta.httpEquiv = 'Content-Security-Policy';
    meta.content = "script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'";
    document.head.append(meta);
    // The policy is in force: an inline script is refused and reported (so this test can fail).
    const inline = document.createElement('script');
    inline.textContent = 'window.__sbInline = 1';
    document.body.append(inline);
    await waitUntil(() => violations.length > 0, 'the inline-script violation is reported');
    expect((window as { __sbInline?: number }).__sbInline).to.equal(undefined);
    inline.remove();
    violations.length = 0;

    const center = createLocalContactCenter();
    await center.addQueue({
      id: 'q',
      name: 'Queue',
      requirements: [{ skill: 'x', minProficiency: 1 }],
    });
    await center.addAgent({ id: 'alice', skills: {} });
    await center.login('alice');
    for (let i = 0; i < 200; i++) await center.createInteraction({ channel: 'chat', queueId: 'q' });
    const chatId = (await center.getQueue('q')).waiting[0] as string;
    await center.addTranscriptMessage(chatId, { from: 'customer', text: 'Hello' });
    const root = await fixture(
      html`<sb-contact-center .center=${center}>
        <sb-agent-status agent-id="alice" theme="dark"></sb-agent-status>
        <sb-queue-board expanded="q"></sb-queue-board>
        <sb-interaction-panel agent-id="alice"></sb-interaction-panel>
        <sb-ticket-list></sb-ticket-list>
        <sb-wallboard></sb-wallboard>
        <sb-ticket-detail ticket-id="ticket-1"></sb-ticket-detail>
        <sb-customer-card customer-id="c-1"></sb-customer-card>
        <sb-visual-ivr .flow=${ivrFlow}></sb-visual-ivr>
        <sb-agent-desktop agent-id="alice"></sb-agent-desktop>
        <sb-chat agent-id="alice" interaction-id=${chatId}></sb-chat>
        <sb-webchat queue-id="q" open></sb-webchat>
      </sb-contact-center>`,
    );
    const status = root.querySelector('sb-agent-status') as SbAgentStatus;
    const board = root.querySelector('sb-queue-board') as SbQueueBoard;
    await waitUntil(() => part(status, 'state')?.textContent === 'Available', 'status renders');
    await waitUntil(() => parts(board, 'row').length > 0, 'rows render');
    await center.setPresence('alice', { presence: 'not-ready', reason: 'break' });
    await waitUntil(
      () => part(status, 'state')?.textContent === 'Not ready: Break',
      'status updates',
    );
    const panel = root.querySelector('sb-interaction-panel') as HTMLElement;
    await waitUntil(() => part(panel, 'message'), 'panel renders');
    await center.createTicket({ subject: 'Hello', requesterId: 'c-1' });
    const tickets = root.querySelector('sb-ticket-list') as HTMLElement;
    await waitUntil(() => part(tickets, 'ticket'), 'tickets render');
    const wallboard = root.querySelector('sb-wallboard') as HTMLElement;
    await waitUntil(() => part(wallboard, 'line'), 'wallboard charts render');
    const detail = root.querySelector('sb-ticket-detail') as HTMLElement;
    await waitUntil(() => part(detail, 'comment-form'), 'ticket detail renders');
    const customer = root.querySelector('sb-customer-card') as HTMLElement;
    await center.addCustomer({ id: 'c-1', name: 'Ada' });
    await center.createTicket({ subject: 'Hers', requesterId: 'c-1' });
    await waitUntil(() => part(customer, 'ticket'), 'customer card renders');
    const ivr = root.querySelector('sb-visual-ivr') as HTMLElement;
    await waitUntil(() => part(ivr, 'choice'), 'visual IVR menu renders');
    (part(ivr, 'choice') as HTMLButtonElement).click();
    await waitUntil(() => part(ivr, 'outcome'), 'visual IVR ends');
    const desk = root.querySelector('sb-agent-desktop') as HTMLElement;
    const deskList = () => desk.shadowRoot?.querySelector('sb-ticket-list');
    await waitUntil(() => deskList() && part(deskList() as Element, 'base'), 'desktop renders');
    const chat = root.querySelector('sb-chat') as HTMLElement;
    await waitUntil(() => part(chat, 'text')?.textContent === 'Hello', 'chat renders');
    const webchat = root.querySelector('sb-webchat') as HTMLElement;
    await waitUntil(() => part(webchat, 'form'), 'webchat form renders', { timeout: 10_000 });
    (part(webchat, 'start') as HTMLButtonElement).click();
    await waitUntil(() => part(webchat, 'form-error'), 'webchat refuses the empty form');
    for (const [name, value] of Object.entries({ name: 'Ada', email: 'a@b.co', question: 'Hi' })) {
      (webchat.shadowRoot?.querySelector(`[name="${name}"]`) as HTMLInputElement).value = value;
    }
    (part(webchat, 'start') as HTMLButtonElement).click();
    await waitUntil(() => part(webchat, 'text')?.textContent === 'Hi', 'webchat chat renders');
    const list = part(board, 'list') as HTMLElement;
    list.scrollTop = 2000;
    await waitUntil(
      () => board.shadowRoot?.getElementById('row-70') !== null,
      'scrolled rows render',
    );
    // Rows are placed through the CSSOM (allowed), not style attributes (refused by style-src).
    expect(getComputedStyle(part(board, 'row') as HTMLElement).position).to.equal('absolute');
    expect(violations).to.deep.equal([]);
    center.dispose();
  });
});
