import {
  eventConcernsAgent,
  type ContactCenterEvent,
  type EventEnvelope,
  type LocalContactCenter,
} from '@switchboard/core/contact-center';
import { customerEnvelope, customerEvent } from './customers/customer-views.js';
import { sessionOwning } from './customers/customer-scope.js';

/** Receives the socket message (`{ type: 'event', seq, tenant, event }`, serialised) of each event. */
export type FanoutSend = (text: string) => void;

/**
 * What a socket receives: everything of its tenant, only what concerns one agent, or only the
 * redacted events of one customer session's chats.
 */
export interface FanoutScope {
  /** Replay the retained events after this seq first (0: all of them). */
  readonly afterSeq: number;
  /** Only the events that concern this agent (an agent's own desktop). */
  readonly agentId?: string | undefined;
  /** Only this chat session's interactions, redacted (a website visitor's chat). */
  readonly customerSession?: string | undefined;
}

/** Events read per page while replaying. */
const REPLAY_PAGE = 1000;

/**
 * Fans one tenant center's events out to its event sockets. The center then has one listener for
 * all of them instead of one per socket: each event is serialised once, whatever the number of
 * sockets, and goes to the sockets of the agent it concerns (an index by agent id) and to the
 * unscoped ones (supervisors, integrations), instead of being offered to every socket's filter.
 * With a thousand agent desktops that is one delivery per event instead of a thousand filter calls
 * and serialisations (`npm run bench:server`, BENCHMARKS.md).
 *
 * What an agent's socket receives stays decided by core's {@link eventConcernsAgent}: the index
 * only narrows the candidates. A customer session's sockets (indexed by session) receive the
 * redacted events of the interactions that session owns, and nothing else.
 *
 * @internal
 */
export class EventFanout {
  private readonly byAgent = new Map<string, Set<FanoutSend>>();
  private readonly byCustomer = new Map<string, Set<FanoutSend>>();
  private readonly unscoped = new Set<FanoutSend>();
  private members = 0;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly center: LocalContactCenter,
    private readonly onMemberError: (error: unknown) => void = () => undefined,
  ) {}

  /**
   * Sends `send` the retained events after `scope.afterSeq` that it may see, then every new one,
   * in seq order and without a gap (replay and joining happen in one synchronous step), until the
   * returned function is called (idempotent).
   */
  join(send: FanoutSend, scope: FanoutScope): () => void {
    this.unsubscribe ??= this.center.subscribeEvents((envelope) => this.deliver(envelope));
    let left = false;
    const customer = scope.customerSession;
    const agentId = customer === undefined ? scope.agentId : undefined;
    const [index, key] =
      customer !== undefined
        ? [this.byCustomer, customer]
        : agentId !== undefined
          ? [this.byAgent, agentId]
          : [undefined, undefined];
    const leave = () => {
      if (left) return;
      left = true;
      const set = index && key !== undefined ? index.get(key) : this.unscoped;
      set?.delete(send);
      if (index && key !== undefined && set?.size === 0) index.delete(key);
      this.members--;
      if (this.members === 0) {
        this.unsubscribe?.();
        this.unsubscribe = undefined;
      }
    };
    this.members++;
    for (let after = scope.afterSeq; !left;) {
      const page = this.center.readEvents(after, REPLAY_PAGE, agentId);
      for (const envelope of page) {
        if (left) break;
        if (customer === undefined) {
          this.sendTo(send, messageOf(envelope));
          continue;
        }
        const own = customerEnvelope(this.center, customer, envelope);
        if (own) this.sendTo(send, messageOf(own));
      }
      const last = page.at(-1);
      if (page.length < REPLAY_PAGE || !last) break;
      after = last.seq;
    }
    if (left) return leave;
    if (index && key !== undefined) {
      let set = index.get(key);
      if (!set) index.set(key, (set = new Set()));
      set.add(send);
    } else {
      this.unscoped.add(send);
    }
    return leave;
  }

  /** Sockets following the center. */
  get size(): number {
    return this.members;
  }

  private deliver(envelope: EventEnvelope): void {
    if (this.byCustomer.size > 0) this.deliverToCustomer(envelope);
    const owner = ownerOf(envelope.event);
    const scoped = owner === undefined ? undefined : this.byAgent.get(owner);
    if (this.unscoped.size === 0 && !scoped) return;
    const text = messageOf(envelope);
    for (const send of this.unscoped) this.sendTo(send, text);
    if (scoped && owner !== undefined && eventConcernsAgent(envelope.event, owner)) {
      for (const send of scoped) this.sendTo(send, text);
    }
  }

  /** The redacted event to the sockets of the session owning its interaction, if any. */
  private deliverToCustomer(envelope: EventEnvelope): void {
    const view = customerEvent(envelope.event);
    if (!view || !('interactionId' in view)) return;
    const session = sessionOwning(this.center, view.interactionId);
    const sockets = session === undefined ? undefined : this.byCustomer.get(session);
    if (!sockets) return;
    const text = messageOf({ seq: envelope.seq, tenant: envelope.tenant, event: view });
    for (const send of sockets) this.sendTo(send, text);
  }

  private sendTo(send: FanoutSend, text: string): void {
    try {
      send(text);
    } catch (error) {
      // One failing socket must not keep the event from the others.
      this.onMemberError(error);
    }
  }
}

/** The agent an event may concern (the only candidate {@link eventConcernsAgent} can accept). */
function ownerOf(event: ContactCenterEvent): string | undefined {
  if (event.type === 'agent-added') return event.agent.id;
  if (!('agentId' in event)) return undefined;
  const agentId: unknown = event.agentId;
  return typeof agentId === 'string' ? agentId : undefined;
}

function messageOf(envelope: EventEnvelope): string {
  return JSON.stringify({ type: 'event', ...envelope });
}
