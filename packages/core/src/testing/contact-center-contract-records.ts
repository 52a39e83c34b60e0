import type { ContactCenter } from '../contact-center/index.js';
import { check, refused, same } from './contract-checks.js';

const QUEUE = { id: 'support', requirements: [] } as const;

/** A flow that validates when the center has the queue `support`. */
const FLOW = {
  schema: 'switchboard.ivr.flow/1',
  id: 'main-line',
  version: 1,
  name: 'Main line',
  languages: ['en'],
  timezone: 'UTC',
  start: 'hello',
  nodes: [
    { id: 'hello', kind: 'play', prompt: { en: 'Hello' }, exits: { next: 'queue' } },
    { id: 'queue', kind: 'enqueue', queue: 'support' },
  ],
} as const;

/** The same flow with two mistakes: an unknown start node and an unknown queue. */
const BROKEN_FLOW = {
  ...FLOW,
  version: 2,
  start: 'nowhere',
  nodes: [...FLOW.nodes, { id: 'billing', kind: 'enqueue', queue: 'billing' }],
};

const issuesOf = (error: unknown) =>
  ((error as { issues?: readonly { path: string; message: string }[] }).issues ?? []).map(
    (i) => i.message,
  );

/**
 * @internal The contract's cases for the records a center keeps (customers, transcripts, IVR
 * flows, ticket views) and its analytics (KPI intervals, staffing).
 */
