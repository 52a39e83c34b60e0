import { keysBefore, type IsLive, type KeyedQueue } from './lazy-heap.js';
import type { StrategyName } from './queue-config.js';
import type { AgentRecord, InteractionRecord, QueueRecord, RequirementSet } from './records.js';
import type { RoutingIndex } from './routing-index.js';
import { agentKey1, agentKey2, freeSlots } from './routing-rules.js';
import { RunHeap } from './run-heap.js';

/**
 * Slots per requirement set for `width` channels: pools live at slot `set.index * setSlots +
 * channel index`. A power of two at least the channel count, and at least 8: every set's row in
 * the table of pool tops (128 bytes for 8) then starts at the same offset within a cache line, so
 * its voice and chat entries (32 bytes) share one line (unless the table's memory starts in the
 * last quarter of a line).
 */
function setSlotsFor(width: number): number {
  let slots = 8;
  while (slots < width) slots *= 2;
  return slots;
}

/**
 * The router's own facts about agents, by ordinal (never on the records), in one typed array,
 * `STRIDE` numbers each (64 bytes, one cache line when the row is aligned): the version its pool
 * entries must carry to be live (bumped on every change), the channels it may be offered work on
 * now (bit c: channel c), whether its pool entries are out of date (it is in the list to refresh),
 * and the indexes of the requirement sets it satisfies (`LISTED` holds their count + 1, 0 until
 * listed). An agent's search then reads one row for all of it; an agent with more than `INLINE`
 * sets keeps them in the router's `spilled` lists instead.
 */
class AgentTable {
  rows = new Int32Array(STRIDE * 1024);

  ensure(ordinal: number): void {
    if (ordinal * STRIDE < this.rows.length) return;
    const rows = new Int32Array(Math.max(this.rows.length * 2, (ordinal + 1) * STRIDE));
    rows.set(this.rows);
    this.rows = rows;
  }
}

const STRIDE = 16;
const VERSION = 0;
const OPEN = 1;
const DIRTY = 2;
const LISTED = 3;
const SETS = 4;
const INLINE = STRIDE - SETS;

const STRATEGIES: readonly StrategyName[] = [
  'longest-idle',
  'least-occupied',
  'round-robin',
  'best-proficiency',
];

/** Interactions waiting on one requirement set and channel. Entries carry `revision` stamps. */
class WaitingPool extends RunHeap<InteractionRecord> {
  /** Live entries (the queue also holds stale ones until they surface). */
  live = 0;
}

/** Agents available for one requirement set, channel and strategy. */
class AgentPool extends RunHeap<AgentRecord> {
  /** Whether an entry is current and its agent may still be offered work on this channel. */
  readonly isLive: IsLive<AgentRecord>;
  /** Whether an agent may be offered work on this channel now. */
  readonly isOpen: (agent: AgentRecord) => boolean;

  constructor(
    readonly rs: RequirementSet,
    readonly channel: number,
    readonly strategy: StrategyName,
    /** Subtracted from times used as keys, so that they stay small integers (see `RunHeap`). */
    readonly timeBase: number,
    readonly table: AgentTable,
  ) {
    super();
    const bit = 1 << channel;
    // Entries key ties on the agent's ordinal (see `pushEntry`): liveness reads the side table
    // alone, never the record, so dropping a dead entry costs no load of a cold agent record.
    this.isLive = (_agent, version, ordinal) => {
      const rows = table.rows;
      const o = ordinal * STRIDE;
      return rows[o + VERSION] === version && ((rows[o + OPEN] as number) & bit) !== 0;
    };
    this.isOpen = (agent) => ((table.rows[agent.ordinal * STRIDE + OPEN] as number) & bit) !== 0;
  }
}

