import type {
  ContactCenter,
  EventEnvelope,
  EventSubscriptionOptions,
} from '../contact-center/index.js';
import { watchAgent } from '../contact-center/index.js';
import type { Unsubscribe } from '../shared/index.js';
import { check, refused, same } from './contract-checks.js';
import { recordCases } from './contact-center-contract-records.js';

export { ContractFailure } from './contract-checks.js';

/** A {@link ContactCenter} made for one contract case, and how to let it go. */
export interface ContactCenterHarness {
  /** A center with every right (an admin), on a tenant of its own, with no queues or agents. */
  readonly center: ContactCenter;
  /** Releases it (and whatever was started for it). */
  close(): void | Promise<void>;
}

/** Makes a fresh, empty {@link ContactCenterHarness} for `tenant`. */
export type MakeContactCenter = (tenant: string) => Promise<ContactCenterHarness>;

/** One case of {@link contactCenterContract}: run it under any test runner. */
export interface ContractCase {
  readonly name: string;
  run(): Promise<void>;
}

/** Records the events a subscription delivers and waits for the ones a case expects. */
class Recorder {
  readonly events: EventEnvelope[] = [];
  private readonly waiters: {
    test: (e: EventEnvelope) => boolean;
    done: (e: EventEnvelope) => void;
  }[] = [];
  readonly stop: Unsubscribe;

  constructor(center: ContactCenter, options?: EventSubscriptionOptions) {
    this.stop = center.subscribeEvents((envelope) => {
      this.events.push(envelope);
      for (const w of [...this.waiters]) {
        if (!w.test(envelope)) continue;
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.done(envelope);
      }
    }, options);
  }

  /** The first recorded event matching `test`, waiting for it if needed. */
  waitFor(test: (e: EventEnvelope) => boolean): Promise<EventEnvelope> {
    const found = this.events.find(test);
    if (found) return Promise.resolve(found);
    return new Promise((done) => this.waiters.push({ test, done }));
  }
}

const isType = (type: string, interactionId?: string) => (e: EventEnvelope) =>
  e.event.type === type &&
  (interactionId === undefined ||
    ('interactionId' in e.event && e.event.interactionId === interactionId));

const QUEUE = { id: 'support', requirements: [], wrapUpMs: 600_000 } as const;

async function withCenter(
  make: MakeContactCenter,
  tenant: string,
  body: (center: ContactCenter) => Promise<void>,
): Promise<void> {
  const harness = await make(tenant);
  try {
    await body(harness.center);
  } finally {
    await harness.close();
  }
}

/**
 * The behaviour every {@link ContactCenter} must show, as framework-free cases: the local
 * implementation and the remote one (`@switchboard/client` through a real server) both run it, so
 * widgets written against the interface work on either. Each case makes its own center through
 * `make`, on a tenant named after the case.
 *
 * @example
 * ```ts
 * import { test } from 'node:test';
 * for (const c of contactCenterContract(async (tenant) => {
 *   const center = createLocalContactCenter({ tenant });
 *   return { center, close: () => center.dispose() };
 * })) test(c.name, c.run);
 * ```
 */
