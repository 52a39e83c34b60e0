// What tests and benchmarks may choose about an engine's insides, through `internal-factory.ts`.
import type { ChannelTable } from './channel-table.js';
import type { AgentRecord } from './records.js';
import type { RoutingIndex } from './routing-index.js';

/** @internal The key under which the internal factory passes {@link EngineParts}. */
export const ENGINE_INTERNALS: unique symbol = Symbol('switchboard.routing.internals');

/** @internal Choices the public options do not offer. */
export interface EngineInternals {
  /** Candidate search: the indexed router (default) or the scanning baseline. */
  readonly router?: 'indexed' | 'scan';
  /** The channel table (default: every `Channel`). */
  readonly channels?: readonly string[];
}

/**
 * @internal Makes a candidate index over the state's agents (by ordinal) for `width` channels.
 * The engine makes the indexed router unless given another: the scanning router is imported only
 * by the internal factory, so it stays out of the package's routing entry.
 */
export type RouterFactory = (agents: readonly AgentRecord[], width: number) => RoutingIndex;

/** @internal What the engine reads under {@link ENGINE_INTERNALS}. */
export interface EngineParts {
  readonly router?: RouterFactory;
  readonly channels?: ChannelTable;
}

/** @internal Options as the engine reads them. */
export interface InternalOptions {
  readonly [ENGINE_INTERNALS]?: EngineParts;
}
