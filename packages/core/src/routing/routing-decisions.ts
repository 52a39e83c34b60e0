import type { Clock } from '../shared/index.js';
import type { AgentRecord, InteractionRecord, QueueRecord, RequirementSet } from './records.js';
import type { InteractionCompletedEvent, OfferReason, RoutingEvent } from './routing-events.js';
import { isAvailable, satisfies } from './routing-rules.js';
import type { RoutingState } from './routing-state.js';

const TRIGGERS: readonly OfferReason['trigger'][] = [
  'interaction-waiting',
  'agent-available',
  'overflow',
  'returned',
];

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The router's decisions: who gets what, and what happens when a deadline passes. It reads the
 * state (through its candidate index) and journals its decisions through `emit`, which applies
 * them; the engine's commands call it after journaling what they were asked to do.
 *
 * @internal
 */
export class RoutingDecisions {
  readonly #state: RoutingState;
  readonly #clock: Clock;
  readonly #emit: (event: RoutingEvent) => void;
  readonly #maxMissedOffers: number;
  constructor(
    state: RoutingState,
    clock: Clock,
    emit: (event: RoutingEvent) => void,
    maxMissedOffers: number,
  ) {
    this.#state = state;
    this.#clock = clock;
    this.#emit = emit;
    this.#maxMissedOffers = maxMissedOffers;
  }

  /** Finds an agent for a waiting interaction, or leaves it waiting. */
  routeInteraction(ix: InteractionRecord, trigger: OfferReason['trigger']): void {
    const queue = ix.queue as QueueRecord;
    const sets = queue.tiers[ix.step] as RequirementSet[];
    for (;;) {
      const sticky = this.#stickyAgent(ix, queue, sets);
      const agent = sticky ?? this.#state.index.pickAgent(ix, sets, queue.strategy);
      if (!agent) return;
      if (this.#leaseLapsed(agent)) {
        this.#expireLease(agent);
        continue;
      }
      this.#offer(ix, agent, trigger, agent === sticky);
      return;
    }
  }

  /** Offers `agent` the best waiting interaction it may take, if any. */
  offerWorkTo(agent: AgentRecord): void {
    if (agent.chosen !== 'available' || agent.offered !== undefined) return;
    if (this.#leaseLapsed(agent)) {
      this.#expireLease(agent);
      return;
    }
    const ix = this.#state.index.pickInteraction(agent);
    if (!ix) return;
    this.#offer(ix, agent, 'agent-available', false);
  }

  /**
   * Journals the completion of `ix` and offers its agent (if any: an interaction contained in the
   * IVR has none) its next work. Callers have checked the transition.
   */
  complete(ix: InteractionRecord, options: { disposition?: string; automatic?: boolean }): void {
    const agent = ix.state === 'wrap-up' ? this.#state.agent(ix.agentId as string) : undefined;
    // Optional fields are set one by one: spreading them in would allocate an object for each.
    const event: Mutable<InteractionCompletedEvent> = {
      type: 'interaction-completed',
      at: this.#clock.now(),
      interactionId: ix.id,
    };
    if (agent) event.agentId = agent.id;
    if (options.disposition !== undefined) event.disposition = options.disposition;
    if (options.automatic) event.automatic = true;
    this.#emit(event);
    if (agent) this.offerWorkTo(agent);
  }

  /** A record's deadline passed: acts on the record's state at that time. */
  onDeadline(owner: AgentRecord | InteractionRecord): void {
    if ('channel' in owner) this.#onInteractionDeadline(owner);
    else if (owner.chosen !== 'offline' && owner.reason !== 'stale' && this.#leaseLapsed(owner)) {
      this.#expireLease(owner);
    }
  }

  #onInteractionDeadline(ix: InteractionRecord): void {
    const at = this.#clock.now();
    const interactionId = ix.id;
    if (ix.state === 'offered') {
      const agent = this.#state.agent(ix.agentId as string) as AgentRecord;
      this.#emit({ type: 'offer-timed-out', at, interactionId, agentId: agent.id });
      if (agent.missedOffers >= this.#maxMissedOffers && agent.chosen === 'available') {
        this.#emit({ type: 'agent-not-ready', at, agentId: agent.id, reason: 'missed-offers' });
      }
      this.routeInteraction(ix, 'returned');
      this.offerWorkTo(agent);
    } else if (ix.state === 'queued') {
      const queue = ix.queue as QueueRecord;
      const step = ix.step + 1;
      const queueId = queue.config.id;
      this.#emit({ type: 'interaction-overflowed', at, interactionId, queueId, step });
      if (queue.config.overflow?.[step - 1]?.offerCallback) {
        this.#emit({ type: 'callback-offered', at, interactionId, queueId });
      }
      this.routeInteraction(ix, 'overflow');
    } else if (ix.state === 'wrap-up') {
      this.complete(ix, { automatic: true });
    }
  }

  #stickyAgent(
    ix: InteractionRecord,
    queue: QueueRecord,
    sets: readonly RequirementSet[],
  ): AgentRecord | undefined {
    if (!queue.sticky || ix.customerId === undefined) return undefined;
    const last = this.#state.lastAgentOf.get(ix.customerId);
    if (!last || this.#clock.now() - last.at > queue.sticky.windowMs) return undefined;
    const agent = this.#state.agent(last.agentId);
    if (!agent || ix.declined?.has(agent.id)) return undefined;
    if (agent.chosen !== 'available' || agent.offered !== undefined) return undefined;
    if (!isAvailable(agent, ix.channelIndex)) return undefined;
    return sets.some((rs) => satisfies(agent, rs)) ? agent : undefined;
  }

  #offer(
    ix: InteractionRecord,
    agent: AgentRecord,
    trigger: OfferReason['trigger'],
    sticky: boolean,
  ): void {
    this.#state.remember(ix, agent);
    const queue = ix.queue as QueueRecord;
    const at = this.#clock.now();
    // Reasons are few (trigger x strategy x step) and immutable: each queue keeps one of each.
    const k = ((sticky ? 4 : 0) + TRIGGERS.indexOf(trigger)) * queue.tiers.length + ix.step;
    const reason = (queue.reasons[k] ??= Object.freeze({
      trigger,
      strategy: sticky ? 'sticky' : queue.strategy,
      step: ix.step,
    }));
    this.#emit({
      type: 'interaction-offered',
      at,
      interactionId: ix.id,
      agentId: agent.id,
      queueId: queue.config.id,
      reason,
      expiresAt: at + queue.offerTimeoutMs,
    });
  }

  #leaseLapsed(agent: AgentRecord): boolean {
    return agent.leaseExpiresAt !== undefined && agent.leaseExpiresAt <= this.#clock.now();
  }

  #expireLease(agent: AgentRecord): void {
    const offered =
      agent.offered !== undefined ? this.#state.interaction(agent.offered) : undefined;
    const at = this.#clock.now();
    if (offered) {
      const interactionId = offered.id;
      this.#emit({
        type: 'offer-rescinded',
        at,
        interactionId,
        agentId: agent.id,
        reason: 'stale',
      });
    }
    this.#emit({ type: 'agent-lease-expired', at, agentId: agent.id });
    if (offered) this.routeInteraction(offered, 'returned');
  }
}
