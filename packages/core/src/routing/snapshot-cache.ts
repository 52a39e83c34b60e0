import type { AgentSnapshot } from '../agents/index.js';
import type { InteractionSnapshot } from '../interactions/index.js';
import type { AgentRecord, InteractionRecord, QueueRecord } from './records.js';
import type { RoutingEvent } from './routing-events.js';
import {
  agentKey,
  agentSnapshot,
  interactionKey,
  interactionSnapshot,
  keyedList,
  queueKey,
  queueSnapshot,
  type QueueSnapshot,
  type RoutingSnapshot,
} from './routing-snapshots.js';
import type { RoutingState } from './routing-state.js';

/**
 * Ids noted since the last build beyond which the cache stops noting and rebuilds everything next
 * time (an engine whose snapshot nobody reads any more must not collect ids for ever).
 */
const MAX_NOTED = 65_536;

/**
 * The engine's snapshot, built incrementally. After the first build the cache notes the ids each
 * event names (agents, interactions, queues); the next build rebuilds the snapshots of those
 * records only, plus the agents and queues their interactions were or are with, and keeps every
 * other part's identity. A list is copied (references only) when one of its elements changed.
 *
 * Waiting lists are worked out from the interaction records (a scan), not from the router, so the
 * snapshot stays an independent view of the router's pools (the property tests compare the two).
 *
 * @internal
 */
export class SnapshotCache {
  #snapshot: RoutingSnapshot | undefined;
  /** Whether events arrived since the last build. */
  #stale = true;
  /** Whether the ids events name are noted (from the first build on, until too many pile up). */
  #noting = false;
  readonly #agents = new Set<string>();
  readonly #interactions = new Set<string>();
  readonly #queues = new Set<string>();
  /** Agent snapshots by ordinal. */
  #agentSnapshots: AgentSnapshot[] = [];
  readonly #queueSnapshots = new Map<QueueRecord, QueueSnapshot>();
  readonly #interactionSnapshots = new WeakMap<InteractionRecord, InteractionSnapshot>();
  /** `state.dropped` at the last build. */
  #dropped = 0;

  readonly #state: RoutingState;
  constructor(state: RoutingState) {
    this.#state = state;
  }

