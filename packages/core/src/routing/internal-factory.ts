// Engines with insides the public options do not offer: the scanning router (the benchmark's
// baseline and the property tests' oracle) and other channel tables. Not exported by the package.
import {
  ENGINE_INTERNALS,
  type EngineInternals,
  type EngineParts,
  type RouterFactory,
} from './engine-internals.js';
import { channelTable } from './channel-table.js';
import { RoutingEngine } from './routing-engine.js';
import { ScanningRouter } from './scanning-router.js';
import type { RoutingEvent } from './routing-events.js';
import type { RoutingEngineOptions } from './routing-options.js';

export type { EngineInternals } from './engine-internals.js';

/** @internal A {@link RoutingEngine} with the given internals. */
export function createRoutingEngine(
  options: RoutingEngineOptions = {},
  internals: EngineInternals = {},
): RoutingEngine {
  return new RoutingEngine(withInternals(options, internals));
}

/** @internal `RoutingEngine.replay` into an engine with the given internals. */
export function replayRoutingEngine(
  journal: Iterable<RoutingEvent | { event: RoutingEvent }>,
  options: RoutingEngineOptions = {},
  internals: EngineInternals = {},
): RoutingEngine {
  return RoutingEngine.replay(journal, withInternals(options, internals));
}

/**
 * @internal Switches `engine` to the scanning router, rebuilt from its current state (the
 * benchmark builds a large state with the index, then measures the baseline on the same events).
 */
export function switchToScanningRouter(engine: RoutingEngine): void {
  engine.useRouter(scanning);
}

const scanning: RouterFactory = (agents, width) => new ScanningRouter(agents, width);

function withInternals(
  options: RoutingEngineOptions,
  internals: EngineInternals,
): RoutingEngineOptions {
  const parts: EngineParts = {
    ...(internals.router === 'scan' ? { router: scanning } : {}),
    ...(internals.channels ? { channels: channelTable(internals.channels) } : {}),
  };
  return { ...options, [ENGINE_INTERNALS]: parts } as RoutingEngineOptions;
}