/**
 * The default candidate index. Per requirement set and channel it keeps a queue of the waiting
 * interactions, and per strategy in use a queue of the available agents. Queues are lazy: a change
 * bumps a version and pushes a fresh entry; stale entries are dropped when they surface. A decision
 * touches only the queues of the requirement sets involved, never every agent or every waiting
 * interaction.
 *
 * Pools sit in flat arrays by slot rather than hanging off the requirement sets: a decision's cost
 * is mostly memory latency, and each hop through an object it does not otherwise need is one more
 * cache miss.
 *
 * @internal
 */
export class IndexedRouter implements RoutingIndex {
  /** Pool slots per requirement set (see `setSlotsFor`). */
  readonly #setSlots: number;
  readonly #agentTable = new AgentTable();
  /** By agent ordinal, the set indexes of agents with more than `INLINE` (see `AgentTable`). */
  readonly #spilled: (Int32Array | undefined)[] = [];

  readonly #timeBase: number;
  readonly #width: number;
  /**
   * @param timeBase - a time (epoch ms) near the engine's start: agent pools key on times
   *   relative to it, which keeps their keys small integers.
   * @param width - how many channels the engine routes.
   */
  constructor(timeBase = 0, width = 5) {
    this.#timeBase = timeBase;
    this.#width = width;
    this.#setSlots = setSlotsFor(width);
  }

  /** Agents whose pool entries are out of date (flagged `dirty`); refreshed before a search. */
  readonly #dirty: AgentRecord[] = [];
  #dirtyCount = 0;
  /** Waiting pools by slot. */
  readonly #waiting: (WaitingPool | undefined)[] = [];
  /** Each waiting pool's top interaction, by slot (possibly stale: see `pickInteraction`). */
  readonly #topItems: (InteractionRecord | undefined)[] = [];
  /**
   * Each waiting pool's top entry, two numbers per slot: its first key (negated priority;
   * +Infinity when the pool is empty) and `2 * arrival + declined flag`, which orders the same as
   * the second and third keys (arrivals are distinct integers). An agent's search reads this small
   * table instead of the pools (one cache line per requirement set for its voice and chat pools),
   * then checks the winner against its pool.
   */
  #tops = new Float64Array(0);
  /** Agent pools by `slot * STRATEGIES.length + strategy`. */
  readonly #agentPools: (AgentPool | undefined)[] = [];
  /** The agent pools of each requirement set, by set index (for refreshing an agent). */
  readonly #poolsOfSet: AgentPool[][] = [];