export const recordCases: [string, (center: ContactCenter) => Promise<void>][] = [
  [
    'customers: one profile across phone, email and CRM ids, found by any of them, changed on its version',
    async (center) => {
      const c = await center.addCustomer({
        id: 'cust-1',
        name: 'Ada Lovelace',
        identities: [
          { kind: 'phone', value: '+44 20 7946 0018' },
          { kind: 'email', value: 'Ada@Example.com' },
          { kind: 'external', system: 'hubspot', value: '901' },
        ],
        attributes: { tier: 'gold' },
      });
      same([c.id, c.version, c.name], ['cust-1', 1, 'Ada Lovelace'], 'new customer');
      same(
        c.identities.map((i) => i.value),
        ['+442079460018', 'ada@example.com', '901'],
        'normalised identities',
      );
      same(
        (await center.findCustomer({ kind: 'phone', value: '+44 (20) 7946-0018' })).id,
        'cust-1',
        'by phone',
      );
      same(
        (await center.findCustomer({ kind: 'email', value: 'ADA@example.com' })).id,
        'cust-1',
        'by email',
      );
      same(
        (await center.findCustomer({ kind: 'external', system: 'HubSpot', value: '901' })).id,
        'cust-1',
        'by CRM id',
      );
      await refused(
        center.findCustomer({ kind: 'email', value: 'nobody@example.com' }),
        'NOT_FOUND',
        'unknown email',
      );
      await refused(
        center.addCustomer({ identities: [{ kind: 'email', value: 'ada@example.com' }] }),
        'CONFLICT',
        'an identity of another customer',
      );
      await refused(
        center.addCustomer({ identities: [{ kind: 'phone', value: 'call me' }] }),
        'VALIDATION_FAILED',
        'a malformed phone number',
      );
      const changed = await center.updateCustomer('cust-1', { version: 1, name: 'Ada King' });
      same([changed.name, changed.version], ['Ada King', 2], 'after update');
      await refused(
        center.updateCustomer('cust-1', { version: 1, name: 'stale' }),
        'CONFLICT',
        'update on a stale version',
      );
      same((await center.getCustomer('cust-1')).name, 'Ada King', 'read back');
      await refused(center.getCustomer('cust-404'), 'NOT_FOUND', 'unknown customer');
    },
  ],
  [
    'the unified customer view lists the customer’s interactions and tickets; transcripts are kept in order',
    async (center) => {
      await center.addQueue(QUEUE);
      await center.addCustomer({ id: 'cust-2', identities: [{ kind: 'chat', value: 'ada#42' }] });
      const ix = await center.createInteraction({
        channel: 'chat',
        queueId: 'support',
        customerId: 'cust-2',
      });
      await center.createInteraction({ channel: 'chat', queueId: 'support', customerId: 'other' });
      const ticket = await center.createTicket({ subject: 'Refund', requesterId: 'cust-2' });
      await center.addTranscriptMessage(ix.id, { from: 'customer', text: 'Hi, I need a refund' });
      const reply = await center.addTranscriptMessage(ix.id, { from: 'bot', text: 'Let me help' });
      same([reply.seq, reply.from], [2, 'bot'], 'second message');
      const transcript = await center.getTranscript(ix.id);
      same(
        transcript.messages.map((m) => [m.seq, m.text]),
        [
          [1, 'Hi, I need a refund'],
          [2, 'Let me help'],
        ],
        'transcript',
      );
      const view = await center.getCustomerView('cust-2');
      same(
        view.interactions.map((i) => i.id),
        [ix.id],
        'interactions of the customer',
      );
      same(
        view.tickets.map((t) => t.id),
        [ticket.id],
        'tickets of the customer',
      );
      await refused(
        center.addTranscriptMessage(ix.id, { from: 'customer', text: '' }),
        'VALIDATION_FAILED',
        'an empty message',
      );
      await refused(center.getTranscript('ix-404'), 'NOT_FOUND', 'transcript of no interaction');
      same((await center.getTranscript(ix.id)).messages.length, 2, 'messages after a refusal');
    },
  ],
  [
    'IVR flows are saved as versions, validated with every problem, and published only when valid',
    async (center) => {
      await center.addQueue(QUEUE);
      const draft = await center.saveFlow(FLOW);
      same([draft.id, draft.version, draft.status], ['main-line', 1, 'draft'], 'saved draft');
      const checked = await center.validateFlow(BROKEN_FLOW);
      same(checked.valid, false, 'broken flow is invalid');
      const messages = checked.issues.map((i) => i.message).join(' | ');
      check(/unknown queue 'billing'/.test(messages), `missing the queue problem: ${messages}`);
      check(
        /start points to unknown node/.test(messages),
        `missing the start problem: ${messages}`,
      );
      same((await center.validateFlow(FLOW)).issues, [], 'valid flow');
      await center.saveFlow(BROKEN_FLOW);
      const error = await refused(
        center.publishFlow('main-line', 2),
        'VALIDATION_FAILED',
        'publish broken',
      );
      check(issuesOf(error).length >= 2, `every problem listed: ${issuesOf(error).join(' | ')}`);
      const live = await center.publishFlow('main-line', 1);
      same([live.status, live.version], ['published', 1], 'published');
      await refused(center.saveFlow(FLOW), 'CONFLICT', 'changing a published version');
      same((await center.getFlow('main-line')).version, 1, 'the live version by default');
      same((await center.getFlow('main-line', 2)).status, 'draft', 'a draft by version');
      same(
        (await center.listFlows()).map((f) => [f.id, f.versions, f.publishedVersion]),
        [['main-line', [1, 2], 1]],
        'library',
      );
      await refused(center.getFlow('nope'), 'NOT_FOUND', 'unknown flow');
      await refused(
        center.saveFlow({ id: '' }),
        'VALIDATION_FAILED',
        'a flow without id and version',
      );
    },
  ],
  [
    'ticket views are saved, listed, run and deleted',
    async (center) => {
      const urgent = await center.createTicket({
        subject: 'Down',
        requesterId: 'c-1',
        priority: 'urgent',
      });
      await center.createTicket({ subject: 'Question', requesterId: 'c-2', priority: 'low' });
      const view = await center.saveTicketView({
        id: 'urgent',
        name: 'Urgent work',
        filter: { priority: ['urgent', 'high'], status: ['new', 'open'] },
      });
      same(view.name, 'Urgent work', 'saved view');
      same(
        (await center.listTicketViews()).map((v) => v.id),
        ['urgent'],
        'views',
      );
      const page = await center.runTicketView('urgent', { limit: 10 });
      same([page.total, page.items.map((t) => t.id)], [1, [urgent.id]], 'view results');
      await refused(
        center.saveTicketView({ id: 'bad', name: '', filter: { status: ['lost' as 'new'] } }),
        'VALIDATION_FAILED',
        'an invalid view',
      );
      await center.deleteTicketView('urgent');
      await refused(center.runTicketView('urgent'), 'NOT_FOUND', 'a deleted view');
    },
  ],
  [
    'KPI intervals are grouped on request; staffing follows Erlang C',
    async (center) => {
      await center.addQueue(QUEUE);
      await center.addAgent({ id: 'alice', skills: {} });
      await center.login('alice');
      const ix = await center.createInteraction({ channel: 'voice', queueId: 'support' });
      await center.acceptOffer(ix.id);
      const report = await center.getKpiReport({ groupBy: 'agent' });
      same([report.groupBy, report.total.answered], ['agent', 1], 'report');
      same(report.groups['alice']?.answered, 1, 'answered by alice');
      await refused(
        center.getKpiReport({ from: 10, to: 5 }),
        'VALIDATION_FAILED',
        'an interval that ends before it starts',
      );
      const plan = await center.planStaffing({
        callsPerHour: 200,
        ahtSeconds: 180,
        targetSeconds: 20,
        serviceLevel: 0.8,
        shrinkage: 0.3,
      });
      same(
        [plan.model, plan.recommendedAgents, plan.scheduledAgents],
        ['erlang-c', 14, 20],
        'staffing plan',
      );
      await refused(
        center.planStaffing({ callsPerHour: -1, ahtSeconds: 0, targetSeconds: 20 }),
        'VALIDATION_FAILED',
        'a negative load',
      );
    },
  ],
];
