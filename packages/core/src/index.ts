/**
 * `@switchboard/core`: the headless contact-center core. Each module also has its own entry
 * (`@switchboard/core/routing`, `/agents`, `/interactions`, `/shared`, ...); this root entry
 * re-exports the most used names.
 *
 * @example
 * ```ts
 * import { RoutingEngine, VirtualClock } from '@switchboard/core';
 *
 * const engine = new RoutingEngine({ clock: new VirtualClock() });
 * engine.addQueue({ id: 'billing', requirements: [{ skill: 'billing', minProficiency: 5 }] });
 * engine.addAgent({ id: 'alice', skills: { billing: 8 } });
 * engine.login('alice');
 * const id = engine.enqueue({ queueId: 'billing', channel: 'voice' });
 * engine.getInteraction(id).agentId; // 'alice'
 * ```
 *
 * @packageDocumentation
 */
export {
  SwitchboardError,
  InvalidTransitionError,
  ValidationError,
  NotFoundError,
  DuplicateIdError,
  systemClock,
  VirtualClock,
  sequentialIds,
  randomIds,
  seededRandom,
  defineMachine,
  MemoryStore,
} from './shared/index.js';
export type {
  Clock,
  IdSource,
  RandomSource,
  Store,
  JournalEntry,
  CoreEvent,
  Listener,
  Unsubscribe,
  ValidationIssue,
  StateMachine,
  TransitionTable,
} from './shared/index.js';
export { Presence, NotReadyReason, DEFAULT_CAPACITY } from './agents/index.js';
export type { AgentConfig, AgentSnapshot } from './agents/index.js';
export { Channel, InteractionState, InteractionTracker } from './interactions/index.js';
export type { InteractionSnapshot, TimelineEntry } from './interactions/index.js';
export { RoutingEngine, StrategyName } from './routing/index.js';
export type {
  RoutingEngineOptions,
  QueueConfig,
  Strategy,
  OverflowStep,
  RoutingEvent,
  RoutingSnapshot,
} from './routing/index.js';
