// Pure builders of the routing engine's snapshots: records in, plain immutable data out.
import type { AgentSnapshot } from '../agents/index.js';
import type { Channel, InteractionSnapshot, TimelineEntry } from '../interactions/index.js';
import type { ChannelTable } from './channel-table.js';
import type { QueueConfig } from './queue-config.js';
import type { AgentRecord, InteractionEvent, InteractionRecord, QueueRecord } from './records.js';
import { derivePresence } from './routing-rules.js';
import type { TimelineStep } from './timeline-log.js';

/**
 * A read-only list that also finds an element by id (`get`), as a `Map` would, while keeping the
 * order and the array methods (`map`, `some`, `length`) of a list.
 *
 * @example
 * ```ts
 * const billing = engine.getSnapshot().queues.get('billing');
 * const waiting = engine.getSnapshot().queues.map((q) => q.waiting.length);
 * ```
 */
export interface KeyedList<T> extends ReadonlyArray<T> {
  /** The element with this id (a queue's `config.id`), or `undefined`. */
  get(id: string): T | undefined;
}

/** A queue's configuration and who waits in it. */
export interface QueueSnapshot {
  readonly config: QueueConfig;
  /** Ids of waiting interactions, in the order they will be served. */
  readonly waiting: readonly string[];
}

/**
 * Everything the engine holds, as plain data. Snapshots are built incrementally: a part that did
 * not change keeps its identity from one snapshot to the next (each queue, agent and interaction,
 * and each list none of whose elements changed), so selectors can compare with `Object.is`.
 */
export interface RoutingSnapshot {
  readonly agents: KeyedList<AgentSnapshot>;
  readonly queues: KeyedList<QueueSnapshot>;
  readonly interactions: KeyedList<InteractionSnapshot>;
}

/** @internal `items` as a {@link KeyedList} (the array itself, with a non-enumerable `get`). */
export function keyedList<T>(items: T[], keyOf: (item: T) => string): KeyedList<T> {
  let byId: Map<string, T> | undefined;
  Object.defineProperty(items, 'get', {
    value: (id: string): T | undefined => {
      byId ??= new Map(items.map((item) => [keyOf(item), item]));
      return byId.get(id);
    },
  });
  return items as unknown as KeyedList<T>;
}

/** @internal */
export const agentKey = (a: AgentSnapshot): string => a.id;
/** @internal */
export const queueKey = (q: QueueSnapshot): string => q.config.id;
/** @internal */
export const interactionKey = (ix: InteractionSnapshot): string => ix.id;

/** @internal The agent's active interaction ids, oldest first. */
export function activeIds(a: AgentRecord): string[] {
  const ids: string[] = [];
  for (let p = a.activeHead; p !== undefined; p = p.nextActive) ids.push(p.id);
  return ids.reverse();
}

/** @internal Waiting interactions in the order they will be served (sorts `list` in place). */
export function sortWaiting(list: InteractionRecord[]): InteractionRecord[] {
  return list.sort((a, b) => (a.priority !== b.priority ? b.priority - a.priority : a.seq - b.seq));
}

/** @internal A queue's snapshot, given the interactions waiting in it (in any order). */
export function queueSnapshot(q: QueueRecord, waiting: InteractionRecord[]): QueueSnapshot {
  return { config: q.config, waiting: sortWaiting(waiting).map((ix) => ix.id) };
}

/** @internal An agent's snapshot. */
export function agentSnapshot(a: AgentRecord, channels: ChannelTable): AgentSnapshot {
  const load: Partial<Record<Channel, number>> = {};
  const capacity: Partial<Record<Channel, number>> = {};
  channels.names.forEach((c, i) => {
    const total = a.capacity[i] as number;
    const held = total - (a.free[i] as number);
    if (held > 0) load[c as Channel] = held;
    if (total > 0) capacity[c as Channel] = total;
  });
  return {
    ...a.config,
    capacity,
    languages: [...a.languages],
    presence: derivePresence(a),
    chosenPresence: a.chosen,
    notReadyReason: a.chosen === 'not-ready' ? a.reason : undefined,
    load,
    interactions: activeIds(a),
    offeredInteraction: a.offered,
    idleSince: a.idleSince,
    missedOffers: a.missedOffers,
    leaseExpiresAt: a.leaseExpiresAt,
  };
}

/** @internal An interaction's snapshot, with its timeline steps. */
export function interactionSnapshot(
  ix: InteractionRecord,
  steps: readonly TimelineStep[],
): InteractionSnapshot {
  return {
    id: ix.id,
    channel: ix.channel,
    status: ix.state,
    customerId: ix.customerId,
    attributes: { ...ix.attributes },
    priority: ix.priority,
    queueId: ix.queue?.config.id,
    agentId: ix.agentId,
    createdAt: ix.createdAt,
    timeline: steps.map(timelineEntry),
  };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function timelineEntry(step: TimelineStep): TimelineEntry {
  const event = step.event;
  const entry: Mutable<TimelineEntry> = { at: event.at, type: event.type, state: step.state };
  if (step.agentId !== undefined) entry.agentId = step.agentId;
  if (step.queueId !== undefined) entry.queueId = step.queueId;
  const detail = timelineDetail(event);
  if (detail) entry.detail = detail;
  return entry;
}

function timelineDetail(event: InteractionEvent): TimelineEntry['detail'] {
  switch (event.type) {
    case 'interaction-offered':
      // The reason has exactly the detail's fields: share the (immutable) object.
      return event.reason as unknown as Record<string, string | number>;
    case 'interaction-overflowed':
      return { step: event.step };
    case 'interaction-completed':
      return event.disposition ? { disposition: event.disposition } : undefined;
    case 'interaction-transferred':
      return { target: event.target };
    default:
      return undefined;
  }
}
