import type { AgentRecord, InteractionRecord, QueueRecord, RequirementSet } from './records.js';
import type { StrategyName } from './queue-config.js';

/**
 * How the engine finds candidates. Two implementations make identical decisions: the indexed one
 * (default) and a scanning one kept as the baseline for benchmarks and as a test oracle.
 *
 * @internal
 */
export interface RoutingIndex {
  /** The agent's availability or ranking keys changed. */
  agentChanged(agent: AgentRecord): void;
  /** A requirement set was made; its agents' lists of sets grew. */
  requirementSetAdded(rs: RequirementSet): void;
  /** The interaction started waiting, or its overflow tier changed. */
  interactionWaiting(ix: InteractionRecord): void;
  /** The interaction stopped waiting. */
  interactionLeft(ix: InteractionRecord): void;
  /** Best available agent for `ix` among the requirement sets `sets`. */
  pickAgent(
    ix: InteractionRecord,
    sets: readonly RequirementSet[],
    strategy: StrategyName,
  ): AgentRecord | undefined;
  /** Best waiting interaction `agent` may take. */
  pickInteraction(agent: AgentRecord): InteractionRecord | undefined;
  /** The interactions waiting in `queue`, in no particular order. */
  waitingIn(queue: QueueRecord): InteractionRecord[];
}