  /** An event was applied to the state. */
  note(event: RoutingEvent): void {
    this.#stale = true;
    if (!this.#noting) return;
    const e = event as { agentId?: string; interactionId?: string; queueId?: string };
    if (e.interactionId !== undefined) this.#interactions.add(e.interactionId);
    if (e.agentId !== undefined) this.#agents.add(e.agentId);
    if (e.queueId !== undefined) this.#queues.add(e.queueId);
    if (event.type === 'queue-added') this.#queues.add(event.queue.id);
    else if (event.type === 'agent-added') this.#agents.add(event.agent.id);
    if (this.#interactions.size + this.#agents.size > MAX_NOTED) this.#forget();
  }

  /** The current snapshot. */
  get(): RoutingSnapshot {
    if (this.#snapshot !== undefined && !this.#stale) return this.#snapshot;
    this.#snapshot = this.#noting && this.#snapshot ? this.#update(this.#snapshot) : this.#build();
    this.#stale = false;
    this.#noting = true;
    this.#agents.clear();
    this.#interactions.clear();
    this.#queues.clear();
    this.#dropped = this.#state.dropped;
    return this.#snapshot;
  }

  /** Stops noting: the next build starts from scratch. */
  #forget(): void {
    this.#noting = false;
    this.#agents.clear();
    this.#interactions.clear();
    this.#queues.clear();
  }

  /** Everything from scratch. */
  #build(): RoutingSnapshot {
    const state = this.#state;
    this.#agentSnapshots = state.agentList.map((a) => agentSnapshot(a, state.channels));
    this.#queueSnapshots.clear();
    const waiting = new Map<QueueRecord, InteractionRecord[]>();
    for (const q of state.queues.values()) waiting.set(q, []);
    const interactions: InteractionSnapshot[] = [];
    for (const ix of state.interactions.values()) {
      interactions.push(this.#rebuildInteraction(ix));
      if (ix.state === 'queued' && ix.queue) waiting.get(ix.queue)?.push(ix);
    }
    const queues: QueueSnapshot[] = [];
    for (const [q, list] of waiting) {
      const snapshot = queueSnapshot(q, list);
      this.#queueSnapshots.set(q, snapshot);
      queues.push(snapshot);
    }
    return {
      agents: keyedList(this.#agentSnapshots.slice(), agentKey),
      queues: keyedList(queues, queueKey),
      interactions: keyedList(interactions, interactionKey),
    };
  }

  /** The previous snapshot with the noted records (and those they involve) rebuilt. */
  #update(previous: RoutingSnapshot): RoutingSnapshot {
    const state = this.#state;
    // Interactions first: their agents and queues, before and after, change with them.
    const changed = new Set<InteractionRecord>();
    let membership = state.dropped !== this.#dropped;
    for (const id of this.#interactions) {
      const ix = state.interactions.get(id);
      if (ix === undefined) {
        membership = true; // created and dropped since the last build
        continue;
      }
      const before = this.#interactionSnapshots.get(ix);
      if (before === undefined) membership = true;
      else {
        if (before.agentId !== undefined) this.#agents.add(before.agentId);
        if (before.queueId !== undefined) this.#queues.add(before.queueId);
      }
      if (ix.agentId !== undefined) this.#agents.add(ix.agentId);
      if (ix.queue !== undefined) this.#queues.add(ix.queue.config.id);
      changed.add(ix);
    }
    const dirtyQueues = new Map<QueueRecord, InteractionRecord[]>();
    for (const id of this.#queues) {
      const q = state.queues.get(id);
      if (q !== undefined) dirtyQueues.set(q, []);
    }
    let interactions = previous.interactions;
    if (changed.size > 0 || membership || dirtyQueues.size > 0) {
      const list: InteractionSnapshot[] = [];
      for (const ix of state.interactions.values()) {
        const cached = changed.has(ix) ? undefined : this.#interactionSnapshots.get(ix);
        list.push(cached ?? this.#rebuildInteraction(ix));
        if (ix.state === 'queued' && ix.queue) dirtyQueues.get(ix.queue)?.push(ix);
      }
      if (changed.size > 0 || membership) interactions = keyedList(list, interactionKey);
    }
    let queues = previous.queues;
    if (dirtyQueues.size > 0) {
      const list: QueueSnapshot[] = [];
      for (const q of state.queues.values()) {
        let snapshot = this.#queueSnapshots.get(q);
        const waiting = dirtyQueues.get(q);
        if (waiting !== undefined) {
          const fresh = queueSnapshot(q, waiting);
          // Same waiting list: keep the old object.
          if (snapshot === undefined || !sameList(snapshot.waiting, fresh.waiting))
            snapshot = fresh;
          this.#queueSnapshots.set(q, snapshot);
        }
        list.push(snapshot as QueueSnapshot);
      }
      queues =
        list.every((q, i) => q === previous.queues[i]) && list.length === previous.queues.length
          ? previous.queues
          : keyedList(list, queueKey);
    }
    let agents = previous.agents;
    if (this.#agents.size > 0) {
      for (const id of this.#agents) {
        const a: AgentRecord | undefined = state.agents.get(id);
        if (a !== undefined) this.#agentSnapshots[a.ordinal] = agentSnapshot(a, state.channels);
      }
      agents = keyedList(this.#agentSnapshots.slice(), agentKey);
    }
    if (
      agents === previous.agents &&
      queues === previous.queues &&
      interactions === previous.interactions
    ) {
      return previous;
    }
    return { agents, queues, interactions };
  }

  #rebuildInteraction(ix: InteractionRecord): InteractionSnapshot {
    const snapshot = interactionSnapshot(ix, this.#state.timelines.steps(ix));
    this.#interactionSnapshots.set(ix, snapshot);
    return snapshot;
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
