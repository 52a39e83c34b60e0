import { CHANNELS, type Channel } from '../interactions/index.js';
import { LazyHeap } from './lazy-heap.js';
import type { StrategyName } from './queue-config.js';
import type {
  AgentPool,
  AgentRecord,
  InteractionRecord,
  RequirementSet,
  WaitingPool,
} from './records.js';
import type { RoutingIndex } from './routing-index.js';
import { agentKey1, agentKey2, isAvailable } from './routing-rules.js';

/**
 * The default candidate index. Each requirement set keeps, per channel and strategy, a heap of the
 * agents available for it, and per channel a heap of the interactions waiting on it. Heaps are
 * lazy: a change bumps a version and pushes a fresh entry; stale entries are dropped when they
 * surface. A decision touches only the queues of the requirement sets involved, never every agent
 * or every waiting interaction.
 *
 * @internal
 */
export class IndexedRouter implements RoutingIndex {
  /** Agents whose pool entries are out of date; refreshed before the next agent search. */
  private readonly dirty = new Set<AgentRecord>();
  /**
   * The top entry of every waiting pool, three numbers per pool (negated priority, arrival,
   * declined flag; +Infinity when empty), at `(set.index * CHANNELS.length + channel) * 3`. An
   * agent's search reads this small table instead of visiting each pool.
   */
  private tops = new Float64Array(0);

  agentChanged(agent: AgentRecord): void {
    agent.version++;
    this.dirty.add(agent);
  }

  // Waiting pools keep their top entry live: when an interaction stops waiting, the pools whose
  // top it was drop it (and any dead entries below) at once. A decision can then compare pool tops
  // from the keys alone, without touching the interactions behind them.

  interactionWaiting(ix: InteractionRecord): void {
    ix.version++;
    const sets = ix.queue?.tiers[ix.step] ?? [];
    for (const rs of sets) {
      let pool = rs.waiting[ix.channelIndex];
      if (!pool) {
        pool = { heap: new LazyHeap<InteractionRecord>(), live: 0 };
        rs.waiting[ix.channelIndex] = pool;
      }
      // Key 3 flags entries that some agent declined, so that only those need a closer look.
      pool.heap.push(ix, -ix.priority, ix.seq, ix.declined && ix.declined.size > 0 ? 1 : 0);
      pool.live++;
      if (pool.heap.size > 2 * pool.live + 64) pool.heap.compact(isQueued);
      this.syncTop(rs, ix.channelIndex);
    }
  }

  interactionLeft(ix: InteractionRecord): void {
    ix.version++;
    const sets = ix.queue?.tiers[ix.step] ?? [];
    for (const rs of sets) {
      const pool = rs.waiting[ix.channelIndex];
      if (!pool) continue;
      pool.live--;
      if (pool.heap.topItem() === ix) {
        pool.heap.peekLive(isQueued);
        this.syncTop(rs, ix.channelIndex);
      }
    }
  }

  pickAgent(
    ix: InteractionRecord,
    sets: readonly RequirementSet[],
    strategy: StrategyName,
  ): AgentRecord | undefined {
    this.refresh();
    let best: AgentRecord | undefined;
    let b1 = 0;
    let b2 = 0;
    let b3 = 0;
    for (const rs of sets) {
      const pool = poolFor(rs, ix.channel, strategy);
      const top = topAgent(pool, ix.declined);
      if (!top) continue;
      const k1 = keys[0] as number;
      const k2 = keys[1] as number;
      const k3 = keys[2] as number;
      if (!best || k1 < b1 || (k1 === b1 && (k2 < b2 || (k2 === b2 && k3 < b3)))) {
        best = top;
        b1 = k1;
        b2 = k2;
        b3 = k3;
      }
    }
    return best;
  }

  pickInteraction(agent: AgentRecord): InteractionRecord | undefined {
    const tops = this.tops;
    const sets = agent.eligibleIndex;
    const width = CHANNELS.length;
    let bestSet = -1;
    let bestChannel = -1;
    let bp = Infinity;
    let bs = Infinity;
    let flagged = false;
    for (let c = 0; c < width; c++) {
      if (!isAvailable(agent, CHANNELS[c] as Channel)) continue;
      for (let i = 0; i < sets.length; i++) {
        const o = ((sets[i] as number) * width + c) * 3;
        if (o >= tops.length) continue;
        const p = tops[o] as number;
        if (p === Infinity) continue;
        if (tops[o + 2] === 1) {
          flagged = true;
          continue;
        }
        const s = tops[o + 1] as number;
        if (p < bp || (p === bp && s < bs)) {
          bp = p;
          bs = s;
          bestSet = i;
          bestChannel = c;
        }
      }
    }
    let best =
      bestSet >= 0
        ? (agent.eligible[bestSet] as RequirementSet).waiting[bestChannel]?.heap.topItem()
        : undefined;
    if (flagged) {
      // Pools whose top some agent declined: look inside them (rare).
      const id = agent.config.id;
      for (let c = 0; c < width; c++) {
        if (!isAvailable(agent, CHANNELS[c] as Channel)) continue;
        for (let i = 0; i < sets.length; i++) {
          const o = ((sets[i] as number) * width + c) * 3;
          if (o >= tops.length || tops[o + 2] !== 1) continue;
          const rs = agent.eligible[i] as RequirementSet;
          const pool = rs.waiting[c] as WaitingPool;
          const top = topWaiting(pool, id);
          this.syncTop(rs, c);
          if (!top) continue;
          const p = keys[0] as number;
          const s = keys[1] as number;
          if (p < bp || (p === bp && s < bs)) {
            bp = p;
            bs = s;
            best = top;
          }
        }
      }
    }
    return best;
  }