export function contactCenterContract(make: MakeContactCenter): ContractCase[] {
  const cases: [string, (center: ContactCenter) => Promise<void>][] = [
    [
      'queues and agents are added, read and listed; duplicates and unknown ids are refused',
      async (center) => {
        const queue = await center.addQueue({ ...QUEUE, name: 'Support' });
        same(queue.config.id, 'support', 'added queue id');
        same(queue.waiting, [], 'new queue waiting list');
        await refused(center.addQueue(QUEUE), 'DUPLICATE_ID', 'second queue with the same id');
        const agent = await center.addAgent({ id: 'alice', name: 'Alice', skills: { billing: 7 } });
        same(
          [agent.id, agent.presence, agent.skills],
          ['alice', 'offline', { billing: 7 }],
          'agent',
        );
        await center.addAgent({ id: 'bob', skills: {} });
        same(
          (await center.listAgents()).map((a) => a.id),
          ['alice', 'bob'],
          'agent list',
        );
        same(
          (await center.listQueues()).map((q) => q.config.id),
          ['support'],
          'queue list',
        );
        same((await center.getQueue('support')).config.name, 'Support', 'queue read back');
        await refused(center.getAgent('nobody'), 'NOT_FOUND', 'unknown agent');
        await refused(center.getQueue('nowhere'), 'NOT_FOUND', 'unknown queue');
        await refused(center.getInteraction('ix-none'), 'NOT_FOUND', 'unknown interaction');
        await refused(center.login('nobody'), 'NOT_FOUND', 'login of an unknown agent');
      },
    ],
    [
      'presence: login, not-ready with a reason, available, heartbeat, logout',
      async (center) => {
        await center.addAgent({ id: 'alice', skills: {} });
        same((await center.login('alice')).presence, 'available', 'after login');
        const away = await center.setPresence('alice', { presence: 'not-ready', reason: 'lunch' });
        same([away.presence, away.notReadyReason], ['not-ready', 'lunch'], 'after not-ready');
        same(
          (await center.setPresence('alice', { presence: 'available' })).presence,
          'available',
          'after available',
        );
        same((await center.heartbeat('alice')).presence, 'available', 'after heartbeat');
        await refused(center.login('alice'), 'INVALID_TRANSITION', 'second login');
        same((await center.logout('alice')).presence, 'offline', 'after logout');
        await refused(center.logout('alice'), 'INVALID_TRANSITION', 'second logout');
      },
    ],
    [
      'a voice call is offered, accepted, held, resumed, ended and wrapped up with disposition and notes',
      async (center) => {
        await center.addQueue(QUEUE);
        await center.addAgent({ id: 'alice', skills: {} });
        await center.login('alice');
        const ix = await center.createInteraction({
          channel: 'voice',
          queueId: 'support',
          customerId: 'c-1',
          attributes: { account: 'A-7' },
        });
        same([ix.status, ix.agentId, ix.queueId], ['offered', 'alice', 'support'], 'new call');
        same(ix.attributes, { account: 'A-7' }, 'attributes');
        same((await center.getAgent('alice')).offeredInteraction, ix.id, 'offer on the agent');
        same((await center.acceptOffer(ix.id)).status, 'connected', 'after accept');
        same((await center.getAgent('alice')).presence, 'busy', 'agent while connected');
        same((await center.hold(ix.id)).status, 'held', 'after hold');
        same((await center.resume(ix.id)).status, 'connected', 'after resume');
        same((await center.end(ix.id)).status, 'wrap-up', 'after end');
        same((await center.getAgent('alice')).presence, 'wrap-up', 'agent in wrap-up');
        const done = await center.wrapUp(ix.id, {
          disposition: 'resolved',
          notes: 'Reset the PIN.',
        });
        same(
          [done.status, done.disposition, done.notes],
          ['completed', 'resolved', 'Reset the PIN.'],
          'after wrap-up',
        );
        same((await center.getInteraction(ix.id)).notes, 'Reset the PIN.', 'notes read back');
        same((await center.getAgent('alice')).presence, 'available', 'agent after wrap-up');
      },
    ],
    [
      'a rejected offer goes to the next agent',
      async (center) => {
        await center.addQueue(QUEUE);
        await center.addAgent({ id: 'alice', skills: {} });
        await center.addAgent({ id: 'bob', skills: {} });
        await center.login('alice');
        const ix = await center.createInteraction({ channel: 'chat', queueId: 'support' });
        same(ix.agentId, 'alice', 'first offer');
        await center.login('bob');
        const after = await center.rejectOffer(ix.id);
        same([after.status, after.agentId], ['offered', 'bob'], 'offer after reject');
      },
    ],
    [
      'transfers go to another queue or out of the router',
      async (center) => {
        await center.addQueue(QUEUE);
        await center.addQueue({ id: 'billing', requirements: [] });
        await center.addAgent({ id: 'alice', skills: {} });
        await center.login('alice');
        const a = await center.createInteraction({ channel: 'voice', queueId: 'support' });
        await center.acceptOffer(a.id);
        const moved = await center.transfer(a.id, { queueId: 'billing' });
        same(moved.queueId, 'billing', 'queue after transfer');
        check(moved.status === 'queued' || moved.status === 'offered', `status ${moved.status}`);
        const b = await center.createInteraction({ channel: 'voice', queueId: 'billing' });
        const current = await center.getInteraction(b.id);
        if (current.status === 'offered') await center.acceptOffer(b.id);
        const out = await center.transfer(b.id, { target: 'sip:desk@example.com' });
        same(out.status, 'transferred', 'after transfer out');
        await refused(
          center.transfer(b.id, { queueId: 'nowhere' }),
          'NOT_FOUND',
          'transfer to an unknown queue',
        );
      },
    ],
    [
      'interactions of every channel are created, queued or held back for an IVR',
      async (center) => {
        await center.addQueue(QUEUE);
        for (const channel of ['voice', 'chat', 'email', 'sms', 'callback'] as const) {
          const ix = await center.createInteraction({ channel, queueId: 'support' });
          same([ix.channel, ix.status], [channel, 'queued'], `${channel} interaction`);
        }
        const ivr = await center.createInteraction({ channel: 'voice', id: 'ivr-1' });
        same([ivr.id, ivr.status], ['ivr-1', 'created'], 'interaction without a queue');
        same((await center.getQueue('support')).waiting.length, 5, 'waiting list');
        same((await center.abandon('ivr-1')).status, 'abandoned', 'abandoned');
        await refused(
          center.createInteraction({ channel: 'voice', id: 'ivr-1' }),
          'DUPLICATE_ID',
          'a taken interaction id',
        );
      },
    ],
    [
      'a command in the wrong state is refused and changes nothing',
      async (center) => {
        await center.addQueue(QUEUE);
        const ix = await center.createInteraction({ channel: 'voice', queueId: 'support' });
        await refused(center.acceptOffer(ix.id), 'INVALID_TRANSITION', 'accept while queued');
        await refused(center.wrapUp(ix.id, {}), 'INVALID_TRANSITION', 'wrap-up while queued');
        same((await center.getInteraction(ix.id)).status, 'queued', 'status after refusals');
      },
    ],
    [
      'invalid input is refused with VALIDATION_FAILED',
      async (center) => {
        await center.addQueue(QUEUE);
        await refused(
          center.createInteraction({ channel: 'fax' as 'voice', queueId: 'support' }),
          'VALIDATION_FAILED',
          'unknown channel',
        );
        await refused(
          center.addAgent({ id: 'x', skills: { billing: 99 } }),
          'VALIDATION_FAILED',
          'proficiency out of range',
        );
        await refused(
          center.createTicket({ subject: '', requesterId: 'c-1' }),
          'VALIDATION_FAILED',
          'empty ticket subject',
        );
        same((await center.listAgents()).length, 0, 'agents after refusals');
      },
    ],
    [
      'events carry the tenant and a gap-free seq; resuming after a seq delivers the rest exactly once',
      async (center) => {
        const first = await center.getLastSeq();
        const all = new Recorder(center, { afterSeq: first });
        await center.addQueue(QUEUE);
        await center.addAgent({ id: 'alice', skills: {} });
        await center.login('alice');
        const ix = await center.createInteraction({ channel: 'chat', queueId: 'support' });
        await center.acceptOffer(ix.id);
        await all.waitFor(isType('interaction-connected', ix.id));
        const lastSeq = await center.getLastSeq();
        const last = await all.waitFor((e) => e.seq === lastSeq);
        same(
          all.events.map((e) => e.seq),
          Array.from({ length: last.seq - first }, (_, i) => first + 1 + i),
          'seqs',
        );
        check(
          all.events.every((e) => e.tenant === center.tenant),
          'every event carries the tenant',
        );
        const types: string[] = all.events.map((e) => e.event.type);
        for (const t of ['queue-added', 'agent-added', 'agent-logged-in', 'interaction-offered']) {
          check(types.includes(t), `missing ${t} in ${types.join(', ')}`);
        }
        const middle = all.events[2] as EventEnvelope;
        const resumed = new Recorder(center, { afterSeq: middle.seq });
        await resumed.waitFor((e) => e.seq === last.seq);
        same(
          resumed.events.map((e) => e.seq),
          all.events.slice(3).map((e) => e.seq),
          'resumed seqs',
        );
        await center.hold(ix.id);
        const held = await resumed.waitFor(isType('interaction-held', ix.id));
        same(
          resumed.events.map((e) => e.seq),
          Array.from({ length: held.seq - middle.seq }, (_, i) => middle.seq + 1 + i),
          'replayed and live seqs, without gap or duplicate',
        );
        all.stop();
        resumed.stop();
      },
    ],
    [
      'an agent-scoped subscription sees that agent’s offers only',
      async (center) => {
        await center.addQueue(QUEUE);
        await center.addAgent({ id: 'alice', skills: {} });
        await center.addAgent({ id: 'bob', skills: {} });
        const mine = new Recorder(center, { agentId: 'alice' });
        const everything = new Recorder(center);
        await center.login('bob');
        const toBob = await center.createInteraction({ channel: 'voice', queueId: 'support' });
        await center.login('alice');
        const toAlice = await center.createInteraction({ channel: 'voice', queueId: 'support' });
        same([toBob.agentId, toAlice.agentId], ['bob', 'alice'], 'offers');
        await mine.waitFor(isType('interaction-offered', toAlice.id));
        await everything.waitFor(isType('interaction-offered', toAlice.id));
        check(
          !mine.events.some((e) => 'agentId' in e.event && e.event.agentId === 'bob'),
          'alice saw an event of bob',
        );
        check(
          everything.events.some(isType('interaction-offered', toBob.id)),
          'the unscoped subscription missed the offer to bob',
        );
        mine.stop();
        everything.stop();
      },
    ],
    [
      'tickets are created, read, listed, updated on their version and commented',
      async (center) => {
        const t = await center.createTicket({
          subject: 'Cannot log in',
          requesterId: 'c-7',
          priority: 'high',
          tags: ['login'],
        });
        same(
          [t.subject, t.status, t.priority, t.version],
          ['Cannot log in', 'new', 'high', 1],
          'new ticket',
        );
        same((await center.getTicket(t.id)).id, t.id, 'ticket read back');
        const open = await center.updateTicket(t.id, { version: t.version, status: 'open' });
        same(open.status, 'open', 'status after update');
        await refused(
          center.updateTicket(t.id, { version: t.version, subject: 'stale' }),
          'CONFLICT',
          'update on a stale version',
        );
        const comment = await center.addTicketComment(t.id, {
          body: 'Looking into it',
          visibility: 'internal',
        });
        same([comment.body, comment.visibility], ['Looking into it', 'internal'], 'comment');
        same((await center.getTicket(t.id)).comments.length, 1, 'comments on the ticket');
        await center.createTicket({ subject: 'Second', requesterId: 'c-8' });
        const page = await center.listTickets({ status: ['open'] });
        same([page.total, page.items[0]?.id], [1, t.id], 'open tickets');
        same((await center.listTickets()).total, 2, 'all tickets');
        await refused(center.getTicket('ticket-404'), 'NOT_FOUND', 'unknown ticket');
      },
    ],
    [
      'KPIs count offered and answered contacts',
      async (center) => {
        await center.addQueue(QUEUE);
        await center.addAgent({ id: 'alice', skills: {} });
        await center.login('alice');
        const ix = await center.createInteraction({ channel: 'voice', queueId: 'support' });
        await center.acceptOffer(ix.id);
        const kpis = await center.getKpis();
        const support = kpis.window.groups['support'];
        same([support?.offered, support?.answered], [1, 1], 'support queue KPIs');
        same(kpis.today.total.answered, 1, 'answered today');
      },
    ],
    [
      'stored transcript messages are published as events, to the handling agent’s subscription only',
      async (center) => {
        await center.addQueue(QUEUE);
        await center.addAgent({ id: 'alice', skills: {} });
        await center.addAgent({ id: 'bob', skills: {} });
        const afterSeq = await center.getLastSeq();
        const all = new Recorder(center, { afterSeq });
        const alices = new Recorder(center, { afterSeq, agentId: 'alice' });
        const bobs = new Recorder(center, { afterSeq, agentId: 'bob' });
        const ix = await center.createInteraction({ channel: 'chat', queueId: 'support' });
        const waiting = await center.addTranscriptMessage(ix.id, { from: 'customer', text: 'Hi' });
        const first = await all.waitFor(isType('transcript-message-added', ix.id));
        same(
          first.event,
          {
            type: 'transcript-message-added',
            at: waiting.at,
            interactionId: ix.id,
            agentId: null,
            message: waiting,
          },
          'event of a message while queued',
        );
        await center.login('alice');
        await center.acceptOffer(ix.id);
        const text = 'Where is order 42?';
        const stored = await center.addTranscriptMessage(ix.id, { from: 'customer', text });
        const isStored = (e: EventEnvelope) =>
          e.event.type === 'transcript-message-added' && e.event.message.seq === stored.seq;
        const seen = await all.waitFor(isStored);
        same(
          seen.event,
          {
            type: 'transcript-message-added',
            at: stored.at,
            interactionId: ix.id,
            agentId: 'alice',
            message: stored,
          },
          'event of a message while connected',
        );
        same((await alices.waitFor(isStored)).seq, seen.seq, 'seq on the agent’s subscription');
        same(
          alices.events.filter(isType('transcript-message-added')).length,
          1,
          'messages the agent received (not the one written before it had the chat)',
        );
        // Something for bob after the message: his subscription has caught up past it.
        await center.login('bob');
        await bobs.waitFor(isType('agent-logged-in'));
        same(
          bobs.events.filter(isType('transcript-message-added')).length,
          0,
          'messages another agent received',
        );
        for (const r of [all, alices, bobs]) r.stop();
      },
    ],
    [
      'watchAgent keeps an agent desk current',
      async (center) => {
        await center.addQueue(QUEUE);
        await center.addAgent({ id: 'alice', skills: {} });
        const desk = watchAgent(center, 'alice');
        const seen: string[] = [];
        const offered = new Promise<void>((resolve) => {
          desk.subscribe(
            (s) =>
              s.status === 'ready'
                ? `${s.data.agent.presence}:${s.data.interactions.length}`
                : s.status,
            (value) => {
              seen.push(value);
              if (value === 'reserved:1') resolve();
            },
          );
        });
        await center.login('alice');
        await center.createInteraction({ channel: 'voice', queueId: 'support' });
        await offered;
        const snapshot = desk.getSnapshot();
        check(snapshot.status === 'ready', `desk status ${snapshot.status}`);
        same(snapshot.data.interactions[0]?.status, 'offered', 'interaction on the desk');
        desk.dispose();
        same(desk.getSnapshot().status, 'disposed', 'after dispose');
      },
    ],
    ...recordCases,
  ];
  return cases.map(([name, body], i) => ({
    name,
    run: () => withCenter(make, `contract-${i + 1}`, body),
  }));
}
