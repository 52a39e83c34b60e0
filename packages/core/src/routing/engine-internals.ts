// What tests and benchmarks may choose about an engine's insides, through `internal-factory.ts`.

/** @internal The key under which the internal factory passes {@link EngineInternals}. */
export const ENGINE_INTERNALS: unique symbol = Symbol('switchboard.routing.internals');

/** @internal Choices the public options do not offer. */
export interface EngineInternals {
  /** Candidate search: the indexed router (default) or the scanning baseline. */
  readonly router?: 'indexed' | 'scan';
  /** The channel table (default: every `Channel`). */
  readonly channels?: readonly string[];
}

/** @internal Options as the engine reads them. */
export interface InternalOptions {
  readonly [ENGINE_INTERNALS]?: EngineInternals;
}