  agentChanged(agent: AgentRecord): void {
    const table = this.#agentTable;
    table.ensure(agent.ordinal);
    const rows = table.rows;
    const o = agent.ordinal * STRIDE;
    rows[o + VERSION] = (rows[o + VERSION] as number) + 1;
    rows[o + OPEN] = openChannels(agent, this.#width);
    if (rows[o + DIRTY] === 0) {
      rows[o + DIRTY] = 1;
      this.#dirty[this.#dirtyCount++] = agent;
    }
  }

  requirementSetAdded(rs: RequirementSet): void {
    // Its agents' lists of sets grew: remade on their next search.
    const table = this.#agentTable;
    for (const agent of rs.agents) {
      table.ensure(agent.ordinal);
      table.rows[agent.ordinal * STRIDE + LISTED] = 0;
    }
  }

  // An agent's search compares pool tops from the `tops` table alone and checks only the winner
  // (its record and its pool's head, which the offer reads anyway): when an interaction leaves the
  // top of a pool, the entry below takes its place in the table unchecked.

  interactionWaiting(ix: InteractionRecord): void {
    const sets = ix.queue?.tiers[ix.step] ?? [];
    for (const rs of sets) {
      const slot = rs.index * this.#setSlots + ix.channelIndex;
      let pool = this.#waiting[slot];
      if (!pool) {
        pool = new WaitingPool();
        this.#waiting[slot] = pool;
      }
      // Key 3 flags entries that some agent declined, so that only those need a closer look.
      // 0 - priority, not -priority: -0 is not a small integer, and would be boxed in the run.
      let changed = pool.push(ix, 0 - ix.priority, ix.seq, ix.declined?.size ? 1 : 0, ix.revision);
      pool.live++;
      if (pool.size > 2 * pool.live + 64) {
        pool.compact(isQueued);
        changed = true;
      }
      // Most arrivals join the end of a run: the pool's top, and its row in `tops`, stay put.
      if (changed) this.#syncTop(slot);
    }
  }

  interactionLeft(ix: InteractionRecord): void {
    const sets = ix.queue?.tiers[ix.step] ?? [];
    for (const rs of sets) {
      const slot = rs.index * this.#setSlots + ix.channelIndex;
      const pool = this.#waiting[slot];
      if (!pool) continue;
      pool.live--;
      if (this.#topItems[slot] === ix) {
        pool.pop();
        this.#syncTop(slot);
      }
    }
  }

  pickAgent(
    ix: InteractionRecord,
    sets: readonly RequirementSet[],
    strategy: StrategyName,
  ): AgentRecord | undefined {
    this.#refresh();
    let best: AgentRecord | undefined;
    let b1 = 0;
    let b2 = 0;
    let b3 = 0;
    for (const rs of sets) {
      const pool = this.#agentPool(rs, ix.channelIndex, strategy);
      const top = topAgent(pool, ix.declined);
      if (!top) continue;
      const k1 = keys[0] as number;
      const k2 = keys[1] as number;
      const k3 = keys[2] as number;
      if (!best || keysBefore(k1, k2, k3, b1, b2, b3)) {
        best = top;
        b1 = k1;
        b2 = k2;
        b3 = k3;
      }
    }
    return best;
  }

  pickInteraction(agent: AgentRecord): InteractionRecord | undefined {
    const o = agent.ordinal * STRIDE;
    if (this.#agentTable.rows[o + LISTED] === 0) this.#listSets(agent);
    const rows = this.#agentTable.rows;
    const open = rows[o + OPEN] as number;
    const count = (rows[o + LISTED] as number) - 1;
    const sets = count > INLINE ? (this.#spilled[agent.ordinal] as Int32Array) : rows;
    const first = count > INLINE ? 0 : o + SETS;
    const end = first + count;
    const setSlots = this.#setSlots;
    const width = this.#width;
    let bestSlot = -1;
    let bp = Infinity;
    let bs = Infinity;
    let flagged = false;
    for (;;) {
      const tops = this.#tops;
      for (let c = 0; c < width; c++) {
        if ((open & (1 << c)) === 0) continue;
        for (let i = first; i < end; i++) {
          const slot = (sets[i] as number) * setSlots + c;
          if (2 * slot >= tops.length) continue;
          const p = tops[2 * slot] as number;
          if (p === Infinity) continue;
          const s = tops[2 * slot + 1] as number;
          if (s % 2 === 1) {
            flagged = true;
            continue;
          }
          if (keysBefore(p, s, 0, bp, bs, 0)) {
            bp = p;
            bs = s;
            bestSlot = slot;
          }
        }
      }
      if (bestSlot < 0) break;
      // The winner's record and its pool's head entry are read together (neither load waits for
      // the other, so their cache misses overlap); the offer then takes the entry from a warm pool.
      const top = this.#topItems[bestSlot] as InteractionRecord;
      const pool = this.#waiting[bestSlot] as WaitingPool;
      if (pool.topVersion() === top.revision && top.state === 'queued') break;
      // A stale top (it left that pool from below the top, or the pool was never checked since):
      // drop the dead entries and search again.
      pool.peekLive(isQueued);
      this.#syncTop(bestSlot);
      bestSlot = -1;
      bp = Infinity;
      bs = Infinity;
      flagged = false;
    }
    let best = bestSlot >= 0 ? this.#topItems[bestSlot] : undefined;
    if (flagged) {
      // Pools whose top some agent declined: look inside them (rare).
      const id = agent.id;
      for (let c = 0; c < width; c++) {
        if ((open & (1 << c)) === 0) continue;
        for (let i = first; i < end; i++) {
          const slot = (sets[i] as number) * setSlots + c;
          if (2 * slot >= this.#tops.length || (this.#tops[2 * slot + 1] as number) % 2 !== 1) {
            continue;
          }
          const top = topWaiting(this.#waiting[slot] as WaitingPool, id);
          this.#syncTop(slot);
          if (!top) continue;
          const p = keys[0] as number;
          const s = 2 * (keys[1] as number) + (keys[2] as number);
          if (keysBefore(p, s, 0, bp, bs, 0)) {
            bp = p;
            bs = s;
            best = top;
          }
        }
      }
    }
    return best;
  }

  waitingIn(queue: QueueRecord): InteractionRecord[] {
    // An interaction at overflow step k waits in the pools of its queue's tier k: look there only.
    const found = new Set<InteractionRecord>();
    for (const sets of queue.tiers) {
      for (const rs of sets) {
        for (let c = 0; c < this.#width; c++) {
          this.#waiting[rs.index * this.#setSlots + c]?.forEachLive(isQueued, (ix) => {
            if (ix.queue === queue) found.add(ix);
          });
        }
      }
    }
    return [...found];
  }

  #syncTop(slot: number): void {
    if (2 * slot >= this.#tops.length) {
      // Room for twice the slots (two numbers each).
      const slots = Math.max(slot + 1, this.#tops.length, this.#setSlots * 64);
      const tops = new Float64Array(2 * slots).fill(Infinity);
      tops.set(this.#tops);
      this.#tops = tops;
    }
    const pool = this.#waiting[slot];
    if (pool && pool.size > 0) {
      this.#tops[2 * slot] = pool.topKey(0);
      this.#tops[2 * slot + 1] = 2 * pool.topKey(1) + pool.topKey(2);
      this.#topItems[slot] = pool.topItem();
    } else {
      this.#tops[2 * slot] = Infinity;
      this.#topItems[slot] = undefined;
    }
  }

  /** The pool of agents available for `rs` on a channel, ranked by `strategy` (made on first use). */
  #agentPool(rs: RequirementSet, channel: number, strategy: StrategyName): AgentPool {
    const at =
      (rs.index * this.#setSlots + channel) * STRATEGIES.length + STRATEGIES.indexOf(strategy);
    let pool = this.#agentPools[at];
    if (!pool) {
      pool = new AgentPool(rs, channel, strategy, this.#timeBase, this.#agentTable);
      this.#agentPools[at] = pool;
      (this.#poolsOfSet[rs.index] ??= []).push(pool);
      rebuildPool(pool);
    }
    return pool;
  }

  /** Pushes fresh pool entries for agents that changed and are available. */
  #refresh(): void {
    const dirty = this.#dirty;
    const count = this.#dirtyCount;
    this.#dirtyCount = 0;
    for (let i = 0; i < count; i++) {
      const agent = dirty[i] as AgentRecord;
      const o = agent.ordinal * STRIDE;
      this.#agentTable.rows[o + DIRTY] = 0;
      // Most agents that changed since the last search are busy now: nothing to push for them.
      if (this.#agentTable.rows[o + OPEN] === 0) continue;
      if (this.#agentTable.rows[o + LISTED] === 0) this.#listSets(agent);
      const rows = this.#agentTable.rows;
      const n = (rows[o + LISTED] as number) - 1;
      const sets = n > INLINE ? (this.#spilled[agent.ordinal] as Int32Array) : rows;
      const first = n > INLINE ? 0 : o + SETS;
      for (let j = first; j < first + n; j++) {
        for (const pool of this.#poolsOfSet[sets[j] as number] ?? []) {
          if (pool.isOpen(agent)) pushAgent(pool, agent);
        }
      }
    }
  }

  /** Lists the agent's requirement sets in its row (or in `spilled`, when too many). */
  #listSets(agent: AgentRecord): void {
    const table = this.#agentTable;
    table.ensure(agent.ordinal);
    const o = agent.ordinal * STRIDE;
    const sets = agent.eligible;
    if (sets.length > INLINE) {
      this.#spilled[agent.ordinal] = Int32Array.from(sets, (rs) => rs.index);
    } else {
      for (let i = 0; i < sets.length; i++)
        table.rows[o + SETS + i] = (sets[i] as RequirementSet).index;
    }
    table.rows[o + LISTED] = sets.length + 1;
  }
}

/**
 * The channels `agent` may be offered work on now, one bit per channel index: what
 * `isAvailable` says, worked out once per change instead of on every search.
 */
function openChannels(agent: AgentRecord, width: number): number {
  if (agent.chosen !== 'available' || agent.offered !== undefined) return 0;
  let mask = 0;
  for (let c = 0; c < width; c++) if (freeSlots(agent, c) > 0) mask |= 1 << c;
  return mask;
}

/** Whether a waiting pool's entry is current: the interaction still waits, at that revision. */
function isQueued(ix: InteractionRecord, revision: number): boolean {
  return ix.revision === revision && ix.state === 'queued';
}

/** Pushes a fresh entry for `agent`, rebuilding the pool instead once stale entries pile up. */
function pushAgent(pool: AgentPool, agent: AgentRecord): void {
  pushEntry(pool, agent);
  if (pool.size > 2 * pool.rs.agents.length + 64) rebuildPool(pool);
}

function rebuildPool(pool: AgentPool): void {
  pool.clear();
  for (const agent of pool.rs.agents) if (pool.isOpen(agent)) pushEntry(pool, agent);
}

/** Pushes `agent` with its keys under the pool's strategy, stamped with its current version. */
function pushEntry(pool: AgentPool, agent: AgentRecord): void {
  pool.push(
    agent,
    agentKey1(agent, pool.rs, pool.strategy),
    agentKey2(agent, pool.strategy) - pool.timeBase,
    agent.ordinal,
    pool.table.rows[agent.ordinal * STRIDE + VERSION] as number,
  );
}

/** Keys of the entry a `top*` function returned (one scratch buffer: decisions are synchronous). */
const keys = new Float64Array(3);

function readTop<T>(queue: KeyedQueue<T>): void {
  keys[0] = queue.topKey(0);
  keys[1] = queue.topKey(1);
  keys[2] = queue.topKey(2);
}

/**
 * The best live entry not excluded by `skip`, with its keys in `keys`. Excluded entries (agents
 * who declined the interaction, or interactions the agent declined) are rare: they are popped
 * aside, then pushed back.
 */
function topWhere<T>(
  queue: KeyedQueue<T>,
  live: IsLive<T>,
  skip: ((item: T) => boolean) | undefined,
): T | undefined {
  let top = queue.peekLive(live);
  if (!top || !skip || !skip(top)) {
    if (top) readTop(queue);
    return top;
  }
  const aside: [T, number, number, number, number][] = [];
  while (top && skip(top)) {
    aside.push([top, queue.topKey(0), queue.topKey(1), queue.topKey(2), queue.topVersion()]);
    queue.pop();
    top = queue.peekLive(live);
  }
  if (top) readTop(queue);
  for (const [item, k1, k2, k3, v] of aside) queue.push(item, k1, k2, k3, v);
  return top;
}

function topAgent(
  pool: AgentPool,
  declined: ReadonlySet<string> | undefined,
): AgentRecord | undefined {
  return topWhere(pool, pool.isLive, declined ? (a) => declined.has(a.id) : undefined);
}

function topWaiting(pool: WaitingPool, agentId: string): InteractionRecord | undefined {
  return topWhere(pool, isQueued, (ix) => ix.declined?.has(agentId) ?? false);
}
