import type { AgentConfig } from '../agents/index.js';
import {
  RoutingEngine,
  type QueueConfig,
  type RoutingEngineOptions,
  type RoutingEvent,
} from '../routing/index.js';
import { MemoryStore, VirtualClock, sequentialIds } from '../shared/index.js';

/** What {@link createRoutingFixture} takes. */
export interface RoutingFixtureOptions extends Omit<
  RoutingEngineOptions,
  'clock' | 'store' | 'ids'
> {
  /** Start time, epoch ms. Default 2026-01-05T09:00:00Z (a Monday). */
  start?: number;
  queues?: readonly QueueConfig[];
  agents?: readonly AgentConfig[];
  /** Log these agents in. Default: all of `agents`. */
  loggedIn?: readonly string[];
}

/** An engine on a virtual clock, with its journal. */
export interface RoutingFixture {
  readonly engine: RoutingEngine;
  readonly clock: VirtualClock;
  readonly store: MemoryStore<RoutingEvent>;
  /** The events written so far. */
  events(): RoutingEvent[];
}

/**
 * Builds a {@link RoutingEngine} on a {@link VirtualClock} with sequential ids, so tests of code
 * that uses the router are repeatable and never sleep.
 *
 * @example
 * ```ts
 * const { engine, clock } = createRoutingFixture({
 *   queues: [{ id: 'sales', requirements: [] }],
 *   agents: [{ id: 'ann', skills: {} }],
 * });
 * const id = engine.enqueue({ queueId: 'sales' });
 * clock.advance(20_000); // the offer times out
 * ```
 */
export function createRoutingFixture(options: RoutingFixtureOptions = {}): RoutingFixture {
  const { start, queues, agents, loggedIn, ...engineOptions } = options;
  const clock = new VirtualClock(start ?? Date.UTC(2026, 0, 5, 9));
  const store = new MemoryStore<RoutingEvent>();
  const engine = new RoutingEngine({ ...engineOptions, clock, store, ids: sequentialIds() });
  for (const q of queues ?? []) engine.addQueue(q);
  for (const a of agents ?? []) engine.addAgent(a);
  for (const id of loggedIn ?? (agents ?? []).map((a) => a.id)) engine.login(id);
  return { engine, clock, store, events: () => store.events() };
}
