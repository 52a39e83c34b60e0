import {
  eventConcernsAgent,
  type ContactCenterEvent,
  type EventEnvelope,
  type LocalContactCenter,
} from '@switchboard/core/contact-center';

/** Receives the socket message (`{ type: 'event', seq, tenant, event }`, serialised) of each event. */
export type FanoutSend = (text: string) => void;

/** What a socket receives: everything of its tenant, or only what concerns one agent. */
export interface FanoutScope {
  /** Replay the retained events after this seq first (0: all of them). */
  readonly afterSeq: number;
  /** Only the events that concern this agent (an agent's own desktop). */
  readonly agentId?: string | undefined;
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
 * only narrows the candidates.
 *
 * @internal
 */
export class EventFanout {
  private readonly byAgent = new Map<string, Set<FanoutSend>>();
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
    const leave = () => {
      if (left) return;
      left = true;
      const set = scope.agentId === undefined ? this.unscoped : this.byAgent.get(scope.agentId);
      set?.delete(send);
      if (scope.agentId !== undefined && set?.size === 0) this.byAgent.delete(scope.agentId);
      this.members--;
      if (this.members === 0) {
        this.unsubscribe?.();
        this.unsubscribe = undefined;
      }
    };
    this.members++;
    for (let after = scope.afterSeq; !left;) {
      const page = this.center.readEvents(after, REPLAY_PAGE, scope.agentId);
      for (const envelope of page) {
        if (left) break;
        this.sendTo(send, messageOf(envelope));
      }
      const last = page.at(-1);
      if (page.length < REPLAY_PAGE || !last) break;
      after = last.seq;
    }
    if (left) return leave;
    if (scope.agentId === undefined) {
      this.unscoped.add(send);
    } else {
      let set = this.byAgent.get(scope.agentId);
      if (!set) this.byAgent.set(scope.agentId, (set = new Set()));
      set.add(send);
    }
    return leave;
  }

  /** Sockets following the center. */
  get size(): number {
    return this.members;
  }

  private deliver(envelope: EventEnvelope): void {
    const owner = ownerOf(envelope.event);
    const scoped = owner === undefined ? undefined : this.byAgent.get(owner);
    if (this.unscoped.size === 0 && !scoped) return;
    const text = messageOf(envelope);
    for (const send of this.unscoped) this.sendTo(send, text);
    if (scoped && owner !== undefined && eventConcernsAgent(envelope.event, owner)) {
      for (const send of scoped) this.sendTo(send, text);
    }
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
