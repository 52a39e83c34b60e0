import type { StrategyName } from './queue-config.js';
import type { AgentRecord, InteractionRecord, QueueRecord, RequirementSet } from './records.js';
import type { RoutingIndex } from './routing-index.js';
import { agentBefore, interactionBefore, isAvailable, satisfies } from './routing-rules.js';

/**
 * The straightforward router: every decision scans all agents or all waiting interactions.
 * Same rules and tie-breaks as {@link IndexedRouter}, so it makes identical decisions; it serves as
 * the benchmark baseline and as an oracle in tests.
 *
 * @internal
 */
export class ScanningRouter implements RoutingIndex {
  private readonly waiting = new Set<InteractionRecord>();

  /**
   * @param agents - every agent, in ordinal order (the state's list: it sees agents added later).
   * @param width - how many channels the engine routes.
   */
  constructor(
    private readonly agents: readonly AgentRecord[],
    private readonly width: number,
  ) {}

  agentChanged(): void {
    // Nothing kept: every search reads the records.
  }

  requirementSetAdded(): void {
    // Nothing kept: every search reads the records.
  }

  interactionWaiting(ix: InteractionRecord): void {
    this.waiting.add(ix);
  }

  interactionLeft(ix: InteractionRecord): void {
    this.waiting.delete(ix);
  }

  pickAgent(
    ix: InteractionRecord,
    sets: readonly RequirementSet[],
    strategy: StrategyName,
  ): AgentRecord | undefined {
    let best: AgentRecord | undefined;
    let bestRs: RequirementSet | undefined;
    for (const agent of this.agents) {
      if (!isAvailable(agent, ix.channelIndex) || ix.declined?.has(agent.id)) continue;
      for (const rs of sets) {
        if (!satisfies(agent, rs)) continue;
        if (!best || agentBefore(agent, best, rs, bestRs as RequirementSet, strategy)) {
          best = agent;
          bestRs = rs;
        }
      }
    }
    return best;
  }

  pickInteraction(agent: AgentRecord): InteractionRecord | undefined {
    let open = false;
    for (let c = 0; c < this.width && !open; c++) open = isAvailable(agent, c);
    if (!open) return undefined;
    let best: InteractionRecord | undefined;
    for (const ix of this.waiting) {
      if (!isAvailable(agent, ix.channelIndex) || ix.declined?.has(agent.id)) continue;
      if (best && !interactionBefore(ix, best)) continue;
      const sets = ix.queue?.tiers[ix.step] ?? [];
      if (sets.some((rs) => satisfies(agent, rs))) best = ix;
    }
    return best;
  }

  waitingIn(queue: QueueRecord): InteractionRecord[] {
    return [...this.waiting].filter((ix) => ix.queue === queue);
  }
}