  private syncTop(rs: RequirementSet, channel: number): void {
    const o = (rs.index * CHANNELS.length + channel) * 3;
    if (o + 3 > this.tops.length) {
      const next = new Float64Array(
        Math.max(o + 3, this.tops.length * 2, 3 * CHANNELS.length * 64),
      );
      next.fill(Infinity);
      next.set(this.tops);
      this.tops = next;
    }
    const heap = rs.waiting[channel]?.heap;
    if (heap && heap.size > 0) {
      this.tops[o] = heap.topKey(0);
      this.tops[o + 1] = heap.topKey(1);
      this.tops[o + 2] = heap.topKey(2);
    } else {
      this.tops[o] = Infinity;
    }
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

function isQueued(ix: InteractionRecord): boolean {
  return ix.state === 'queued';
}

function pushAgent(pool: AgentPool, agent: AgentRecord, rs: RequirementSet): void {
  pool.heap.push(
    agent,
    agentKey1(agent, rs, pool.strategy),
    agentKey2(agent, pool.strategy),
    agent.ordinal,
  );
  if (pool.heap.size > 2 * rs.agents.length + 64) rebuildPool(pool, rs);
}

function poolFor(rs: RequirementSet, channel: Channel, strategy: StrategyName): AgentPool {
  for (const pool of rs.poolList) {
    if (pool.channel === channel && pool.strategy === strategy) return pool;
  }
  const pool: AgentPool = { channel, strategy, heap: new LazyHeap<AgentRecord>() };
  rs.poolList.push(pool);
  rebuildPool(pool, rs);
  return pool;
}

function rebuildPool(pool: AgentPool, rs: RequirementSet): void {
  pool.heap.clear();
  for (const agent of rs.agents) {
    if (isAvailable(agent, pool.channel)) {
      pool.heap.push(
        agent,
        agentKey1(agent, rs, pool.strategy),
        agentKey2(agent, pool.strategy),
        agent.ordinal,
      );
    }
  }
}

/** Keys of the entry a `top*` function returned (one scratch buffer: decisions are synchronous). */
const keys = new Float64Array(3);

function readTop<T extends { version: number }>(heap: LazyHeap<T>): void {
  keys[0] = heap.topKey(0);
  keys[1] = heap.topKey(1);
  keys[2] = heap.topKey(2);
}

/**
 * The best live entry not excluded by `skip`, with its keys in `keys`. Excluded entries (agents
 * who declined the interaction, or interactions the agent declined) are rare: they are popped
 * aside, then pushed back.
 */
function topWhere<T extends { version: number }>(
  heap: LazyHeap<T>,
  live: (item: T) => boolean,
  skip: ((item: T) => boolean) | undefined,
): T | undefined {
  let top = heap.peekLive(live);
  if (!top || !skip || !skip(top)) {
    if (top) readTop(heap);
    return top;
  }
  const aside: [T, number, number, number][] = [];
  while (top && skip(top)) {
    aside.push([top, heap.topKey(0), heap.topKey(1), heap.topKey(2)]);
    heap.pop();
    top = heap.peekLive(live);
  }
  if (top) readTop(heap);
  for (const [item, k1, k2, k3] of aside) heap.push(item, k1, k2, k3);
  return top;
}

function topAgent(
  pool: AgentPool,
  declined: ReadonlySet<string> | undefined,
): AgentRecord | undefined {
  return topWhere(
    pool.heap,
    (a) => isAvailable(a, pool.channel),
    declined ? (a) => declined.has(a.config.id) : undefined,
  );
}

function topWaiting(pool: WaitingPool, agentId: string): InteractionRecord | undefined {
  const heap = pool.heap;
  if (heap.size === 0) return undefined;
  if (heap.topKey(2) === 0) {
    // Live by the pool invariant, and declined by nobody: no need to look at the interaction.
    readTop(heap);
    return heap.topItem();
  }
  return topWhere(heap, isQueued, (ix) => ix.declined?.has(agentId) ?? false);
}
