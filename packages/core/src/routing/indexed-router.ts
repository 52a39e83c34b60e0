import { CHANNELS, type Channel } from '../interactions/index.js';
import { MinHeap } from '../shared/min-heap.js';
import type { StrategyName } from './queue-config.js';
import type {
  AgentEntry,
  AgentPool,
  AgentRecord,
  InteractionRecord,
  RequirementSet,
  WaitingEntry,
  WaitingHeap,
} from './records.js';
import type { RoutingIndex } from './routing-index.js';
import { agentEntryLess, agentEntry, isAvailable, waitingLess } from './routing-rules.js';

/**
 * The default candidate index. Each requirement set keeps, per channel and strategy, a heap of the
 * agents available for it, and per channel a heap of the interactions waiting on it. Heaps are
 * lazy: a change bumps a version and pushes a fresh entry; stale entries are dropped when they
 * surface. A decision touches only the heaps of the requirement sets involved, never every agent
 * or every waiting interaction.
 *
 * @internal
 */
export class IndexedRouter implements RoutingIndex {
  /** Agents whose pool entries are out of date; refreshed before the next agent search. */
  private readonly dirty = new Set<AgentRecord>();

  agentChanged(agent: AgentRecord): void {
    agent.version++;
    this.dirty.add(agent);
  }

  interactionWaiting(ix: InteractionRecord): void {
    ix.version++;
    const sets = ix.queue?.tiers[ix.step] ?? [];
    for (const rs of sets) {
      let wh = rs.waiting.get(ix.channel);
      if (!wh) {
        wh = { heap: new MinHeap<WaitingEntry>(waitingLess), live: 0 };
        rs.waiting.set(ix.channel, wh);
      }
      wh.heap.push({ ix, version: ix.version, priority: ix.priority, seq: ix.seq });
      wh.live++;
      if (wh.heap.size > 2 * wh.live + 64) compactWaiting(wh);
    }
  }

  interactionLeft(ix: InteractionRecord): void {
    const sets = ix.queue?.tiers[ix.step] ?? [];
    for (const rs of sets) {
      const wh = rs.waiting.get(ix.channel);
      if (wh) wh.live--;
    }
    ix.version++;
  }

  pickAgent(
    ix: InteractionRecord,
    sets: readonly RequirementSet[],
    strategy: StrategyName,
  ): AgentRecord | undefined {
    this.refresh();
    let best: AgentEntry | undefined;
    for (const rs of sets) {
      const pool = poolFor(rs, ix.channel, strategy);
      const top = topAgent(pool, ix.declined);
      if (top && (!best || agentEntryLess(top, best))) best = top;
    }
    return best?.agent;
  }

  pickInteraction(agent: AgentRecord): InteractionRecord | undefined {
    let best: WaitingEntry | undefined;
    for (const channel of CHANNELS) {
      if (!isAvailable(agent, channel)) continue;
      for (const rs of agent.eligible) {
        const wh = rs.waiting.get(channel);
        if (!wh) continue;
        const top = topWaiting(wh, agent.config.id);
        if (top && (!best || waitingLess(top, best))) best = top;
      }
    }
    return best?.ix;
  }

  /** Pushes fresh pool entries for agents that changed and are available. */
  private refresh(): void {
    if (this.dirty.size === 0) return;
    for (const agent of this.dirty) {
      for (const rs of agent.eligible) {
        for (const pool of rs.poolList) {
          if (isAvailable(agent, pool.channel)) pushAgent(pool, agent, rs);
        }
      }
    }
    this.dirty.clear();
  }
}

function pushAgent(pool: AgentPool, agent: AgentRecord, rs: RequirementSet): void {
  pool.heap.push(agentEntry(agent, rs, pool.strategy));
  if (pool.heap.size > 2 * rs.agents.length + 64) rebuildPool(pool, rs);
}

function poolFor(rs: RequirementSet, channel: Channel, strategy: StrategyName): AgentPool {
  for (const pool of rs.poolList) {
    if (pool.channel === channel && pool.strategy === strategy) return pool;
  }
  const pool: AgentPool = { channel, strategy, heap: new MinHeap<AgentEntry>(agentEntryLess) };
  rs.poolList.push(pool);
  rebuildPool(pool, rs);
  return pool;
}

function rebuildPool(pool: AgentPool, rs: RequirementSet): void {
  pool.heap.clear();
  for (const agent of rs.agents) {
    if (isAvailable(agent, pool.channel)) pool.heap.push(agentEntry(agent, rs, pool.strategy));
  }
}

function validAgent(e: AgentEntry, channel: Channel): boolean {
  return e.version === e.agent.version && isAvailable(e.agent, channel);
}

function topAgent(
  pool: AgentPool,
  declined: ReadonlySet<string> | undefined,
): AgentEntry | undefined {
  const heap = pool.heap;
  let top = heap.peek();
  while (top && !validAgent(top, pool.channel)) {
    heap.pop();
    top = heap.peek();
  }
  if (!top || !declined || !declined.has(top.agent.config.id)) return top;
  // Agents who declined this interaction are set aside, then put back.
  const aside: AgentEntry[] = [];
  while (top && (!validAgent(top, pool.channel) || declined.has(top.agent.config.id))) {
    const e = heap.pop() as AgentEntry;
    if (validAgent(e, pool.channel)) aside.push(e);
    top = heap.peek();
  }
  for (const e of aside) heap.push(e);
  return top;
}

function validWaiting(e: WaitingEntry): boolean {
  return e.version === e.ix.version && e.ix.state === 'queued';
}

function topWaiting(wh: WaitingHeap, agentId: string): WaitingEntry | undefined {
  const heap = wh.heap;
  let top = heap.peek();
  while (top && !validWaiting(top)) {
    heap.pop();
    top = heap.peek();
  }
  if (!top || !top.ix.declined?.has(agentId)) return top;
  const aside: WaitingEntry[] = [];
  while (top && (!validWaiting(top) || top.ix.declined?.has(agentId))) {
    const e = heap.pop() as WaitingEntry;
    if (validWaiting(e)) aside.push(e);
    top = heap.peek();
  }
  for (const e of aside) heap.push(e);
  return top;
}

function compactWaiting(wh: WaitingHeap): void {
  const live = wh.heap.toArray().filter(validWaiting);
  wh.heap.clear();
  for (const e of live) wh.heap.push(e);
  wh.live = live.length;
}
